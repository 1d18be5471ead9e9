"""The "Put these in order" game, played with the mouse and keys on the timeline."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from studyguide.domain.dates import parse_span
from studyguide.domain.guide import Event
from studyguide.domain.ordering import right_order

WHEN = ("1959", "1961-04-17", "1961-fall", "1962-04-12", "1962-10-16", "1962-10-22", "1962-10-28", "1963-08")


@pytest.fixture
def timeline(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.timeline)
    view = main_window.timeline
    view.set_events([Event(id=f"e{i}", section_id="first", title=f"Event {i}", when=parse_span(when), position=i)
                     for i, when in enumerate(WHEN)])
    view.rng = random.Random(4)
    return view


def _start(qtbot, timeline):
    qtbot.mouseClick(timeline.buttons["order"], Qt.MouseButton.LeftButton)
    dialog = timeline.ordering
    qtbot.wait_exposed(dialog)
    return dialog


def _put_in_order(qtbot, dialog, wanted: list[str]) -> None:
    """Reorder the list with Ctrl+Up, as a keyboard user would."""
    for target, event_id in enumerate(wanted):
        row = dialog.order_ids().index(event_id)
        dialog.list.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.order_ids() == wanted


def test_the_game_deals_events_without_their_dates(qtbot, timeline):
    dialog = _start(qtbot, timeline)
    ids = dialog.order_ids()
    assert 4 <= len(ids) <= 6
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert all(text.startswith("Event ") and "19" not in text for text in texts)
    assert dialog.list.dragDropMode() == dialog.list.DragDropMode.InternalMove


def test_ordering_right_scores_all_and_numbers_them_on_the_timeline(qtbot, timeline):
    dialog = _start(qtbot, timeline)
    dealt = [e for e in timeline.events if e.id in dialog.order_ids()]
    wanted = [e.id for e in right_order(dealt)]
    _put_in_order(qtbot, dialog, wanted)

    with qtbot.wait_signal(dialog.answer_checked) as blocker:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [wanted]
    assert dialog.score.perfect
    assert f"All {len(wanted)} in the right order!" in dialog.score_label.text()
    assert all(dialog.list.item(row).text().startswith("\u2713") for row in range(len(wanted)))
    assert timeline.style_.badges == {event_id: i + 1 for i, event_id in enumerate(wanted)}
    # The timeline zooms to show the dealt events.
    visible = timeline.canvas.visible_rect()
    assert all(timeline.item_rects()[event_id].intersects(visible) for event_id in wanted)


def test_a_wrong_order_is_scored_and_shows_where_each_belongs(qtbot, timeline):
    dialog = _start(qtbot, timeline)
    dealt = [e for e in timeline.events if e.id in dialog.order_ids()]
    wanted = [e.id for e in right_order(dealt)]
    backwards = list(reversed(wanted))
    _put_in_order(qtbot, dialog, backwards)

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    result = dialog.score
    assert not result.perfect and result.pairs_right == 0
    assert f"0 of {len(wanted) * (len(wanted) - 1) // 2} pairs in the right order" in dialog.score_label.text()
    assert f"of {len(wanted)} in the right place" in dialog.score_label.text()
    assert not dialog.check_button.isEnabled() and "Deal again" in dialog.prompt.text()
    first_row = dialog.list.item(0).text()
    assert first_row.startswith("\u2717") and f"(belongs at {len(wanted)})" in first_row
    # Once checked the answer is fixed: moving does nothing until the next deal.
    before = dialog.order_ids()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert dialog.order_ids() == before


def test_deal_again_and_close_clear_the_numbers(qtbot, timeline):
    dialog = _start(qtbot, timeline)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert timeline.style_.badges
    qtbot.mouseClick(dialog.deal_button, Qt.MouseButton.LeftButton)
    assert dialog.score is None and dialog.score_label.text() == ""
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert texts and all(text.startswith("Event ") for text in texts)
    assert dialog.list.dragDropMode() == dialog.list.DragDropMode.InternalMove
    assert dialog.check_button.isEnabled()
    dialog.reject()
    assert timeline.style_.badges == {}


def test_a_guide_with_too_few_events_says_so(qtbot, timeline):
    timeline.set_events(timeline.events[:1])
    dialog = _start(qtbot, timeline)
    assert dialog.order_ids() == []
    assert not dialog.check_button.isEnabled()
    assert "too few events" in dialog.prompt.text()
