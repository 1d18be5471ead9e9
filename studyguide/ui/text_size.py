"""Text size: View > Larger Text (Ctrl++ or Ctrl+=), Smaller Text (Ctrl+-), Actual Size (Ctrl+0).

One scale applies to the whole app: the application's font becomes that percentage of the system's
text size (read once, when the app starts, so a larger system font is respected and 100% is it).
Widgets with a font of their own keep their proportion to it (``widgets.relative_font``); layouts
grow with their text. The size is kept in the library's ``window.ini`` so the next start reads alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

from studyguide.ui.widgets.relative_font import SYSTEM_SIZE, system_point_size

#: The sizes offered, in percent of the system's text size (steps a reader can see).
STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
DEFAULT = 100


def step(percent: int, direction: int) -> int:
    """The next size up (``direction`` 1) or down (-1) from ``percent``, within ``STEPS``."""
    if direction > 0:
        return next((size for size in STEPS if size > percent), STEPS[-1])
    return next((size for size in reversed(STEPS) if size < percent), STEPS[0])


def apply_percent(percent: int) -> None:
    """Make the application's font ``percent`` of the system's text size."""
    app = QApplication.instance()
    if percent == DEFAULT and app is not None and app.property(SYSTEM_SIZE) is None:
        return  # never scaled: the app's font is the system's (not read at start: a QFont builds its enums)
    from PySide6.QtGui import QFont

    size = system_point_size() * percent / 100
    font = QFont(QApplication.font())
    if abs(font.pointSizeF() - size) > 1e-6:
        font.setPointSizeF(size)
        QApplication.setFont(font)
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.styleSheet():
            # Widgets polished by an app style sheet (the high-contrast theme's) keep the font they were
            # polished with: setting the sheet again polishes them with the new size.
            app.setStyleSheet(app.styleSheet())


class TextSize(QObject):
    """The text-size actions and the current size, applied to the whole app.

    The size is applied at once (before the window's first frame); the actions are made with the
    View menu (``add_to``, right after that frame: key sequences and actions are not needed for it).

    Args:
        window: Owner of the actions (their shortcuts work anywhere in it).
        load: Returns the saved size in percent (or None).
        save: Keeps a new size in percent.

    Signals:
        changed(int): The size changed (in percent of the system's size).
    """

    changed = Signal(int)

    def __init__(self, *, window: QWidget, load: Callable[[], int | None], save: Callable[[int], None]) -> None:
        super().__init__(window)
        self._save = save
        saved = load()
        self.percent = min(max(saved, STEPS[0]), STEPS[-1]) if saved else DEFAULT
        self._window = window
        self.larger: QAction | None = None
        self.smaller: QAction | None = None
        self.actual: QAction | None = None
        self._apply()

    def _make(self, window: QWidget, text: str, keys: list[str], slot) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        window.addAction(action)
        return action

    def add_to(self, menu: QMenu) -> None:
        """Make the three actions (their keys work anywhere in the window) and put them in a menu (View)."""
        window = self._window
        self.larger = self._make(window, "&Larger Text", ["Ctrl++", "Ctrl+="],
                                 lambda: self.set_percent(step(self.percent, 1)))
        self.smaller = self._make(window, "S&maller Text", ["Ctrl+-"], lambda: self.set_percent(step(self.percent, -1)))
        self.actual = self._make(window, "&Actual Text Size", ["Ctrl+0"], lambda: self.set_percent(DEFAULT))
        self._enable()
        menu.addSeparator()
        for action in (self.larger, self.smaller, self.actual):
            menu.addAction(action)

    def set_percent(self, percent: int) -> None:
        """Show all text at ``percent`` of the system's size, and remember it."""
        if percent == self.percent:
            return
        self.percent = percent
        self._apply()
        self._save(percent)
        self.changed.emit(percent)

    def _apply(self) -> None:
        apply_percent(self.percent)
        self._enable()

    def _enable(self) -> None:
        if self.smaller is not None and self.larger is not None:
            self.smaller.setEnabled(self.percent > STEPS[0])
            self.larger.setEnabled(self.percent < STEPS[-1])
