"""At 200% text with the details pane open the timeline showed one row of events: its labels stayed full (title
and date, 84 px a row) because the density was chosen for the view before the pane made it short. A short view
(fewer than three full rows) now takes compact labels when none fit, and the density is chosen again when the
view becomes short (timeline_density.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studyguide.ui.timeline_density import SHORT_ROWS
from tests.conftest import timeline_at_200


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_at_200_percent_with_the_details_open_more_than_one_row_shows(qtbot, crisis_900, theme):
    timeline = timeline_at_200(qtbot, crisis_900, theme)
    timeline.fit_all()
    with qtbot.wait_signal(timeline.event_selected):
        timeline.select_event("missiles-discovered", bring_into_view=False)
    qtbot.wait_until(lambda: timeline.details.height() > 60)
    full_row = 40.0 * timeline.style_.unit
    assert timeline.canvas.rows_room(sideways_bar=False) < SHORT_ROWS * full_row, "a short view"
    qtbot.wait_until(lambda: timeline.style_.density > 0)
    assert timeline.model.row_height < full_row
    assert timeline.canvas.viewport().height() >= 2 * timeline.model.row_height, "room for two rows or more"
    assert timeline.canvas.visible_rect().contains(timeline.item_rects()["missiles-discovered"])
    assert crisis_900.width() == 900 and crisis_900.height() == 600


def test_stepping_through_the_events_keeps_the_labels(qtbot, crisis_900):
    # The details differ in height from one event to the next: the density changes only when the view
    # becomes short or stops being so.
    crisis_900.text_size.set_percent(200)
    timeline = crisis_900.timeline
    qtbot.wait_until(lambda: timeline.style_.unit > 1.8)
    with qtbot.wait_signal(timeline.event_selected):
        qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    qtbot.wait_until(lambda: timeline.details.height() > 60 and timeline.style_.density > 0)
    density = timeline.style_.density
    for _step in range(8):
        with qtbot.wait_signal(timeline.event_selected):
            qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
        assert timeline.style_.density == density
        assert timeline.canvas.visible_rect().contains(timeline.item_rects()[timeline.selected_event_id])
