"""What the timeline draws: event labels and marks, period bands, leaders and the axis.

Split from ``timeline.py`` so the view keeps to input and state. Items paint
themselves with ``QPainter`` calls (one item per event, not one per shape),
and the backdrop paints only the exposed part of the scene, so a guide with
ten thousand events stays fast. Colours come from the widget's palette, so
the timeline follows the light or dark scheme.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsItem

from studyguide.domain import timeline as layout_math
from studyguide.domain.dates import Precision
from studyguide.domain.guide import Event
from studyguide.domain.time_axis import placed_labels
from studyguide.domain.timescale import TimeScale, scaled_ticks
from studyguide.ui.lane_shapes import lane_shapes, paint_shape
from studyguide.ui.widgets.safe_text import plain_tooltip

#: Lane colours: a light-scheme set (at least 3:1 against white) and a dark-scheme set
#: (at least 3:1 against near-black), in the same hue order.
LIGHT_LANE_COLOURS = ("#1f6fd1", "#c9302c", "#2e8550", "#8e44ad", "#b85c00", "#117a65")
DARK_LANE_COLOURS = ("#6aa8f0", "#f08a86", "#63c985", "#c39bd3", "#f0a35c", "#48c9b0")
#: A label row: the title, the date under it, then the mark (so rows stay compact enough to fit).
ROW_HEIGHT = 40.0
#: A compact row (when full rows would not fit the view): the title, then the mark; the date is on the axis.
COMPACT_ROW_HEIGHT = 24.0
#: Label densities, fullest first, for when rows would not fit the view: (row height, widest title
#: in pixels or None, whether the date is drawn under the title). A shortened title ends in "...".
DENSITIES = ((ROW_HEIGHT, None, True), (COMPACT_ROW_HEIGHT, None, False), (COMPACT_ROW_HEIGHT, 170.0, False),
             (COMPACT_ROW_HEIGHT, 110.0, False))
#: Room above the top row of events (px at 100% text; the period titles have a strip of their own).
AXIS_GAP = 30.0
AXIS_HEIGHT = 36.0
MARK_OFFSET, COMPACT_MARK_OFFSET = 32.0, 18.0
#: The bold title's line height these pixel sizes are drawn for (9-point text); a larger text size
#: (View > Larger Text, or the system's) multiplies them (``TimelineStyle.unit``), so rows never overlap.
DESIGN_LINE = 14.0
#: At most this many period bands are drawn at once (the widest), so a crowded guide stays legible.
MAX_BANDS = 24


def is_dark(palette: QPalette) -> bool:
    """True when the palette is a dark scheme (light text on a dark base)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def lane_colours(lanes: list[str], palette: QPalette) -> dict[str, QColor]:
    """A readable colour for each lane, for this palette's scheme."""
    colours = DARK_LANE_COLOURS if is_dark(palette) else LIGHT_LANE_COLOURS
    return {lane: QColor(colours[i % len(colours)]) for i, lane in enumerate(lanes)}


#: Mastery tints: at or above the target, within 20 points below it, further below.
MASTERY_COLOURS = ("#3c9a5f", "#e0a030", "#d9534f")


def mastery_colour(recall: float, target: float) -> QColor:
    """The tint of a section's events for its predicted recall on exam day."""
    return QColor(MASTERY_COLOURS[0 if recall >= target else 1 if recall >= target - 0.2 else 2])


