"""The Timeline view: a guide's events on a zoomable horizontal time axis.

Positions, label rows and the scale come from ``domain.timeline`` and ``domain.timescale``; drawing is in
``timeline_scene``; this module holds the state and turns input (wheel, pinch, keys, buttons, drags, clicks) into
zooms, pans and selections. Zooming re-lays the scene out (rather than scaling the view), so labels stay sharp and
never overlap; only the events near the visible area get items, so ten thousand events stay fast.
"""

from __future__ import annotations

import operator
import random
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from studyguide.domain import timeline as layout_math
from studyguide.domain.changes import Changes
from studyguide.domain.guide import Event
from studyguide.domain.timescale import TimeScale
from studyguide.ui import services, timeline_details, timeline_export
from studyguide.ui import timeline_scene as scene
from studyguide.ui.ordering import OrderingGame
from studyguide.ui.timeline_canvas import TimelineCanvas, zoomed
from studyguide.ui.timeline_density import LEFT_PAD, MAX_REDENSIFIED, RIGHT_PAD, LabelDensity
from studyguide.ui.timeline_list import TimelineTwin
from studyguide.ui.timeline_mastery import MasteryLegend
from studyguide.ui.timeline_toolbar import build_toolbar
from studyguide.ui.widgets.media_images import guide_resolver

ZOOM_STEP = 1.5
_KEPT_STYLE = ("selected_id", "badges", "density", "mastery", "mastery_target")  # kept when restyled
#: An event brought into view is zoomed until its own span is at least this wide (a day: 48 px).
READABLE_PX = 48.0


