"""Every dialog opens from its menu with keys alone, is walked with Tab without a trap, and closes with Escape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from tests.ui.keyboard import WindowWatcher, accessible_name, choose_with_keys, focused, shown_active, tab_cycle

#: "…" items that open no window: Find… puts the cursor in the Search view's box.
NOT_DIALOGS = {"&Find\u2026"}
#: Windows opened by an item without "…".
ALSO_DIALOGS = {"&About StudyGuide"}


def dialog_actions(window) -> list:
    """Every menu item whose text ends with "…": by convention, the ones that open a dialog or window."""
    found = []

    def walk(menu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif (action.text().split("\t")[0].endswith("\u2026") and action.text() not in NOT_DIALOGS
                  or action.text() in ALSO_DIALOGS):
                found.append(action)

    for title in window.menuBar().actions():
        walk(title.menu())
    return found


@pytest.fixture
def window(qtbot, library, authoring):
    from studyguide.ui.main_window import MainWindow

    authoring.new_guide("My Notes", "Testing")  # a guide of one's own: Add Card… has somewhere to add to
    main = MainWindow(library=library, authoring=authoring)
    main.resize(900, 600)
    shown_active(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # a card on screen: Edit Card… has one
    return main


def check_window(qtbot, dialog: QWidget, opened: list[str]) -> None:
    """Tab goes round the dialog and comes back; everything it reaches is named; Escape closes it."""
    qtbot.wait_until(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(focused())
                     or focused() is dialog)
    passed = tab_cycle(qtbot)
    opened.append(dialog.windowTitle())
    unnamed = [f"{type(w).__name__}" for w in passed if not accessible_name(w)]
    assert not unnamed, f"{dialog.windowTitle()}: unnamed {unnamed}"
    assert all(dialog.isAncestorOf(w) or w is dialog for w in passed), "Tab left the dialog"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # menus, offscreen
def test_every_dialog_opens_walks_and_closes_with_keys(qtbot, window):
    actions = [a for a in dialog_actions(window) if a.isEnabled()]
    assert len(actions) >= 12, [a.text() for a in actions]
    opened: list[str] = []
    for action in actions:
        watcher = WindowWatcher(lambda dialog: check_window(qtbot, dialog, opened))
        choose_with_keys(qtbot, window, action)
        qtbot.wait_until(lambda w=watcher: w.seen is not None, timeout=5000)
        watcher.stop()
        if watcher.error is not None:
            raise AssertionError(f"{action.text()!r}: {watcher.error}") from watcher.error
        qtbot.wait_until(lambda w=watcher: not isValid(w.seen) or not w.seen.isVisible(), timeout=5000)
        window.activateWindow()  # the window manager's part, which offscreen has none of
        qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    assert len(opened) == len(actions)
    assert {"New Guide", "Custom Study", "Browse", "About StudyGuide"} <= set(opened), opened


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_event_dialog_opens_walks_and_closes_with_keys(qtbot, window, authoring):
    guide = authoring.new_guide("Cold War", "History").ids[0]
    authoring.add_section(guide, "Berlin")
    window.select_guide(guide)
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait_until(lambda: window.timeline.isVisible())
    opened: list[str] = []
    watcher = WindowWatcher(lambda dialog: check_window(qtbot, dialog, opened))
    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait_until(lambda: watcher.seen is not None, timeout=5000)
    watcher.stop()
    if watcher.error is not None:
        raise watcher.error
    assert opened == ["Add Event"]


def test_the_crash_dialog_is_walked_with_tab_and_closed_with_escape(qtbot, tmp_path):
    from studyguide.ui.crash_dialog import CrashDialog

    dialog = CrashDialog(log_folder=tmp_path, versions="StudyGuide test")
    qtbot.add_widget(dialog)
    dialog.add("Traceback (most recent call last):\n  ...\nValueError: a bug", None)
    dialog.show()
    dialog.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog)
    opened: list[str] = []
    check_window(qtbot, dialog, opened)  # the read-only details pass Tab on
    qtbot.wait_until(lambda: not dialog.isVisible())


def _open_submenu(qtbot, window, title: str):
    """Alt+V, then Down to ``title`` and Right into it; returns the submenu, shown."""
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    qtbot.wait_until(view.isVisible)
    target = next(a for a in view.actions() if a.text() == title)
    while view.activeAction() is not target:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.wait_until(target.menu().isVisible)
    return target.menu()


def _choose(qtbot, menu, text: str) -> None:
    target = next(a for a in menu.actions() if a.text() == text)
    while menu.activeAction() is not target:
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_browsers_columns_and_sorting_are_chosen_with_keys(qtbot, window):
    from studyguide.domain.card_filter import COLUMNS

    qtbot.keyClick(focused(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    browser = window.browser
    qtbot.add_widget(browser)
    browser.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is browser)
    titles = [title for _key, title in COLUMNS]
    hidden = next(n for n in range(len(titles)) if browser.table.isColumnHidden(n))
    _choose(qtbot, _open_submenu(qtbot, browser, "&Columns"), titles[hidden])
    assert not browser.table.isColumnHidden(hidden)
    header = browser.table.horizontalHeader()
    _choose(qtbot, _open_submenu(qtbot, browser, "&Sort By"), titles[hidden])
    assert header.sortIndicatorSection() == hidden and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    _choose(qtbot, _open_submenu(qtbot, browser, "&Sort By"), titles[hidden])  # again: the other way
    assert header.sortIndicatorSection() == hidden and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
