"""What the Flashcards view says when no card is waiting: the sitting's summary, why, and what next.

The wording is a pure function of the session's numbers (tested without a window);
``EndActions`` holds the offers' buttons and the timer that looks for due cards again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from studyguide.domain.exam import ExamPlan
from studyguide.domain.review import SessionSummary

if TYPE_CHECKING:
    from studyguide.ui.services import ReviewServices

#: Check again at least this often while waiting, so a new study day's cards appear too.
LONGEST_WAIT = timedelta(hours=1)
#: Check a little after the due time, never before it.
MARGIN = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class SessionEnd:
    """The end screen's text and offers.

    Attributes:
        title: "Session complete." or "All caught up."
        lines: Sentences under the title.
        study_more: How many more new cards the "Study N more new cards today" button offers (0: none).
    """

    title: str
    lines: list[str]
    study_more: int

    @property
    def study_more_text(self) -> str:
        """The button's text: "Study 6 more new cards today"."""
        return f"Study {_plural(self.study_more, 'more new card')} today"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def session_end(summary: SessionSummary, *, held_back: int, new_left: int, limit_today: int,
                new_per_day: int, section: bool, plan: ExamPlan | None = None, custom: bool = False) -> SessionEnd:
    """The end screen of a session with no card waiting.

    Args:
        summary: The sitting so far.
        held_back: New cards of the session's scope left out by today's limit.
        new_left: New cards still allowed today.
        limit_today: Today's limit of new cards (the setting plus any extra asked for today).
        new_per_day: The daily setting (how many more to offer at a time).
        section: True when only one section is reviewed.
        plan: The exam plan whose cards of today the session held (None: none).
        custom: A custom study session (Review > Custom Study…): it shows only the cards it picked.
    """
    lines = []
    if summary.reviewed:
        title = "Session complete."
        minutes = max(round(summary.seconds / 60), 1) if summary.seconds >= 30 else 0
        spent = f"{minutes} min" if minutes else "under a minute"
        lines.append(f"{_plural(summary.reviewed, 'answer')}, {_plural(summary.cards, 'card')} in {spent}; "
                     f"{summary.forgotten} forgotten (answered Again).")
    else:
        title = "All caught up."
    study_more = 0
    if held_back and not new_left:
        where = "in this section" if section else "in this guide"
        lines.append(f"Today's limit of {_plural(limit_today, 'new card')} is reached; "
                     f"{held_back} more {'waits' if held_back == 1 else 'wait'} {where}.")
        study_more = min(held_back, new_per_day or 20)
    # An exam plan's or a custom study's session shows only the cards it picked: "the next card is due …;
    # it will show here then" was not so. The plan says when there is work; a custom study says it is done.
    due = f"{summary.next_due.astimezone():%A %d %B at %H:%M}" if summary.next_due is not None else ""
    if plan is not None and plan.days:
        lines.append(_plan_ahead(plan))
    elif custom:
        lines.append("This custom study is done; \u201cReview the whole guide\u201d goes back to your schedule.")
        if due:
            lines.append(f"Your schedule's next card is due {due}.")
    elif due:
        lines.append(f"The next card is due {due}; it will show here then.")
    elif not lines:
        lines.append("No cards are waiting. New cards arrive each day, up to your daily limit.")
    return SessionEnd(title, lines, study_more)


def _plan_ahead(plan: ExamPlan) -> str:
    """What the exam plan brings after today ("The next card is due Wednesday" hid tomorrow's new cards)."""
    if len(plan.days) < 2:
        return "Your exam is tomorrow. Good luck!"
    tomorrow = plan.days[1]
    return (f"Tomorrow your exam plan brings {tomorrow.new} new + {_plural(tomorrow.reviews, 'review')}"
            f" (~{tomorrow.minutes:.0f} min).")


def recheck_in(next_due: datetime | None, now: datetime) -> int:
    """Milliseconds until the view should look for due cards again (just after ``next_due``, at most an hour)."""
    wait = LONGEST_WAIT if next_due is None else min(max(next_due - now, timedelta(0)) + MARGIN, LONGEST_WAIT)
    return max(int(wait.total_seconds() * 1000), 1000)


