"""Run long jobs (imports, exports) off the UI thread, one at a time, with progress and cancel.

A ``TaskRunner`` owns a single-worker ``concurrent.futures`` executor, so jobs
run in order and never at the same time. A job gets a ``TaskContext`` (a
progress callback and a cancel flag) and must open any database connection
it needs itself, on the worker thread. Its result or exception comes back on
the UI thread through a queued signal; progress does too, throttled, to a
``QProgressDialog`` whose Cancel sets the job's flag. A job that cannot tell how
far it is says each step instead (``TaskContext.say``): its dialog stays busy.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtWidgets import QProgressDialog, QWidget

#: A job's progress dialog shows only once the job has run this long (the issue: "over half a second").
PROGRESS_DELAY_MS = 500


def report_bug(error: BaseException) -> None:
    """Hand an unexpected error to ``sys.excepthook`` (the app's crash dialog), with its traceback."""
    sys.excepthook(type(error), error, error.__traceback__)


class TaskContext:
    """What a job receives: report progress, and check whether to stop.

    (A plain class: a dataclass's methods are compiled as it is made, on the way to the window's first frame.)

    Attributes:
        report: Takes the progress (0..1) and a short label.
        cancel_event: Set when the user pressed Cancel.
    """

    __slots__ = ("cancel_event", "report")

    def __init__(self, report: Callable[[float, str], None], cancel_event: threading.Event | None = None) -> None:
        self.report = report
        self.cancel_event = threading.Event() if cancel_event is None else cancel_event

    def progress(self, fraction: float, label: str = "") -> None:
        """Report how far the job is (0..1) with a short label."""
        self.report(fraction, label)

    def say(self, label: str) -> None:
        """Tell what the job is doing now, for a job that cannot tell how far it is: a busy dialog stays
        busy (no percentage is made up) and shows ``label`` (never dropped, as a fraction may be)."""
        self.report(-1.0, label)

    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        return self.cancel_event.is_set()


class TaskRunner(QObject):
    """One serialized worker for long jobs; results arrive on the UI thread.

    Signals:
        finished(int, object, object): Internal: (job token, result, error), queued to the UI thread.
        progressed(int, float, str): Internal: (job token, fraction, label), queued to the UI thread.
        idle(): No job is running or waiting any more.
    """

    finished = Signal(int, object, object)
    progressed = Signal(int, float, str)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None  # made with the first job (its modules too)
        # Callbacks, dialogs and contexts stay here, on the UI thread: the worker sees only a
        # token, so no Qt wrapper is ever released (and disconnected) on the worker thread.
        self._jobs: dict[int, tuple] = {}
        self._next_token = 0
        self._shut = False
        #: The progress dialog of the latest job that has one (for tests and the window).
        self.progress_dialog: QProgressDialog | None = None
        # Both are emitted on the worker thread only, so Qt's automatic connection queues them to this
        # (the UI) thread (naming the connection type would build Qt's enums before the first frame).
        self.finished.connect(self._on_finished)
        self.progressed.connect(self._on_progressed)

    @property
    def busy(self) -> bool:
        """True while a job is running or waiting."""
        return bool(self._jobs)

    def run(self, job: Callable[[TaskContext], Any], *, on_done: Callable[[Any], object],
            on_error: Callable[[BaseException], None] | None = None, label: str | None = None,
            parent: QWidget | None = None, cancellable: bool = True) -> TaskContext:
        """Start ``job(context)`` on the worker.

        Args:
            job: The work; it gets a ``TaskContext`` and returns a result. It must not hold
                Qt objects, and opens its own database connections.
            on_done: Called on the UI thread with the result.
            on_error: Called on the UI thread with the exception the job raised. By default
                (and for any error ``on_error`` raises again) the error is a bug: it goes to
                ``sys.excepthook``, the crash dialog in the app.
            label: When given, a progress dialog with this label and a Cancel button is shown.
            parent: The progress dialog's parent window.
            cancellable: False for a job that cannot stop halfway (the dialog has no Cancel).

        Returns:
            The job's context (``cancel_event`` cancels it).
        """
        event = threading.Event()
        if self._shut:  # the app is closing: a job a finished one asks for (a chained count) is dropped
            event.set()
            return TaskContext(report=lambda _fraction, _label: None, cancel_event=event)
        token = self._next_token = self._next_token + 1
        dialog = None
        if label is not None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QLabel, QProgressDialog

            # Busy (no percentage) until the job reports its first fraction.
            text = QLabel()  # a guide's title is shown as written, never as HTML (it could name a file)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setText(label)
            dialog = QProgressDialog("", "Cancel", 0, 0, parent)
            dialog.setLabel(text)
            dialog.setWindowTitle("StudyGuide")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            # The constructor armed the show timer with Qt's default 4 s, and setMinimumDuration
            # re-arms it only at the minimum value: setValue(0) starts it with our delay.
            dialog.setValue(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.canceled.connect(lambda: event.set())
            self.progress_dialog = dialog
        last = [0.0]
        progressed = self.progressed

        def report(fraction: float, text: str) -> None:
            now = time.monotonic()
            if fraction < 0:  # a step said (``say``): a label only, never dropped
                progressed.emit(token, fraction, text)
            elif now - last[0] > 0.05 or fraction >= 1:
                last[0] = now
                progressed.emit(token, fraction, text)

        context = TaskContext(report=report, cancel_event=event)
        self._jobs[token] = (on_done, on_error or report_bug, dialog, context)
        finished = self.finished

        def work() -> None:
            try:
                result = job(context)
            except BaseException as error:  # noqa: BLE001 - handed to on_error on the UI thread
                finished.emit(token, None, error)
            else:
                finished.emit(token, result, None)

        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studyguide-task")
        self._executor.submit(work)
        return context

    def _on_progressed(self, token: int, fraction: float, text: str) -> None:
        job = self._jobs.get(token)
        dialog = job[2] if job else None
        if dialog is not None and not dialog.wasCanceled():
            if fraction >= 0:
                if dialog.maximum() == 0:
                    dialog.setRange(0, 1000)
                dialog.setValue(max(0, min(999, int(fraction * 1000))))
            if text:
                dialog.setLabelText(text)

    def _on_finished(self, token: int, result: object, error: BaseException | None) -> None:
        on_done, on_error, dialog, _context = self._jobs.pop(token)
        if dialog is not None:
            # reset() stops the dialog's show timer: on_done may open a modal dialog of its own
            # (the notes review), whose event loop would otherwise let the timer pop this one
            # up over it, window-modal, before deleteLater is processed.
            dialog.reset()
            had_focus = dialog.isActiveWindow()
            dialog.hide()  # not close(): closing a progress dialog emits canceled
            dialog.deleteLater()
            parent = dialog.parentWidget()
            if had_focus and parent is not None:  # its window takes the keys again (Ctrl+Z after an import):
                parent.window().activateWindow()  # not every window manager gives it back, offscreen none
        try:
            if error is not None:
                on_error(error)
            else:
                on_done(result)
        finally:
            if not self._jobs:
                self.idle.emit()

    def shutdown(self) -> None:
        """Ask every job to stop, then wait for the worker to end (at application exit).

        An import stops at its next check and leaves nothing behind; a step that
        cannot stop halfway (writing a guide's database) finishes first.
        """
        self._shut = True
        for _on_done, _on_error, _dialog, context in self._jobs.values():
            context.cancel_event.set()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
