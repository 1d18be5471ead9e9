"""The section list's delegate: a section's due counts (and exam recall) right-aligned after its title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate

from studyguide.ui.item_roles import USER_ROLE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

#: The model's role holding the counts' text (``SectionListModel.CountsRole``).
COUNTS_ROLE = USER_ROLE + 2


class RowSize(QStyledItemDelegate):
    """The section list's rows: as wide as a narrow list, at least 26 px high (the list's delegate until
    there are counts to draw: a ``paint`` written in Python would be called for every row of the first frame,
    and PySide would build the painter's and the style option's enum classes for it)."""

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        # Never wider than a narrow list: rows fill the list's width, the title is shortened and the
        # counts stay in sight (a long title made every row wider once more rows were read, and the
        # counts went off to the right behind a horizontal scroll bar).
        return QSize(min(size.width() + 90, 160), max(size.height(), 26))


class CountsDelegate(RowSize):
    """Draws a section's due counts right-aligned and muted after its title (rows sized as ``RowSize``)."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        text = index.data(COUNTS_ROLE)
        if not text:
            super().paint(painter, option, index)
            return
        # Only rows with counts need these (the first frame has none: their classes' enums are built now).
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        # The title stops short of the counts (elided) instead of running under them.
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        room = item.rect.width() - item.fontMetrics.horizontalAdvance(text) - 28
        item.text = item.fontMetrics.elidedText(item.text, Qt.TextElideMode.ElideRight, max(room, 0))
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        painter.save()
        colour = option.palette.color(QPalette.ColorRole.HighlightedText
                                      if option.state & QStyle.StateFlag.State_Selected
                                      else QPalette.ColorRole.PlaceholderText)
        painter.setPen(colour)
        painter.drawText(option.rect.adjusted(0, 0, -8, 0),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()
