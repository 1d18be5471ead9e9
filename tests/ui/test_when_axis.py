"""The "When did it happen?" drill's time axis: place the date with a click, a drag or the arrow
keys (the day is written in the box), check it with Enter, judged within the event's precision."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from studyguide.domain.dates import position_of
from studyguide.domain.drills import Verdict
from studyguide.review.scheduler import Rating
from tests.ui.test_when_drill import _open

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _point(axis, year: int, month: int, day: int) -> QPoint:
    return QPoint(round(axis.x_of(position_of(year, month, day) + 0.5 / 365)), axis.height() // 2)


def _wide(qtbot, view):
    """The axis at least a pixel a day (about 4 years of the guide's dates): a click lands on the day
    aimed at, whatever the default window's width and text size make of the layout."""
    view.window().resize(2000, view.window().height())
    qtbot.wait_until(lambda: view.axis.width() >= 1700)
    return view.axis


def test_click_and_keys_place_the_date_and_enter_checks_it(qtbot, main_window, library) -> None:
    view = _open(qtbot, main_window)
    axis = _wide(qtbot, view)
    assert view.title.text() == "A year-precise event" and axis.isVisible() and axis.value is None
    assert axis.low < 1959 and axis.high > 1962.8  # the guide's dates, 1959 to October 1962
    qtbot.mouseClick(axis, Qt.MouseButton.LeftButton, pos=_point(axis, 1959, 6, 15))
    assert view.entry.text().endswith(" 1959") and axis.hasFocus()  # the day it fell on, written
    qtbot.keyClick(axis, Qt.Key.Key_Return)
    assert view.verdict is Verdict.GOOD  # any day of 1959 is within "1959"
    assert axis._span == (1959.0, 1960.0)  # the event's own span, drawn
    qtbot.mouseClick(axis, Qt.MouseButton.LeftButton, pos=_point(axis, 1962, 1, 1))
    assert view.entry.text().endswith(" 1959")  # marked: the marker stays where it was
    with qtbot.wait_signal(view.answer_recorded) as recorded:
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    assert recorded.args == [int(Rating.GOOD)]

    assert view.title.text() == "A seasonal event" and axis.value is None  # fall 1961
    qtbot.mouseClick(axis, Qt.MouseButton.LeftButton, pos=_point(axis, 1961, 8, 15))
    assert view.entry.text() == "August 15, 1961"
    qtbot.keyClick(axis, Qt.Key.Key_Right)  # a month on
    assert view.entry.text() == "September 15, 1961"
    qtbot.keyClick(axis, Qt.Key.Key_Left, SHIFT)  # a day back
    assert view.entry.text() == "September 14, 1961"
    qtbot.keyClick(axis, Qt.Key.Key_Return)
    assert view.verdict is Verdict.GOOD  # September is in the fall


def test_a_drag_moves_the_marker_and_a_typed_date_moves_it_too(qtbot, main_window, library) -> None:
    view = _open(qtbot, main_window)
    axis = view.axis
    qtbot.mousePress(axis, Qt.MouseButton.LeftButton, pos=_point(axis, 1960, 3, 1))
    qtbot.mouseMove(axis, _point(axis, 1962, 3, 10))
    qtbot.mouseRelease(axis, Qt.MouseButton.LeftButton, pos=_point(axis, 1962, 3, 10))
    assert view.entry.text().endswith(", 1962") and 1962.1 < axis.value < 1962.3
    qtbot.mouseMove(axis, _point(axis, 1960, 1, 1))  # no button held: it stays
    assert 1962.1 < axis.value < 1962.3
    view.entry.clear()
    qtbot.keyClicks(view.entry, "October 1962")
    assert 1962.75 < axis.value < 1962.84  # the middle of October 1962
    qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    assert view.verdict is Verdict.AGAIN  # not 1959: the typed date is what is marked
    qtbot.keyClick(axis, Qt.Key.Key_Right)
    assert 1962.75 < axis.value < 1962.84  # marked: fixed
