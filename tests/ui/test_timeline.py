"""Timeline view: events drawn by date, clickable, linked to their sections, zoomable."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import QApplication

from studyguide import paths
from studyguide.domain.dates import position_of
from studyguide.guides.markdown import read_guide
from tests.conftest import DATA, crisis_window


@pytest.fixture
def timeline(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.timeline)
    return main_window.timeline


def _click_event(qtbot, timeline, event_id: str) -> None:
    rect = timeline.item_rects()[event_id]
    timeline.canvas.ensureVisible(rect, 10, 10)
    point = timeline.canvas.mapFromScene(rect.topLeft()) + QPoint(12, 8)
    qtbot.mouseClick(timeline.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_events_are_placed_left_to_right_by_date(timeline):
    rects = timeline.item_rects()
    order = ["year-event", "season-event", "day-event"]
    xs = [rects[event_id].left() for event_id in order]
    assert xs == sorted(xs) and len(set(xs)) == 3


def _marks(timeline) -> dict[str, tuple[float, float]]:
    """Each shown event's drawn mark, (left, right) in scene pixels."""
    model = timeline.model
    return {e.id: (x0, x1) for e, x0, x1 in zip(model.events, model.x0s, model.x1s, strict=True)}


def test_a_period_is_drawn_wider_than_a_day(timeline):
    marks = _marks(timeline)
    (period_left, period_right), (day_left, day_right) = marks["period-event"], marks["day-event"]
    assert period_left == pytest.approx(day_left, abs=1)  # both start on October 16, 1962
    # Twelve days against one: the period's mark is many times the day's (which is a dot).
    assert period_right - period_left > 4 * (day_right - day_left) and period_right - period_left > 40


def test_clicking_an_event_shows_its_details(qtbot, timeline):
    with qtbot.wait_signal(timeline.event_selected) as blocker:
        _click_event(qtbot, timeline, "season-event")
    assert blocker.args == ["season-event"]
    text = timeline.details.toPlainText()
    assert "A seasonal event" in text and "fall 1961" in text and "Read the section: First steps" in text


def test_details_link_opens_the_section(qtbot, main_window, timeline):
    _click_event(qtbot, timeline, "day-event")
    browser = timeline.details
    cursor = browser.document().find("Read the section")
    assert cursor.charFormat().anchorHref() == "section:second"
    with qtbot.wait_signal(timeline.section_activated):
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                         pos=browser.cursorRect(cursor).center() + QPoint(8, 0))
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "second"


def test_arrow_keys_step_through_events_in_time(qtbot, timeline):
    timeline.canvas.setFocus()
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert timeline.selected_event_id == "year-event"
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert timeline.selected_event_id == "season-event"
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Left)
    assert timeline.selected_event_id == "year-event"


def test_plus_and_minus_zoom(qtbot, timeline):
    timeline.canvas.setFocus()
    before = timeline.px_per_year
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Plus)
    assert timeline.px_per_year == pytest.approx(before * 1.5)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Minus)
    assert timeline.px_per_year == pytest.approx(before / 1.5)


@pytest.mark.parametrize("zoom", [1.0, 8.0, 300.0])
def test_no_two_labels_overlap(timeline, zoom):
    timeline.fit_all()
    timeline.zoom(zoom)
    rects = list(timeline.item_rects().values())
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b), (a, b)


# The bundled guide: a few years of context, then the crowded days of October 1962 -------------


@pytest.fixture
def crisis(qtbot, make_library):
    """The main window on the bundled guide (the Cuban Missile Crisis), its Timeline shown."""
    window = crisis_window(qtbot, make_library, 1280, 800)
    window.tabs.setCurrentWidget(window.timeline)
    return window


def _on_screen(timeline) -> QRectF:
    return timeline.canvas.mapToScene(timeline.canvas.viewport().rect()).boundingRect()


def test_fit_all_spreads_the_events_over_the_view_and_gives_october_1962_room(crisis):
    timeline = crisis.timeline
    timeline.fit_all()
    view = _on_screen(timeline)
    rects = list(timeline.item_rects().values())
    left, right = min(r.left() for r in rects), max(r.right() for r in rects)
    assert left >= view.left() - 1 and right <= view.right() + 1
    assert (right - left) / view.width() >= 0.85
    october = [e for e in timeline.events if position_of(1962, 10, 1) <= e.when.first() < position_of(1962, 11, 1)]
    assert len(october) >= 8
    starts = sorted({x0 for e_id, (x0, _) in _marks(timeline).items() if e_id in {e.id for e in october}})
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 20 and starts[-1] - starts[0] >= 0.15 * view.width(), gaps
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b), (a, b)


def test_at_900_by_600_every_event_and_the_key_hint_fit(qtbot, crisis):
    crisis.resize(900, 600)
    timeline = crisis.timeline
    qtbot.wait_until(lambda: crisis.width() == 900)  # the toolbar lets the window be that narrow
    timeline.fit_all()
    view = _on_screen(timeline)
    assert timeline.live_item_ids() == {e.id for e in timeline.events}
    for item in timeline.canvas.live_items.values():
        box = item.sceneBoundingRect()
        assert view.top() <= box.top() and box.bottom() <= view.bottom(), (item.event.title, box, view)
    hint = timeline.hint
    assert hint.fontMetrics().horizontalAdvance(hint.text()) <= hint.contentsRect().width()
    assert "Shift" in hint.toolTip() and hint.text() in ("", *[t for t in hint._texts])


