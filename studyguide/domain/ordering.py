"""The "Put these in order" game, free of Qt: deal events whose order is certain, and score an answer.

Only events whose date spans do not overlap are dealt together, so there is
always exactly one right order ("October 1962" and "October 22, 1962" are
never dealt together: either could come first).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from studyguide.domain.guide import Event

MIN_DEAL = 4
MAX_DEAL = 6


def _overlaps(a: Event, b: Event) -> bool:
    return a.when.first() < b.when.last() and b.when.first() < a.when.last()


def deal(events: Sequence[Event], *, rng: random.Random, count: int | None = None) -> list[Event]:
    """Pick events to order, shuffled, none overlapping another in time.

    Args:
        events: The guide's events.
        rng: The random source (inject a seeded ``random.Random`` for repeatable deals).
        count: How many to deal; a random number from 4 to 6 when omitted.

    Returns:
        Up to ``count`` events in a shuffled order (fewer when the guide has
        fewer events with distinct dates; empty when fewer than two).
    """
    wanted = count if count is not None else rng.randint(MIN_DEAL, MAX_DEAL)
    pool = list(events)
    rng.shuffle(pool)
    chosen: list[Event] = []
    for event in pool:
        if len(chosen) == wanted:
            break
        if not any(_overlaps(event, other) for other in chosen):
            chosen.append(event)
    if len(chosen) < 2:
        return []
    if [e.id for e in chosen] == [e.id for e in right_order(chosen)]:
        # A deal already in order gives the game away: swap the first two.
        chosen[0], chosen[1] = chosen[1], chosen[0]
    return chosen


def right_order(events: Sequence[Event]) -> list[Event]:
    """The events in time order."""
    return sorted(events, key=lambda e: (e.when.sort_key(), e.position))


@dataclass(frozen=True, slots=True)
class Score:
    """How well an answer ordered the events.

    Attributes:
        in_place: Events at their right position.
        total: Events dealt.
        pairs_right: Pairs the answer puts in the right relative order.
        pairs_total: All pairs (n * (n - 1) / 2).
        correct: Event ids in the right order.
        placed_right: For each answer position, whether the event there is in its right place.
    """

    in_place: int
    total: int
    pairs_right: int
    pairs_total: int
    correct: tuple[str, ...]
    placed_right: tuple[bool, ...]

    @property
    def perfect(self) -> bool:
        """True when every event is in its place."""
        return self.in_place == self.total

    def summary(self) -> str:
        """The score in words."""
        if self.perfect:
            return f"All {self.total} in the right order!"
        return (f"{self.in_place} of {self.total} in the right place; "
                f"{self.pairs_right} of {self.pairs_total} pairs in the right order")


def score(answer_ids: Sequence[str], events: Sequence[Event]) -> Score:
    """Score an ordering of dealt events.

    Args:
        answer_ids: The user's order, earliest first (ids of ``events``).
        events: The events that were dealt.

    Raises:
        ValueError: If ``answer_ids`` is not an arrangement of the dealt events.
    """
    correct = [e.id for e in right_order(events)]
    if sorted(answer_ids) != sorted(correct):
        raise ValueError("the answer must order exactly the dealt events")
    rank = {event_id: i for i, event_id in enumerate(correct)}
    placed = tuple(rank[event_id] == i for i, event_id in enumerate(answer_ids))
    n = len(answer_ids)
    pairs_right = sum(1 for i in range(n) for j in range(i + 1, n) if rank[answer_ids[i]] < rank[answer_ids[j]])
    return Score(in_place=sum(placed), total=n, pairs_right=pairs_right, pairs_total=n * (n - 1) // 2,
                 correct=tuple(correct), placed_right=placed)
