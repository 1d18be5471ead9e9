"""What a guide's review sessions share: the undo history and the sitting its summary counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studyguide.store.progress import CardProgress


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A session's state just before an answer or a suspension, to put back on undo."""

    generation: int
    queue: tuple[str, ...]
    phase_entry: tuple[int, datetime] | None
    state_entry: CardProgress | None
    had_state: bool
    reviewed: int
    forgotten: int


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One undoable action of a guide: an answer or a suspension.

    Attributes:
        kind: "answer" or "suspend".
        card_id: The card acted on.
        rating: The answer's rating (0 for a suspension).
        owner: The session that did it (its snapshot only fits that session).
        snapshot: That session's state just before.
    """

    kind: str
    card_id: str
    rating: int
    owner: object
    snapshot: Snapshot


@dataclass(slots=True)
class Sitting:
    """One run of study in a guide, shared by its sessions: the summary counts its answers.

    Attributes:
        after_id: Answers logged after this review-log id belong to the sitting.
        started: When it began.
    """

    after_id: int
    started: datetime
