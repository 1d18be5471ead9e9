"""Timeline drills: "When did it happen?" reviewed on the guide's FSRS schedule.

An event's title and section are shown; the learner types a date in the app's date language
(``domain.date_text``: ``1959``, ``fall 1961``, ``c. 1962``, ``April 12, 1962``) and presses
Enter. The answer is marked against the event's own precision (``domain.drills.grade_when``)
and the event's date is shown with the rating it gives; Enter again saves that rating. The
answer goes through the review session and ``ReviewOps``, as a flashcard answer does, so
Ctrl+Z (or Edit > Undo) takes it back.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import DateError, DateSpan
from studyguide.domain.drills import Verdict, grade_when, when_drill_id
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating
from studyguide.ui.review_ops import ReviewOps
from studyguide.ui.services import DrillServices, ReviewServiceLike, ReviewSessionLike

if TYPE_CHECKING:
    from studyguide.domain.changes import Changes
    from studyguide.ui.operations import OperationRunner

_SAID = {Verdict.GOOD: "Right", Verdict.HARD: "Close", Verdict.AGAIN: "Not quite"}


class WhenDrillView(QWidget):
    """One "When did it happen?" drill at a time from the guide's drill session.

    Signals:
        guide_requested(str): Undo or redo acts on this guide's drills (``ReviewOps``).
        answer_recorded(int): An answer was saved (the rating).
    """

    guide_requested = Signal(str)
    answer_recorded = Signal(int)

    def __init__(self, *, library: DrillServices, operations: OperationRunner, guide_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._operations = operations
        self._guide_id = guide_id
        self.ops = ReviewOps(self)
        self.session: ReviewSessionLike | None = None
        self._events: dict[str, DateSpan] = {}
        self._sections: dict[str, str] = {}
        self.verdict: Verdict | None = None
        self._typed = ""

        self.counts = QLabel()
        self.counts.setAccessibleName("Drills waiting")
        prompt = QLabel("When did it happen?")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAccessibleName("Event")
        font = QFont(self.title.font())
        font.setPointSizeF(max(font.pointSizeF(), 10) + 10)
        font.setBold(True)
        self.title.setFont(font)
        self.section = QLabel()
        self.section.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.section.setTextFormat(Qt.TextFormat.PlainText)
        self.entry = QLineEdit()
        self.entry.setAccessibleName("Your date")
        self.entry.setPlaceholderText("Type a date: 1959, fall 1961, c. 1962, April 12, 1962 \u2026 then Enter")
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMinimumWidth(360)
        self.entry.setMaximumWidth(460)
        self.entry.returnPressed.connect(self.submit)
        self.result = QLabel()
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result.setTextFormat(Qt.TextFormat.RichText)  # every text in it is escaped
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Result")
        self.button = QPushButton()
        self.button.setMinimumHeight(40)
        # Enter belongs to the date box: a dialog's default button would take it a second time.
        self.button.setAutoDefault(False)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.submit)

        card = QFrame()
        card.setObjectName("card")
        card.setStyleSheet("QFrame#card { background: palette(base); border: 1px solid palette(mid);"
                           " border-radius: 12px; }")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 28, 40, 28)
        inner.addStretch(1)
        for widget in (prompt, self.title, self.section, self.entry, self.result):
            inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter if widget is self.entry else Qt.AlignmentFlag(0))
            inner.addSpacing(8)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(card, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self.undo)
        self.entry.installEventFilter(self)

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

    def undo(self) -> None:
        """Ctrl+Z: take back the last operation of the window (here, the last drill answer)."""
        self._operations.undo(initiator=self)

    # What ReviewOps needs -----------------------------------------------------------

    @property
    def review(self) -> ReviewServiceLike:
        """The review service."""
        return self._library.review

    def ensure_session(self) -> None:
        """Start the drill session if it was never started."""
        if self.session is None:
            self.refresh()

    def after_write(self) -> None:
        """Draw the next drill after an answer (or its undo or redo)."""
        self.verdict = None
        self._typed = ""
        self.redraw()

    def reload_card(self, guide_id: str, card_id: str) -> None:
        """Drills have no wording of their own to edit."""

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Content changed elsewhere (an event edited): start again with the new events."""
        if initiator is not self and (changes.content or changes.guides):
            self.refresh()

    # Flow -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Start a fresh drill session from stored progress."""
        content = self._library.content(self._guide_id)
        self._events = {when_drill_id(e.id): e.when for e in content.events()}
        self._sections = {s.id: s.title for s in content.sections()}
        self.session = self._library.review.start_when_drills(self._guide_id, content)
        self.after_write()

    def submit(self) -> None:
        """Enter: mark the typed date, or save the rating it gave and go on."""
        session = self.session
        current = session.current if session is not None else None
        if session is None or current is None:
            return
        if current.phase is Phase.ANSWER and self.verdict is not None:
            rating = Rating(int(self.verdict))
            done = self._operations.run(self.ops.answer(rating), initiator=self, failure="Your answer was not saved")
            if done is not None and done.changes:
                self.answer_recorded.emit(int(rating))
            return
        text = self.entry.text()
        try:
            answer = parse_when(text)
        except DateError as error:
            self.result.setText(f"<span style='color:#d9534f'>{html.escape(str(error))}</span>")
            return
        self.verdict = grade_when(self._events[current.card.id], answer)
        self._typed = text
        session.reveal()
        self.redraw()

    def redraw(self) -> None:
        """Show the drill on screen, and after Enter its date and the rating."""
        session = self.session
        current = session.current if session is not None else None
        if session is not None:
            counts = session.counts()
            self.counts.setText(f"Drills waiting: new {counts.new} \u00b7 learning {counts.learning}"
                                f" \u00b7 review {counts.review}")
        if current is None:
            self.title.setText("No drills waiting." if self._events else "This guide has no dated events.")
            self.section.setText("")
            self.entry.hide()
            self.result.setText("")
            self.button.hide()
            return
        self.title.setText(current.card.front)
        self.section.setText(f"from \u201c{self._sections.get(current.card.section_id, '')}\u201d")
        self.entry.show()
        self.button.show()
        if current.phase is Phase.ANSWER and self.verdict is not None:
            rating = Rating(int(self.verdict))
            self.entry.setReadOnly(True)
            self.result.setText(
                f"<b>{_SAID[self.verdict]}</b> \u2014 it was <b>{html.escape(current.card.back)}</b>"
                f" (you wrote {html.escape(self._typed.strip())}).<br>Rated <b>{rating.label}</b>.")
            self.button.setText(f"Next: save \u201c{rating.label}\u201d  (Enter)")
        else:
            self.entry.setReadOnly(False)
            self.entry.clear()
            self.result.setText("<span style='color:gray'>as you would write it: 1959 \u00b7 fall 1961 \u00b7 c. 1962"
                                " \u00b7 October 1962 \u00b7 April 12, 1962</span>")
            self.button.setText("Check  (Enter)")
        self.entry.setFocus()


class DrillDialog(QDialog):
    """Review > Review Timeline Drills: the guide's "When did it happen?" drills in a window of their own."""

    def __init__(self, *, library: DrillServices, operations: OperationRunner, guide_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Timeline Drills \u2014 When did it happen?")
        self.view = WhenDrillView(library=library, operations=operations, guide_id=guide_id, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(900, 600)
        self.view.refresh()
