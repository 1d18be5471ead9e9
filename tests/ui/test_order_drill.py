"""Timeline drills, "Put these in order": ordered with real keys, checked, rated, undone with Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from studyguide.domain.drills import Verdict
from studyguide.domain.review_phase import Phase
from studyguide.guides.build import build_from_source
from studyguide.review.scheduler import Rating
from tests.ui.test_when_drill import _open

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
#: The one order drill of the tiny guide with its events moved into one period (order sets come from
#: one period): September 1962, October 14 and October 16, 1962 (its period of October 16-28, 1962
#: overlaps that day, so it is never asked against it).
CORRECT = ["year-event", "season-event", "day-event"]


@pytest.fixture
def content_db(tmp_path: Path) -> Path:
    """The tiny guide, its first two events moved to September and October 14, 1962."""
    text = (Path(__file__).parents[1] / "data" / "tiny-guide.md").read_text(encoding="utf-8")
    source = tmp_path / "one-period.md"
    source.write_text(text.replace("Event: 1959 |", "Event: 1962-09 |").replace("Event: 1961-fall |",
                                                                              "Event: 1962-10-14 |"),
                      encoding="utf-8")
    build_from_source(source, tmp_path / "tiny.sqlite")
    return tmp_path / "tiny.sqlite"


def _order_tab(qtbot, main_window):
    view = _open(qtbot, main_window)
    dialog = main_window.review_actions.drills
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, CTRL)  # the next tab
    assert dialog.tabs.currentWidget() is dialog.order
    return dialog.order, view


def _put_in_order(qtbot, order) -> None:
    """Select each event with Home/Down and send it to its place with its number key."""
    for place, event_id in enumerate(CORRECT):
        row = order.placed().index(event_id)
        qtbot.keyClick(order.items, Qt.Key.Key_Home)
        for _ in range(row):
            qtbot.keyClick(order.items, Qt.Key.Key_Down)
        qtbot.keyClick(order.items, getattr(Qt.Key, f"Key_{place + 1}"))


def test_order_with_number_keys_check_rate_and_undo(qtbot, main_window, library) -> None:
    order, _ = _order_tab(qtbot, main_window)
    guide = main_window.guide_id
    drill_id = order.session.current.card.id
    assert drill_id.startswith("drill-order-1962-")
    assert sorted(order.placed()) == sorted(CORRECT) and order.placed() != CORRECT  # shown shuffled
    _put_in_order(qtbot, order)
    assert order.placed() == CORRECT
    qtbot.keyClick(order.items, Qt.Key.Key_Return)
    assert order.verdict is Verdict.GOOD and "3 of 3 in place" in order.result.text()
    assert "October 14, 1962" in order.items.item(1).text()  # each event's date shown once checked
    with qtbot.wait_signal(order.answer_recorded) as recorded:
        qtbot.keyClick(order.items, Qt.Key.Key_Return)
    assert recorded.args == [int(Rating.GOOD)]
    assert library.progress.card_state(guide, drill_id) is not None
    # A new drill's first Good is a learning step (as a new card's): it comes back shuffled afresh.
    assert order.session.current.phase is Phase.QUESTION and not order.session.current.is_new
    assert order.verdict is None and order.placed() != CORRECT

    qtbot.keyClick(order.items, Qt.Key.Key_Z, CTRL)
    qtbot.wait_until(lambda: library.progress.card_state(guide, drill_id) is None)
    assert order.session.current.card.id == drill_id and order.session.current.is_new
    assert order.placed() != CORRECT  # shown afresh, shuffled


def test_one_pair_swapped_with_alt_down_is_hard_and_worse_is_again(qtbot, main_window, library) -> None:
    order, _ = _order_tab(qtbot, main_window)
    _put_in_order(qtbot, order)
    qtbot.keyClick(order.items, Qt.Key.Key_Home)
    qtbot.keyClick(order.items, Qt.Key.Key_Down, ALT)  # September 1962 moves below October 14
    assert order.placed() == ["season-event", "year-event", "day-event"]
    assert order.items.currentRow() == 1  # the moved event stays selected
    qtbot.keyClick(order.items, Qt.Key.Key_Down, ALT)
    assert order.placed() == ["season-event", "day-event", "year-event"]  # two pairs wrong now
    qtbot.keyClick(order.items, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(order.items, Qt.Key.Key_Return)
    assert order.verdict is Verdict.HARD and "1 pair the wrong way round" in order.result.text()
    with qtbot.wait_signal(order.answer_recorded) as recorded:
        qtbot.keyClick(order.items, Qt.Key.Key_Return)
    assert recorded.args == [int(Rating.HARD)]


def test_the_mouse_drags_an_event_into_place(qtbot, main_window, library) -> None:
    order, _ = _order_tab(qtbot, main_window)
    viewport = order.items.viewport()

    def centre(event_id: str) -> QPoint:
        return order.items.visualItemRect(order.items.item(order.placed().index(event_id))).center()

    assert order.placed() == ["season-event", "year-event", "day-event"]  # as shuffled
    start = centre("day-event")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, QPoint(start.x(), -5))  # above the list: it goes first
    assert order.placed() == ["day-event", "season-event", "year-event"]
    qtbot.mouseMove(viewport, QPoint(start.x(), viewport.height() + 20))  # below it: last again
    assert order.placed() == ["season-event", "year-event", "day-event"]
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start)
    start = centre("year-event")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, centre("season-event"))  # up one row: it follows the pointer
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=centre("season-event"))
    assert order.placed() == CORRECT and order.items.currentRow() == 0
    qtbot.mouseMove(viewport, centre("day-event"))  # no button held: nothing moves
    assert order.placed() == CORRECT
    qtbot.keyClick(order.items, Qt.Key.Key_Return)
    assert order.verdict is Verdict.GOOD
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre("year-event"))  # checked: fixed now
    qtbot.mouseMove(viewport, centre("day-event"))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=centre("day-event"))
    assert order.placed() == CORRECT


def test_the_order_drill_says_its_events_and_each_move_with_its_place(qtbot, main_window):
    order, _ = _order_tab(qtbot, main_window)
    qtbot.wait_until(lambda: any(s.startswith("Put these in order, earliest first: ") for s in order.announcer.said))
    first = order.placed()[0]
    title = order._events[first].title
    qtbot.keyClick(order.items, Qt.Key.Key_Home)
    qtbot.keyClick(order.items, Qt.Key.Key_Down, ALT)
    qtbot.wait_until(lambda: order.announcer.said[-1] == f"{title}: moved to place 2 of 3")
    qtbot.keyClick(order.items, Qt.Key.Key_3)
    qtbot.wait_until(lambda: order.announcer.said[-1] == f"{title}: moved to place 3 of 3")
    qtbot.keyClick(order.items, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: "in place" in order.announcer.said[-1])
