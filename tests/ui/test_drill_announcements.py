"""The drills and the ordering game say their state to screen readers as keys move things."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.ui.accessibility import plain_text
from tests.ui.test_order_drill import _order_tab
from tests.ui.test_timeline_ordering import _start, timeline  # noqa: F401 (a fixture)
from tests.ui.test_when_drill import _open, _type

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def said(view) -> list[str]:
    return view.announcer.said


def test_the_when_drill_says_the_event_then_the_verdict(qtbot, main_window):
    view = _open(qtbot, main_window)
    qtbot.wait_until(lambda: bool(said(view)))
    assert said(view)[-1].startswith("A year-precise event from \u201cFirst steps\u201d")
    _type(qtbot, view, "1959")
    qtbot.wait_until(lambda: said(view)[-1].startswith("Right"))
    assert "Rated Good" in said(view)[-1]
    with qtbot.wait_signal(view.answer_recorded):
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: said(view)[-1].startswith("A seasonal event"))


def test_an_unreadable_date_is_said(qtbot, main_window):
    view = _open(qtbot, main_window)
    qtbot.wait_until(lambda: bool(said(view)))
    _type(qtbot, view, "zebra")
    assert view.verdict is None
    qtbot.wait_until(lambda: said(view)[-1] == plain_text(view.result))  # why it cannot be read
    assert said(view)[-1] and not said(view)[-1].startswith("A year-precise event")


def test_the_order_drill_says_its_events_and_each_move_with_its_place(qtbot, main_window):
    order, _ = _order_tab(qtbot, main_window)
    qtbot.wait_until(lambda: any(s.startswith("Put these in order, earliest first: ") for s in said(order)))
    first = order.placed()[0]
    title = order._events[first].title
    qtbot.keyClick(order.items, Qt.Key.Key_Home)
    qtbot.keyClick(order.items, Qt.Key.Key_Down, ALT)
    qtbot.wait_until(lambda: said(order)[-1] == f"{title}: moved to place 2 of 3")
    qtbot.keyClick(order.items, Qt.Key.Key_3)
    qtbot.wait_until(lambda: said(order)[-1] == f"{title}: moved to place 3 of 3")
    qtbot.keyClick(order.items, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: "in place" in said(order)[-1])


def test_the_ordering_game_says_each_move_and_the_score(qtbot, timeline):  # noqa: F811
    dialog = _start(qtbot, timeline)
    dialog.list.setCurrentRow(1)
    moved = dialog.list.item(1).text()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, CTRL)
    qtbot.wait_until(lambda: bool(said(dialog)))
    assert said(dialog)[-1] == f"{moved}: moved to place 1 of {dialog.list.count()}"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Check is the default button
    qtbot.wait_until(lambda: "The right order: " in said(dialog)[-1])
    assert said(dialog)[-1].startswith(dialog.score.summary())
