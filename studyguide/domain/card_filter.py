"""Card-state filters of the query language and the rows of the card browser (pure values).

A ``CardFilter`` is one of ``is:new``, ``due:3``, ``rated:2:1``, ``lapses>2``, ``prop:r<0.8``...
as parsed by ``studyguide.search.card_filters``; the store turns it into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The browser's columns, kept in a module of their own (the command line's parser reads them).
from studyguide.domain.card_columns import COLUMN_KEYS as COLUMN_KEYS
from studyguide.domain.card_columns import COLUMNS as COLUMNS

#: What ``is:`` accepts, and the state each name means.
IS_NAMES = {
    "new": "new", "learn": "learn", "learning": "learn", "review": "review", "due": "due",
    "suspended": "suspended", "lapsed": "lapsed",
}
#: ``prop:`` properties (and ``lapses``/``reviews`` without ``prop:``), by the names accepted.
PROPS = {
    "ivl": "ivl", "interval": "ivl", "r": "r", "retrievability": "r", "s": "stability",
    "stability": "stability", "d": "difficulty", "difficulty": "difficulty", "due": "due",
    "lapses": "lapses", "reps": "reviews", "reviews": "reviews",
}
#: Comparison operators, longest first (so ``>=`` is not read as ``>``).
OPERATORS = (">=", "<=", "!=", ">", "<", "=")


@dataclass(frozen=True, slots=True)
class CardFilter:
    """One card-state filter.

    Attributes:
        name: ``is``, ``due``, ``rated``, ``added``, ``edited`` or ``prop``.
        value: For ``is`` the state (``IS_NAMES`` values); for ``prop`` the property
            (``PROPS`` values); else empty.
        op: For ``prop``, the comparison (``OPERATORS``).
        number: The days (``due``, ``rated``, ``added``, ``edited``) or the compared number.
        rating: For ``rated``, only answers with this rating (1-4), or None.
        negated: Written with a leading ``-``: cards that do not match.
    """

    name: str
    value: str = ""
    op: str = "="
    number: float = 0.0
    rating: int | None = None
    negated: bool = False




@dataclass(frozen=True, slots=True)
class CardRow:
    """One card as the browser lists it.

    Attributes:
        guide_id, card_id: The card's stable key.
        question, answer: Its text as the learner sees it (their edits applied).
        section_id, section: The section it comes from (id and title).
        guide: The guide's title.
        tags: Its tags (a user's guide), in order.
        state: ``new``, ``learning``, ``review`` or ``relearning``.
        suspended: Suspended by the learner.
        due: When it falls due (None: new).
        interval: Days between its last review and its due time (None: new).
        stability, difficulty: Its FSRS memory state (None: new).
        retrievability: The chance of recalling it now (None: new).
        lapses: Times forgotten after it had been learned.
        reviews: Answers given.
        added: When it was added (``store.card_added``: its own time, else when the library first saw its guide).
        edited: When the learner last changed its text, if ever.
    """

    guide_id: str
    card_id: str
    question: str
    answer: str
    section_id: str
    section: str
    guide: str
    tags: tuple[str, ...]
    state: str
    suspended: bool
    due: datetime | None
    interval: float | None
    stability: float | None
    difficulty: float | None
    retrievability: float | None
    lapses: int
    reviews: int
    added: datetime | None = None
    edited: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One answer of a card, from the review log.

    Attributes:
        at: When it was given.
        rating: 1 Again, 2 Hard, 3 Good, 4 Easy.
        seconds: Time taken to answer.
        stability: The card's stability after it (days), if known.
        due: When it fell due next.
    """

    at: datetime
    rating: int
    seconds: float
    stability: float | None
    due: datetime | None


def retrievability(days: float, stability: float, *, decay: float, factor: float) -> float:
    """FSRS's forgetting curve: the chance of recall ``days`` after a review, at ``stability``."""
    return float((1 + factor * max(days, 0.0) / stability) ** decay)
