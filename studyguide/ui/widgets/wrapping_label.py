"""A label on one line while there is room for it, wrapping where there is not.

A ``QLabel`` that wraps asks its layout for a width of its own choosing (a few words' worth), so beside a
stretch it wraps even with room to spare; one that does not wrap is cut off once its line is wider than the
window (the status bar's due counts at 900 px with View > Larger Text at 200%). This one asks for its whole
line and makes do with less.

Its height is that of its text wrapped to the width it will be given, which its layout does not say (a status
bar asks only for a size hint). Wrapped to the width it has, a label not yet laid out (Qt's 100 px) or one
given a longer text while it was narrower than its parent asked for a dozen lines for a moment: the main window
took that as its minimum height and grew past 600 px (704 at 200% text), and a window never shrinks back. So
the width is the one it was given only while it was given less than its whole line (the room there is); else
its whole line, at most its parent's width. Laid out, the label takes its height at its real width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel

from studyguide.ui.widgets.line_width import is_rich, line_width


class WrappingLabel(QLabel):
    """A word-wrapping label whose preferred size is its text on one line."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._cramped = False  # last laid out narrower than its whole line: that width is the room there is
        self._measured: tuple[str, Qt.TextFormat, str, int] = ("", Qt.TextFormat.AutoText, "", 0)  # text, format, font

    def _line_width(self) -> int:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        return max(self._text_width() + extra, super().minimumSizeHint().width())

    def _text_width(self) -> int:
        """The width of its text on one line (rich text as drawn, not its markup), measured once for each text
        and font: a layout asks for it several times (a rich text laid out each time: about a tenth of an
        answer's time in the reviewer at 100,000 cards)."""
        text, kind, font = self.text(), self.textFormat(), self.font().key()
        if self._measured[:3] == (text, kind, font):
            return self._measured[3]
        width = line_width(self, text, is_rich(text, kind))
        self._measured = (text, kind, font, width)
        return width

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        width = self._line_width()
        return QSize(width, max(self.heightForWidth(width), self._wrapped_height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._wrapped_height()))

    def expected_width(self) -> int:
        """The width its layout will give it (layouts ask only for a size hint, not a height for a width)."""
        if self._cramped:
            return self.width()
        parent = self.parentWidget()
        line = self._line_width()
        return min(line, parent.contentsRect().width()) if parent is not None else line

    def room_changed(self) -> None:
        """Its layout moved it where the room differs (to a row of its own): until it is laid out there, its
        height is its text's at its whole line, at most its parent's width, not at the width it had."""
        self._cramped = False
        self.updateGeometry()

    def _wrapped_height(self) -> int:
        """The height its text takes wrapped to the width it will have."""
        width = self.expected_width()
        return self.heightForWidth(width) if width > 0 else 0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._cramped = event.size().width() < self._line_width()
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a narrower label may need another line, a wider one one line fewer