class EndActions(QWidget):
    """The end screen's offers ("Study N more new cards today", "Custom Study…", "Check again") and the
    re-check timer.

    Signals:
        check_requested(): "Check again" was clicked, the next card's due time has come, or the app became
            active again.
        study_more_requested(int): "Study N more new cards today" was clicked (N).
        custom_requested(): "Custom Study…" was clicked (more study when the day's is done, as in Anki).
    """

    check_requested = Signal()
    study_more_requested = Signal(int)
    custom_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._study_more = 0
        self.study_more_button = QPushButton()
        self.study_more_button.clicked.connect(lambda: self.study_more_requested.emit(self._study_more))
        self.custom_button = QPushButton("Custom Study\u2026")
        self.custom_button.setToolTip("Study ahead, a section, the hardest cards\u2026 (Review > Custom Study\u2026)")
        self.custom_button.clicked.connect(lambda: self.custom_requested.emit())
        self.check_again_button = QPushButton("Check again")
        self.check_again_button.setToolTip("Look for cards that have fallen due")
        self.check_again_button.clicked.connect(lambda: self.check_requested.emit())
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.check_requested.emit())
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # back to the app (the next morning): look again at once
            app.applicationStateChanged.connect(self._app_state_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addStretch(1)
        for button in (self.study_more_button, self.custom_button, self.check_again_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(110, 40)
            layout.addWidget(button)
        layout.addStretch(1)
        self.hide()

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        # (The timer waits up to an hour, or a night asleep.) Only a window still shown: a closed one's
        # library may be closed too.
        if state == Qt.ApplicationState.ApplicationActive and self.window().isVisible():
            self.check_requested.emit()

    def show_end(self, end: SessionEnd, *, next_due: datetime | None, now: datetime) -> None:
        """Offer what ``end`` offers, and check again just after ``next_due`` (at most an hour on)."""
        self._study_more = end.study_more
        self.study_more_button.setText(end.study_more_text)
        self.study_more_button.setVisible(bool(end.study_more))
        self.timer.start(recheck_in(next_due, now))
        self.show()

    def clear(self) -> None:
        """A card is on screen: no offers, no timer."""
        self.timer.stop()
        self.hide()


def draw_end(view: Any, library: ReviewServices, *, section: bool) -> None:
    """Draw the Flashcards view (``view``) when no card is on screen: its cards being read (a
    large guide's session starts on the task runner), none yet, or the session's end."""
    session, review = view.session, library.review
    if session is None:
        view.front.setText("Reading your cards\u2026" if view.starter.pending else "All caught up.")
        view.back.setText("")
        view.end_actions.clear()
    elif not library.content(session.guide_id).card_count():
        view.front.setText("No cards yet.")
        view.back.setText("Add cards with Ctrl+N (Cards > Add Card\u2026).")
        view.end_actions.clear()
    elif getattr(session, "nothing_picked", False) and getattr(session, "plan", None) is None:
        view.front.setText("Nothing to study here.")  # a custom study choice found no card: why, not the schedule
        view.back.setText(f"{session.study.nothing_found()}\n"
                          "\u201cReview the whole guide\u201d goes back to your schedule.")
        view.end_actions.clear()
    else:
        summary = session.summary()
        end = session_end(summary, held_back=session.new_held_back(), new_left=session.new_allowance(),
                          limit_today=review.new_limit_today(session.guide_id),
                          new_per_day=review.settings.new_per_day, section=section,
                          plan=getattr(session, "plan", None),  # an exam plan's session holds its plan
                          custom=getattr(session, "study", None) is not None)
        view.front.setText(end.title)
        view.back.setText("\n".join(end.lines))
        view.end_actions.show_end(end, next_due=summary.next_due, now=library.clock())
    view.back.setVisible(True)
    view.sounds.show("", None, None)
    view.typed.setVisible(False)
    view.rule.setVisible(False)
    view.source.setVisible(False)
    view.reveal_button.setVisible(False)
    for button in view.rating_buttons.values():
        button.setVisible(False)
    view.access.drawn("end", "")
