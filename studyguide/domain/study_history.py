"""A guide's review history as it leaves StudyGuide (an Anki export with history).

Pure data, read from the progress database by ``store.progress_export`` and written into
an Anki collection by ``guides.anki_export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class LoggedAnswer:
    """One answer of the review log.

    Attributes:
        card_id: Our card id.
        rating: 1 Again, 2 Hard, 3 Good, 4 Easy.
        reviewed_at: When (UTC).
        duration_ms: How long it took, if known.
        phase_before: The card's phase when answered (``CardPhase``'s numbers), None when new.
        due_after: When the answer scheduled it next.
    """

    card_id: str
    rating: int
    reviewed_at: datetime
    duration_ms: int | None
    phase_before: int | None
    due_after: datetime


@dataclass(frozen=True, slots=True)
class CardSchedule:
    """A studied card's state now.

    Attributes:
        card_id: Our card id.
        phase: 1 learning, 2 review, 3 relearning (``CardPhase``).
        due: When it is next due (UTC).
        stability: FSRS stability (days), if any.
        difficulty: FSRS difficulty (1-10), if any.
        last_review: When it was last answered.
    """

    card_id: str
    phase: int
    due: datetime
    stability: float | None
    difficulty: float | None
    last_review: datetime | None


@dataclass(frozen=True, slots=True)
class StudyHistory:
    """A guide's answers (oldest first), its studied cards' states and the learner's desired retention."""

    answers: tuple[LoggedAnswer, ...] = ()
    cards: tuple[CardSchedule, ...] = ()
    desired_retention: float = 0.9
