"""Timeline view: zoom by wheel and pinch, pan, lane filters, periods, cards, export, dark scheme, many events."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QNativeGestureEvent, QPalette, QPointingDevice, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from studyguide.domain.dates import parse_span
from studyguide.domain.guide import Event


@pytest.fixture
def timeline(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.timeline)
    return main_window.timeline


def _wheel(widget, pos: QPoint, delta: int) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(widget.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _click_link(qtbot, browser, text: str) -> None:
    found = browser.document().find(text)
    assert not found.isNull(), browser.toPlainText()
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 1)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(inside).center())


def _event_at_screen_x(timeline, event_id: str) -> float:
    mark = timeline.item_rects()[event_id].topLeft() + QPointF(6, 0)
    return timeline.canvas.mapFromScene(mark).x()


def test_wheel_zooms_in_and_out_around_the_pointer(timeline):
    viewport = timeline.canvas.viewport()
    timeline.fit_all()
    pos = timeline.canvas.mapFromScene(timeline.item_rects()["day-event"].topLeft() + QPointF(6, 0))
    before, x_before = timeline.px_per_year, _event_at_screen_x(timeline, "day-event")

    _wheel(viewport, pos, 120)
    assert timeline.px_per_year == pytest.approx(before * 1.5)
    assert _event_at_screen_x(timeline, "day-event") == pytest.approx(x_before, abs=2)

    _wheel(viewport, pos, -120)
    _wheel(viewport, pos, -120)
    assert timeline.px_per_year == pytest.approx(before / 1.5)


def test_a_pinch_zooms(timeline):
    viewport = timeline.canvas.viewport()
    before = timeline.px_per_year
    centre = QPointF(viewport.rect().center())
    pinch = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
                                centre, centre, QPointF(viewport.mapToGlobal(centre)), 0.25, QPointF(0, 0))
    QApplication.sendEvent(viewport, pinch)
    assert timeline.px_per_year == pytest.approx(before * 1.25)


def test_zoom_buttons_and_fit_all(qtbot, timeline):
    before = timeline.px_per_year
    qtbot.mouseClick(timeline.buttons["in"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(timeline.buttons["in"], Qt.MouseButton.LeftButton)
    assert timeline.px_per_year == pytest.approx(before * 2.25)
    qtbot.mouseClick(timeline.buttons["out"], Qt.MouseButton.LeftButton)
    assert timeline.px_per_year == pytest.approx(before * 1.5)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_0)
    assert timeline.px_per_year == pytest.approx(before)


def test_shift_arrows_pan_and_plain_arrows_still_step(qtbot, timeline):
    timeline.zoom(20)
    bar = timeline.canvas.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    timeline.canvas.setFocus()

    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() > start
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() < start
    assert timeline.selected_event_id is None
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_End)
    assert timeline.selected_event_id == timeline.events[-1].id
    assert "Shift+" in timeline.hint.text()


def test_dragging_pans(qtbot, timeline):
    timeline.zoom(20)
    bar = timeline.canvas.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    viewport = timeline.canvas.viewport()
    empty = QPoint(viewport.width() // 2, 5)
    assert not [i for i in timeline.canvas.items(empty) if hasattr(i, "event")]
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=empty)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, empty + QPoint(40 * step, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=empty + QPoint(200, 0))
    assert bar.value() < start - 100


def test_unchecking_a_lane_hides_its_events_and_checking_shows_them(qtbot, timeline):
    legend = timeline.legend.buttons
    assert set(legend) == {"North", "South"}
    qtbot.mouseClick(legend["South"], Qt.MouseButton.LeftButton)
    assert set(timeline.item_rects()) == {"year-event", "day-event"}
    assert "South" in timeline.hidden_lanes
    qtbot.mouseClick(legend["South"], Qt.MouseButton.LeftButton)
    assert set(timeline.item_rects()) == {"year-event", "season-event", "day-event", "period-event"}


def test_selecting_an_event_in_a_hidden_lane_shows_the_lane_again(timeline):
    timeline.set_lane_visible("North", False)
    assert timeline.select_event("day-event")
    assert timeline.legend.buttons["North"].isChecked() and "day-event" in timeline.item_rects()


def test_a_period_holds_the_events_inside_it(qtbot, timeline):
    bands = timeline.model.bands
    assert [title for *_, title in bands] == ["A period"]
    x0, x1, *_ = bands[0]
    day = timeline.item_rects()["day-event"]
    assert x0 <= day.left() + 6 <= x1
    timeline.select_event("period-event")
    assert "Within this period: A day event" in timeline.details.toPlainText()
    timeline.select_event("day-event")
    assert "Part of: A period" in timeline.details.toPlainText()
    _click_link(qtbot, timeline.details, "A period")
    assert timeline.selected_event_id == "period-event"


def test_the_cards_link_starts_a_review_of_the_section(qtbot, main_window, timeline):
    timeline.select_event("season-event")
    assert "Review the 2 cards from this section" in timeline.details.toPlainText()
    with qtbot.wait_signal(timeline.study_requested) as blocker:
        _click_link(qtbot, timeline.details, "Review the 2 cards")
    assert blocker.args == ["first"]
    assert main_window.tabs.currentWidget() is main_window.flashcards


def test_labels_say_the_precision_in_words(timeline):
    events = [Event(id=f"e{i}", section_id="first", title=f"Event {i}", when=parse_span(when), position=i)
              for i, when in enumerate(("-44", "c. 1950", "1961-fall", "1962-10", "-490 .. -479"))]
    timeline.set_events(events)
    labels = {e.id: e.when.label() for e in timeline.events}
    assert labels == {"e0": "44 BCE", "e1": "c. 1950", "e2": "fall 1961", "e3": "October 1962",
                      "e4": "490 BCE \u2013 479 BCE"}
    rects = timeline.item_rects()
    assert rects["e4"].left() < rects["e0"].left() < rects["e1"].left() < rects["e2"].left() < rects["e3"].left()


def test_export_png_and_svg(tmp_path, timeline):
    png, svg = tmp_path / "timeline.png", tmp_path / "timeline.svg"
    timeline.export_png(str(png))
    timeline.export_svg(str(svg))

    image = QImage(str(png))
    scene = timeline.canvas.layout_rect()
    ratio = timeline.devicePixelRatioF()
    assert (image.width(), image.height()) == (int(scene.width() * ratio), int(scene.height() * ratio))
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    for title in ("A year-precise event", "A seasonal event", "A day event", "A period", "fall 1961"):
        assert title in text
    # After exporting, only the events near the view keep items again.
    assert timeline.live_item_ids() <= set(timeline.item_rects())


def test_export_to_an_unwritable_place_raises_a_clear_error(tmp_path, timeline):
    with pytest.raises(OSError, match="could not write"):
        timeline.export_png(str(tmp_path / "missing-folder" / "t.png"))


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_follows_a_dark_palette(tmp_path, timeline):
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#17181a"),
                         (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.WindowText, "#e8eaed")):
        dark.setColor(role, QColor(colour))
    timeline.setPalette(dark)

    style = timeline.style_
    assert style.text.lightness() > 200 and style.base.lightness() < 40
    for colour in style.lanes.values():
        assert _contrast(colour, style.base) >= 3.0, colour.name()
    timeline.export_png(str(tmp_path / "dark.png"))
    image = QImage(str(tmp_path / "dark.png"))
    assert image.pixelColor(2, 2).lightness() < 40


def test_lane_colours_are_readable_in_the_light_scheme_too(timeline):
    style = timeline.style_
    assert style.base.lightness() > 200
    for colour in style.lanes.values():
        assert _contrast(colour, style.base) >= 3.0, colour.name()


def test_many_events_get_items_only_near_the_view(qtbot, timeline):
    rng = random.Random(3)
    events = [Event(id=f"e{i}", section_id="first", title=f"Event number {i}",
                    when=parse_span(f"{rng.randint(1800, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
                    position=i) for i in range(2000)]
    timeline.set_events(events)
    timeline.zoom(40)
    live = timeline.live_item_ids()
    assert 0 < len(live) < 400
    rects = timeline.item_rects()
    visible = timeline.canvas.visible_rect()
    assert {i for i, r in rects.items() if r.intersects(visible)} <= live
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_End)
    last = timeline.events[-1].id
    assert timeline.selected_event_id == last and last in timeline.live_item_ids()


@pytest.mark.parametrize("zoom", [1.0, 12.0, 400.0])
def test_no_two_labels_overlap_among_many_events(timeline, zoom):
    rng = random.Random(11)
    events = [Event(id=f"e{i}", section_id="first", title="Word " * rng.randint(1, 6), position=i,
                    when=parse_span(rng.choice(("1962", "1962-10", "1962-10-16", "1961-fall", "c. 1962",
                                                "1962-10-16 .. 1962-10-28", "1960 .. 1963"))))
              for i in range(300)]
    timeline.set_events(events)
    timeline.zoom(zoom)
    rects = timeline.item_rects()
    by_row: dict[float, list] = {}
    for rect in rects.values():
        by_row.setdefault(rect.top(), []).append(rect)
    assert len(by_row) > 1
    for row in by_row.values():
        row.sort(key=lambda r: r.left())
        for a, b in pairwise(row):
            assert a.right() <= b.left(), (a, b)


def test_the_next_zoom_step_is_laid_out_while_idle(qtbot, timeline):
    from studyguide.ui.timeline import ZOOM_STEP
    from studyguide.ui.timeline_canvas import zoomed as _zoomed

    timeline.fit_all()
    px = timeline.px_per_year
    qtbot.wait_until(lambda: timeline._layouts.has(_zoomed(px, ZOOM_STEP))
                     and timeline._layouts.has(_zoomed(px, 1 / ZOOM_STEP)))
    before = timeline.item_rects()
    timeline.zoom(ZOOM_STEP)
    assert timeline.px_per_year == _zoomed(px, ZOOM_STEP)
    assert set(timeline.item_rects()) == set(before)
