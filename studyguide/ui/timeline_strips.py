"""The strips above and below the timeline's events: the period titles and the time axis.

Both sit in the canvas's viewport margins, outside the area the events scroll in, so neither ever
covers an event. (Pinned to the top of the events' viewport, the period titles ran over the labels of
its top row at 900x600; pinned to its bottom, the axis covered the lowest rows whenever the details pane
made the view short, and at 200% text it covered every row.)
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView, QWidget

from studyguide.ui.timeline_scene import BackdropItem, SceneModel, TimelineStyle, paint_axis, paint_band_titles

#: Lines of period titles the strip above the events holds (a title that would need a third is left out there).
TITLE_LINES = 2
#: The axis's ticks reach this far below its line, and the tick labels start here (``paint_axis``).
_TICK_ROOM = 12


def titles_height(style: TimelineStyle) -> int:
    """The strip above the events: ``TITLE_LINES`` lines of titles in the current font."""
    metrics = style.small_metrics
    return round(TITLE_LINES * metrics.height()) + 6 if metrics is not None else 0


def axis_height(style: TimelineStyle) -> int:
    """The strip below the events: the axis line, its ticks and a line of (bold, major) tick labels."""
    metrics = style.title_metrics
    return _TICK_ROOM + round(metrics.height()) + 6 if metrics is not None else 36


class _Canvas(Protocol):
    """What a strip reads of the timeline's canvas (``timeline_canvas.TimelineCanvas``, which makes the strips)."""

    model: SceneModel
    style_: TimelineStyle
    backdrop: BackdropItem

    def viewport(self) -> QWidget: ...
    def visible_rect(self) -> QRectF: ...


class _Strip(QWidget):
    """A strip of the canvas outside its viewport, painted in the scene's x (it follows the sideways scroll)."""

    def __init__(self, canvas: QGraphicsView) -> None:
        super().__init__(canvas)
        self._canvas = cast(_Canvas, canvas)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        viewport = self._canvas.viewport()
        painter = QPainter(self)
        painter.fillRect(self.rect(), viewport.palette().color(viewport.backgroundRole()))
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_strip(painter)
        painter.end()

    def paint_strip(self, painter: QPainter) -> None:
        """Draw the strip's content."""
        raise NotImplementedError


class BandTitles(_Strip):
    """The strip above the events where the period bands in view are named."""

    def paint_strip(self, painter: QPainter) -> None:
        """The titles of the bands in view, in at most ``TITLE_LINES`` lines."""
        canvas = self._canvas
        visible = canvas.visible_rect()
        painter.translate(-visible.left(), -visible.top())  # the scene's x, as the bands below
        paint_band_titles(painter, canvas.backdrop.visible_bands(visible), canvas.style_, visible, lines=TITLE_LINES)


class AxisStrip(_Strip):
    """The strip below the events where the time axis is drawn: always in sight, never over a row."""

    def paint_strip(self, painter: QPainter) -> None:
        """The axis for the stretch of time in view."""
        canvas = self._canvas
        visible, y = canvas.visible_rect(), canvas.model.axis_y
        painter.translate(-visible.left(), 1 - y)  # the 1.5 px line whole, below the viewport's edge
        paint_axis(painter, canvas.model, canvas.style_, left=visible.left(), right=visible.right(), y=y)
