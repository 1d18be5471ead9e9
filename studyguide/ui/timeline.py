"""The Timeline view: a guide's events on a zoomable horizontal time axis.

Positions and label rows come from ``studyguide.domain.timeline``; drawing is
in ``timeline_scene``; this module holds the state and turns input (wheel,
pinch, keys, buttons, drags, clicks) into zooms, pans and selections. Zooming
re-lays the scene out at the new scale (rather than scaling the view), so
labels stay sharp and never overlap; only the events near the visible area
get items, so ten thousand events stay fast.
"""

from __future__ import annotations

import operator
import random

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain import timeline as layout_math
from studyguide.domain.changes import Changes
from studyguide.domain.guide import Event
from studyguide.ui import timeline_details, timeline_export
from studyguide.ui.timeline_canvas import LaneLegend, TimelineCanvas
from studyguide.ui.timeline_scene import AXIS_GAP, AXIS_HEIGHT, MARGIN, ROW_HEIGHT, SceneModel, TimelineStyle
from studyguide.ui.widgets.markdown_view import MarkdownView

ZOOM_STEP = 1.5
HINT = "Shift+\u2190/\u2192 pans \u00b7 \u2190/\u2192 steps"


def _zoomed(px_per_year: float, factor: float) -> float:
    """The zoom after one step, kept between 0.05 pixels a year and 400 pixels a day."""
    return min(max(px_per_year * factor, 0.05), 365 * 400)


