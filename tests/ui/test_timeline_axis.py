"""The timeline's axis never covers an event. It was pinned to the bottom of the events' viewport, and
the details pane, by making the view short, left the lowest rows under it (900x600, light and dark). At
200% text it was taller than the whole view, so no event could be seen. It now has a strip of its own
below the viewport, and the canvas keeps room for rows of events however tall the pane is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor


def _distance(one: QColor, other: QColor) -> int:
    return abs(one.red() - other.red()) + abs(one.green() - other.green()) + abs(one.blue() - other.blue())


def _axis_line(timeline) -> int:
    """The canvas y of the axis line, found in its pixels: the first row drawn across the view in the text colour
    (nearer to it than to the background)."""
    canvas, text, base = timeline.canvas, timeline.style_.text, timeline.style_.base
    image, viewport = canvas.grab().toImage(), canvas.viewport().geometry()
    xs = range(viewport.left() + 2, viewport.right() - 2, 3)
    for y in range(image.height()):
        pixels = [image.pixelColor(x, y) for x in xs]
        if sum(_distance(pixel, text) < _distance(pixel, base) for pixel in pixels) >= 0.95 * len(xs):
            return y
    raise AssertionError("no axis line")


def _on_canvas(timeline, event_id: str) -> QRectF:
    """Where the event's label is on the canvas widget (the viewport's position added)."""
    canvas = timeline.canvas
    rect = canvas.viewportTransform().mapRect(timeline.item_rects()[event_id])
    return rect.translated(QPointF(canvas.viewport().geometry().topLeft()))


def _open_details(qtbot, timeline) -> None:
    """Click the event of the top row, as a user would: the details pane opens and the view gets short."""
    timeline.fit_all()
    top = max(range(len(timeline.model.events)), key=lambda i: timeline.model.rows[i])
    event_id = timeline.model.events[top].id
    before = timeline.details.height()
    with qtbot.wait_signal(timeline.event_selected):
        qtbot.mouseClick(timeline.canvas.viewport(), Qt.MouseButton.LeftButton,
                         pos=timeline.canvas.mapFromScene(timeline.item_rects()[event_id].center()))
    assert timeline.details.height() > before + 100, "the details pane opened"
    assert max(timeline.model.rows) * timeline.model.row_height > timeline.canvas.viewport().height(), \
        "the rows no longer fit: the view scrolls"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_with_the_details_open_every_event_can_be_scrolled_into_sight_and_clicked(qtbot, crisis_900, theme):
    crisis_900.theme.set_theme(theme)
    timeline = crisis_900.timeline
    _open_details(qtbot, timeline)
    canvas, bar = timeline.canvas, timeline.canvas.verticalScrollBar()
    for event in timeline.events:
        bar.setValue(bar.minimum())  # from the top, scroll down until the event just comes into sight
        canvas.ensureVisible(timeline.item_rects()[event.id], 0, 0)
        shown = _on_canvas(timeline, event.id)
        assert canvas.viewport().geometry().contains(shown.center().toPoint())
        assert shown.bottom() <= _axis_line(timeline), f"{event.title} is under the axis"
        with qtbot.wait_signal(timeline.event_selected) as selected:
            qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton,
                             pos=shown.center().toPoint() - canvas.viewport().geometry().topLeft())
        assert selected.args == [event.id]


def test_opening_the_details_keeps_the_rows_by_the_axis_in_view(qtbot, crisis_900):
    timeline = crisis_900.timeline
    timeline.fit_all()
    assert timeline.canvas.visible_rect().bottom() == pytest.approx(timeline.model.axis_y, abs=1)
    timeline.splitter.setSizes([200, 400])  # the pane made tall, as by a long text or the user
    # The view still ends at the axis (its labels may be compact now: timeline_density.py).
    assert timeline.canvas.visible_rect().bottom() == pytest.approx(timeline.model.axis_y, abs=1)
    line = _axis_line(timeline)
    lowest = [e.id for i, e in enumerate(timeline.model.events) if timeline.model.rows[i] == 0]
    for event_id in lowest:
        shown = _on_canvas(timeline, event_id)
        assert timeline.canvas.viewport().geometry().top() <= shown.top() and shown.bottom() <= line, event_id


def test_stepping_through_the_events_never_leaves_half_a_row_at_the_axis(qtbot, crisis_900):
    timeline = crisis_900.timeline
    _open_details(qtbot, timeline)
    model = timeline.model
    for _event in timeline.events:
        with qtbot.wait_signal(timeline.event_selected):
            qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
        visible = timeline.canvas.visible_rect()
        assert visible.contains(timeline.item_rects()[timeline.selected_event_id])
        cut = (model.axis_y - visible.bottom()) % model.row_height
        assert min(cut, model.row_height - cut) <= 1, (timeline.selected_event_id, cut)


def test_at_200_percent_text_the_selected_event_shows_above_the_axis_with_the_details_open(qtbot, crisis_900):
    timeline = crisis_900.timeline
    crisis_900.text_size.set_percent(200)
    qtbot.wait_until(lambda: timeline.style_.unit > 1.8)
    with qtbot.wait_signal(timeline.event_selected):
        qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)  # the first event, its details open
    qtbot.wait_until(lambda: timeline.details.height() > 60)
    for _step in range(6):
        shown = _on_canvas(timeline, timeline.selected_event_id)
        viewport = timeline.canvas.viewport().geometry()
        assert viewport.top() <= shown.top() and shown.bottom() <= viewport.bottom() + 1
        assert shown.bottom() <= _axis_line(timeline), timeline.selected_event_id
        with qtbot.wait_signal(timeline.event_selected):
            qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert timeline.canvas.viewport().height() >= 2 * timeline.model.row_height - 1, "room for rows"
