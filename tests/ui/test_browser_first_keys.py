"""Tools > Browse (Ctrl+B) opens with the search box focused: the student types a search at once.

The guide picker had the focus, so "tag:…" typed after Ctrl+B went into the picker (a letter there picks
another guide) instead of the search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import focused


def test_ctrl_b_puts_the_keys_in_the_search_box(qtbot, main_window):
    main_window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    browser = main_window.browser
    qtbot.wait_until(lambda: QApplication.activeWindow() is browser)
    qtbot.wait_until(lambda: not browser.finding.pending)
    assert focused() is browser.box
    guide = browser.guides.currentIndex()
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClicks(focused(), "treaty")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert browser.box.text() == "treaty" and browser.guides.currentIndex() == guide
    assert browser.model.rowCount() == 1
