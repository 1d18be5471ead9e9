"""Timeline view: events drawn by date, clickable, linked to their sections, zoomable."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt


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


def test_a_period_is_drawn_wider_than_a_day(timeline):
    rects = timeline.item_rects()
    period, day = rects["period-event"], rects["day-event"]
    assert period.left() == pytest.approx(day.left(), abs=1)


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
