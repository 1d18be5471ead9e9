"""The section list's delegates: each title whole (wrapped), its due counts (and exam recall) right-aligned after it."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QStyledItemDelegate

from studyguide.ui.item_roles import USER_ROLE

if TYPE_CHECKING:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem

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
    """Each title whole, wrapped onto as many lines as it needs (under the title, past its number), with the
    section's due counts right-aligned and muted on its first line (the list's delegate from the first counts on:
    ``SectionsView._draw_counts``).

    At 200% text in a 900 px window the list is a third of it: titles were shortened with "…" ("4. The decisi…"),
    whole only in their tooltips. A reader loses no word of a title now; the list scrolls instead.
    """

    #: Room between a title and its counts, and at the row's right edge (px).
    GAP, RIGHT = 28, 8
    #: Room above and below a row's text (px).
    PAD = 3

    def __init__(self, parent: QAbstractItemView) -> None:
        super().__init__(parent)
        self._view = parent
        self._heights: dict[tuple, int] = {}  # (title, counts, width, font) -> the row's height

    def _first_line(self, option: QStyleOptionViewItem, width: int, counts: str) -> int:
        """The room for a title's first line in a row ``width`` px wide: the rest is its counts'."""
        return width - 2 * _MARGIN - (option.fontMetrics.horizontalAdvance(counts) + self.GAP if counts else 0)

    def _title(self, option: QStyleOptionViewItem, title: str, counts: str) -> tuple[int, QTextLayout]:
        """The row's width and its title laid out in it."""
        width = self._view.viewport().width()
        metrics = option.fontMetrics
        first = self._first_line(option, width, counts)
        number, dot, _rest = title.partition(". ")
        indent = metrics.horizontalAdvance(number + dot) if dot and number.isdigit() else 0
        return width, _laid_out(title, option.font, first, width - 2 * _MARGIN - indent, indent)

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, counts = str(index.data() or ""), str(index.data(COUNTS_ROLE) or "")
        width = self._view.viewport().width()
        key = (title, counts, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 20_000:
                self._heights.clear()
            metrics = option.fontMetrics
            if metrics.horizontalAdvance(title) <= self._first_line(option, width, counts):  # one line: no layout
                height = metrics.lineSpacing()  # (most titles at 100%)
            else:
                height = math.ceil(self._title(option, title, counts)[1].boundingRect().height())
            self._heights[key] = height = height + 2 * self.PAD
        return QSize(width, max(height, 26))

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        # Only rows with counts need these (the first frame has none: their classes' enums are built now).
        from PySide6.QtCore import QPointF, Qt
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title, counts = item.text, str(index.data(COUNTS_ROLE) or "")
        item.text = ""  # the row's background, selection and focus as the style draws them; the text below
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        _, layout = self._title(item, title, counts)
        rect = option.rect
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                            else QPalette.ColorRole.Text))
        layout.draw(painter, QPointF(rect.left() + _MARGIN, rect.top() + self.PAD))
        if counts:
            painter.setFont(item.font)
            painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                                else QPalette.ColorRole.PlaceholderText))
            line = rect.adjusted(0, self.PAD, -self.RIGHT, 0)
            line.setHeight(math.ceil(layout.lineAt(0).height()) if layout.lineCount() else item.fontMetrics.height())
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, counts)
        painter.restore()


#: The text's margin each side of a row, as Qt's styles leave it (``PM_FocusFrameHMargin`` + 1).
_MARGIN = 4


def _laid_out(text: str, font: QFont, first: int, rest: int, indent: int) -> QTextLayout:
    """``text`` in ``font``, its first line ``first`` px wide, the others ``rest`` px from ``indent``; broken at
    word boundaries, or anywhere in a word longer than the line."""
    from PySide6.QtCore import QPointF

    layout = QTextLayout(text, font)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(text_option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        first_line = layout.lineCount() == 1
        line.setLineWidth(max(first if first_line else rest, 1))
        line.setPosition(QPointF(0 if first_line else indent, y))
        y += line.height()
    layout.endLayout()
    return layout
