"""Review values shared by the scheduler, the stores and the views: settings, counts, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import IntEnum


class CardPhase(IntEnum):
    """Where a studied card is in its learning: fsrs's ``State``, by the same numbers.

    The numbers are stored (``"state"`` in each card's FSRS state, the ``phase`` column)
    and queried in SQL, so they never change; a test checks them against fsrs. A card
    never studied has no phase: it is new.
    """

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3

    @property
    def is_learning(self) -> bool:
        """Counted as "learning" (first steps or relearning after a lapse), not "review"."""
        return self in LEARNING_PHASES


#: The phases counted as "learning" in due counts (the rest is REVIEW).
LEARNING_PHASES = (CardPhase.LEARNING, CardPhase.RELEARNING)


def sql_phases(phases: tuple[CardPhase, ...]) -> str:
    """The phases as an SQL list of numbers, for ``phase IN (...)`` ("1, 3")."""
    return ", ".join(str(int(phase)) for phase in phases)


#: How many parameters an FSRS-6 memory model has (the ``fsrs`` and ``fsrs-rs`` format).
FSRS_PARAMETER_COUNT = 21


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """How the learner wants to review.

    Attributes:
        desired_retention: Target chance of recalling a card when it falls due (0.70-0.99).
        new_per_day: Most new cards introduced per day, per guide.
        parameters: The learner's own FSRS-6 parameters (21, fitted by Review Settings > Optimize),
            used for every guide; empty for fsrs's defaults.
    """

    desired_retention: float = 0.90
    new_per_day: int = 20
    parameters: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if not 0.7 <= self.desired_retention <= 0.99:
            raise ValueError("desired retention must be between 0.70 and 0.99")
        if not 0 <= self.new_per_day <= 9999:
            raise ValueError("new cards per day must be between 0 and 9999")
        if len(self.parameters) not in (0, FSRS_PARAMETER_COUNT):
            raise ValueError(f"FSRS-6 has {FSRS_PARAMETER_COUNT} parameters, not {len(self.parameters)}")


@dataclass(frozen=True, slots=True)
class DueCounts:
    """Cards waiting now: never seen (within today's limit), being learned, due for review."""

    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        """All cards waiting."""
        return self.new + self.learning + self.review

    def __add__(self, other: DueCounts) -> DueCounts:
        return DueCounts(self.new + other.new, self.learning + other.learning, self.review + other.review)


@dataclass(frozen=True, slots=True)
class CardEdit:
    """The learner's own change to one card (None keeps the guide's text)."""

    front: str | None = None
    back: str | None = None
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """What a review sitting did, for the end-of-session screen.

    Attributes:
        reviewed: Answers given (a card answered three times counts three).
        forgotten: Answers that were Again.
        seconds: Time spent answering.
        next_due: When the next card of the session falls due, if any.
        cards: Different cards answered.
    """

    reviewed: int
    forgotten: int
    seconds: float
    next_due: datetime | None
    cards: int = 0


def start_of_day(now: datetime) -> datetime:
    """Local midnight before ``now`` (a study day follows the learner's clock), in now's timezone."""
    local = now.astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo).astimezone(now.tzinfo)
