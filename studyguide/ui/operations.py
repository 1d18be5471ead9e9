"""The one operation runner: every write of the window goes through ``OperationRunner.run``.

It runs an ``Op`` (its slow part on the task runner), records its undo step, and emits
``did_execute(changes, initiator)``; the main window hands that to every view. Edit >
Undo and Redo run the recorded steps the same way. The idea is Anki's ``CollectionOp``
plus ``OpChanges``, simpler.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.operations import Done, Op, Step, UndoStack
from studyguide.ui.tasks import TaskRunner
from studyguide.ui.widgets.safe_text import warn


class OperationRunner(QObject):
    """Runs operations, keeps the undo history, and announces what changed.

    Args:
        tasks: The task runner for the slow part of an operation.
        window: Parent of progress dialogs and messages.
        expected: Errors that are the environment's (a full disk, a bad file), told in a
            plain message titled with the operation's ``failure``; anything else is a bug.

    Signals:
        did_execute(object, object): (``Changes``, initiator) after each operation, undo or redo.
        history_changed(): The Undo or Redo label changed.
        message(str): A short note for the status bar.
    """

    did_execute = Signal(object, object)
    history_changed = Signal()
    message = Signal(str)

    def __init__(self, *, tasks: TaskRunner, window: QWidget,
                 expected: tuple[type[BaseException], ...] = (StoreUnavailable,)) -> None:
        super().__init__(window)
        self.tasks = tasks
        self._window = window
        self._expected = expected
        self.history = UndoStack()

    def run(self, op: Op, *, initiator: object, failure: str = "",
            on_done: Callable[[Done], None] | None = None,
            on_failure: Callable[[str, BaseException], None] | None = None) -> Done | None:
        """Run ``op`` and record it for Undo.

        Args:
            op: The operation.
            initiator: Who asked (the view that need not refresh itself), passed on to views.
            failure: The title of the message shown for an expected error (default: "<label> failed").
            on_done: Called with the result once it is applied (after the task, for a slow op).
            on_failure: Tells the user of an expected error (title, error); a message box by default.

        Returns:
            The result for an operation without a slow part (None if it failed), else None.
        """
        return self._execute(op, initiator=initiator, failure=failure or f"{op.label} failed",
                             record=lambda done: self.history.record(op.label, done, op), on_done=on_done,
                             on_failure=on_failure)

    def undo(self, *, initiator: object, fallback: Step | None = None) -> None:
        """Take back the newest step (Edit > Undo), or ``fallback`` when there is none."""
        step = self.history.pop_undo() or fallback
        if step is None:
            self.message.emit("Nothing to undo.")
            return
        self._step(step, self.history.undone, f"Undo {step.label}", "Undone", initiator)

    def redo(self, *, initiator: object) -> None:
        """Do again the step undone last (Edit > Redo)."""
        step = self.history.pop_redo()
        if step is None:
            self.message.emit("Nothing to redo.")
            return
        self._step(step, self.history.redone, f"Redo {step.label}", "Redone", initiator)

    def _step(self, step: Step, record: Callable[[Step, Done], None], failure: str, said: str,
              initiator: object) -> None:
        def recorded(done: Done) -> None:
            record(step, done)
            if not done.message:
                self.message.emit(f"{said}: {step.label}.")

        self._execute(step.reverse, initiator=initiator, failure=f"{failure} failed", record=recorded)

    def _execute(self, op: Op, *, initiator: object, failure: str, record: Callable[[Done], None],
                 on_done: Callable[[Done], None] | None = None,
                 on_failure: Callable[[str, BaseException], None] | None = None) -> Done | None:
        tell = on_failure or self._failed

        def finish(result: object) -> Done | None:
            try:
                done = op.apply(result)
            except self._expected as error:
                tell(failure, error)
                self.history_changed.emit()
                return None
            record(done)
            self.history_changed.emit()
            if done.message:
                self.message.emit(done.message)
            if done.changes:
                self.did_execute.emit(done.changes, op.owner if op.owner is not None else initiator)
            if on_done is not None:
                on_done(done)
            return done

        if op.work is None:
            return finish(None)
        work = op.work
        self.tasks.run(work, on_done=finish, on_error=lambda error: self._on_error(failure, error, tell),
                       label=None if op.progress is None else op.progress or f"{op.label}\u2026", parent=self._window,
                       cancellable=False)
        return None

    def _on_error(self, failure: str, error: BaseException, tell: Callable[[str, BaseException], None]) -> None:
        if not isinstance(error, self._expected):
            raise error  # a bug: the task runner hands it to the crash dialog
        tell(failure, error)
        self.history_changed.emit()

    def _failed(self, title: str, error: BaseException) -> None:
        from studyguide.domain.messages import user_message

        warn(self._window, title, user_message(error))

    def announce(self, changes: Changes, *, initiator: object) -> None:
        """Tell the views about a change that is not an operation (another window saved progress)."""
        if changes:
            self.did_execute.emit(changes, initiator)
