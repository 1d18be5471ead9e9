"""The drills and the ordering game say their state to screen readers as keys move things."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.ui.accessibility import plain_text
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


# The order drill's announcements: tests/ui/test_order_drill.py (its guide has events of one period:
# order sets come from one period, and the tiny guide's events are years apart).


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
