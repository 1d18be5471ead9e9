"""Helpers for keyboard-only tests: open a menu item with keys, walk the Tab chain, answer a window."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QApplication, QMenu, QWidget


def mnemonic(text: str) -> Qt.Key | None:
    """The Alt+letter key of a menu title ("&File" -> Key_F)."""
    found = re.search(r"&(\w)", text)
    return Qt.Key(ord(found.group(1).upper())) if found else None


def accessible_name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def shown_active(qtbot, window: QWidget) -> QWidget:
    """Show ``window`` (closed after the test) and wait until it is the active window: window
    shortcuts (Ctrl+F, Ctrl+Z) fire only there."""
    qtbot.add_widget(window)
    window.show()
    window.activateWindow()
    qtbot.wait_active(window)
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def tab_cycle(qtbot, *, limit: int = 80) -> list[QWidget]:
    """Press Tab from the focused widget until the focus comes back to it; returns the widgets passed.

    Fails if the focus never comes back (a keyboard trap) within ``limit`` presses.
    """
    start = focused()
    passed = [start]
    for _ in range(limit):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is start:
            return passed
        passed.append(focused())
    raise AssertionError(f"Tab never came back to {type(start).__name__}: passed "
                         + ", ".join(f"{type(w).__name__}:{accessible_name(w)!r}" for w in passed[-12:]))


def menu_path(window: QWidget, action: QAction) -> list[QAction]:
    """The menu-bar title and submenu actions leading to ``action``, then ``action``."""
    def search(menu: QMenu, trail: list[QAction]) -> list[QAction] | None:
        for item in menu.actions():
            if item is action:
                return [*trail, item]
            if item.menu() is not None:
                found = search(item.menu(), [*trail, item])
                if found:
                    return found
        return None

    for title in window.menuBar().actions():
        found = search(title.menu(), [title])
        if found:
            return found
    raise LookupError(action.text())


def choose_with_keys(qtbot, window: QWidget, action: QAction) -> None:
    """Open the menu with Alt+letter, move to ``action`` with Down (Right into a submenu), press Enter."""
    title, *steps = menu_path(window, action)
    key = mnemonic(title.text())
    assert key is not None, f"menu {title.text()!r} has no Alt key"
    qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
    menu = title.menu()
    qtbot.wait_until(menu.isVisible)
    for index, step in enumerate(steps):
        for _ in range(len(menu.actions()) + 1):
            if menu.activeAction() is step:
                break
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        assert menu.activeAction() is step, f"Down never reached {step.text()!r}"
        if index < len(steps) - 1:
            qtbot.keyClick(menu, Qt.Key.Key_Right)
            menu = step.menu()
            qtbot.wait_until(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_Return)


class WindowWatcher:
    """Runs ``handle(window)`` on the next window or dialog that opens (modal ones block in exec()).

    Args:
        handle: Called once with the new window, inside its event loop.
    """

    def __init__(self, handle: Callable[[QWidget], None]) -> None:
        self._before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self._handle = handle
        self.seen: QWidget | None = None
        self.error: BaseException | None = None
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        window = QApplication.activeModalWidget() or next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in self._before
             and not isinstance(w, QMenu) and w.isWindow() and w.windowType() != Qt.WindowType.ToolTip), None)
        if window is None or isinstance(window, QMenu):
            return
        self._timer.stop()
        self.seen = window
        try:
            self._handle(window)
        except AssertionError as error:  # kept for the test to raise once exec() returns
            self.error = error
            window.close()

    def stop(self) -> None:
        self._timer.stop()


def open_browser(qtbot, main_window: QWidget) -> QWidget:
    """Ctrl+B in the active main window; the browser once it is the active window with its first search listed."""
    main_window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    browser = main_window.browser  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: QApplication.activeWindow() is browser)
    qtbot.wait_until(lambda: not browser.finding.pending)  # the first search's result is listed
    return browser


def answer_to_the_end(qtbot, flashcards: QWidget, key: Qt.Key = Qt.Key.Key_4, most: int = 10) -> None:
    """Space then ``key`` (a rating) on each card of the Flashcards session until it has none (at most ``most``)."""
    for _ in range(most):
        if flashcards.session.current is None:  # type: ignore[attr-defined]
            break
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, key)
