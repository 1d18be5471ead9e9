"""A label on one line while there is room for it, wrapping where there is not.

A ``QLabel`` that wraps asks its layout for a width of its own choosing (a few words' worth), so beside a
stretch it wraps even with room to spare; one that does not wrap is cut off once its line is wider than the
window (the status bar's due counts at 900 px with View > Larger Text at 200%). This one asks for its whole
line and makes do with less.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class WrappingLabel(QLabel):
    """A word-wrapping label whose preferred size is its text on one line."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        width = max(self.fontMetrics().horizontalAdvance(self.text()) + extra, super().minimumSizeHint().width())
        return QSize(width, max(self.heightForWidth(width), self._wrapped_height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._wrapped_height()))

    def _wrapped_height(self) -> int:
        """The height its text takes wrapped to the width it has now (layouts ask only for a size hint)."""
        return self.heightForWidth(self.width()) if self.width() > 0 else 0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a narrower label may need another line, a wider one one line fewer
