"""Dragging a section to another place in the Sections list (a user's guide only).

The list's model offers its rows as drag data (the section's id) and, on a drop, asks for
the move with ``move_requested`` instead of moving a row itself: the move is the window's
undoable operation, the same as Alt+Up and Alt+Down, after which the list is reloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

#: The drag's data: the dragged section's id.
MIME = "application/x-studyguide-section"


class SectionDrag:
    """Drag and drop of a list model's sections; mixed into ``SectionListModel`` (which has the
    ``move_requested(section id, row)`` signal, the ``movable`` switch and the rows)."""

    _titles: list[tuple[str, str]]
    _rows: dict[str, int]
    movable: bool
    move_requested: Any

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags: Qt.ItemFlag = super().flags(index)  # type: ignore[misc]
        if self.movable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(MIME, QByteArray(str(self._titles[indexes[0].row()][0]).encode("utf-8")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Ask for the move (``move_requested``); False, so the view removes no row itself."""
        if not self.movable or action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        section_id = bytes(data.data(MIME).data()).decode("utf-8")
        if section_id not in self._rows:
            return False
        before = parent.row() if row < 0 and parent.isValid() else row if row >= 0 else len(self._titles)
        self.move_requested.emit(section_id, before)
        return False