@dataclass
class TimelineStyle:
    """Fonts, colours and the selection the items read when they paint."""

    text: QColor
    muted: QColor
    faint: QColor
    base: QColor
    title_font: QFont
    small_font: QFont
    title_ascent: float
    small_ascent: float
    lanes: dict[str, QColor] = field(default_factory=dict)
    #: Each lane's marker shape (``ui.lane_shapes``): colour is never the only difference.
    shapes: dict[str, str] = field(default_factory=dict)
    selected_id: str | None = None
    #: Index in ``DENSITIES``: above 0, labels are titles only (the date is in the tooltip and details).
    density: int = 0
    badges: dict[str, int] = field(default_factory=dict)
    #: Scene x of the view's left edge: a label of a long mark slides along it to stay in sight.
    view_left: float = -1e18
    title_metrics: QFontMetricsF | None = None
    small_metrics: QFontMetricsF | None = None
    #: Predicted recall on exam day per section id (``ui.timeline_mastery``): tints its events.
    mastery: dict[str, float] = field(default_factory=dict)
    mastery_target: float = 0.9
    #: Rows, offsets and the axis grow with the text: its line height over ``DESIGN_LINE`` (at least 1).
    unit: float = 1.0

    @classmethod
    def from_widget(cls, font: QFont, palette: QPalette, lanes: list[str]) -> TimelineStyle:
        """Build the style from a widget's font and palette."""
        title_font = QFont(font)
        title_font.setBold(True)
        small_font = QFont(font)
        small_font.setPointSizeF(max(small_font.pointSizeF() - 1, 7))
        text = palette.color(QPalette.ColorRole.Text)
        muted, faint = QColor(text), QColor(text)
        muted.setAlpha(170)
        faint.setAlpha(60)
        return cls(text=text, muted=muted, faint=faint, base=palette.color(QPalette.ColorRole.Base),
                   title_font=title_font, small_font=small_font,
                   title_ascent=QFontMetricsF(title_font).ascent(),
                   small_ascent=QFontMetricsF(small_font).ascent(), lanes=lane_colours(lanes, palette),
                   shapes=lane_shapes(lanes),
                   title_metrics=QFontMetricsF(title_font), small_metrics=QFontMetricsF(small_font),
                   unit=max(QFontMetricsF(title_font).height() / DESIGN_LINE, 1.0))

    def colour(self, lane: str) -> QColor:
        """The lane's colour (the first lane colour for events with no lane)."""
        return self.lanes.get(lane) or next(iter(self.lanes.values()), QColor(LIGHT_LANE_COLOURS[0]))

    def shape(self, lane: str) -> str:
        """The lane's marker shape (a circle for events with no lane)."""
        return self.shapes.get(lane, "circle")

    def label_widths(self, events: list[Event]) -> tuple[list[float], list[float]]:
        """Pixel widths of each event's label: full (the wider of title and date) and compact (the title)."""
        title_advance = QFontMetricsF(self.title_font).horizontalAdvance
        small_advance = QFontMetricsF(self.small_font).horizontalAdvance
        titles: dict[str, float] = {}
        dates: dict[str, float] = {}
        widths, compact = [], []
        for event in events:
            title, date = event.title, event.when.label()
            if title not in titles:
                titles[title] = title_advance(title)
            if date not in dates:
                dates[date] = small_advance(date)
            widths.append(max(titles[title], dates[date]) + 12)
            compact.append(titles[title] + 12)
        return widths, compact


def label_rect(x0: float, x1: float, top: float, width: float, row_height: float = ROW_HEIGHT) -> QRectF:
    """The clickable area of an event: its label and mark."""
    # 4.5 px each side of the packed extent: within the 8 px gap between neighbours in a row.
    return QRectF(x0 - 4.5, top - 2, max(width, x1 - x0) + 8, row_height - 1)