def test_the_details_pane_is_as_tall_as_its_text(qtbot, crisis):
    timeline = crisis.timeline
    before = timeline.details.height()
    timeline.select_event("quarantine-announced", bring_into_view=False)
    details = timeline.details
    assert "Read the section" in details.toPlainText()
    assert details.document().size().height() <= details.viewport().height() + 1
    assert details.height() > before  # it grew from the one-line placeholder
    assert details.height() <= timeline.splitter.height() / 2 + 1


def test_an_event_link_in_a_section_brings_the_event_into_view_readably(qtbot, crisis):
    timeline = crisis.timeline
    timeline.fit_all()
    timeline.zoom(1 / 20)  # far out, so the day would be a speck
    crisis.tabs.setCurrentWidget(crisis.sections)
    reader = crisis.sections
    reader.show_section("black-saturday")
    cursor = reader.text.document().find("A U-2 is shot down over Cuba")
    assert cursor.charFormat().anchorHref() == "event:u2-shot-down"
    with qtbot.wait_signal(reader.event_activated):
        qtbot.mouseClick(reader.text.viewport(), Qt.MouseButton.LeftButton,
                         pos=reader.text.cursorRect(cursor).center() - QPoint(6, 0))
    assert crisis.tabs.currentWidget() is timeline and timeline.selected_event_id == "u2-shot-down"
    assert _on_screen(timeline).contains(timeline.item_rects()["u2-shot-down"])
    x0, x1 = _marks(timeline)["u2-shot-down"]
    assert x1 - x0 >= 48  # the day is drawn at least 48 px wide (the readable zoom)
    assert timeline.px_per_year >= timeline.readable_zoom("u2-shot-down") * 0.999


def test_a_label_whose_mark_starts_off_the_left_edge_is_shortened_in_view_not_cut(qtbot, crisis):
    timeline = crisis.timeline
    timeline.select_event("missiles-discovered", bring_into_view=False)
    timeline.fit_range(position_of(1962, 10, 16), position_of(1962, 10, 17))  # the day fills the view
    x0, x1 = _marks(timeline)["missiles-discovered"]
    bar = timeline.canvas.horizontalScrollBar()
    bar.setValue(bar.value() + int(x1 - 60 - _on_screen(timeline).left()))  # only its last 60 px in view
    timeline.canvas.viewport().repaint()
    view = _on_screen(timeline)
    item = timeline.canvas.live_items["missiles-discovered"]
    x, title, date = item.label_text()
    style = timeline.style_
    assert x == pytest.approx(view.left() + 4, abs=1)  # the label starts in sight...
    for text, metrics in ((title, style.title_metrics), (date, style.small_metrics)):
        assert text == item.event.title or text == item.event.when.label() or text.endswith("\u2026")
        assert x + metrics.horizontalAdvance(text) <= item.boundingRect().right()  # ...and ends in its room


def test_switching_guides_clears_the_details_of_the_last_one(qtbot, make_library):
    from studyguide.ui.main_window import MainWindow

    library = make_library(bundled=paths.bundled_guide_database())
    library.install_guide(read_guide((DATA / "tiny-guide.md").read_text(encoding="utf-8")))
    library.reload_guides()
    window = MainWindow(library=library)
    qtbot.add_widget(window)
    window.show()
    window.tabs.setCurrentWidget(window.timeline)
    window.guide_picker.setCurrentIndex(window.guide_picker.findData("cuban-missile-crisis"))
    assert window.timeline.select_event("u2-shot-down")
    assert "U-2" in window.timeline.details.toPlainText()
    window.guide_picker.setCurrentIndex(window.guide_picker.findData("tiny"))
    assert window.timeline.selected_event_id is None
    assert "U-2" not in window.timeline.details.toPlainText()
    assert "Click an event" in window.timeline.details.toPlainText()


def test_a_guide_with_no_events_says_how_to_add_them(qtbot, make_library):
    from studyguide.ui.main_window import MainWindow

    guide = read_guide((DATA / "tiny-guide.md").read_text(encoding="utf-8"))
    library = make_library()
    library.install_guide(replace(guide, info=replace(guide.info, id="no-events", title="No events"), events=()))
    library.reload_guides()
    window = MainWindow(library=library)
    qtbot.add_widget(window)
    window.show()
    window.tabs.setCurrentWidget(window.timeline)
    window.guide_picker.setCurrentIndex(window.guide_picker.findData("no-events"))
    timeline = window.timeline
    QApplication.processEvents()
    assert timeline.empty_message.isVisible() and not timeline.canvas.isVisible()
    text = timeline.empty_message.text()
    assert "no dated events" in text and "## Events" in text and "Import" in text and "Ctrl+Shift+E" in text
    assert not timeline.buttons["fit"].isVisible() and not timeline.details.isVisible()
    window.guide_picker.setCurrentIndex(window.guide_picker.findData("tiny"))
    assert timeline.canvas.isVisible() and not timeline.empty_message.isVisible()
    assert timeline.buttons["fit"].isVisible() and timeline.details.isVisible()
