"""The reviewer for screen readers and the keyboard: what is announced, what Tab reaches.

A question, an answer and a rating's result are announced as they appear ("Good \u2014 next
in 3 days. Question: ..."), the rating buttons are named with their intervals in words
("Good, 3 days"), and every button of the reviewer is reached with Tab and pressed with
Space or Enter, which otherwise show the answer. A button that hides while it has the
focus (the answer was shown, the card was rated) gives the focus back to the card, so it
never wanders off to the guide picker.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget

from studyguide.domain.spoken import rating_name, rating_result
from studyguide.review.scheduler import Rating, describe_interval
from studyguide.ui.accessibility import Announcer, plain_text


class _EndButtons(Protocol):
    study_more_button: QPushButton
    custom_button: QPushButton
    check_again_button: QPushButton


class ReviewerWidgets(Protocol):
    """What this reads of the reviewer (``studyguide.ui.flashcards.FlashcardsView``)."""

    front: QLabel
    back: QLabel
    whole_guide: QPushButton
    reveal_button: QPushButton
    back_to_review: QPushButton
    rating_buttons: dict[Rating, QPushButton]
    end_actions: _EndButtons
    answer_recorded: SignalInstance

    def reveal(self) -> None: ...

KEYS = ("Space or Enter shows the answer; 1 Again, 2 Hard, 3 Good, 4 Easy; E edits the card, "
        "S suspends it, R plays its sounds again, G reads its section, Ctrl+Z undoes the last answer.")
#: What each kind of drawn card is introduced with.
_INTRO = {"question": "Question: ", "answer": "Answer: ", "card": "Card: "}


class ReviewerAccess(QObject):
    """Names, announcements and keyboard focus of one ``FlashcardsView``.

    Args:
        view: The reviewer; its buttons exist already.
    """

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._widget = view
        self._view = cast(ReviewerWidgets, view)
        self.announcer = Announcer(view)
        self._intervals: dict[Rating, timedelta] = {}
        self._last: tuple[str, str, str] | None = None
        self._drawn = ("", "")
        # Shown again (back to the Flashcards tab): the card on screen is said again.
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(lambda: self.drawn(*self._drawn))
        view.installEventFilter(self)
        view.setAccessibleName("Flashcards")
        view.setAccessibleDescription(KEYS)
        self._view.answer_recorded.connect(self._answered)
        for button in self.buttons():
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves the card focused
            button.installEventFilter(self)

    def buttons(self) -> list[QAbstractButton]:
        """The reviewer's own buttons, in tab order."""
        view = self._view
        return [view.whole_guide, view.reveal_button, *view.rating_buttons.values(), view.back_to_review,
                view.end_actions.study_more_button, view.end_actions.custom_button,
                view.end_actions.check_again_button]

    def press(self) -> None:
        """Space or Enter: press the focused button of the reviewer, else show the answer."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused.isVisible() and self._widget.isAncestorOf(focused):
            focused.click()
        else:
            self._view.reveal()

    def show_ratings(self, intervals: Mapping[Rating, timedelta], *, visible: bool) -> None:
        """Show (or hide) the rating buttons, each with its interval: "Good · 3d", read "Good, 3 days"."""
        if intervals:  # kept past the answer's redraw, for its announcement
            self._intervals = dict(intervals)
        for rating, button in self._view.rating_buttons.items():
            button.setVisible(visible)
            delta = intervals.get(rating)
            if delta is not None:
                button.setText(f"{rating.label} \u00b7 {describe_interval(delta)}")
            button.setAccessibleName(rating_name(rating.label, delta))
            button.setAccessibleDescription(f"Key {int(rating)}")

    def drawn(self, kind: str, card_id: str) -> None:
        """The view drew ``kind`` ("question", "answer", "card" for a preview, "end"): say it if it is new."""
        view = self._view
        self._drawn = (kind, card_id)
        if not kind or not self._widget.isVisible():
            return  # said when shown
        front, back = plain_text(view.front), plain_text(view.back) if not view.back.isHidden() else ""
        key = (kind, card_id, front if kind == "end" else "")
        if key == self._last:
            return
        self._last = key
        if kind == "question":
            self.announcer.say(_INTRO[kind] + front)
        elif kind == "answer":
            self.announcer.say(_INTRO[kind] + back)
        elif kind == "card":
            self.announcer.say(f"{_INTRO[kind]}{front} Answer: {back}")
        else:
            self.announcer.say(f"{front} {back}".strip())

    def _answered(self, rating: int) -> None:
        label = Rating(rating).label
        self.announcer.say(rating_result(label, self._intervals.get(Rating(rating))) + ".", first=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # A focused button about to hide hands the focus to the card (Qt would pass it on
        # along the tab chain, out of the reviewer).
        if watched is self._widget:
            if event.type() == QEvent.Type.Show:
                self._last = None
                self._again.start()
            return False
        if event.type() == QEvent.Type.Hide and isinstance(watched, QAbstractButton) and watched.hasFocus():
            self._widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return False
