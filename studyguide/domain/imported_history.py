"""Review history brought in from another program (Anki): answers and each card's state then.

Pure data. ``review.imported`` turns it into our FSRS states (from the program's own
memory state where it had one, else by replaying the answers) and the store writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


class ImportedReview(NamedTuple):
    """One answer: our card id, the rating (1 Again - 4 Easy), when (UTC), how long it took, and the
    card's phase when it was given (``CardPhase``'s numbers, as the other program logged it).

    A named tuple rather than a frozen dataclass: an import makes one per answer (50,000 in the
    benchmark deck), and a tuple is made in a fifth of the time."""

    card_id: str
    rating: int
    reviewed_at: datetime
    duration_ms: int | None = None
    phase_before: int | None = None


class ImportedState(NamedTuple):
    """A card's state in the other program (a named tuple, as ``ImportedReview``: one a card, 12,000 in the
    benchmark deck, made in a third of a frozen dataclass's time).

    Attributes:
        card_id: Our card id.
        phase: 1 learning, 2 review, 3 relearning (``CardPhase``), None for a new card.
        due: When it is next due (UTC), if known.
        stability: Its FSRS memory state, when the program had one (days) ...
        difficulty: ... and difficulty (1-10).
        suspended: Whether it was suspended.
        parameters: The FSRS parameters of its deck's preset in the other program, as it stored
            them (Anki: FSRS-6's 21 numbers, FSRS-5's 19 or FSRS-4's 17); empty for none. A replay
            of its answers uses them (``review.imported``).
    """

    card_id: str
    phase: int | None
    due: datetime | None
    stability: float | None = None
    difficulty: float | None = None
    suspended: bool = False
    parameters: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class ImportedHistory:
    """Answers (oldest first) and card states of an imported guide (weakly referable: ``review.replay_ahead``)."""

    reviews: tuple[ImportedReview, ...]
    states: tuple[ImportedState, ...]

    @property
    def suspended(self) -> tuple[str, ...]:
        """The ids of the suspended cards."""
        return tuple(s.card_id for s in self.states if s.suspended)