class EventItem(QGraphicsItem):
    """One event: title, date in words, its mark; highlighted when selected."""

    def __init__(self, *, event: Event, x0: float, x1: float, top: float, width: float,
                 style: TimelineStyle, row_height: float = ROW_HEIGHT) -> None:
        super().__init__()
        self.event = event
        self._x0, self._x1, self._top = x0, x1, top
        self._rect = label_rect(x0, x1, top, width, row_height)
        self._width = width
        self._style = style
        self._mark_offset = (COMPACT_MARK_OFFSET if style.density else MARK_OFFSET) * style.unit
        self.mark_x, self.mark_y = x0, top + self._mark_offset
        self._shortened: tuple[float, str, str] | None = None  # (room, title, date) last painted
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(plain_tooltip(f"{event.title}\n{event.when.label()}"))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        style, event = self._style, self.event
        colour = style.colour(event.lane)
        if style.selected_id == event.id:
            fill = QColor(colour)
            fill.setAlpha(45)
            painter.setPen(QPen(colour, 1.5))
            painter.setBrush(fill)
            painter.drawRoundedRect(self._rect, 6, 6)
        recall = style.mastery.get(event.section_id)
        if recall is not None:  # the section's predicted recall on exam day
            tint = mastery_colour(recall, style.mastery_target)
            tint.setAlpha(55)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawRoundedRect(self._rect, 6, 6)
        self._paint_mark(painter, colour)
        x, title, date = self.label_text()
        painter.setPen(style.text)
        painter.setFont(style.title_font)
        painter.drawText(QPointF(x, self._top + style.title_ascent), title)
        if not style.density:
            painter.setPen(style.muted)
            painter.setFont(style.small_font)
            painter.drawText(QPointF(x, self._top + 15 * style.unit + style.small_ascent), date)
        badge = style.badges.get(event.id)
        if badge is not None:
            centre = QPointF(self._x0, self.mark_y)
            painter.setPen(QPen(style.base, 2))
            painter.setBrush(colour)
            painter.drawEllipse(centre, 10, 10)
            painter.setPen(style.base)
            painter.setFont(style.title_font)
            painter.drawText(QRectF(centre.x() - 10, centre.y() - 10, 20, 20), Qt.AlignmentFlag.AlignCenter,
                             str(badge))

    def label_text(self) -> tuple[float, str, str]:
        """Where the label is drawn (scene x) and its title and date, shortened to their room."""
        # A mark whose start is off to the left keeps its label in view, within the room its row
        # was packed for (so it still overlaps nothing), shortened with "..." rather than cut.
        style, event = self._style, self.event
        x, title, date = self._x0 + 4, event.title, event.when.label()
        room = self._width - 8 if DENSITIES[style.density][1] else None  # titles cut to a width
        if style.view_left > self._x0:
            x = style.view_left + 4
            room = max(self._x1, self._x0 + self._width - 8) - x
        if room is not None:
            if self._shortened is None or self._shortened[0] != room:
                assert style.title_metrics is not None and style.small_metrics is not None  # from_widget sets them
                elide = Qt.TextElideMode.ElideRight
                self._shortened = (room, style.title_metrics.elidedText(title, elide, room),
                                   style.small_metrics.elidedText(date, elide, room))
            title, date = self._shortened[1:]
        return x, title, date

    def _paint_mark(self, painter: QPainter, colour: QColor) -> None:
        """A lane-shaped dot for a day, a faint bar for a month, season or year, a solid bar for a period;
        a bar starts with its lane's shape."""
        span, y, small = self.event.when, self.mark_y, 1 if self._style.density else 0
        pen = QPen(colour, 1.5, Qt.PenStyle.DashLine if span.approximate else Qt.PenStyle.SolidLine)
        fill = QColor(colour)
        painter.setPen(pen)
        if span.is_period:
            fill.setAlpha(200)
            painter.setBrush(fill)
            painter.drawRect(QRectF(self._x0, y - 5 + small, self._x1 - self._x0, 10 - 2 * small))
        elif span.start.precision is not Precision.DAY or self._x1 - self._x0 >= 12:
            # Fuzzy: the whole month, season or year it may fall in, drawn faint.
            fill.setAlpha(90)
            painter.setBrush(fill)
            painter.drawRect(QRectF(self._x0, y - 4 + small, self._x1 - self._x0, 8 - 2 * small))
        paint_shape(painter, self._style.shape(self.event.lane), QPointF(self._x0, y), 5 - small / 2,
                    colour, self._style.base)

