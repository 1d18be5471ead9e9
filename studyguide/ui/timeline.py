"""The Timeline view: a guide's events on a zoomable horizontal time axis.

Positions and label rows come from ``studyguide.domain.timeline``; this
module only draws them. Zooming re-lays the scene out at the new scale
(rather than scaling the view), so labels stay sharp and never overlap.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain import timeline as layout_math
from studyguide.domain.changes import Changes
from studyguide.domain.dates import Precision
from studyguide.domain.guide import Event
from studyguide.ui.widgets.markdown_view import MarkdownView, escape_markdown

LANE_COLOURS = ["#2a7de1", "#d9534f", "#3c9a5f", "#9b59b6", "#e67e22", "#16a085"]
ROW_HEIGHT = 46.0
AXIS_GAP = 28.0
MARGIN = 60.0
ZOOM_STEP = 1.5


class EventItem(QGraphicsRectItem):
    """The clickable area of one event: its label and mark. Selection is a soft highlight."""

    def __init__(self, event: Event, rect: QRectF, highlight: QColor) -> None:
        super().__init__(rect)
        self.event = event
        self._highlight = highlight
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"{event.title}\n{event.when.label()}")
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.isSelected():
            painter.setPen(QPen(self._highlight, 1.5))
            fill = QColor(self._highlight)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.drawRoundedRect(self.rect(), 6, 6)


class TimelineCanvas(QGraphicsView):
    """The graphics view; wheel zooms around the pointer.

    Signals:
        zoom_requested(float, float): Factor and the scene x to keep under the pointer.
        event_clicked(str): An event was clicked (its id).
    """

    zoom_requested = Signal(float, float)
    event_clicked = Signal(str)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        factor = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
        self.zoom_requested.emit(factor, self.mapToScene(event.position().toPoint()).x())

    def mousePressEvent(self, event) -> None:  # noqa: N802
        for item in self.items(event.position().toPoint()):
            while item is not None and not isinstance(item, EventItem):
                item = item.parentItem()
            if isinstance(item, EventItem):
                self.event_clicked.emit(item.event.id)
                return
        super().mousePressEvent(event)


class TimelineView(QWidget):
    """Events on a time axis, with zoom, a legend and a details panel.

    Signals:
        section_activated(str): "Read the section" was clicked in the details (section id).
        event_selected(str): An event became the selected one (event id).
    """

    section_activated = Signal(str)
    event_selected = Signal(str)

    def __init__(self, *, library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._guide_id: str | None = None
        self._events: list[Event] = []
        self._items: dict[str, EventItem] = {}
        self._selected: str | None = None
        self._px_per_year = 300.0
        self._origin = 0.0
        self._dirty = True
        self._lanes: dict[str, QColor] = {}

        self.scene = QGraphicsScene(self)
        self.canvas = TimelineCanvas(self.scene)
        self.canvas.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.canvas.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.canvas.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.canvas.zoom_requested.connect(self.zoom)
        self.canvas.event_clicked.connect(self.select_event)
        self.canvas.setAccessibleName("Timeline")

        self.details = MarkdownView()
        self.details.setAccessibleName("Event details")
        self.details.link_activated.connect(self._on_link)
        self.details.setMarkdown("*Click an event to see its details.*")

        toolbar = QHBoxLayout()
        for text, tip, slot in (("\u2212", "Zoom out (\u2212)", lambda: self.zoom(1 / ZOOM_STEP)),
                                ("+", "Zoom in (+)", lambda: self.zoom(ZOOM_STEP)),
                                ("Fit all", "Show every event (0)", self.fit_all)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            toolbar.addWidget(button)
        self.legend = QLabel()
        toolbar.addSpacing(16)
        toolbar.addWidget(self.legend)
        toolbar.addStretch(1)
        toolbar.addWidget(QLabel("Wheel to zoom, drag to pan, \u2190 \u2192 to step through events"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)

        for keys, slot in ((("+", "="), lambda: self.zoom(ZOOM_STEP)), (("-",), lambda: self.zoom(1 / ZOOM_STEP)),
                           (("0",), self.fit_all), (("Right",), lambda: self.step(1)),
                           (("Left",), lambda: self.step(-1))):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

    # Data ------------------------------------------------------------------

    def set_guide(self, guide_id: str) -> None:
        """Show another guide's events (loaded when next shown)."""
        self._guide_id = guide_id
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload events and fit them all in view."""
        if self._guide_id is None:
            return
        self._events = self._library.content(self._guide_id).events()
        lanes = sorted({e.lane for e in self._events if e.lane})
        self._lanes = {lane: QColor(LANE_COLOURS[i % len(LANE_COLOURS)]) for i, lane in enumerate(lanes)}
        self.legend.setText("  ".join(f"<span style='color:{c.name()}'>\u25a0</span> {html.escape(lane)}"
                                      for lane, c in self._lanes.items()))
        self._dirty = False
        self.fit_all()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        self.canvas.setFocus()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Mark the view stale when content changed."""
        if initiator is not self and (changes.content or changes.guides):
            self._dirty = True

    # Zoom and navigation ---------------------------------------------------------

    def _bounds(self) -> tuple[float, float]:
        first = min((e.when.first() for e in self._events), default=0.0)
        last = max((e.when.last() for e in self._events), default=1.0)
        return first, max(last, first + 1 / 365)

    def fit_all(self) -> None:
        """Zoom so every event fits the visible width."""
        first, last = self._bounds()
        label_room = max((self._label_width(e) for e in self._events), default=0.0)
        width = max(self.canvas.viewport().width(), 600) - 2 * MARGIN - label_room
        self._px_per_year = max(width / (last - first), 1e-3)
        self._rebuild()
        self.canvas.horizontalScrollBar().setValue(self.canvas.horizontalScrollBar().minimum())

    def _fonts(self) -> tuple[QFont, QFont]:
        title_font = QFont(self.font())
        title_font.setBold(True)
        small_font = QFont(self.font())
        small_font.setPointSizeF(max(small_font.pointSizeF() - 1, 7))
        return title_font, small_font

    def _label_width(self, event: Event) -> float:
        title_font, small_font = self._fonts()
        return max(QFontMetricsF(title_font).horizontalAdvance(event.title),
                   QFontMetricsF(small_font).horizontalAdvance(event.when.label())) + 12

    @property
    def px_per_year(self) -> float:
        """Current zoom in pixels per year."""
        return self._px_per_year

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by ``factor``, keeping the date at scene x ``anchor_x`` (default: centre) in place."""
        view_rect = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        if anchor_x is None:
            anchor_x = view_rect.center().x()
        anchor_on_screen = anchor_x - view_rect.left()
        anchor_years = self._origin + anchor_x / self._px_per_year
        self._px_per_year = min(max(self._px_per_year * factor, 0.05), 365 * 400)
        self._rebuild()
        new_x = (anchor_years - self._origin) * self._px_per_year
        self.canvas.horizontalScrollBar().setValue(int(new_x - anchor_on_screen))

    def step(self, offset: int) -> None:
        """Select the next (1) or previous (-1) event in time."""
        if not self._events:
            return
        ids = [e.id for e in self._events]
        index = ids.index(self._selected) + offset if self._selected in ids else 0
        self.select_event(ids[max(0, min(index, len(ids) - 1))])

    def select_event(self, event_id: str) -> bool:
        """Select an event, centre it and show its details. Returns False if unknown."""
        if self._dirty:
            self.refresh()
        event = next((e for e in self._events if e.id == event_id), None)
        if event is None:
            return False
        self._selected = event_id
        for item in self._items.values():
            item.setSelected(item.event.id == event_id)
        self._render_details(event)
        item = self._items.get(event_id)
        if item is not None:
            self.canvas.ensureVisible(item, 80, 40)
        self.event_selected.emit(event_id)
        return True

    @property
    def selected_event_id(self) -> str | None:
        """The selected event's id."""
        return self._selected

    def item_rects(self) -> dict[str, QRectF]:
        """Scene rectangles of each event's label area (for tests and hit checks)."""
        return {event_id: item.sceneBoundingRect() for event_id, item in self._items.items()}

    # Drawing -----------------------------------------------------------------

    def _rebuild(self) -> None:
        self.scene.clear()
        self._items = {}
        first, last = self._bounds()
        pad = 30 / self._px_per_year
        self._origin = first - pad - MARGIN / self._px_per_year
        title_font, small_font = self._fonts()
        widths = [self._label_width(e) for e in self._events]
        placements = layout_math.layout([(e.when.first(), e.when.last()) for e in self._events], widths,
                                        origin=self._origin, px_per_year=self._px_per_year)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        muted = QColor(text_colour)
        muted.setAlpha(150)
        faint = QColor(text_colour)
        faint.setAlpha(55)
        rows = max((p.row for p in placements), default=0) + 1
        axis_y = AXIS_GAP + rows * ROW_HEIGHT
        right = layout_math.to_x(last, origin=self._origin, px_per_year=self._px_per_year) + MARGIN + max(widths, default=0)
        self.scene.addLine(0, axis_y, right, axis_y, QPen(text_colour, 1.5))
        for tick in layout_math.ticks(self._origin, self._origin + right / self._px_per_year,
                                      px_per_year=self._px_per_year):
            x = layout_math.to_x(tick.position, origin=self._origin, px_per_year=self._px_per_year)
            self.scene.addLine(x, axis_y, x, axis_y + (10 if tick.major else 6), QPen(text_colour, 1))
            label = self.scene.addSimpleText(tick.label, small_font if not tick.major else title_font)
            label.setBrush(text_colour if tick.major else muted)
            label.setPos(x - label.boundingRect().width() / 2, axis_y + 12)
        for event, place, width in zip(self._events, placements, widths, strict=True):
            colour = self._lanes.get(event.lane, QColor(LANE_COLOURS[0]))
            top = axis_y - (place.row + 1) * ROW_HEIGHT
            item = EventItem(event, QRectF(place.x0 - 6, top - 3, max(width, place.x1 - place.x0) + 10,
                                           ROW_HEIGHT - 2), colour)
            self.scene.addItem(item)
            # The mark sits in the event's own row, under its label, so marks never overlap;
            # a faint line drops from its start to the axis.
            mark_y = top + 36
            self._draw_mark(item, event, place, mark_y, colour)
            leader = self.scene.addLine(place.x0, mark_y + 5, place.x0, axis_y, QPen(faint, 1, Qt.PenStyle.DotLine))
            leader.setParentItem(item)
            title = self.scene.addSimpleText(event.title, title_font)
            title.setBrush(text_colour)
            title.setPos(place.x0 + 4, top)
            title.setParentItem(item)
            date = self.scene.addSimpleText(event.when.label(), small_font)
            date.setBrush(muted)
            date.setPos(place.x0 + 4, top + 17)
            date.setParentItem(item)
            self._items[event.id] = item
        self.scene.setSceneRect(QRectF(0, 0, right, axis_y + 50))
        if self._selected in self._items:
            self._items[self._selected].setSelected(True)

    def _draw_mark(self, item: EventItem, event: Event, place, y: float, colour: QColor) -> None:
        """A dot for a day, a soft bar for a month or season, a solid bar for a period."""
        span = event.when
        if span.is_period:
            mark = QGraphicsRectItem(place.x0, y - 7, place.x1 - place.x0, 14)
            fill = QColor(colour)
            fill.setAlpha(200)
        elif span.start.precision is Precision.DAY and place.x1 - place.x0 < 12:
            mark = self.scene.addEllipse(place.x0 - 5, y - 5, 10, 10)
            fill = QColor(colour)
        else:
            # Fuzzy: the whole month, season or year it may fall in, drawn faint.
            mark = QGraphicsRectItem(place.x0, y - 5, place.x1 - place.x0, 10)
            fill = QColor(colour)
            fill.setAlpha(90)
        mark.setBrush(fill)
        pen = QPen(colour, 1.5, Qt.PenStyle.DashLine if span.approximate else Qt.PenStyle.SolidLine)
        mark.setPen(pen)
        mark.setParentItem(item)

    def _render_details(self, event: Event) -> None:
        sections = {s.id: s for s in self._library.content(self._guide_id).sections()}
        section = sections.get(event.section_id)
        lines = [f"### {escape_markdown(event.title)}", f"**{escape_markdown(event.when.label())}**"
                 + (f" \u00b7 {escape_markdown(event.lane)}" if event.lane else ""), event.description]
        if section is not None:
            lines.append(f"[Read the section: {escape_markdown(section.title)} \u2192](section:{section.id})")
        self.details.show_markdown("\n\n".join(lines))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "section":
            self.section_activated.emit(url.path())

    def scene_center(self) -> QPointF:
        """Centre of the visible part of the scene."""
        return self.canvas.mapToScene(self.canvas.viewport().rect().center())
