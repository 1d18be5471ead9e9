"""What the timeline drills' views share: a drill session on the guide's schedule, answered and
undone through ``ReviewOps`` (as a flashcard answer is), a card frame, the counts and the button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from studyguide.domain.drills import Verdict
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating
from studyguide.ui.accessibility import Announcer, plain_text
from studyguide.ui.review_ops import ReviewOps
from studyguide.ui.services import DrillServices, GuideContent, ReviewServiceLike, ReviewSessionLike
from studyguide.ui.widgets.card_frame import CardFrame
from studyguide.ui.widgets.relative_font import set_relative_size, system_point_size

if TYPE_CHECKING:
    from studyguide.domain.changes import Changes
    from studyguide.ui.operations import OperationRunner

SAID = {Verdict.GOOD: "Right", Verdict.HARD: "Close", Verdict.AGAIN: "Not quite"}


class DrillBase(QWidget):
    """One drill at a time from a drill session; subclasses fill ``self.inner`` and mark answers.

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
        self.verdict: Verdict | None = None
        self._sections: dict[str, str] = {}
        self.counts = QLabel()
        self.counts.setAccessibleDescription("Drills waiting")  # read as its counts
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        # Bigger than the text around it, and growing with it (View > Larger Text).
        set_relative_size(self.title, max(system_point_size(), 10) + 10, bold=True)
        self.section = QLabel()
        self.section.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.section.setTextFormat(Qt.TextFormat.PlainText)
        self.result = QLabel()
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result.setTextFormat(Qt.TextFormat.RichText)  # every text in it is escaped
        self.result.setWordWrap(True)
        self.result.setAccessibleDescription("Result")
        self.button = QPushButton()
        self.button.setMinimumHeight(40)
        # Enter belongs to the drill: a dialog's default button would take it a second time.
        self.button.setAutoDefault(False)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.submit)
        card = CardFrame()
        self.inner = QVBoxLayout(card)
        self.inner.setContentsMargins(40, 28, 40, 28)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(card, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self.undo)
        #: Says each drill as it is shown, and its result when marked (screen readers).
        self.announcer = Announcer(self)

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
        self.redraw()
        self.announcer.say(self.spoken_question())

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.announcer.say(self.spoken_question())  # the drills opened, or their tab chosen

    def spoken_question(self) -> str:
        """What a screen reader says when a drill is shown: its title and section (or why there is none)."""
        return " ".join(text for text in (plain_text(self.title), plain_text(self.section)) if text)

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
        self._sections = {s.id: s.title for s in content.sections()}
        self.session = self.start(content)
        self.after_write()

    def start(self, content: GuideContent) -> ReviewSessionLike:
        """Read what the drills need from the guide and start their session."""
        raise NotImplementedError

    def submit(self) -> None:
        """Enter: mark the answer, or save the rating it gave and go on."""
        session = self.session
        current = session.current if session is not None else None
        if session is None or current is None:
            return
        if current.phase is Phase.ANSWER and self.verdict is not None:
            self.save_rating()
            return
        verdict = self.mark(current.card.id)
        if verdict is None:  # nothing to mark yet (the reason is on screen, and said)
            self.announcer.say(plain_text(self.result))
            return
        self.verdict = verdict
        session.reveal()
        self.redraw()
        self.announcer.say(plain_text(self.result))  # the verdict, the right answer, the rating

    def mark(self, card_id: str) -> Verdict | None:
        """The verdict on the learner's answer to drill ``card_id``, or None to wait for a better one."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Show the drill on screen."""
        raise NotImplementedError

    def save_rating(self) -> None:
        """Save the rating the marked answer gave, through the window's operations (undoable)."""
        if self.verdict is None:
            return
        rating = Rating(int(self.verdict))
        done = self._operations.run(self.ops.answer(rating), initiator=self, failure="Your answer was not saved")
        if done is not None and done.changes:
            self.answer_recorded.emit(int(rating))

    def show_counts(self) -> None:
        """The drills waiting in this session."""
        if self.session is not None:
            counts = self.session.counts()
            self.counts.setText(f"Drills waiting: new {counts.new} \u00b7 learning {counts.learning}"
                                f" \u00b7 review {counts.review}")

    def section_of(self, section_id: str) -> str:
        """'from "Section title"' for the line under the drill's title."""
        return f"from \u201c{self._sections.get(section_id, '')}\u201d"