@dataclass
class SceneModel:
    """The laid-out timeline at one zoom: what the backdrop and the view read."""

    events: list[Event] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    x0s: list[float] = field(default_factory=list)
    x1s: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    max_extent: float = 0.0
    axis_y: float = AXIS_GAP
    origin: float = 0.0
    px_per_year: float = 300.0
    #: Dates to scaled years: ``origin`` and ``px_per_year`` are in scaled years.
    scale: TimeScale = field(default_factory=TimeScale)
    row_height: float = ROW_HEIGHT
    #: Periods that hold other events: (x0, x1, lane, title).
    bands: list[tuple[float, float, str, str]] = field(default_factory=list)

    def top(self, row: int) -> float:
        """Scene y of the top of a label row."""
        return self.axis_y - (row + 1) * self.row_height

    def rect(self, index: int) -> QRectF:
        """The label rectangle of the event at ``index``."""
        return label_rect(self.x0s[index], self.x1s[index], self.top(self.rows[index]), self.widths[index],
                          self.row_height)

    def indices_in(self, area: QRectF) -> list[int]:
        """Indices of events whose label rectangle may meet ``area``."""
        lo = bisect_left(self.x0s, area.left() - self.max_extent - 10)
        hi = bisect_right(self.x0s, area.right() + 6)
        row_min = int((self.axis_y - area.bottom()) // self.row_height) - 1
        row_max = int((self.axis_y - area.top()) // self.row_height) + 1
        x0s, x1s, rows, widths, left = self.x0s, self.x1s, self.rows, self.widths, area.left() - 10
        return [i for i in range(lo, hi)
                if row_min <= rows[i] <= row_max and max(x1s[i], x0s[i] + widths[i]) >= left]


class BackdropItem(QGraphicsItem):
    """Period bands and the faint leaders from marks to the axis, painted for the exposed area only."""

    def __init__(self, *, model: SceneModel, style: TimelineStyle, live: dict[str, EventItem]) -> None:
        super().__init__()
        self.model = model
        self.live = live
        self.style = style
        self.setZValue(-10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._rect = QRectF()

    def set_rect(self, rect: QRectF) -> None:
        """Cover the whole scene."""
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        exposed = option.exposedRect if option.exposedRect.isValid() else self._rect
        model, style = self.model, self.style
        painter.setPen(Qt.PenStyle.NoPen)
        for x0, x1, lane, _title in self.visible_bands(exposed):
                band = QColor(style.colour(lane))
                band.setAlpha(28)
                painter.setBrush(QBrush(band))
                painter.drawRect(QRectF(x0, exposed.top(), x1 - x0, exposed.height()))
        # Leaders only for the events that have items (those near the view), drawn in one call.
        bottom = min(model.axis_y, exposed.bottom())
        lines = []
        for item in self.live.values():
            x, y = item.mark_x, item.mark_y + 5
            if exposed.left() - 1 <= x <= exposed.right() + 1 and y < bottom:
                lines.append(QLineF(x, max(y, exposed.top()), x, bottom))
        # Cosmetic and not antialiased: Qt's raster engine then draws dots as pixels; an
        # antialiased dotted line is stroked dot by dot (most of a pan's paint time in a big guide).
        pen = QPen(style.faint, 1, Qt.PenStyle.DotLine)
        pen.setCosmetic(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(pen)
        painter.drawLines(lines)
        painter.restore()

    def visible_bands(self, area: QRectF) -> list[tuple[float, float, str, str]]:
        """The widest ``MAX_BANDS`` period bands that meet ``area`` (bands are kept widest first)."""
        result = []
        for band in self.model.bands:
            if band[1] >= area.left() and band[0] <= area.right():
                result.append(band)
                if len(result) == MAX_BANDS:
                    break
        return result


def paint_axis(painter: QPainter, model: SceneModel, style: TimelineStyle, *, left: float, right: float,
               y: float) -> None:
    """The time axis at scene height ``y`` between two scene x, with ticks that fit the zoom."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.base)
    painter.drawRect(QRectF(left, y, right - left, (AXIS_HEIGHT + 40) * style.unit))
    painter.setPen(QPen(style.text, 1.5))
    painter.drawLine(QPointF(left, y), QPointF(right, y))
    px, origin = model.px_per_year, model.origin
    metrics = {True: QFontMetricsF(style.title_font), False: QFontMetricsF(style.small_font)}
    ticks = scaled_ticks(model.scale, origin + left / px, origin + right / px, px_per_unit=px)
    xs = [layout_math.to_x(tick.position, origin=origin, px_per_year=px) for tick in ticks]
    painter.setPen(QPen(style.text, 1))
    for tick, x in zip(ticks, xs, strict=True):
        painter.drawLine(QPointF(x, y), QPointF(x, y + (10 if tick.major else 6)))
    # A label centred on a tick by an edge is shifted inward (or left out), never cut: "n 1, 1959".
    widths = [metrics[tick.major].horizontalAdvance(tick.label) for tick in ticks]
    starts = placed_labels([(x, w, t.major) for t, x, w in zip(ticks, xs, widths, strict=True)], left + 2, right - 2)
    for tick, start in zip(ticks, starts, strict=True):
        if start is not None:
            painter.setFont(style.title_font if tick.major else style.small_font)
            painter.setPen(style.text if tick.major else style.muted)
            painter.drawText(QPointF(start, y + 12 + metrics[tick.major].ascent()), tick.label)


def paint_band_titles(painter: QPainter, bands: list, style: TimelineStyle, visible: QRectF, lines: int) -> None:
    """Name each visible period band at the top of the view, so a band says what holds the events (in at most
    ``lines`` lines: a title that would need another is left out)."""
    painter.setFont(style.small_font)
    fm = QFontMetricsF(style.small_font)
    line_ends: list[float] = []  # where each line of titles is taken up to: nested bands' titles never overlap
    for x0, x1, lane, title in sorted(bands, key=lambda band: band[0]):
        x = max(x0, visible.left()) + 4
        text = fm.elidedText(title, Qt.TextElideMode.ElideRight, max(min(x1, visible.right()) - x - 4, 0))
        if text:
            line = next((i for i, end in enumerate(line_ends) if end <= x), len(line_ends))
            if line >= lines:
                continue
            line_ends[line:line + 1] = [x + fm.horizontalAdvance(text) + 8]
            painter.setPen(style.colour(lane))
            painter.drawText(QPointF(x, visible.top() + 4 + line * fm.height() + fm.ascent()), text)
