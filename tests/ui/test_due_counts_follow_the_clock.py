"""The status bar's due counts follow the reviewer when cards fall due while the app is open.

Left open until the next study day, the reviewer found 3 cards due ("Check again", or its own timer) while
the status bar still said "Due now: 0 new · 0 learning · 0 to review": two numbers that did not agree.
Coming back to the app the next morning, both look again at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.keyboard import answer_to_the_end


def _all_answered(qtbot, main_window, flashcards):
    """Every card of the tiny guide answered Good; the status bar's counts at 0."""
    answer_to_the_end(qtbot, flashcards, Qt.Key.Key_3)
    due = main_window.review_actions.due_label
    qtbot.wait_until(lambda: due.text().startswith("Due now: 0 new \u00b7 0 learning \u00b7 0 to review"))
    return due


@pytest.mark.parametrize("how", ["check again", "timer", "the app comes back"])
def test_cards_found_due_later_show_in_the_status_bar(qtbot, main_window, flashcards, clock, how):
    due = _all_answered(qtbot, main_window, flashcards)
    clock.advance(days=30)
    if how == "timer":
        flashcards.end_actions.timer.timeout.emit()  # the next card's due time has come
    elif how == "the app comes back":  # the next morning, the window clicked (the timer waits up to an hour)
        QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    else:
        qtbot.mouseClick(flashcards.end_actions.check_again_button, Qt.MouseButton.LeftButton)
    assert flashcards.session.counts().review == 3 and flashcards.session.current is not None
    qtbot.wait_until(lambda: due.text().startswith("Due now: 0 new \u00b7 0 learning \u00b7 3 to review"))


def test_a_closed_window_does_not_look_when_the_app_comes_back(qtbot, main_window, library):
    """Its library may be closed already (a closed window's reviewer read a closed database)."""
    main_window.close()
    library.close()
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.wait(10)  # the due counts' refresh would run here (a zero-time timer)
