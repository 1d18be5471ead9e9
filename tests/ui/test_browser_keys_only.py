"""The card browser without a mouse: Down from the search box goes into the cards (as in the Search view),
Ctrl+F goes back, and Tab reaches the card's section link, which Enter follows.

A student typed a search, pressed Down as in the Search view and stayed in the box; the "From <section>"
link of the card pane could only be clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keyboard import focused, open_browser

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot, main_window):
    return open_browser(qtbot, main_window)


def test_down_from_the_box_goes_into_the_cards_and_ctrl_f_comes_back(qtbot, main_window):
    browser = _open(qtbot, main_window)
    assert focused() is browser.box
    qtbot.keyClick(browser.box, Qt.Key.Key_Down)
    assert focused() is browser.table
    assert browser.table.currentIndex().row() == 0 and browser.selected_rows() == [0]
    qtbot.keyClick(browser.table, Qt.Key.Key_Down)
    assert browser.table.currentIndex().row() == 1
    qtbot.keyClick(browser.table, Qt.Key.Key_F, CTRL)
    assert focused() is browser.box and browser.box.selectedText() == browser.box.text()


def test_down_in_a_box_that_found_nothing_stays_there(qtbot, main_window):
    browser = _open(qtbot, main_window)
    browser.box.setText("zzzz")
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)
    qtbot.keyClick(browser.box, Qt.Key.Key_Down)
    assert focused() is browser.box


def test_tab_reaches_the_cards_section_link_and_enter_opens_the_reader(qtbot, main_window):
    browser = _open(qtbot, main_window)
    card = browser.info.card
    assert card is not None
    for _ in range(8):
        if focused() is browser.info.section:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is browser.info.section
    with qtbot.wait_signal(browser.section_requested) as opened:
        qtbot.keyClick(browser.info.section, Qt.Key.Key_Return)
    assert opened.args == [card.guide_id, card.section_id]
