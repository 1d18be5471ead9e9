"""A scroll area whose content does not move sideways when its vertical scroll bar comes and goes.

A long card face scrolls inside the card (``CardFrame.scrolling``); its centred text jumped left by half a
scroll bar's width when the bar appeared, and back when the next card was short. Here the bar's width is
kept as a gutter on both sides of the content: on the right it is empty while the bar is hidden and the bar
fills it when shown, so the content's column has the same width and place either way, centred in the area.
(``ScrollBarAlwaysOn`` keeps the place too, but shows an empty bar beside every short card.) A style whose
scroll bars float over the content (``SH_ScrollBar_Transient``) needs no gutter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QWidget


class SteadyScrollArea(QScrollArea):
    """A frameless, see-through scroll area that scrolls vertically only, its content in a steady column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().installEventFilter(self)  # shown and hidden with its container
        self._margins = (-1, -1)
        self._keep_column()

    def gutter(self) -> int:
        """The vertical scroll bar's width as the style lays it out (0 for bars that float over the content)."""
        bar = self.verticalScrollBar()
        if self.style().styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, None, bar):
            return 0
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)

    def _keep_column(self) -> None:
        gutter = self.gutter()
        margins = (gutter, 0 if self.verticalScrollBar().isVisibleTo(self) else gutter)
        if margins != self._margins:
            self._margins = margins
            self.setViewportMargins(margins[0], 0, margins[1], 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._keep_column()
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self._keep_column()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._keep_column()
