"""The card browser's keys beyond its menus, for a student who never touches the mouse.

Down (or Page Down) in the search box goes into the cards, as it does in the Search view (it stayed in the
box); Edit > Find (Ctrl+F) goes back to the box with its text selected.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt

#: Keys that leave the search box for the table.
INTO_TABLE = (Qt.Key.Key_Down, Qt.Key.Key_PageDown)


class BrowserKeys(QObject):
    """Watches the browser's search box (``browser.box``) for the keys that go into its table.

    Args:
        browser: The card browser (``ui.browser.BrowserWindow``): its ``box``, ``table`` and ``model``.
    """

    def __init__(self, browser: Any) -> None:
        super().__init__(browser)
        self._browser = browser
        browser.box.installEventFilter(self)

    def find(self) -> None:
        """Edit > Find: the search box, its text selected to be typed over."""
        self._browser.box.setFocus()
        self._browser.box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Down or Page Down in the search box: into the table, on its current card (the first if none)."""
        browser = self._browser
        if (watched is browser.box and event.type() == QEvent.Type.KeyPress
                and event.key() in INTO_TABLE and browser.model.rowCount()):  # type: ignore[attr-defined]
            table = browser.table
            if not table.currentIndex().isValid():
                flags = QItemSelectionModel.SelectionFlag
                table.selectionModel().setCurrentIndex(browser.model.index(0, 0), flags.ClearAndSelect | flags.Rows)
            table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)
