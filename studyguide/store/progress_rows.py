"""What the progress store hands back: a card's stored state, a saved answer, an answer taken back.

Apart from ``store.progress``, so that opening the progress file (on the way to the window) makes none of their
classes: a frozen dataclass takes about 4 M instructions to make (Python compiles each of its methods).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class CardProgress:
    """A card's stored scheduling state.

    Attributes:
        card_id: The card's stable id.
        state: The scheduler's own serialised state (opaque to the store).
        due: When the card is next due (timezone-aware UTC).
    """

    card_id: str
    state: dict[str, Any]
    due: datetime


@dataclass(frozen=True, slots=True)
class UndoneAnswer:
    """What ``undo_answer`` or ``undo_last_answer`` took back."""

    card_id: str
    rating: int


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """An answer as saved by ``record_scheduled_answer``.

    Attributes:
        answer_id: Its review-log row (what undo takes back).
        previous_state: The card's state it was scheduled from, as stored when it was saved.
        new_state: The card's state after it.
        due: When the card is next due.
    """

    answer_id: int
    previous_state: dict[str, Any] | None
    new_state: dict[str, Any]
    due: datetime
