"""A line edit's placeholder that is never cut short: the longest of several wordings that fits its width.

Qt cuts a placeholder wider than its box with "…" (the Browser's search hint at 200% text: "Search: words,
tag:NAME, is:due, is:new, pr…"). This one is chosen again whenever the box's width or font changes, from
the longest wording to the shortest; the longest is always its tooltip, so the whole hint can be read.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton

#: QLineEdit's own margin on each side of its text (``QLineEditPrivate::horizontalMargin``).
_MARGIN = 2
_WATCHED = (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Show)


def placeholder_room(box: QLineEdit) -> int:
    """The width a placeholder has in ``box``: its text area less its margins and a clear button's room."""
    option = QStyleOptionFrame()
    box.initStyleOption(option)
    room = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, box).width()
    margins = box.textMargins()
    room -= margins.left() + margins.right() + 2 * _MARGIN
    if box.isClearButtonEnabled():  # its room is kept while the box is empty on some styles
        icon = box.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, option, box) + 2 * _MARGIN
        room -= max([icon] + [button.width() for button in box.findChildren(QToolButton)])
    return room


class FittingPlaceholder(QObject):
    """Keeps ``box``'s placeholder the longest of ``wordings`` (longest first) that fits it."""

    def __init__(self, box: QLineEdit, wordings: Sequence[str]) -> None:
        super().__init__(box)
        self._box, self.wordings = box, tuple(wordings)
        box.setToolTip(self.wordings[0])
        box.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        box = self._box
        room, metrics = placeholder_room(box), box.fontMetrics()
        chosen = next((text for text in self.wordings if metrics.horizontalAdvance(text) <= room), self.wordings[-1])
        if chosen != box.placeholderText():
            box.setPlaceholderText(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _WATCHED:
            self.fit()
        return False


def fit_placeholder(box: QLineEdit, wordings: Sequence[str]) -> FittingPlaceholder:
    """Give ``box`` the longest placeholder of ``wordings`` (longest first) that fits it, kept so as it changes."""
    return FittingPlaceholder(box, wordings)
