"""The period bands' titles have a strip of their own above the timeline's events: at 900x600 under Xvfb
(light and dark) the view is short, it is scrolled to the axis, and the titles pinned to its top ran over the
labels of the top row ("Operation Anadyr: the secret deploym" under "Robert Kenned…", "The thirteen days" across
both), text on text."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontMetricsF


def _near(one: QColor, other: QColor) -> bool:
    return abs(one.red() - other.red()) + abs(one.green() - other.green()) + abs(one.blue() - other.blue()) < 90


def test_period_titles_are_drawn_above_the_events_not_over_them(qtbot, main_window) -> None:
    main_window.resize(900, 600)
    main_window.tabs.setCurrentWidget(main_window.timeline)
    timeline = main_window.timeline
    timeline.fit_all()
    qtbot.wait(20)
    canvas = timeline.canvas
    assert [title for *_, title in timeline.model.bands] == ["A period"]

    strip = canvas.viewport().geometry().top() - canvas.frameWidth()  # above the events' viewport
    assert strip >= 2 * QFontMetricsF(timeline.style_.small_font).height()
    image = canvas.grab().toImage()
    lane = timeline.style_.colour(timeline.model.bands[0][2])
    assert any(_near(image.pixelColor(x, y), lane) for x in range(canvas.width()) for y in range(1, strip)), \
        "the period's title is in the strip"
