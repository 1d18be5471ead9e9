"""An Anki collection's review log (``revlog``) and card states, keyed by our card ids.

Anki's cards: ``type`` 0 new, 1 learning, 2 review, 3 relearning; ``queue`` -1 when
suspended; ``due`` a day number from the collection's creation (``col.crt``) for review
cards and day-learning, else seconds since the epoch; ``data`` JSON holding the FSRS
memory state (``s`` stability, ``d`` difficulty) when FSRS was on. The review log: ``id``
the answer's time in ms, ``ease`` the button 1-4 (0 for a manual reschedule, skipped),
``time`` the milliseconds taken.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from studyguide.domain.imported_history import ImportedHistory, ImportedReview, ImportedState
from studyguide.domain.review import CardPhase
from studyguide.store.anki import AnkiCollection

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: The review log's type (0 learning, 1 review, 2 relearning, 3 in a filtered deck) as our phase.
_LOGGED_PHASE = {0: CardPhase.LEARNING, 1: CardPhase.REVIEW, 2: CardPhase.RELEARNING, 3: CardPhase.REVIEW}


#: A JSON number, as ``json`` reads one.
_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
#: A card's ``data`` as Anki writes it: compact JSON, its memory state first, then only other numbers
#: (no second "s" or "d", no escape or control character in a key): its stability and difficulty read without ``json``.
_MEMORY = re.compile(rf'\{{"s":({_NUMBER}),"d":({_NUMBER})(?:,"(?!s"|d")[^"\\\x00-\x1f]*":{_NUMBER})*\}}')


def _memory(data: object) -> tuple[float | None, float | None]:
    if data in ("", "{}"):  # no memory state (FSRS off), as most cards of most collections: nothing to parse
        return None, None
    if type(data) is str and (match := _MEMORY.fullmatch(data)) is not None:  # what json.loads would give
        stability, difficulty = float(match[1]), float(match[2])
        return (stability, difficulty) if stability > 0 and 1 <= difficulty <= 10 else (None, None)
    return _memory_by_json(data)


def _memory_by_json(data: object) -> tuple[float | None, float | None]:
    """A card's memory state read from its ``data`` by ``json`` (what ``_memory``'s pattern must agree with)."""
    try:
        found = json.loads(data) if isinstance(data, str) and data else {}
    except (json.JSONDecodeError, RecursionError):
        return None, None
    if not isinstance(found, dict):
        return None, None
    s, d = found.get("s"), found.get("d")
    if isinstance(s, (int, float)) and isinstance(d, (int, float)) and s > 0 and 1 <= d <= 10:
        return float(s), float(d)
    return None, None


def _due(kind: int, queue: int, due: object, created: int) -> datetime | None:
    if not isinstance(due, int):
        return None
    try:
        if kind == 2 or queue == 3 or (kind in (1, 3) and due < 1_000_000):  # a day number
            return _EPOCH + timedelta(seconds=created) + timedelta(days=due)
        if kind in (1, 3):
            return _EPOCH + timedelta(seconds=due)
    except OverflowError:
        return None
    return None


def gather(collection: AnkiCollection, card_of: dict[tuple[int, int], str]) -> ImportedHistory | None:
    """The reviews and states of the cards imported (``card_of``: (note id, ord) -> our id); None if none."""
    ours: dict[int, str] = {}
    states = []
    parameters = collection.deck_parameters
    new, state = tuple.__new__, ImportedState
    for cid, nid, did, ord_, kind, queue, due, _ivl, _reps, _lapses, data in collection.cards:
        card_id = card_of.get((nid, ord_))
        if card_id is None:
            continue
        ours[cid] = card_id
        phase = kind if kind in (1, 2, 3) else None
        stability, difficulty = _memory(data)
        # ImportedState(card_id, phase, due, stability, difficulty, suspended, parameters), as the reviews below
        states.append(new(state, (card_id, phase, _due(kind, queue, due, collection.created) if phase else None,
                                  stability, difficulty, queue == -1, parameters.get(did, ()))))
    reviews, epoch, milliseconds = [], _EPOCH, timedelta(milliseconds=1)
    answer, phases = ImportedReview, _LOGGED_PHASE
    for rid, cid, ease, kind, taken in collection.revlog:
        card_id = ours.get(cid)
        if card_id is None or ease not in (1, 2, 3, 4) or kind not in (0, 1, 2, 3) or type(rid) is not int:
            continue
        try:
            when = epoch + milliseconds * rid
        except OverflowError:
            continue
        # ImportedReview(card_id, ease, when, duration, phase) without its keyword-taking __new__ (50,000 times)
        reviews.append(new(answer, (card_id, ease, when, taken if type(taken) is int and 0 <= taken < 86_400_000
                                    else None, phases[kind])))
    if not reviews and not any(s.suspended or s.phase for s in states):
        return None
    return ImportedHistory(reviews=tuple(reviews), states=tuple(states))
