"""Review > Exam Date…: the exam, its target and daily budget, and the plan's daily workload."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.exam import ExamGoal, ExamPlan
from studyguide.domain.stats import plural
from studyguide.operations import Done, Op
from studyguide.ui.widgets.date_format import unambiguous_date_format

if TYPE_CHECKING:
    from studyguide.ui.exam_status import ExamStatus
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import ReviewServices

#: Days of the plan listed in the dialog.
DAYS_LISTED = 14


def plan_text(plan: ExamPlan | None) -> str:
    """The plan as the dialog and the Sections view say it: its line, its warning (rich text)."""
    if plan is None:
        return ""
    text = html.escape(plan.summary())
    if plan.warning:
        text += f"<br><span style='color:#d9534f'>{html.escape(plan.warning)}</span>"
    return text


def workload_text(plan: ExamPlan | None) -> str:
    """The first days of the plan: new cards, reviews and minutes each day (rich text)."""
    if plan is None or not plan.days:
        return ""
    rows = "".join(f"<tr><td>{d.day.strftime('%a %d %b')}</td><td align=right>{d.new} new</td>"
                   f"<td align=right>{plural(d.reviews, 'review')}</td><td align=right>~{d.minutes:.0f} min</td></tr>"
                   for d in plan.days[:DAYS_LISTED])
    more = f"<br>and {plural(len(plan.days) - DAYS_LISTED, 'more day')}" if len(plan.days) > DAYS_LISTED else ""
    return f"<table cellspacing=4>{rows}</table>{more}"


class ExamDialog(QDialog):
    """Asks for an exam date, a target recall and a daily budget, and shows the plan as they change
    (computed on the task runner; a plan for values changed since is dropped).

    Args:
        goal: The guide's exam now (None: none yet).
        today: The first day the exam may be on.
        preview: Computes the plan for a goal and hands it to its second argument.
        parent: The window.

    Signals:
        plan_shown(): The plan for the values on screen is shown.
    """

    plan_shown = Signal()

    def __init__(self, *, goal: ExamGoal | None, today: date,
                 preview: Callable[[ExamGoal, Callable[[ExamPlan | None], None]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Exam Date")
        self.setMinimumWidth(380)
        self._preview = preview
        self._asked = 0
        self.enabled = QCheckBox("&Plan for an exam")
        self.enabled.setChecked(goal is not None)
        self.day = QDateEdit()
        self.day.setDisplayFormat(unambiguous_date_format(self.day.locale()))  # not "31 12 2026" (C locale)
        self.day.setCalendarPopup(True)
        self.day.setMinimumDate(QDate(today.year, today.month, today.day))
        shown = goal.day if goal else date.fromordinal(today.toordinal() + 28)
        self.day.setDate(QDate(shown.year, shown.month, shown.day))
        self.target = QSpinBox()
        self.target.setRange(50, 99)
        self.target.setSuffix(" % recall")
        self.target.setValue(round((goal.target if goal else 0.9) * 100))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 600)
        self.minutes.setSuffix(" min a day")
        self.minutes.setValue(goal.minutes_per_day if goal else 30)
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.plan.setTextFormat(Qt.TextFormat.RichText)
        self.workload = QLabel()
        self.workload.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow("Exam &date:", self.day)
        form.addRow("&Target:", self.target)
        form.addRow("&Budget:", self.minutes)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan)
        layout.addWidget(self.workload)
        layout.addWidget(box)
        for signal in (self.enabled.toggled, self.day.dateChanged, self.target.valueChanged,
                       self.minutes.valueChanged):
            signal.connect(self._follow)
        self._follow()

    def goal(self) -> ExamGoal | None:
        """The exam asked for (None: no exam)."""
        if not self.enabled.isChecked():
            return None
        day = self.day.date()
        return ExamGoal(date(day.year(), day.month(), day.day()), self.target.value() / 100, self.minutes.value())

    def _follow(self) -> None:
        goal = self.goal()
        for field in (self.day, self.target, self.minutes):
            field.setEnabled(goal is not None)
        self._asked += 1
        asked = self._asked
        if goal is None:
            self._show(asked, None)
        else:
            self.plan.setText(self.plan.text() or "Planning\u2026")
            self._preview(goal, lambda plan: self._show(asked, plan))

    def _show(self, asked: int, plan: ExamPlan | None) -> None:
        if asked != self._asked:  # the values changed meanwhile: their own plan is on its way
            return
        self.plan.setText(plan_text(plan) or "No exam: cards are scheduled as usual.")
        self.workload.setText(workload_text(plan))
        self.plan_shown.emit()


class ExamActions:
    """Review > Exam Date…: sets a guide's exam as an undoable operation.

    Args:
        library: What the Flashcards view reads (review service and content).
        guide_id: Returns the guide on screen.
        operations: The window's runner.
        parent: Parent of the dialog.
        status: Computes the dialog's preview on the task runner.
    """

    def __init__(self, *, library: ReviewServices, guide_id: Callable[[], str], operations: OperationRunner,
                 parent: QWidget, status: ExamStatus) -> None:
        self._library = library
        self._status = status
        self._guide_id = guide_id
        self._operations = operations
        self._parent = parent
        self.dialog: ExamDialog | None = None

    def add_to(self, menu: QMenu) -> None:
        """Put Exam Date… in the Review menu."""
        menu.addAction("E&xam Date\u2026", self.ask)

    def ask(self) -> ExamDialog | None:
        """Open the dialog (not modal: tests drive it); OK saves the exam."""
        guide_id = self._guide_id()
        if not guide_id:
            return None
        review, status = self._library.review, self._status
        self.dialog = ExamDialog(goal=review.exam_goal(guide_id), today=self._library.clock().date(),
                                 preview=lambda goal, show: status.preview(
                                     guide_id, goal, lambda report: show(report.plan if report else None)),
                                 parent=self._parent)
        dialog = self.dialog
        dialog.accepted.connect(lambda: self.set_goal(guide_id, dialog.goal()))
        dialog.open()
        return dialog

    def set_goal(self, guide_id: str, goal: ExamGoal | None) -> None:
        """Save a guide's exam (Edit > Undo Exam Date puts the last one back)."""
        self._operations.run(self._op(guide_id, goal), initiator=self, failure="The exam date was not saved")

    def _op(self, guide_id: str, goal: ExamGoal | None) -> Op:
        review = self._library.review

        def apply(_result: object) -> Done:
            old = review.exam_goal(guide_id)
            return Done(review.set_exam_goal(guide_id, goal), undo=self._op(guide_id, old))

        return Op("Exam Date", apply)
