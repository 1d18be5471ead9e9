"""The timeline's twin: the same events as a list of sentences (View > Timeline as List, or L)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from studyguide.ui.timeline_list import EVENT_ID_ROLE, EventListModel

SENTENCES = [
    "1959, A year-precise event, North lane, part of First steps",
    "fall 1961, A seasonal event, South lane, part of First steps",
    "October 16, 1962, A day event, North lane, part of Second steps",
    "October 16 to 28, 1962, A period, South lane, part of Second steps",
]


@pytest.fixture
def timeline(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.timeline)
    qtbot.wait_until(lambda: main_window.timeline.canvas.hasFocus())
    return main_window.timeline


def _rows(timeline) -> list[str]:
    return timeline.twin.model.sentences()


def test_l_shows_the_events_as_sentences_in_date_order_and_l_goes_back(qtbot, timeline):
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_L)
    assert timeline.twin.shown and timeline.twin.list.isVisible() and not timeline.canvas.isVisible()
    assert timeline.twin.list.hasFocus()
    assert _rows(timeline) == SENTENCES
    # What a screen reader reads for a row is the same sentence.
    index = timeline.twin.model.index(1)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == SENTENCES[1]
    assert "4 of 4 events" in timeline.twin.summary.text()
    qtbot.keyClick(timeline.twin.list, Qt.Key.Key_L)
    assert not timeline.twin.shown and timeline.canvas.isVisible() and timeline.canvas.hasFocus()


def test_the_list_follows_the_lane_filter_it_shares_with_the_canvas(qtbot, timeline):
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_L)
    timeline.legend.buttons["South"].click()  # hide the South lane, as a mouse user would
    assert _rows(timeline) == [SENTENCES[0], SENTENCES[2]]
    assert [e.id for e in timeline.events] == ["year-event", "day-event"]  # the canvas shows the same
    assert "lanes hidden: South" in timeline.twin.summary.text()
    timeline.legend.buttons["South"].click()
    assert _rows(timeline) == SENTENCES


def test_the_list_follows_the_visible_range_and_0_shows_all(qtbot, timeline):
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_L)
    timeline.select_event("day-event")  # zooms in to the day (as a link from another view does)
    rows = _rows(timeline)
    assert SENTENCES[2] in rows and SENTENCES[0] not in rows  # 1959 is out of view
    assert f"{len(rows)} of 4 events" in timeline.twin.summary.text()
    assert timeline.twin.list.currentIndex().data(EVENT_ID_ROLE) == "day-event"
    qtbot.keyClick(timeline.twin.list, Qt.Key.Key_0)
    assert _rows(timeline) == SENTENCES


def test_arrows_in_the_list_select_events_and_enter_opens_details_whose_section_link_works(
        qtbot, main_window, timeline):
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_L)
    twin = timeline.twin
    twin.list.setCurrentIndex(twin.model.index(0))
    qtbot.keyClick(twin.list, Qt.Key.Key_Down)
    assert timeline.selected_event_id == "season-event"
    qtbot.keyClick(twin.list, Qt.Key.Key_Return)
    assert timeline.details.hasFocus() and "A seasonal event" in timeline.details.toPlainText()
    qtbot.keyClick(timeline.details, Qt.Key.Key_Tab)  # to the first link: "Read the section"
    assert timeline.details.textCursor().selectedText().startswith("Read the section")
    qtbot.keyClick(timeline.details, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "first"


def test_view_menu_shows_the_list_from_another_view(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.sections)
    action = next(a for a in main_window._view_menu.actions() if a.text().startswith("Timeline as &List"))
    action.trigger()
    assert main_window.tabs.currentWidget() is main_window.timeline
    assert main_window.timeline.twin.list.isVisible()
    assert _rows(main_window.timeline) == SENTENCES


def test_arrows_on_the_canvas_say_each_event(qtbot, timeline):
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert timeline.selected_event_id == "year-event"
    interface = QAccessible.queryAccessibleInterface(timeline.canvas)
    assert interface.text(QAccessible.Text.Name) == SENTENCES[0]
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert interface.text(QAccessible.Text.Name) == SENTENCES[1]
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_End)
    assert timeline.canvas.accessibleName() == SENTENCES[3]
    assert "Timeline" in interface.text(QAccessible.Text.Description)


def test_event_list_model_passes_the_model_tester(qtmodeltester):
    model = EventListModel()
    model.set_rows([("a", "1959, A"), ("b", "fall 1961, B")])
    qtmodeltester.check(model)
    assert [model.index(r).data(EVENT_ID_ROLE) for r in range(2)] == ["a", "b"]
    assert model.index(1).data() == "fall 1961, B"


def test_at_every_zoom_the_list_holds_exactly_the_events_in_view_in_date_order(qtbot, timeline):
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_L)
    timeline.select_event("season-event")
    counts = []
    for _ in range(8):  # zoom in on it, step by step, with the list's own keys
        qtbot.keyClick(timeline.twin.list, Qt.Key.Key_Plus)
        start, end = timeline.canvas.visible_years()
        expected = [e.id for e in timeline.events if e.when.last() > start and e.when.first() < end]
        assert timeline.twin.model.ids() == expected
        assert f"{len(expected)} of 4 events" in timeline.twin.summary.text()
        counts.append(len(expected))
    assert min(counts) == 1  # the zoom came down to the one event
    firsts = [next(e for e in timeline.events if e.id == i).when.first() for i in timeline.twin.model.ids()]
    assert firsts == sorted(firsts)


def test_another_guide_or_none_keeps_the_list_in_step(qtbot, timeline):
    from dataclasses import replace

    qtbot.keyClick(timeline.canvas, Qt.Key.Key_L)
    events = timeline.events
    renamed = [replace(events[0], title="Renamed"), *events[1:]]
    timeline.set_events(renamed)  # a reload (an edit, or another guide) makes new sentences
    assert timeline.twin.model.sentences()[0] == "1959, Renamed, North lane, part of First steps"
    assert timeline.twin.list.isVisible()
    timeline.set_events([])  # a guide with no events says so, list or not
    assert timeline.empty_message.isVisible() and not timeline.twin.list.isVisible()
