"""Operations and the undo history: every write is an ``Op`` that returns ``Done``.

Qt-free (the UI's ``OperationRunner`` runs these on the UI thread or the task runner).
An operation's ``Done`` carries the ``Op`` that takes it back; running that ``Op`` gives
a ``Done`` whose own ``undo`` is the redo. So undo and redo are the same mechanism, and
a redone delete gets a fresh undo (a new trash copy) just as the first delete did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studyguide.domain.changes import Changes

#: How many steps Undo keeps (Anki keeps 30).
UNDO_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Done:
    """What an operation did.

    Attributes:
        changes: What changed, for the views.
        undo: The operation that takes this one back, or None when it cannot be undone.
        message: A short note for the status bar ("" for none).
        clears_history: True when older steps can no longer be undone (a restored backup).
    """

    changes: Changes
    undo: Op | None = None
    message: str = ""
    clears_history: bool = False


@dataclass(frozen=True, slots=True)
class Op:
    """One write, named for the Edit menu.

    Attributes:
        label: What the user did, as in "Undo <label>" ("Answer", "Delete Guide").
        apply: Runs on the UI thread; gets ``work``'s result (None without ``work``).
        work: Slow part (file moves, building a database), run on the task runner first;
            it gets the task context and must not touch the UI thread's connections.
        progress: Progress dialog text while ``work`` runs ("" for the label).
        owner: The view that runs it and shows its result itself (the initiator views are
            told about), or None for the one who asked.
    """

    label: str
    apply: Callable[[Any], Done]
    work: Callable[[Any], Any] | None = None
    progress: str = ""
    owner: object = None


@dataclass(frozen=True, slots=True)
class Step:
    """An entry of the undo or redo list: the user's label and the operation that reverses it."""

    label: str
    reverse: Op


class UndoStack:
    """The window's undo and redo lists (at most ``limit`` steps each)."""

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def record(self, label: str, done: Done) -> None:
        """Remember a new operation: redo is forgotten, as in every editor."""
        if done.undo is None and not done.changes and not done.clears_history:
            return  # nothing happened (no card on screen): the history stays as it was
        if done.clears_history:
            self._undo.clear()
        self._redo.clear()
        if done.undo is not None:
            self._push(self._undo, Step(label, done.undo))

    def _push(self, stack: list[Step], step: Step) -> None:
        stack.append(step)
        del stack[:-self.limit]

    def undo_label(self) -> str | None:
        """What Undo would take back ("Answer"), or None."""
        return self._undo[-1].label if self._undo else None

    def redo_label(self) -> str | None:
        """What Redo would do again, or None."""
        return self._redo[-1].label if self._redo else None

    def pop_undo(self) -> Step | None:
        """Take the newest undo step (the caller runs it, then calls ``undone``)."""
        return self._undo.pop() if self._undo else None

    def pop_redo(self) -> Step | None:
        """Take the newest redo step (the caller runs it, then calls ``redone``)."""
        return self._redo.pop() if self._redo else None

    def undone(self, step: Step, done: Done) -> None:
        """A step was taken back: what ``done`` says reverses that is the redo."""
        if done.undo is not None:
            self._push(self._redo, Step(step.label, done.undo))

    def redone(self, step: Step, done: Done) -> None:
        """A step was done again: it can be undone again."""
        if done.undo is not None:
            self._push(self._undo, Step(step.label, done.undo))

    def clear(self) -> None:
        """Forget every step."""
        self._undo.clear()
        self._redo.clear()

    def __len__(self) -> int:
        return len(self._undo)