class TimelineView(QWidget):
    """Events on a time axis, with zoom, lane filters, a details panel, export and an ordering game.

    Args:
        library: The opened ``Library``.
        rng: Random source for the ordering game (seed it in tests).

    Signals:
        section_activated(str): "Read the section" was clicked in the details (section id).
        study_requested(str): "Review the cards" was clicked in the details (section id).
        event_selected(str): An event became the selected one (event id).
    """

    section_activated = Signal(str)
    study_requested = Signal(str)
    event_selected = Signal(str)

    def __init__(self, *, library, rng: random.Random | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.rng = rng or random.Random()
        self._guide_id: str | None = None
        self._events: list[Event] = []
        self._widths: dict[str, float] = {}
        self._spans: dict[str, tuple[float, float]] = {}
        self._bounds_cache = (0.0, 1.0)
        self._shown: list[Event] = []
        self._shown_spans: list[tuple[float, float]] = []
        self._shown_widths: list[float] = []
        self._holders: list[int] = []
        self._layouts = layout_math.ZoomLayouts([], [], margin_px=30 + MARGIN)
        self.hidden_lanes: set[str] = set()
        self._dirty = True
        self.model = SceneModel()
        self.style_ = TimelineStyle.from_widget(self.font(), self.palette(), [])
        self.ordering = None

        self.canvas = TimelineCanvas(model=self.model, style=self.style_)
        self.canvas.zoom_requested.connect(self.zoom)
        self.canvas.event_clicked.connect(self.select_event)
        self.canvas.horizontalScrollBar().valueChanged.connect(lambda _: self.canvas.sync_items())
        self.canvas.verticalScrollBar().valueChanged.connect(lambda _: self.canvas.sync_items())

        self.details = MarkdownView()
        self.details.setAccessibleName("Event details")
        self.details.link_activated.connect(self._on_link)
        self.details.setMarkdown("*Click an event to see its details.*")

        toolbar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, tip, slot in (
            ("out", "\u2212", "Zoom out (\u2212)", lambda: self.zoom(1 / ZOOM_STEP)),
            ("in", "+", "Zoom in (+)", lambda: self.zoom(ZOOM_STEP)),
            ("fit", "Fit all", "Show every event (0)", self.fit_all),
            ("order", "Put these in order\u2026", "Order a few events by date (O)", self.start_ordering),
            ("png", "PNG\u2026", "Export the timeline as a PNG image", lambda: self._export_dialog("png")),
            ("svg", "SVG\u2026", "Export the timeline as an SVG drawing", lambda: self._export_dialog("svg")),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            if name in ("in", "out"):
                button.setMaximumWidth(40)
            self.buttons[name] = button
            toolbar.addWidget(button)
            if name == "fit":
                self.legend = LaneLegend()
                self.legend.lane_toggled.connect(self.set_lane_visible)
                toolbar.addSpacing(12)
                toolbar.addWidget(self.legend)
                toolbar.addStretch(1)
                self.hint = QLabel(HINT)
                self.hint.setToolTip("Wheel or pinch to zoom; + and \u2212 zoom, 0 fits all. Drag or Shift+\u2190/"
                                     "\u2192 to pan. \u2190/\u2192 step to the previous or next event, Home/End "
                                     "to the first or last. O starts \u201cPut these in order\u201d.")
                # The hint gives way first when the window is narrow (its tooltip says it all).
                self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                self.hint.setMinimumWidth(0)
                toolbar.addWidget(self.hint, 1)
                toolbar.addSpacing(8)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 170])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)

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
        """Show another guide's events (loaded when next shown)."""
        self._guide_id = guide_id
        self._dirty = True
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
        first = min((span[0] for span in self._spans.values()), default=0.0)
        last = max((span[1] for span in self._spans.values()), default=1.0)
        self._bounds_cache = (first, max(last, first + 1 / 365))
        self._dirty = False
        self.hidden_lanes &= {e.lane for e in self._events}
        self._restyle()
        self._reshow()
        self.fit_all()

    def _restyle(self) -> None:
        lanes = sorted({e.lane for e in self._events if e.lane})
        style = TimelineStyle.from_widget(self.font(), self.palette(), lanes)
        for name in style.__dataclass_fields__:
            setattr(self.style_, name, getattr(style, name) if name not in ("selected_id", "badges")
                    else getattr(self.style_, name))
        self._widths = dict(zip((e.id for e in self._events), self.style_.label_widths(self._events), strict=True))
        self.legend.set_lanes(self.style_.lanes, self.hidden_lanes)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        self.canvas.setFocus()

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
        self._reshow()
        centre = self.scene_center().x()
        years = self.model.origin + centre / self.model.px_per_year
        self._relayout()
        self._scroll_to_year(years, self.canvas.viewport().width() / 2)

    # Zoom and navigation ---------------------------------------------------------

    def _bounds(self) -> tuple[float, float]:
        return self._bounds_cache

    def fit_all(self) -> None:
        """Zoom so every event fits the visible width."""
        first, last = self._bounds()
        label_room = max(self._widths.values(), default=0.0)
        width = max(self.canvas.viewport().width(), 600) - 2 * MARGIN - min(label_room, 400)
        self.model.px_per_year = max(width / (last - first), 1e-3)
        self._relayout()
        self.canvas.horizontalScrollBar().setValue(self.canvas.horizontalScrollBar().minimum())
        self.canvas.verticalScrollBar().setValue(self.canvas.verticalScrollBar().maximum())

    def fit_range(self, first: float, last: float) -> None:
        """Zoom so the positions from ``first`` to ``last`` (years) fill the view."""
        width = max(self.canvas.viewport().width(), 600) - 2 * MARGIN - 200
        self.model.px_per_year = min(max(width / max(last - first, 1 / 365), 1e-3), 365 * 400)
        self._relayout()
        self._scroll_to_year(first, MARGIN)

    @property
    def px_per_year(self) -> float:
        """Current zoom in pixels per year."""
        return self.model.px_per_year

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by ``factor``, keeping the date at scene x ``anchor_x`` (default: centre) in place."""
        view_rect = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        if anchor_x is None:
            anchor_x = view_rect.center().x()
        anchor_years = self.model.origin + anchor_x / self.model.px_per_year
        self.model.px_per_year = _zoomed(self.model.px_per_year, factor)
        self._relayout()
        self._scroll_to_year(anchor_years, anchor_x - view_rect.left())

    def pan(self, fraction: float) -> None:
        """Scroll sideways by a fraction of the visible width (negative: back in time)."""
        bar = self.canvas.horizontalScrollBar()
        bar.setValue(bar.value() + int(fraction * self.canvas.viewport().width()))

    def _scroll_to_year(self, years: float, on_screen: float) -> None:
        new_x = (years - self.model.origin) * self.model.px_per_year
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
        self.select_event(ids[max(0, min(index, len(ids) - 1))])

    def select_event(self, event_id: str) -> bool:
        """Select an event, centre it and show its details. Returns False if unknown."""
        if self._dirty:
            self.refresh()
        event = next((e for e in self._events if e.id == event_id), None)
        if event is None:
            return False
        if event.lane in self.hidden_lanes:
            self.set_lane_visible(event.lane, True)
        self.style_.selected_id = event_id
        self.canvas.viewport().update()
        self.details.show_markdown(timeline_details.markdown(event, self._library.content(self._guide_id),
                                                             self._events)
                                   if self._guide_id else timeline_details.markdown(event, None, self._events))
        rect = self.item_rects().get(event_id)
        if rect is not None:
            self.canvas.ensureVisible(rect, 80, 40)
            self.canvas.sync_items()
        self.event_selected.emit(event_id)
        return True

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

    # Ordering game and export ---------------------------------------------------------

    def start_ordering(self) -> None:
        """Deal a few events to put in order (opens the "Put these in order" panel)."""
        from studyguide.ui.ordering import OrderingDialog

        if self.ordering is None:
            self.ordering = OrderingDialog(rng=self.rng, parent=self)
            self.ordering.answer_checked.connect(self.show_order)
            self.ordering.finished.connect(lambda _=0: self.show_order([]))
        self.ordering.deal(self._events)
        self.ordering.show()
        self.ordering.activateWindow()

    def show_order(self, event_ids: list[str]) -> None:
        """Number these events 1, 2, 3... on the timeline and fit them in view (empty: clear)."""
        self.style_.badges = {event_id: i + 1 for i, event_id in enumerate(event_ids)}
        shown = [e for e in self._events if e.id in self.style_.badges]
        for lane in {e.lane for e in shown} & self.hidden_lanes:
            self.set_lane_visible(lane, True)
        if shown:
            first = min(e.when.first() for e in shown)
            last = max(e.when.last() for e in shown)
            self.fit_range(first - (last - first) * 0.05, last + (last - first) * 0.05)
        self.canvas.viewport().update()

    def export_png(self, path: str) -> None:
        """Save the whole timeline, at the current zoom, as a PNG image."""
        timeline_export.export_png(self, path)

    def export_svg(self, path: str) -> None:
        """Save the whole timeline, at the current zoom, as an SVG drawing."""
        timeline_export.export_svg(self, path)

    def _export_dialog(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, f"Export the timeline as {kind.upper()}", f"timeline.{kind}",
                                              f"{kind.upper()} (*.{kind})")
        if path:
            timeline_export.export_with_message(self, path, kind)

    # Drawing -----------------------------------------------------------------

    def _reshow(self) -> None:
        """Work out what the zoom does not change: shown events, their spans, widths, bounds and periods."""
        self._shown = [e for e in self._events if e.lane not in self.hidden_lanes]
        self._shown_spans = [self._spans[e.id] for e in self._shown]
        self._shown_widths = [self._widths[e.id] for e in self._shown]
        self._holders = timeline_details.holders(self._shown, self._shown_spans)
        self._layouts = layout_math.ZoomLayouts(self._shown_spans, self._shown_widths, margin_px=30 + MARGIN)

    def _relayout(self) -> None:
        """Lay every shown event out at the current zoom and rebuild the items near the view."""
        model = self.model
        model.origin = self._layouts.origin(model.px_per_year)
        x0s, x1s, rows = self._layouts.get(model.px_per_year)
        model.events, model.widths, model.x0s, model.x1s, model.rows = self._shown, self._shown_widths, x0s, x1s, rows
        model.max_extent = max(max(map(operator.sub, x1s, x0s), default=0.0), max(self._shown_widths, default=0.0))
        model.axis_y = AXIS_GAP + (max(rows, default=0) + 1) * ROW_HEIGHT
        bands = [(x0s[i], x1s[i], self._shown[i].lane, self._shown[i].title) for i in self._holders]
        model.bands = sorted(bands, key=lambda band: band[0] - band[1])
        right = max(x1s, default=0.0) + MARGIN + min(model.max_extent, 600)
        self.canvas.set_scene_rect(QRectF(0, 0, max(right, 1.0), model.axis_y + AXIS_HEIGHT + 6))
        QTimer.singleShot(0, self, self._prefetch)

    def _prefetch(self) -> None:
        """While idle, lay out the next zoom step in and out, so the next step only repaints."""
        for factor in (ZOOM_STEP, 1 / ZOOM_STEP):
            px = _zoomed(self.model.px_per_year, factor)
            if not self._layouts.has(px):
                self._layouts.get(px)
                QTimer.singleShot(0, self, self._prefetch)  # one layout per idle turn, so input stays responsive
                return

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "section":
            self.section_activated.emit(url.path())
        elif url.scheme() == "study":
            self.study_requested.emit(url.path())
        elif url.scheme() == "event":
            self.select_event(url.path())

    def scene_center(self):
        """Centre of the visible part of the scene."""
        return self.canvas.mapToScene(self.canvas.viewport().rect().center())
