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
        burst: Consecutive operations with the same (non-None) burst, with nothing else in
            between, are one undo step whose undo is the first one's (a section's autosaves
            while it is being typed: Undo takes back the whole burst, as text editors do).
    """

    changes: Changes
    undo: Op | None = None
    message: str = ""
    clears_history: bool = False
    burst: object = None


@dataclass(frozen=True, slots=True)
class Op:
    """One write, named for the Edit menu.

    Attributes:
        label: What the user did, as in "Undo <label>" ("Answer", "Delete Guide").
        apply: Runs on the UI thread; gets ``work``'s result (None without ``work``).
        work: Slow part (file moves, building a database), run on the task runner first;
            it gets the task context and must not touch the UI thread's connections.
        progress: Progress dialog text while ``work`` runs ("" for the label; None: no dialog, for work the
            learner did not ask for, such as a sync the sync folder started).
        owner: The view that runs it and shows its result itself (the initiator views are
            told about), or None for the one who asked.
    """

    label: str
    apply: Callable[[Any], Done]
    work: Callable[[Any], Any] | None = None
    progress: str | None = ""
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
        self._burst: object = None  # the burst the newest undo step belongs to, while it is open
        self._burst_start: Op | None = None  # the undo of its first operation

    def record(self, label: str, done: Done, op: Op | None = None) -> None:
        """Remember a new operation ``op`` that gave ``done``: redo is forgotten, as in every editor.

        An operation of the burst the newest step holds (``Done.burst``) adds no step: that step
        now takes the whole burst back, and its redo does ``op`` again.
        """
        if done.undo is None and not done.changes and not done.clears_history:
            return  # nothing happened (no card on screen): the history stays as it was
        if done.clears_history:
            self._undo.clear()
        self._redo.clear()
        if done.undo is not None and done.burst is not None and done.burst == self._burst and self._undo:
            if op is not None and self._burst_start is not None:
                self._undo[-1] = Step(self._undo[-1].label, _burst_undo(self._burst_start, op))
            return
        if done.undo is not None:
            self._push(self._undo, Step(label, done.undo))
        self._burst = done.burst if done.undo is not None else None
        self._burst_start = done.undo if self._burst is not None else None

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
        self._burst = None
        return self._undo.pop() if self._undo else None

    def pop_redo(self) -> Step | None:
        """Take the newest redo step (the caller runs it, then calls ``redone``)."""
        self._burst = None
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
        self._burst = None
        self._undo.clear()
        self._redo.clear()

    def __len__(self) -> int:
        return len(self._undo)


def _burst_undo(first_undo: Op, last: Op) -> Op:
    """The undo of a burst: ``first_undo`` (back to before the burst), whose redo does ``last``
    again (whose own undo is this one again), so Undo, Redo, Undo... go between the two states."""

    def undo(result: Any) -> Done:
        done = first_undo.apply(result)
        return Done(done.changes, undo=redo_op, message=done.message)

    def redo(result: Any) -> Done:
        done = last.apply(result)
        return Done(done.changes, undo=undo_op, message=done.message)

    undo_op = Op(first_undo.label, apply=undo)
    redo_op = Op(last.label, apply=redo)
    return undo_op
