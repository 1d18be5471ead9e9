"""The reviewer for screen readers and the keyboard: announcements, rating names, Tab and Space."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from studyguide.review.scheduler import Rating

WORDS = re.compile(r"\w+, (less than a minute|\d+(\.\d)? (minute|hour|day|month|year)s?)")


def said(view) -> list[str]:
    return view.access.announcer.said


def accessible_name(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_the_question_is_announced_when_shown(qtbot, flashcards):
    qtbot.wait_until(lambda: bool(said(flashcards)))
    assert said(flashcards)[-1] == "Question: Where was the treaty signed?"


def test_the_answer_then_the_rating_result_and_next_question_are_announced(qtbot, flashcards):
    qtbot.wait_until(lambda: bool(said(flashcards)))
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.wait_until(lambda: said(flashcards)[-1] == "Answer: In Paris.")
    good = accessible_name(flashcards.rating_buttons[Rating.GOOD])
    assert good.startswith("Good, ")
    interval = good.split(", ", 1)[1]
    with qtbot.wait_signal(flashcards.answer_recorded):
        qtbot.keyClick(flashcards, Qt.Key.Key_3)
    qtbot.wait_until(lambda: said(flashcards)[-1].startswith("Good"))
    assert said(flashcards)[-1] == f"Good \u2014 next in {interval}. Question: What does negotiation begin with?"


def test_each_rating_button_is_named_with_its_interval_in_words(qtbot, flashcards):
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    for rating, button in flashcards.rating_buttons.items():
        assert WORDS.fullmatch(accessible_name(button)), accessible_name(button)  # words, not "3d"
        assert accessible_name(button).startswith(f"{rating.label}, ")


def test_tab_reaches_the_rating_buttons_and_space_presses_the_focused_one(qtbot, flashcards, library):
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    easy = flashcards.rating_buttons[Rating.EASY]
    while QApplication.focusWidget() is not easy:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert flashcards.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is flashcards
    with qtbot.wait_signal(flashcards.answer_recorded) as blocker:
        qtbot.keyClick(easy, Qt.Key.Key_Space)
    assert blocker.args == [int(Rating.EASY)]
    # The pressed button hid: the focus is back on the card, not out in the toolbar.
    assert QApplication.focusWidget() is flashcards


def test_showing_the_view_again_repeats_the_card_on_screen(qtbot, main_window, flashcards):
    qtbot.wait_until(lambda: bool(said(flashcards)))
    main_window.tabs.setCurrentWidget(main_window.sections)
    count = len(said(flashcards))
    main_window.tabs.setCurrentWidget(flashcards)
    qtbot.wait_until(lambda: len(said(flashcards)) > count)
    assert said(flashcards)[-1] == "Question: Where was the treaty signed?"


def test_the_end_of_the_session_is_announced(qtbot, flashcards):
    for _ in range(20):
        if not flashcards.session.current:
            break
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_4)
    qtbot.wait_until(lambda: said(flashcards)[-1].startswith("Easy"))
    assert flashcards.front.text() in said(flashcards)[-1]
