"""A guide's exam report (today's plan, each section's predicted recall) computed on the task runner
for the views that show it: the Sections view, the timeline's tint, the Exam Date dialog's preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studyguide.domain.errors import StoreUnavailable

if TYPE_CHECKING:
    from studyguide.domain.exam import ExamGoal, ExamReport
    from studyguide.ui.services import ReaderServices
    from studyguide.ui.tasks import TaskRunner


def _expected(error: BaseException) -> None:
    """A guide deleted or a file locked meanwhile shows nothing; anything else is a bug."""
    if not isinstance(error, StoreUnavailable):
        raise error  # the task runner hands it to the crash dialog


class ExamStatus(QObject):
    """Asks the task runner for a guide's exam report, one at a time, and says when it arrives.

    Args:
        library: The review service and the guides' content.
        tasks: The task runner.
        parent: The owner.

    Signals:
        reported(str, object): A guide's report arrived (guide id, ``ExamReport`` or None without an exam).
    """

    reported = Signal(str, object)

    def __init__(self, *, library: ReaderServices, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        #: The latest report of each guide asked about (None: it has no exam).
        self.reports: dict[str, ExamReport | None] = {}
        self._running: str | None = None
        self._again: set[str] = set()

    def request(self, guide_id: str) -> None:
        """Compute the guide's report again on the task runner; ``reported`` says when it is there."""
        if self._running is not None:  # one at a time: asked again when this one arrives
            self._again.add(guide_id)
            return
        self._running = guide_id  # its stored exam, read on the worker: the plan the due counts follow
        self._run(guide_id, None, lambda report: self._arrived(guide_id, report), self._failed)

    def preview(self, guide_id: str, goal: ExamGoal, on_done: Callable[[ExamReport | None], object]) -> None:
        """Compute the report ``goal`` would give the guide on the task runner (the dialog's preview)."""
        self._run(guide_id, goal, on_done, _expected)

    def _run(self, guide_id: str, goal: ExamGoal | None, on_done: Callable[[ExamReport | None], object],
             on_error: Callable[[BaseException], None]) -> None:
        review, path = self._library.review, self._library.content(guide_id).path
        self._tasks.run(lambda _ctx: review.exam_report(guide_id, path, goal), on_done=on_done, on_error=on_error)

    def _arrived(self, guide_id: str, report: ExamReport | None) -> None:
        if self._running == guide_id:
            self._running = None
        self.reports[guide_id] = report
        self.reported.emit(guide_id, report)
        self._next()

    def _failed(self, error: BaseException) -> None:
        self._running = None
        _expected(error)
        self._next()  # the guide went away meanwhile: nothing to show

    def _next(self) -> None:
        if self._again and self._running is None:
            self.request(self._again.pop())
