"""The Flashcards view: renders a ReviewSession and forwards keys and clicks to it.

Space or Enter reveals the answer; 1-4 (or the buttons) rate it. The session
writes each answer before the next card is drawn here. The view holds no
review logic of its own.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating
from studyguide.ui.card_face import TypedAnswerBox, draw_faces
from studyguide.ui.card_fit import CardFit
from studyguide.ui.card_sound import CardSounds
from studyguide.ui.reread import follow_source_link, source_line
from studyguide.ui.review_access import ReviewerAccess
from studyguide.ui.review_dialogs import CardEditDialog
from studyguide.ui.review_end import EndActions, draw_end
from studyguide.ui.review_header import ReviewHeader
from studyguide.ui.review_ops import ReviewOps
from studyguide.ui.review_start import SessionStarter
from studyguide.ui.services import ReviewSessionLike
from studyguide.ui.widgets.card_frame import CardFrame
from studyguide.ui.widgets.media_images import guide_resolver
from studyguide.ui.widgets.relative_font import set_relative_size, system_point_size

if TYPE_CHECKING:
    from studyguide.domain.guide import Card
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import ReviewServices
    from studyguide.ui.tasks import TaskRunner


class FlashcardsView(QWidget):
    """Shows one card at a time from the guide's review session.

    Signals:
        section_activated(str): The card's "from section" link was clicked.
        reread_requested(str, str): "Re-read <section>" was clicked (section id, card id), just before.
        answer_recorded(int): An answer was saved (the rating).
        guide_requested(str): Undo or redo acts on this guide's review: show it.
        session_started(): A session is on screen (a large guide's is read on the task runner).

    Args:
        library: The open ``Library`` (read access: sessions, cards, sections).
        operations: The window's ``OperationRunner``; every write goes through it.
        tasks: The task runner a large guide's session starts on (one of its own when None).
    """

    section_activated, reread_requested = Signal(str), Signal(str, str)
    answer_recorded = Signal(int)
    guide_requested = Signal(str)
    session_started = Signal()

    def __init__(self, *, library: ReviewServices, operations: OperationRunner, tasks: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.starter = SessionStarter(library=library, tasks=tasks, parent=self)
        self.starter.started.connect(self._started)
        self.starter.failed.connect(self._start_failed)
        self._library = library
        self._operations = operations
        self.ops = ReviewOps(self)
        self._guide_id: str | None = None
        self._section_filter: str | None = None
        self.session: ReviewSessionLike | None = None
        self._preview: Card | None = None
        self._highlight: list[str] = []
        self._titles: dict[str, str] = {}  # section titles read as cards name them
        self._dirty = True
        #: Edits a card of a user's guide in the card editor (guide id, card id) -> True if it did;
        #: the bundled guide's cards keep the learner's own edit (set by the window).
        self.edit_in_guide: Callable[[str, str], bool] | None = None
        #: A card's type (``typein`` asks for a typed answer); set by the window.
        self.card_type_of: Callable[[str, str], str] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.header = ReviewHeader()  # in two rows where one is too narrow (a long title, 200% text)
        self.counts, self.scope, self.whole_guide = self.header.counts, self.header.scope, self.header.whole_guide
        self.drills = self.header.drills  # the guide's timeline drills waiting, with a link (Ctrl+Shift+T)
        self.front = self._text_label(20, bold=True)
        self.front.setAccessibleDescription("Question")
        self.rule = QFrame()
        self.rule.setFrameShape(QFrame.Shape.HLine)
        self.back = self._text_label(16)
        self.back.setAccessibleDescription("Answer")
        self.typed = TypedAnswerBox(self)  # a "type the answer" card's answer, compared on reveal
        self.typed.returnPressed.connect(self.reveal)
        self.sounds = CardSounds()  # the card's [sound:NAME]s: a play button each, R plays them again
        self.source = QLabel()
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self.source.linkActivated.connect(lambda link: follow_source_link(link, self.reread_requested.emit,
                                                                          self.section_activated.emit))
        self.source.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.whole_guide.clicked.connect(lambda: self._guide_id and self.set_guide(self._guide_id))
        # When nothing is waiting: "Study N more new cards today", "Check again", and a timer
        # that checks again when the next card falls due (by the library's clock).
        self.end_actions = EndActions()
        self.end_actions.check_requested.connect(self.check_again)
        self.end_actions.study_more_requested.connect(self.study_more)

        card = CardFrame()  # a card on the table, in the theme's colours
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(40, 32, 40, 32)
        faces = card.scrolling(card_layout)  # a long answer scrolls in the card; the window keeps its size
        faces.addStretch(1)
        for widget in (self.front, self.sounds.front, self.typed, self.rule, self.back, self.sounds.back,
                       self.end_actions):
            faces.addWidget(widget)
            if widget is self.typed or widget is self.rule:
                faces.addSpacing(12)  # around the rule between question and answer
        faces.addStretch(1)
        card_layout.addWidget(self.source)
        self.card_fit = CardFit(card, card_layout, faces,  # the faces' sizes at 100% and the least they take
                                {self.front: (self._face_points(20), 1.25), self.back: (self._face_points(16), 1)})

        self.reveal_button = QPushButton("Show answer  (Space)")
        self.reveal_button.clicked.connect(self.reveal)
        self.rating_buttons: dict[Rating, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)
        for rating in Rating:
            button = QPushButton(rating.label)
            button.setToolTip(f"{rating.label} (key {int(rating)})")
            button.clicked.connect(lambda _=False, r=rating: self.answer(r))
            self.rating_buttons[rating] = button
            buttons.addWidget(button)
        self.back_to_review = QPushButton("Back to review")
        self.back_to_review.clicked.connect(self.end_preview)
        buttons.addWidget(self.back_to_review)
        buttons.addStretch(1)
        for button in [self.reveal_button, self.back_to_review, *self.rating_buttons.values()]:
            button.setMinimumSize(110, 40)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(card, 1)
        layout.addLayout(buttons)

        self.access = ReviewerAccess(self)  # names, announcements, Tab to every button
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._shortcut(QKeySequence(key), self.access.press)  # a focused button's click, or reveal
        for rating in Rating:
            self._shortcut(QKeySequence(str(int(rating))), lambda r=rating: self.answer(r))
        self._shortcut(QKeySequence("E"), self.edit_card)
        self._shortcut(QKeySequence("S"), self.suspend_card)
        self._shortcut(QKeySequence("R"), self.sounds.replay)
        self._shortcut(QKeySequence("G"), self.open_section)  # the "From" link, by key (Tab never reaches it)

    def _shortcut(self, sequence: QKeySequence, slot) -> None:
        shortcut = QShortcut(sequence, self)
        # The whole window while this view is shown (a hidden view's shortcuts never fire), so
        # Space reveals even when the guide picker or a tab has the focus.
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)

    @staticmethod
    def _text_label(point_delta: int, *, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Bigger than the text around it, and growing with it (View > Larger Text).
        set_relative_size(label, FlashcardsView._face_points(point_delta), bold=bold)
        return label

    @staticmethod
    def _face_points(point_delta: int) -> float:
        """A face's text size at 100%: ``point_delta`` points, plus however far the system's text is above 10."""
        return max(system_point_size(), 10) + point_delta - 10

    # Session -----------------------------------------------------------------

    def set_guide(self, guide_id: str, *, section_id: str | None = None) -> None:
        """Review another guide, or only one section of it."""
        self._guide_id = guide_id
        self._section_filter = section_id
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def refresh(self, *, wait: bool = False) -> None:
        """Start a fresh session from stored progress and show its first card (a large guide's
        when ``session_started`` says so; ``wait``: now, on this thread)."""
        if self._guide_id is None:
            return
        self._titles = {}
        self._preview = None
        self._dirty = False
        self.session = self.starter.start(self._guide_id, self._section_filter, wait=wait)
        self.redraw()  # the card, or that the cards are being read
        if self.session is not None:
            self.session_started.emit()

    def _started(self, session: ReviewSessionLike) -> None:
        self.session = session
        self.redraw()
        self.session_started.emit()

    def _start_failed(self, message: str) -> None:
        self.front.setText(message)
        self.back.setText("")

    def _title(self, section_id: str) -> str:
        if section_id not in self._titles and self._guide_id is not None:
            section = self._library.content(self._guide_id).section(section_id)
            self._titles[section_id] = section.title if section is not None else section_id
        return self._titles.get(section_id, section_id)

    def showEvent(self, event) -> None:  # noqa: N802
        if self._dirty:
            self.refresh()
        super().showEvent(event)
        self.setFocus()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Reload when content or progress changed elsewhere."""
        if initiator is not self and (changes.content or changes.guides or changes.progress):
            self._dirty = True
            # Unsuspended, restored or new settings while the reviewer is on screen: reload now.
            # (After an import or a deletion the window picks the guide to show, then set_guide.)
            if self.isVisible() and not (changes.content or changes.guides):
                self.refresh()

    def reveal(self) -> None:
        """Show the answer of the current card (Space)."""
        if self._preview is None and self.session and self.session.reveal():
            self.redraw()

    @property
    def review(self):
        """The review service (settings, card edits, today's limits)."""
        return self._library.review

    def ensure_session(self) -> None:
        """Start the session if it is stale or was never started (undo before the view was shown)."""
        if self._dirty or self.session is None:
            self.refresh(wait=True)

    def after_write(self) -> None:
        """Draw the session after an operation of this view (or its undo or redo)."""
        self._preview = None
        self.redraw()

    def reload_card(self, guide_id: str, card_id: str) -> None:
        """A card's wording changed (undo or redo of an edit): read the session afresh."""
        if guide_id == self._guide_id:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def answer(self, rating: Rating) -> None:
        """Rate the current card (1-4); ignored while the question is showing."""
        if self._preview is not None or self.session is None or self.session.current is None \
                or self.session.current.phase is not Phase.ANSWER:
            return
        done = self._operations.run(self.ops.answer(rating), initiator=self, failure="Your answer was not saved")
        if done is not None and done.changes:
            self.answer_recorded.emit(int(rating))

    def suspend_card(self) -> None:
        """Suspend the card on screen (S): it leaves the queue until unsuspended."""
        if self._preview is not None or self.session is None or self.session.current is None:
            return
        self._operations.run(self.ops.suspend(), initiator=self, failure="The card was not suspended")

    def open_section(self) -> None:
        """Read the section the card on screen comes from (G), as its "From" link does."""
        card = self._preview or (self.session.current.card if self.session and self.session.current else None)
        if card is not None:
            self.section_activated.emit(card.section_id)

    def edit_card(self) -> None:
        """Edit the card on screen (E); its progress is kept."""
        if self._preview is not None or self.session is None or self.session.current is None:
            return
        card = self.session.current.card
        if self.edit_in_guide is not None and self.edit_in_guide(self.session.guide_id, card.id):
            return
        dialog = CardEditDialog(front=card.front, back=card.back, parent=self)
        if dialog.exec() != CardEditDialog.DialogCode.Accepted:
            return
        front, back = dialog.values()
        self._operations.run(self.ops.edit(front, back), initiator=self, failure="The card was not saved")

    def check_again(self) -> None:
        """Look for cards that fell due since the queue ran out (the timer, or "Check again")."""
        if self.session is None or self._preview is not None or self.session.current is not None:
            return
        if not self.isVisible():
            self._dirty = True  # reload when shown
            return
        if getattr(self.session, "plan", None) is not None:  # its cards were picked for the plan's day: the
            self.refresh()  # day's plan is taken again (left open overnight it found none of the new day's)
            return
        self.session.reload()
        self.redraw()

    def study_more(self, count: int) -> None:
        """Allow ``count`` new cards above today's limit, today only, and show them."""
        if self.session is None or count <= 0:
            return
        self._operations.run(self.ops.study_more(self.session.guide_id, count), initiator=self,
                             failure="No more new cards today")

    def show_card(self, card_id: str, *, highlight: Sequence[str] = ()) -> bool:
        """Show one card (``card_id``) with its answer, outside the review queue (from search, the timeline),
        ``highlight``'s words (the search's) marked in its question and answer."""
        if self._guide_id is None:
            return False
        card = self._library.card(self._guide_id, card_id)
        if card is None:
            return False
        if self._dirty:
            self.refresh()
        self._preview = card
        self._highlight = list(highlight)
        self.redraw()
        return True

    def end_preview(self) -> None:
        """Return from a previewed card to the review queue."""
        self._preview = None
        self.redraw()

    # Rendering -----------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the session's current state."""
        session = self.session
        counts = session.counts() if session else None
        if counts is not None:
            numbers = (f"<span style='color:#2a7de1'>New {counts.new}</span> &nbsp; "
                       f"<span style='color:#d9534f'>Learning {counts.learning}</span> &nbsp; "
                       f"<span style='color:#3c9a5f'>Due {counts.review}</span>")
            self.counts.set_forms((f"In this session: &nbsp; {numbers}", numbers))
        else:  # no session yet (its cards are being read): no counts of another one
            self.counts.set_forms(())
        self.drills.show_for(self._library, self._guide_id)
        custom = getattr(session, "title", "")  # a custom study session (Review > Custom Study…) names itself
        if custom or (self._section_filter and self._guide_id):
            title = self._title(self._section_filter or "")
            self.scope.setText(html.escape(custom) or f"Reviewing one section: {html.escape(title)}")
        else:
            self.scope.setText("Reviewing the whole guide")
        card, phase = None, None
        if self._preview is not None:
            card, phase = self._preview, Phase.ANSWER
        elif session and session.current:
            card, phase = session.current.card, session.current.phase
        self.back_to_review.setVisible(self._preview is not None)
        self.whole_guide.setVisible(bool(self._section_filter or custom and getattr(session, "plan", None) is None))
        if card is None:
            draw_end(self, self._library, section=bool(self._section_filter))
            return
        self.end_actions.clear()
        words = self._highlight if self._preview is not None else list[str]()
        showing_answer = phase is Phase.ANSWER
        typein = self._preview is None and self._kind(card) == "typein"
        media = guide_resolver(self._library, self._guide_id) if self._guide_id else None
        draw_faces(self.front, self.back, card, words=words, typed=self.typed.text() if typein and showing_answer
                   else None, media=media)
        self.sounds.show(card.front, card.back if showing_answer else None, media)
        self.typed.ask(card.id, typein and not showing_answer)
        self.back.setVisible(showing_answer)
        self.rule.setVisible(showing_answer)
        reread = None if self._guide_id is None or self._preview is not None else \
            self._library.review.section_lapses(self._guide_id, self._library.content(self._guide_id), card.section_id)
        line, why = source_line(card.section_id, self._title(card.section_id), reread, card_id=card.id)
        self.source.setText(line)
        self.source.setToolTip(why)
        self.source.setVisible(True)
        reviewing = self._preview is None
        self.reveal_button.setVisible(reviewing and not showing_answer)
        intervals = session.intervals() if (reviewing and showing_answer and session) else {}
        self.access.show_ratings(intervals, visible=reviewing and showing_answer)
        self.access.drawn("card" if not reviewing else "answer" if showing_answer else "question", card.id)

    def _kind(self, card: Card) -> str:
        return self.card_type_of(self._guide_id or "", card.id) if self.card_type_of and self._guide_id else "basic"
