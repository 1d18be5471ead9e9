"""The timeline's graphics view: input in, items for the visible area out.

The canvas owns the scene. It keeps graphics items only for the events near
the visible area (creating and dropping them as the user pans), keeps the
axis in a strip below the events (so the dates stay in sight however many
rows there are, and never cover one; ``timeline_strips``), and turns wheel
and pinch gestures into zoom requests.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QStyle, QWidget

from studyguide.ui.timeline_scene import COMPACT_ROW_HEIGHT, BackdropItem, EventItem, SceneModel, TimelineStyle
from studyguide.ui.timeline_strips import AxisStrip, BandTitles, axis_height, titles_height

WHEEL_STEP = 1.5
#: Rows of events the canvas always has room for, however tall the details pane is made.
MIN_ROWS = 2


def zoomed(px_per_year: float, factor: float) -> float:
    """The zoom after one step, kept between 0.05 pixels a year and 400 pixels a day."""
    return min(max(px_per_year * factor, 0.05), 365 * 400)


class TimelineCanvas(QGraphicsView):
    """The graphics view: wheel and pinch zoom around the pointer, click selects, drag pans.

    Signals:
        zoom_requested(float, float): Factor and the scene x to keep under the pointer.
        event_clicked(str): An event was clicked (its id).
        range_changed(): The visible stretch of time may have changed (a new layout, a scroll, a resize).
        height_changed(): The view's height changed (the rows that fit it may differ), after it was resized.
    """

    zoom_requested = Signal(float, float)
    event_clicked = Signal(str)
    range_changed = Signal()
    height_changed = Signal()

    def __init__(self, *, model: SceneModel, style: TimelineStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.style_ = style
        self.live_items: dict[str, EventItem] = {}
        self._live_rect = QRectF()
        self._layout_rect = QRectF()
        scene = QGraphicsScene(self)
        # Items come and go as the user pans: a BSP index would be rebuilt each time.
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.backdrop = BackdropItem(model=model, style=style, live=self.live_items)
        scene.addItem(self.backdrop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # Top, not bottom: the scene is never shorter than the view (see _fit_scene_rect), and
        # bottom alignment is computed before the horizontal scroll bar takes its room.
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The axis is pinned to the view's bottom edge, so scrolling repaints the whole viewport.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("Timeline. Left and Right step through the events; L lists them.")
        self.viewport().setAccessibleName("Timeline canvas")  # focusable too: a nameless "filler" otherwise
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):  # items for what comes into view
            bar.valueChanged.connect(lambda _value: self.sync_items())
        self.horizontalScrollBar().valueChanged.connect(lambda _value: self.range_changed.emit())
        # In the viewport's margins, above and below it: the titles and the axis never cover an event.
        self.titles, self.axis = BandTitles(self), AxisStrip(self)
        #: The scene y of the view's bottom edge, kept when the view is resized (see ``resizeEvent``).
        self._bottom: float | None = None
        self._resizing = False
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._note_bottom())

    # Items for the visible area ----------------------------------------------------------

    def set_scene_rect(self, rect: QRectF) -> None:
        """Take a new layout: resize the scene and rebuild the items near the visible area."""
        for item in self.live_items.values():
            self.scene().removeItem(item)
        self.live_items.clear()
        self._live_rect = QRectF()
        self._layout_rect = QRectF(rect)
        self._place_strips()
        self._fit_scene_rect()
        self.sync_items()
        self._note_bottom()
        self.range_changed.emit()

    def layout_rect(self) -> QRectF:
        """The laid-out timeline, axis included (what an export draws)."""
        return QRectF(self._layout_rect)

    def _fit_scene_rect(self) -> None:
        """The rows of events, down to the axis (drawn below the viewport), grown upwards to at least the
        view's height, so the lowest row sits just above the axis."""
        rect, model = QRectF(self._layout_rect), self.model
        rect.setBottom(min(rect.bottom(), model.axis_y))
        rect.setTop(max(rect.top(), model.top(max(model.rows, default=0)) - 4))  # no empty room above the top row
        rect.setTop(min(rect.top(), rect.bottom() - self.viewport().height()))
        self.backdrop.set_rect(rect)
        self.scene().setSceneRect(rect)

    def _place_strips(self) -> None:
        """Keep the strips above and below the viewport as tall as their text in the current font, and room
        for ``MIN_ROWS`` rows between them."""
        top, bottom = titles_height(self.style_), axis_height(self.style_)
        margins = self.viewportMargins()
        if (margins.top(), margins.bottom()) != (top, bottom):
            self.setViewportMargins(0, top, 0, bottom)
        viewport = self.viewport().geometry()
        self.titles.setGeometry(viewport.left(), viewport.top() - top, viewport.width(), top)
        self.axis.setGeometry(viewport.left(), viewport.bottom() + 1, viewport.width(), bottom)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        rows = round(MIN_ROWS * COMPACT_ROW_HEIGHT * self.style_.unit)
        self.setMinimumHeight(2 * self.frameWidth() + top + bottom + bar + rows)

    def rows_room(self, *, sideways_bar: bool) -> float:
        """The height the rows of events have between the strips (less a sideways scroll bar, if one shows)."""
        room = self.height() - 2 * self.frameWidth() - titles_height(self.style_) - axis_height(self.style_)
        return room - (self.horizontalScrollBar().sizeHint().height() if sideways_bar else 0)

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Resize:
            return super().event(event)
        self._resizing = True  # the scroll bars move while the view resizes: the bottom to keep is the one before
        try:
            return super().event(event)
        finally:
            self._resizing = False

    def _note_bottom(self) -> None:
        if not self._resizing:
            self._bottom = self.visible_rect().bottom()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_strips()
        self._fit_scene_rect()
        if self._bottom is not None:
            # Keep the bottom edge where it was: when the details pane opens, the rows by the axis stay in
            # view (and the ones at the top scroll out of it), rather than the lowest rows going out of view.
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + round(self._bottom - self.visible_rect().bottom()))
        self._resizing = False
        self._note_bottom()
        self._live_rect = QRectF()
        self.sync_items()
        self.range_changed.emit()
        if event.size().height() != event.oldSize().height():
            self.height_changed.emit()

    def fit_width(self) -> int:
        """The viewport's width with a vertical scroll bar, shown or not (so fitting is the same either way)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return self.width() - 2 * self.frameWidth() - bar

    def visible_rect(self) -> QRectF:
        """The part of the scene in view."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def visible_years(self) -> tuple[float, float]:
        """The stretch of time in view, as fractional-year positions (``domain.dates``)."""
        rect, model = self.visible_rect(), self.model
        return (model.scale.to_years(model.origin + rect.left() / model.px_per_year),
                model.scale.to_years(model.origin + rect.right() / model.px_per_year))

    def announce(self, text: str) -> None:
        """Say ``text`` (the selected event) to a screen reader: it becomes the canvas's accessible name.

        ``setAccessibleName`` sends a ``QAccessible.NameChanged`` event, which AT-SPI passes on as a
        name change of the focused object; Orca reads that aloud. The description says it is the timeline.
        """
        name = text or "Timeline"
        if name != self.accessibleName():
            self.setAccessibleName(name)

    def bring_into_sight(self, rect: QRectF) -> None:
        """Scroll so ``rect`` (an event's) is in sight with room around it, as far as the view's height allows,
        and no row is cut in half at the view's bottom edge, just over the axis, when a whole one fits."""
        self.ensureVisible(rect, 80, max(min(40, int(self.viewport().height() - rect.height()) // 2), 0))
        visible, row_height, bar = self.visible_rect(), self.model.row_height, self.verticalScrollBar()
        cut = (self.model.axis_y - visible.bottom()) % row_height  # how much of the bottom row is out of view
        if cut > 0.5 and rect.top() >= visible.top() + cut:
            bar.setValue(bar.value() + round(cut))
        elif cut > 0.5 and rect.bottom() <= visible.bottom() - (row_height - cut):
            bar.setValue(bar.value() - round(row_height - cut))

    def sync_items(self, area: QRectF | None = None) -> None:
        """Make sure the events near ``area`` (default: the view, with a margin) have items."""
        if area is None:
            visible = self.visible_rect()
            if self._live_rect.contains(visible):
                return
            area = visible.adjusted(-visible.width(), -visible.height() / 2, visible.width(), visible.height() / 2)
            self._live_rect = area
        model, scene = self.model, self.scene()
        wanted = {model.events[i].id: i for i in model.indices_in(area)}
        for event_id in [e for e in self.live_items if e not in wanted]:
            scene.removeItem(self.live_items.pop(event_id))
        for event_id, index in wanted.items():
            if event_id not in self.live_items:
                item = EventItem(event=model.events[index], x0=model.x0s[index], x1=model.x1s[index],
                                 top=model.top(model.rows[index]), width=model.widths[index], style=self.style_,
                                 row_height=model.row_height)
                scene.addItem(item)
                self.live_items[event_id] = item

    def sync_all(self) -> None:
        """Give every event an item (for exporting the whole timeline)."""
        self._live_rect = self.sceneRect()
        self.sync_items(self.sceneRect())

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802 (Qt override)
        super().drawBackground(painter, rect)
        self.style_.view_left = self.visible_rect().left()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802 (Qt override)
        super().drawForeground(painter, rect)
        self.titles.update()  # the titles of the bands now in view, in the strip above
        self.axis.update()  # and the stretch of time in view, below

    # Input -------------------------------------------------------------------------

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or event.angleDelta().y() == 0:
            super().wheelEvent(event)
            return
        factor = WHEEL_STEP if event.angleDelta().y() > 0 else 1 / WHEEL_STEP
        self.zoom_requested.emit(factor, self.mapToScene(event.position().toPoint()).x())

    def viewportEvent(self, event) -> bool:  # noqa: N802
        # A touchpad pinch (macOS, Wayland, X11 with XInput 2.4) arrives as a native zoom gesture;
        # a touchscreen pinch as a QPinchGesture.
        if event.type() == QEvent.Type.NativeGesture:
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture and event.value():
                self.zoom_requested.emit(1.0 + event.value(), self.mapToScene(event.position().toPoint()).x())
                return True
        elif event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                factor = pinch.scaleFactor()
                if factor > 0 and factor != 1.0:
                    centre = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                    self.zoom_requested.emit(factor, self.mapToScene(centre).x())
                event.accept(pinch)
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        for item in self.items(event.position().toPoint()):
            if isinstance(item, EventItem):
                self.event_clicked.emit(item.event.id)
                return
        super().mousePressEvent(event)
