"""Where the learner left off: window geometry, the open view and guide, kept between runs.

Stored with ``QSettings`` in an INI file inside the user's library folder, so
it moves with the library and tests with a temporary library never touch the
user's real settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QTabWidget

FILE_NAME = "window.ini"


class WindowState:
    """Saves and restores one main window's state in ``<library>/window.ini``."""

    def __init__(self, *, folder: Path) -> None:
        self._settings = QSettings(str(folder / FILE_NAME), QSettings.Format.IniFormat)

    def guide(self) -> str:
        """The guide open when the app last closed ('' if none)."""
        return str(self._settings.value("guide", "") or "")

    def restore(self, window: QMainWindow, tabs: QTabWidget) -> None:
        """Put the window back to its last size, position and view."""
        geometry = self._settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        tab = self.tab()
        if 0 <= tab < tabs.count():
            tabs.setCurrentIndex(tab)

    def tab(self) -> int:
        """The index of the view last shown (0, Sections, when never saved or unreadable)."""
        try:
            return int(cast(Any, self._settings.value("tab", 0)))  # a str or an int, as stored
        except (TypeError, ValueError):
            return 0

    def text_size(self) -> int | None:
        """The reading text size last chosen, in percent (None if never changed or unreadable)."""
        try:
            return int(cast(Any, self._settings.value("text_size", 0))) or None
        except (TypeError, ValueError):
            return None

    def save_text_size(self, percent: int) -> None:
        """Remember the reading text size at once (not only when the window closes)."""
        self._settings.setValue("text_size", percent)
        self._settings.sync()

    def theme(self) -> str | None:
        """The theme last chosen (View > Theme), or None."""
        return str(self._settings.value("theme", "") or "") or None

    def save_theme(self, name: str) -> None:
        """Remember the theme at once."""
        self._settings.setValue("theme", name)
        self._settings.sync()

    def save(self, window: QMainWindow, tabs: QTabWidget, guide_id: str) -> None:
        """Remember the window's size, position, view and guide."""
        self._settings.setValue("geometry", window.saveGeometry())
        self._settings.setValue("tab", tabs.currentIndex())
        self._settings.setValue("guide", guide_id)
        self._settings.sync()