class TimelineView(LabelDensity, OrderingGame, QWidget):
    """Events on a time axis, with zoom, lane filters, a details panel, export and an ordering game.

    Args:
        library: What the timeline reads of the library (a guide's events).
        rng: Random source for the ordering game (seed it in tests).

    Signals:
        section_activated(str): "Read the section" was clicked in the details (section id).
        study_requested(str): "Review the cards" was clicked in the details (section id).
        card_requested(str): One of the cards listed in the details was clicked (card id).
        event_selected(str): An event became the selected one (event id).
    """

    section_activated = Signal(str)
    study_requested, card_requested = Signal(str), Signal(str)
    event_selected = Signal(str)

    def __init__(self, *, library: services.TimelineServices, rng: random.Random | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.rng = rng or random.Random()
        self._guide_id: str | None = None
        self._events: list[Event] = []
        self._widths: dict[str, tuple[float, float]] = {}  # full and compact label widths
        self._spans: dict[str, tuple[float, float]] = {}
        self._scale = TimeScale()
        self._shown: list[Event] = []
        self._shown_spans: list[tuple[float, float]] = []
        self._shown_widths: list[float] = []
        self._holders: list[int] = []
        self._layouts = layout_math.ZoomLayouts([], [], margin_px=LEFT_PAD)
        self._densities: list[tuple[list[float], layout_math.ZoomLayouts]] = []
        self.hidden_lanes: set[str] = set()
        self._dirty = True
        self.model = scene.SceneModel()
        self.style_ = scene.TimelineStyle.from_widget(self.font(), self.palette(), [])
        self.ordering = None

        self.canvas = TimelineCanvas(model=self.model, style=self.style_)
        self.canvas.zoom_requested.connect(self.zoom)
        self.canvas.event_clicked.connect(lambda event_id: self.select_event(event_id, bring_into_view=False))
        self.canvas.height_changed.connect(self._height_changed)  # the labels that fit it (timeline_density)

        self.details = timeline_details.DetailsPane()
        self.details.link_activated.connect(self._on_link)
        self.empty_message = timeline_details.no_events_message()

        toolbar, self.buttons, self.legend, self.hint = build_toolbar((
            ("out", "\u2212", "Zoom out (\u2212)", lambda: self.zoom(1 / ZOOM_STEP)),
            ("in", "+", "Zoom in (+)", lambda: self.zoom(ZOOM_STEP)),
            ("fit", "Fit all", "Show every event (0)", self.fit_all),
            ("order", "Put these in order\u2026", "Order a few events by date (O)", self.start_ordering),
            ("export", "Export", "Save the timeline as a PNG image or an SVG drawing",
             (("PNG image\u2026", lambda: timeline_export.export_dialog(self, "png")),
              ("SVG drawing\u2026", lambda: timeline_export.export_dialog(self, "svg")))),
        ))
        self.legend.lane_toggled.connect(self.set_lane_visible)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.canvas)
        self._stack.addWidget(self.empty_message)
        self.twin = TimelineTwin(view=self, stack=self._stack)  # the events as a list (L)
        # The details take the height of their text (up to half); the handle resizes them.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self._stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)  # the details (0, the default) keep their height
        self.splitter.setCollapsible(0, False)
        self.splitter.splitterMoved.connect(self.details.mark_resized_by_user)
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        self.mastery = MasteryLegend()  # what the tints of an exam's predicted recall mean
        layout.addWidget(self.mastery)
        layout.addWidget(self.splitter, 1)

        pan = 0.25
        for keys, slot in ((("+", "="), lambda: self.zoom(ZOOM_STEP)), (("-",), lambda: self.zoom(1 / ZOOM_STEP)),
                           (("0",), self.fit_all), (("Right",), lambda: self.step(1)),
                           (("Left",), lambda: self.step(-1)), (("Shift+Right",), lambda: self.pan(pan)),
                           (("Shift+Left",), lambda: self.pan(-pan)), (("Home",), lambda: self.step(-10**9)),
                           (("End",), lambda: self.step(10**9)), (("O",), self.start_ordering)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

    # Data ------------------------------------------------------------------

    def set_guide(self, guide_id: str) -> None:
        """Show another guide's events (loaded when next shown); the details of the last one go."""
        self._guide_id, self._dirty, self.style_.selected_id = guide_id, True, None
        self.details.set_media(guide_resolver(self._library, guide_id))  # that guide's own images only
        self.style_.badges = {}
        self.details.clear_details()
        self.details.fit_in(self.splitter)
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload events and fit them all in view."""
        if self._guide_id is None:
            return
        self.set_events(self._library.content(self._guide_id).events())

    def set_events(self, events: list[Event]) -> None:
        """Show these events (the guide's, or generated ones in benchmarks) and fit them all."""
        self._spans = {e.id: (e.when.first(), e.when.last()) for e in events}
        self._events = sorted(events, key=lambda e: (self._spans[e.id], e.position))
        self._dirty = False
        if self.style_.selected_id not in self._spans:
            self.style_.selected_id = None
            self.details.clear_details()
        self._stack.setCurrentWidget(self.twin.current_page() if events else self.empty_message)
        for widget in (*self.buttons.values(), self.details, self.hint):  # only the message, if no events
            widget.setVisible(bool(events))
        self.hidden_lanes &= {e.lane for e in self._events}
        self._restyle()
        self._reshow()
        self.fit_all()

    def _restyle(self) -> None:
        lanes = sorted({e.lane for e in self._events if e.lane})
        style = scene.TimelineStyle.from_widget(self.font(), self.palette(), lanes)
        for name in style.__dataclass_fields__:
            setattr(self.style_, name, getattr(style, name) if name not in _KEPT_STYLE else getattr(self.style_, name))
        widths = zip(*self.style_.label_widths(self._events), strict=True)
        self._widths = dict(zip((e.id for e in self._events), widths, strict=True))
        self.legend.set_lanes(self.style_.lanes, self.hidden_lanes, self.style_.shapes)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.details.fit_in(self.splitter)
        if self._dirty:
            self.refresh()
        self.mastery.update_for(self._guide_id, self.style_, self.canvas.viewport())
        if self._events:
            self.twin.current_page().setFocus()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.details.fit_in(self.splitter)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and self._events:
            self._restyle()
            self._reshow()
            self._relayout()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Mark the view stale when content changed."""
        if initiator is not self and (changes.content or changes.guides):
            self._dirty = True

    @property
    def events(self) -> list[Event]:
        """The events shown (lanes not hidden), in time order."""
        return list(self._shown)

    def set_lane_visible(self, lane: str, visible: bool) -> None:
        """Show or hide one lane's events (the rows close up)."""
        (self.hidden_lanes.discard if visible else self.hidden_lanes.add)(lane)
        self.legend.set_checked(lane, visible)
        # The scale is made for the shown events: keep the date at the centre where it was.
        centre = self.model.origin + self.canvas.visible_rect().center().x() / self.model.px_per_year
        years = self._scale.to_years(centre)
        self._reshow()
        self._set_zoom(self.model.px_per_year)
        self._scroll_to(self._scale.to_scaled(years), self.canvas.viewport().width() / 2)

    # Zoom and navigation ---------------------------------------------------------

    def fit_all(self) -> None:
        """Zoom so every shown event, mark and label, fits the visible width."""
        room = max(self.canvas.fit_width(), 200) - LEFT_PAD - RIGHT_PAD
        self._pick_density(lambda: layout_math.fit_zoom(self._shown_spans, self._shown_widths, width=room))
        self._relayout()
        self.canvas.horizontalScrollBar().setValue(self.canvas.horizontalScrollBar().minimum())
        self.canvas.verticalScrollBar().setValue(self.canvas.verticalScrollBar().maximum())

    def fit_range(self, first: float, last: float) -> None:
        """Zoom so the positions from ``first`` to ``last`` (years) fill the view."""
        first, last = self._scale.to_scaled(first), self._scale.to_scaled(last)
        width = max(self.canvas.viewport().width(), 400) - 2 * LEFT_PAD - 200
        self._set_zoom(zoomed(width / max(last - first, 1 / 365), 1.0))
        self._scroll_to(first, LEFT_PAD)

    @property
    def px_per_year(self) -> float:
        """Current zoom in pixels per scaled year (see ``domain.timescale``)."""
        return self.model.px_per_year

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by ``factor``, keeping the date at scene x ``anchor_x`` (default: centre) in place."""
        view_rect = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        if anchor_x is None:
            anchor_x = view_rect.center().x()
        anchor = self.model.origin + anchor_x / self.model.px_per_year
        self._set_zoom(zoomed(self.model.px_per_year, factor))
        self._scroll_to(anchor, anchor_x - view_rect.left())

    def _set_zoom(self, px_per_year: float) -> None:
        """Zoom to ``px_per_year`` with the fullest labels whose rows fit (kept as they are in huge guides)."""
        self.model.px_per_year = px_per_year
        if len(self._shown) <= MAX_REDENSIFIED:
            self._pick_density()
        self._relayout()

    def pan(self, fraction: float) -> None:
        """Scroll sideways by a fraction of the visible width (negative: back in time)."""
        bar = self.canvas.horizontalScrollBar()
        bar.setValue(bar.value() + int(fraction * self.canvas.viewport().width()))

    def _scroll_to(self, scaled: float, on_screen: float) -> None:
        new_x = (scaled - self.model.origin) * self.model.px_per_year
        self.canvas.horizontalScrollBar().setValue(int(new_x - on_screen))
        self.canvas.sync_items()

    def step(self, offset: int) -> None:
        """Select the next (1) or previous (-1) event in time; a big offset goes to the first or last."""
        ids = [e.id for e in self.events]
        if not ids:
            return
        if self.selected_event_id in ids:
            index = ids.index(self.selected_event_id) + offset
        else:
            index = 0 if abs(offset) == 1 else offset  # Right and Left start at the first; Home/End go to an end
        self.select_event(ids[max(0, min(index, len(ids) - 1))], bring_into_view=False)

    def select_event(self, event_id: str, *, bring_into_view: bool = True) -> bool:
        """Select an event and show its details. Returns False if unknown.

        Args:
            event_id: The event.
            bring_into_view: Zoom in to at least ``readable_zoom`` and centre the event
                (for links from other views); otherwise only scroll it into sight.
        """
        if self._dirty:
            self.refresh()
        event = next((e for e in self._events if e.id == event_id), None)
        if event is None:
            return False
        if event.lane in self.hidden_lanes:
            self.set_lane_visible(event.lane, True)
        self.style_.selected_id = event_id
        self.canvas.viewport().update()
        content = self._library.content(self._guide_id) if self._guide_id else None
        self.details.show_markdown(timeline_details.markdown(event, content, self._events))
        self.details.fit_in(self.splitter)
        if bring_into_view:
            self._set_zoom(self.readable_zoom(event_id))
            self.canvas.centerOn(self.item_rects()[event_id].center())
        else:
            self.canvas.bring_into_sight(self.item_rects()[event_id])
        self.canvas.sync_items()
        self.event_selected.emit(event_id)
        return True

    def readable_zoom(self, event_id: str) -> float:
        """The zoom an event is brought into view at: the current one, or closer if the event is small."""
        first, last = self._scale.scaled_spans([self._spans[event_id]])[0]
        return zoomed(layout_math.readable_zoom((first, last), current=self.model.px_per_year,
                                                 view_width=self.canvas.viewport().width(), min_px=READABLE_PX), 1.0)

    @property
    def selected_event_id(self) -> str | None:
        """The selected event's id."""
        return self.style_.selected_id

    def item_rects(self) -> dict[str, QRectF]:
        """Scene rectangles of each shown event's label area (for tests and hit checks)."""
        return {event.id: self.model.rect(i) for i, event in enumerate(self.model.events)}

    def live_item_ids(self) -> set[str]:
        """Ids of events that have a graphics item now (those near the visible area)."""
        return set(self.canvas.live_items)

    def export_png(self, path: str) -> None:
        """Save the whole timeline, at the current zoom, as a PNG image."""
        timeline_export.export_png(self, path)

    def export_svg(self, path: str) -> None:
        """Save the whole timeline, at the current zoom, as an SVG drawing."""
        timeline_export.export_svg(self, path)

    # Drawing -----------------------------------------------------------------

    def _reshow(self) -> None:
        """Work out what the zoom does not change: shown events, their spans, widths, bounds and periods."""
        self._shown = [e for e in self._events if e.lane not in self.hidden_lanes]
        spans = [self._spans[e.id] for e in self._shown]
        full, titles = ([self._widths[e.id][mode] for e in self._shown] for mode in (0, 1))
        self._holders = timeline_details.holders(self._shown, spans)
        # Crowded stretches get room and empty ones shrink: the layout works in scaled years.
        self._scale = self.model.scale = TimeScale.for_spans(spans, full)
        self._shown_spans = self._scale.scaled_spans(spans)
        self._densities = []
        for _row, widest, dated in scene.DENSITIES:
            cut = None if widest is None else widest * self.style_.unit + 12
            widths = full if dated else titles if cut is None else [min(w, cut) for w in titles]
            self._densities.append((widths, layout_math.ZoomLayouts(self._shown_spans, widths, margin_px=LEFT_PAD)))
        self._use_density(self.style_.density)

    def _relayout(self) -> None:
        """Lay every shown event out at the current zoom and rebuild the items near the view."""
        model, unit = self.model, self.style_.unit
        model.origin = self._layouts.origin(model.px_per_year)
        x0s, x1s, rows = self._layouts.get(model.px_per_year)
        model.events, model.widths, model.x0s, model.x1s, model.rows = self._shown, self._shown_widths, x0s, x1s, rows
        model.max_extent = max(max(map(operator.sub, x1s, x0s), default=0.0), max(self._shown_widths, default=0.0))
        model.axis_y = scene.AXIS_GAP * unit + (max(rows, default=0) + 1) * model.row_height
        bands = [(x0s[i], x1s[i], self._shown[i].lane, self._shown[i].title) for i in self._holders]
        model.bands = sorted(bands, key=lambda band: band[0] - band[1])
        right = self._right_end(x0s, x1s)
        self.canvas.set_scene_rect(QRectF(0, 0, max(right, 1.0), model.axis_y + scene.AXIS_HEIGHT * unit))
        QTimer.singleShot(0, self, self._prefetch)

    def _prefetch(self) -> None:
        """While idle, lay out the next zoom step in and out, so the next step only repaints."""
        for factor in (ZOOM_STEP, 1 / ZOOM_STEP):
            px = zoomed(self.model.px_per_year, factor)
            if not self._layouts.has(px):
                self._layouts.get(px)
                QTimer.singleShot(0, self, self._prefetch)  # one layout per idle turn, so input stays responsive
                return

    def _on_link(self, url: QUrl) -> None:
        routes: dict[str, Callable[[str], object]] = {
            "section": self.section_activated.emit, "study": self.study_requested.emit, "event": self.select_event,
            "card": self.card_requested.emit}
        routes.get(url.scheme(), lambda _path: None)(url.path())
