"""One card's merged log replayed with the card browser's Forget and Set Due Date among its answers.

``journal.replay_card`` replays answers only; a card with forget or set-due events (the card
browser's, from any device) is replayed here: answers and events in one time order (then by
entry key), each event changing the state the replay reached (``CardEvent.apply``), each answer
kept or scheduled again exactly as ``replay_card`` does. See docs/sync.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from studyguide.domain.card_events import CardEvent
from studyguide.domain.journal import LoggedAnswer, Replayed, Reschedule, replay


def replay_timeline(answers: Iterable[LoggedAnswer], events: Iterable[CardEvent],
                    reschedule: Reschedule) -> tuple[list[Replayed], str | None]:
    """Replay one card's answers and events in time order; returns the answers' replayed states and
    the card's last state (None: new, as after a forget or with no answer)."""
    state: str | None = None
    replayed = []
    timeline: list[LoggedAnswer | CardEvent] = [*answers, *events]
    for item in sorted(timeline, key=lambda i: i.order()):
        if isinstance(item, CardEvent):
            state = item.apply(state)
            continue
        if item.previous_state == state:
            new = item.new_state
        else:
            before = None if state is None else json.loads(state)
            new = json.dumps(reschedule(item.guide_id, item.card_id, before, item.rating, item.moment))
        replayed.append(Replayed(item, state, new))
        state = new
    return replayed, state


Card = tuple[str, str]


def replay_cards(answers: Iterable[LoggedAnswer], events: dict[Card, list[CardEvent]],
                 reschedule: Reschedule) -> tuple[dict[Card, list[Replayed]], dict[Card, str | None]]:
    """Replay a merged log card by card: cards with events by ``replay_timeline``, the others by
    ``journal.replay``; returns each card's replayed answers and its last state (None: new)."""
    timed: dict[Card, list[LoggedAnswer]] = {key: [] for key in events}
    plain = []
    for answer in answers:
        key = (answer.guide_id, answer.card_id)
        if key in timed:
            timed[key].append(answer)
        else:
            plain.append(answer)
    result = replay(plain, reschedule)
    ends: dict[Card, str | None] = {key: group[-1].new_state for key, group in result.items()}
    for key, card_answers in timed.items():
        group, ends[key] = replay_timeline(card_answers, events[key], reschedule)
        if group:
            result[key] = group
    return result, ends
