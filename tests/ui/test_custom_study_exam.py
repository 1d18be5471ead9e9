"""Custom Study offers "Everything due before your exam" once an exam date is set.

A student ten days before an exam wanted the cards due before it; Review ahead asked for a number of
days (1 by default) to be worked out by hand."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.domain.custom_study import CustomKind, CustomStudy
from studyguide.domain.exam import ExamGoal


def _open(qtbot, main_window):
    dialog = main_window.custom_study.ask()
    dialog.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog and dialog.focusWidget() is not None)
    return dialog


def test_with_an_exam_set_alt_e_then_enter_studies_what_falls_due_before_it(qtbot, main_window, library, clock):
    exam = (clock() + timedelta(days=10)).date()
    library.review.set_exam_goal("tiny", ExamGoal(exam, 0.9, 30))
    dialog = _open(qtbot, main_window)
    assert dialog.buttons["exam"].text() == f"Everything due before your &exam ({exam:%a %d %b})"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.wait_until(dialog.buttons["exam"].isChecked)  # (a mnemonic clicks after a moment)
    assert dialog.study() == CustomStudy(CustomKind.AHEAD, 10)
    with qtbot.wait_signal(dialog.accepted):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert main_window.flashcards.scope.text() == "Custom study: ahead by 10 days"


def test_without_an_exam_or_once_it_is_today_there_is_no_such_choice(qtbot, main_window, library, clock):
    assert "exam" not in _open(qtbot, main_window).buttons
    library.review.set_exam_goal("tiny", ExamGoal(clock().date(), 0.9, 30))
    assert "exam" not in _open(qtbot, main_window).buttons


def test_under_an_exam_plan_raising_todays_new_card_limit_is_not_offered(qtbot, main_window, library, clock):
    """The plan picks today's new cards: a raised limit added none (the dialog closed and nothing came)."""
    more = _open(qtbot, main_window).buttons[CustomKind.MORE_NEW]
    assert more.isEnabled()
    library.review.set_exam_goal("tiny", ExamGoal((clock() + timedelta(days=10)).date(), 0.9, 30))
    more = _open(qtbot, main_window).buttons[CustomKind.MORE_NEW]
    assert not more.isEnabled()
    assert more.toolTip() == ("Your exam plan sets today's new cards. To learn more now, study a section "
                              "or a search.")
