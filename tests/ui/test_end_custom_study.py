"""When nothing is waiting, the reviewer offers Custom Study… beside Check again, reached with Tab.

A student done with the day's cards ten days before an exam saw only "Check again"; more study was
hidden in Review > Custom Study… (Anki's congratulations screen offers it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.ui.custom_study import CustomStudyDialog
from tests.ui.keyboard import answer_to_the_end, focused


def test_the_end_screen_offers_custom_study_by_tab_and_space(qtbot, main_window, flashcards):
    answer_to_the_end(qtbot, flashcards)
    assert flashcards.front.text() == "Session complete."
    button = flashcards.end_actions.custom_button
    assert button.isVisible() and button.text() == "Custom Study\u2026"
    for _ in range(12):
        if focused() is button:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.wait_until(lambda: any(isinstance(w, CustomStudyDialog) and w.isVisible()
                                 for w in QApplication.topLevelWidgets()))


def test_no_custom_study_offer_while_a_card_is_on_screen(qtbot, flashcards):
    assert flashcards.session.current is not None
    assert not flashcards.end_actions.isVisible()
