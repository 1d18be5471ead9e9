"""Timeline drills: "When did it happen?" and "Put these in order", reviewed on the guide's schedule.

"When did it happen?": an event's title and section are shown; the learner types a date in the
app's date language (``domain.date_text``: ``1959``, ``fall 1961``, ``c. 1962``, ``April 12,
1962``), or places it on a small time axis of the guide's dates (a click, a drag or the arrow
keys: the day placed is written in the box, and a typed date moves the marker), and presses
Enter. The answer is marked against the event's own precision (``domain.drills.grade_when``: a
day placed anywhere within "fall 1961" is right) and the event's date is shown, its span drawn on
the axis, with the rating it gives; Enter again saves that rating. Answers go through the review
session and ``ReviewOps``, as a flashcard answer does, so Ctrl+Z (or Edit > Undo) takes them back.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import DateError, DateSpan
from studyguide.domain.drills import Verdict, grade_when, when_drill_id
from studyguide.domain.review_phase import Phase
from studyguide.domain.time_axis import axis_range, day_at
from studyguide.review.scheduler import Rating
from studyguide.ui.drill_base import SAID, DrillBase
from studyguide.ui.order_drill import OrderDrillView
from studyguide.ui.services import DrillServices, GuideContent, ReviewSessionLike
from studyguide.ui.time_axis import TimeAxis

if TYPE_CHECKING:
    from studyguide.ui.operations import OperationRunner

_HINT = ("<span style='color:gray'>as you would write it: 1959 \u00b7 fall 1961 \u00b7 c. 1962"
         " \u00b7 October 1962 \u00b7 April 12, 1962; or place it on the axis (click, drag, arrows)</span>")


class WhenDrillView(DrillBase):
    """One "When did it happen?" drill at a time from the guide's drill session."""

    def __init__(self, *, library: DrillServices, operations: OperationRunner, guide_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(library=library, operations=operations, guide_id=guide_id, parent=parent)
        self._events: dict[str, DateSpan] = {}
        self._range = (0.0, 1.0)
        self._typed = ""
        prompt = QLabel("When did it happen?")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setAccessibleDescription("Event")  # read as its title, then "Event"
        self.entry = QLineEdit()
        self.entry.setAccessibleName("Your date")
        self.entry.setPlaceholderText("Type a date (or place it on the axis), then Enter")
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMinimumWidth(360)
        self.entry.setMaximumWidth(460)
        self.entry.returnPressed.connect(self.submit)
        self.entry.installEventFilter(self)
        self.entry.textEdited.connect(self._typed_date)
        self.axis = TimeAxis()  # or place it: the day placed is written in the box
        self.axis.placed.connect(lambda at: self.entry.setText(day_at(at).label()))
        self.axis.entered.connect(self.submit)
        self.inner.addStretch(1)
        for widget in (prompt, self.title, self.section, self.entry, self.axis, self.result):
            self.inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter if widget is self.entry
                                 else Qt.AlignmentFlag(0))
            self.inner.addSpacing(8)
        self.inner.addStretch(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Ctrl+Z in an empty or marked date box takes back the last answer (the box's own undo
        only while a date is being typed)."""
        if (watched is self.entry and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Undo)
                and (self.entry.isReadOnly() or not self.entry.text())):
            if event.type() is QEvent.Type.KeyPress:
                self.undo()
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def start(self, content: GuideContent) -> ReviewSessionLike:
        self._events = {when_drill_id(e.id): e.when for e in content.events()}
        self._range = axis_range(self._events.values())
        return self._library.review.start_when_drills(self._guide_id, content)

    def _typed_date(self, text: str) -> None:
        """A date typed in the box moves the marker to its middle (an unreadable one takes it away)."""
        try:
            span = parse_when(text)
        except DateError:
            self.axis.set_value(None)
            return
        self.axis.set_value((span.first() + span.last()) / 2)

    def after_write(self) -> None:
        self._typed = ""
        super().after_write()

    def mark(self, card_id: str) -> Verdict | None:
        """The typed date against the event's; an unreadable date is explained and not marked."""
        text = self.entry.text()
        try:
            answer = parse_when(text)
        except DateError as error:
            self.result.setText(f"<span style='color:#d9534f'>{html.escape(str(error))}</span>")
            return None
        self._typed = text
        return grade_when(self._events[card_id], answer)

    def redraw(self) -> None:
        """Show the drill on screen, and after Enter its date and the rating."""
        self.show_counts()
        current = self.session.current if self.session is not None else None
        if current is None:
            self.title.setText("No drills waiting." if self._events else "This guide has no dated events.")
            self.section.setText("")
            self.entry.hide()
            self.axis.hide()
            self.result.setText("")
            self.button.hide()
            return
        self.title.setText(current.card.front)
        self.section.setText(self.section_of(current.card.section_id))
        self.entry.show()
        self.axis.show()
        self.button.show()
        if current.phase is Phase.ANSWER and self.verdict is not None:
            rating = Rating(int(self.verdict))
            self.entry.setReadOnly(True)
            event = self._events[current.card.id]
            self.axis.show_span(event.first(), event.last())
            self.result.setText(
                f"<b>{SAID[self.verdict]}</b> \u2014 it was <b>{html.escape(current.card.back)}</b>"
                f" (you wrote {html.escape(self._typed.strip())}).<br>Rated <b>{rating.label}</b>.")
            self.button.setText(f"Next: save \u201c{rating.label}\u201d  (Enter)")
        else:
            self.entry.setReadOnly(False)
            self.entry.clear()
            self.axis.set_range(*self._range)
            self.result.setText(_HINT)
            self.button.setText("Check  (Enter)")
        self.entry.setFocus()


class DrillDialog(QDialog):
    """Review > Review Timeline Drills: both kinds of drill of the guide, a tab each."""

    def __init__(self, *, library: DrillServices, operations: OperationRunner, guide_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Timeline Drills")
        self.view = WhenDrillView(library=library, operations=operations, guide_id=guide_id)
        self.order = OrderDrillView(library=library, operations=operations, guide_id=guide_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.view, "When did it happen?")
        self.tabs.addTab(self.order, "Put these in order")
        self.tabs.currentChanged.connect(lambda i: (self.view, self.order)[i].redraw())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(900, 600)
        self.view.refresh()
        self.order.refresh()
