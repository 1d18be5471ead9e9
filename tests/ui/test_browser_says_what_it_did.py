"""The card browser says in its own status line what Ctrl+J, Forget, Set Due Date and their undo did.

The student suspended three cards with Ctrl+J and saw nothing change but a cut-off "review (…" in the
State column; the note went to the main window's status bar, behind the browser."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.review.scheduler import Rating
from tests.ui.keyboard import open_browser

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot, main_window):
    browser = open_browser(qtbot, main_window)
    browser.table.setFocus()
    return browser


def _keys(qtbot, main_window, browser, key, modifiers=CTRL) -> str:
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, key, modifiers)
    return browser.status.text()


def test_suspend_and_its_undo_are_said_in_the_browser(qtbot, main_window):
    browser = _open(qtbot, main_window)
    qtbot.keyClick(browser.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    said = _keys(qtbot, main_window, browser, Qt.Key.Key_J)
    assert said == "3 cards, 2 selected \u00b7 2 cards suspended (Ctrl+Z takes it back)."
    assert _keys(qtbot, main_window, browser, Qt.Key.Key_Z) == "3 cards, 2 selected \u00b7 Undone: Suspend Cards."
    assert _keys(qtbot, main_window, browser, Qt.Key.Key_J) == said
    assert _keys(qtbot, main_window, browser, Qt.Key.Key_J) == ("3 cards, 2 selected \u00b7 2 cards unsuspended "
                                                                "(Ctrl+Z takes it back).")
    browser.search()  # the next search says only what it found
    qtbot.wait_until(lambda: not browser.finding.pending)
    assert browser.status.text().startswith("3 cards")
    assert "\u00b7" not in browser.status.text()


def test_forget_and_set_due_are_said_with_the_studied_cards_counted(qtbot, main_window, library):
    session = library.start_review("tiny")
    studied = session.current.card.id
    session.reveal()
    session.answer(Rating.GOOD)
    browser = _open(qtbot, main_window)
    rows = [browser.model.key(row)[1] for row in range(browser.model.rowCount())]
    browser.select_rows([rows.index(studied)])
    with qtbot.wait_signal(main_window.operations.did_execute):
        browser.set_due(3)
    assert browser.status.text() == "3 cards \u00b7 1 card due in 3 days (Ctrl+Z takes it back)."
    browser.select_rows(range(3))  # one studied, two new
    said = _keys(qtbot, main_window, browser, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    assert said == "3 cards, 3 selected \u00b7 1 card made new (Ctrl+Z takes it back)."
    said = _keys(qtbot, main_window, browser, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    assert said == "3 cards, 3 selected \u00b7 Only new cards were selected: they stay new."


def test_a_note_no_change_follows_is_not_said_later_with_another_selection(qtbot, main_window):
    browser = _open(qtbot, main_window)
    with qtbot.wait_signal(main_window.operations.message):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)  # nothing to undo: no change, no refresh here
    qtbot.keyClick(browser.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # minutes later
    qtbot.wait_until(lambda: "selected" in browser.status.text())
    assert "Nothing to undo" not in browser.status.text()
