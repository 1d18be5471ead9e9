"""What a guide's review sessions share: the undo history, the answers undo may take back, the sitting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studyguide.review.queue import QueueState
from studyguide.store.progress import ProgressStore, UndoConflict
from studyguide.store.progress_rows import UndoneAnswer


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A session's state just before an answer or a suspension, to put back on undo."""

    generation: int
    #: The queue's ids as they were (a page, the cards put in front, the tail: never every card).
    queue: QueueState
    reviewed: int
    forgotten: int
    #: The queue's (new, learning, review) counts then.
    tally: tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One undoable action of a guide: an answer or a suspension.

    Attributes:
        kind: "answer" or "suspend".
        card_id: The card acted on.
        rating: The answer's rating (0 for a suspension).
        owner: The session that did it (its snapshot only fits that session).
        snapshot: That session's state just before.
        answer_id: The answer's review-log row (0 for a suspension).
    """

    kind: str
    card_id: str
    rating: int
    owner: object
    snapshot: Snapshot
    answer_id: int = 0


@dataclass(slots=True)
class Answers:
    """The logged answers of a guide that one library instance (a window, a process) may take back.

    Another window or process on the same library writes to the same log: undo takes back
    only this instance's own answers, newest first, then the answers logged before it
    opened the library, never an answer another instance logged meanwhile.

    Attributes:
        before: Answers logged up to this id were there when the library was opened.
        mine: (log id, card id, when) of this instance's answers in the guide not yet undone,
            oldest first.
    """

    before: int
    mine: list[tuple[int, str, datetime]]

    def undo(self, progress: ProgressStore, answer_id: int) -> UndoneAnswer:
        """Take back one of this instance's answers; it is forgotten once undone or found impossible to undo.

        Raises:
            UndoConflict: It was taken back elsewhere, or its card was answered again since.
            StoreUnavailable: The database is locked, full or read-only (it can be tried again).
        """
        mine = next((entry for entry in reversed(self.mine) if entry[0] == answer_id), None)
        if mine is None:
            raise UndoConflict("That answer was already taken back, so nothing was undone.")
        try:
            undone = progress.undo_answer(answer_id, card_id=mine[1], reviewed_at=mine[2])
        except UndoConflict:
            self._forget(answer_id)
            raise
        self._forget(answer_id)
        return undone

    def _forget(self, answer_id: int) -> None:
        if self.mine and self.mine[-1][0] == answer_id:
            self.mine.pop()
        else:
            self.mine[:] = [entry for entry in self.mine if entry[0] != answer_id]

    def undo_older(self, progress: ProgressStore, guide_id: str) -> UndoneAnswer | None:
        """Take back this instance's newest answer not in the undo history, else the newest logged before it opened.

        Returns:
            What was undone, or None when nothing is left to undo.

        Raises:
            UndoConflict: That answer's card was answered again since (by another instance);
                the next call goes further back.
        """
        if self.mine:
            return self.undo(progress, self.mine[-1][0])
        newest = progress.last_answer_of(guide_id, at_most=self.before)
        if newest is None:
            return None
        # Never look at this answer again (undone or refused): once it is gone, its id may be
        # reused by the next answer logged, which was not logged before this instance opened.
        self.before = newest - 1
        return progress.undo_answer(newest)


@dataclass(slots=True)
class Sitting:
    """One run of study in a guide, shared by its sessions: the summary counts its answers.

    Attributes:
        after_id: Answers logged after this review-log id belong to the sitting.
        started: When it began.
    """

    after_id: int
    started: datetime
