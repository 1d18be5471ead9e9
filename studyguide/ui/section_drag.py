"""Dragging a section to another place in the Sections list (a user's guide only).

A proxy in front of the list's model offers its rows as drag data (the section's id) and, on a drop,
asks for the move with the model's ``move_requested`` instead of moving a row itself: the move is the
window's undoable operation, the same as Alt+Up and Alt+Down, after which the list is reloaded.

The proxy is put in front of the list only for a guide that can be reordered (``SectionsView.set_movable``):
its item flags are a Python override, which the list asks for every row it paints, and answering it needs
all of ``Qt``'s enum classes, which PySide builds on first use (about 30 ms, on the way to the first frame).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QIdentityProxyModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from studyguide.ui.section_list import SectionListModel

#: The drag's data: the dragged section's id.
MIME = "application/x-studyguide-section"


class SectionDragModel(QIdentityProxyModel):
    """The rows of a ``SectionListModel``, draggable onto another place in the list.

    Args:
        sections: The list's model (its rows, and its ``move_requested(section id, row)`` signal).
    """

    def __init__(self, sections: SectionListModel) -> None:
        super().__init__(sections)
        self.sections = sections
        self.setSourceModel(sections)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags: Qt.ItemFlag = super().flags(index)
        return flags | (Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled)

    # A proxy hands these to its source model by default; the rows are moved here.
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: QModelIndex | QPersistentModelIndex) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(MIME)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(MIME, QByteArray(str(self.sections.section_at(indexes[0].row())).encode("utf-8")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Ask for the move (``move_requested``); False, so the view removes no row itself."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        section_id = bytes(data.data(MIME).data()).decode("utf-8")
        if self.sections.row_of_read(section_id) < 0:
            return False
        before = parent.row() if row < 0 and parent.isValid() else row if row >= 0 else self.sections.read_count()
        self.sections.move_requested.emit(section_id, before)
        return False
