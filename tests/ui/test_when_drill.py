"""Review > Review Timeline Drills: "When did it happen?" driven with real keys, and undone with Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.domain.drills import Verdict
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating
from tests.ui.keyboard import shown_active

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _open(qtbot, main_window):
    qtbot.keyClick(main_window, Qt.Key.Key_T, CTRL | SHIFT)
    dialog = main_window.review_actions.drills
    assert dialog is not None
    return shown_active(qtbot, dialog).view


def _type(qtbot, view, text: str) -> None:
    qtbot.keyClicks(view.entry, text)
    qtbot.keyClick(view.entry, Qt.Key.Key_Return)


def test_type_a_date_enter_and_the_rating_is_saved_then_ctrl_z_takes_it_back(qtbot, main_window, library) -> None:
    view = _open(qtbot, main_window)
    guide = main_window.guide_id
    assert view.title.text() == "A year-precise event"
    assert "First steps" in view.section.text() or view.section.text().startswith("from")
    assert view.counts.text().startswith("Drills waiting: new 4")

    _type(qtbot, view, "1959")  # right: the event's year
    assert view.verdict is Verdict.GOOD and "Right" in view.result.text() and "Good" in view.result.text()
    with qtbot.wait_signal(view.answer_recorded) as recorded:
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    assert recorded.args == [int(Rating.GOOD)]
    assert library.progress.card_state(guide, "drill-when-year-event") is not None

    assert view.title.text() == "A seasonal event"
    _type(qtbot, view, "December 1961")  # a month after the fall: a near miss
    assert view.verdict is Verdict.HARD and "Hard" in view.result.text()
    with qtbot.wait_signal(view.answer_recorded) as recorded:
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    assert recorded.args == [int(Rating.HARD)]
    assert library.progress.card_state(guide, "drill-when-season-event") is not None

    qtbot.keyClick(view.entry, Qt.Key.Key_Z, CTRL)
    qtbot.wait_until(lambda: library.progress.card_state(guide, "drill-when-season-event") is None)
    assert view.title.text() == "A seasonal event"
    assert view.session.current.phase is Phase.QUESTION and view.entry.text() == ""
    assert library.progress.card_state(guide, "drill-when-year-event") is not None  # only the last one


def test_a_wrong_date_is_again_and_an_unreadable_one_is_explained(qtbot, main_window, library) -> None:
    view = _open(qtbot, main_window)
    _type(qtbot, view, "next tuesday")
    assert view.verdict is None and "not" in view.result.text().lower()
    assert view.session.current.phase is Phase.QUESTION
    view.entry.clear()
    _type(qtbot, view, "1970")
    assert view.verdict is Verdict.AGAIN and "1959" in view.result.text()
    with qtbot.wait_signal(view.answer_recorded) as recorded:
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    assert recorded.args == [int(Rating.AGAIN)]


def test_drills_do_not_count_as_guide_cards_nor_use_up_the_new_card_limit(qtbot, main_window, library) -> None:
    guide = main_window.guide_id
    before = library.due_counts(guide)
    allowance = library.review.new_allowance(guide)
    view = _open(qtbot, main_window)
    _type(qtbot, view, "1959")
    with qtbot.wait_signal(view.answer_recorded):
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    assert library.due_counts(guide) == before
    assert library.review.new_allowance(guide) == allowance
