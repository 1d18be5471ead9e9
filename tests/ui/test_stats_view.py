"""Stats view and the review menu's dialogs (settings, restore)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from studyguide.domain.changes import Changes
from studyguide.domain.review import ReviewSettings
from studyguide.review.scheduler import Rating
from studyguide.ui.stats import ACCENT


def _review_all(library) -> None:
    session = library.start_review("tiny")
    while session.current is not None:
        session.reveal()
        session.answer(Rating.EASY)


def test_stats_view_with_no_history(qtbot, main_window):
    view = _show_stats(qtbot, main_window)
    assert main_window.tabs.currentWidget() is view
    assert "<b>0</b> answers" in view.summary.text()
    assert len(view.heatmap.days) == 365 and len(view.forecast.values) == 30
    assert [row.cards for row in view.mastery.rows] == [2, 1, 0]
    assert not view.grab().isNull()


def test_stats_view_updates_after_answers(qtbot, main_window, library):
    _show_stats(qtbot, main_window)
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    flashcards = main_window.flashcards
    for _ in range(3):
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_4)
    with qtbot.wait_signal(main_window.stats.updated, timeout=10_000):  # computed on the task runner
        main_window.tabs.setCurrentWidget(main_window.stats)
    assert "<b>3</b> answers" in main_window.stats.summary.text()
    assert main_window.stats.heatmap.days[-1].count == 3
    # The forecast counts exactly the cards falling due within the next 30 days.
    due_soon = [s for s in library.progress.card_states("tiny").values()
                if (s.due - library.clock()).days < 30]
    assert sum(main_window.stats.forecast.values) == len(due_soon)


def test_settings_dialog_saves_settings(qtbot, monkeypatch, main_window, library):
    from studyguide.ui.review_dialogs import ReviewSettingsDialog

    def accept(dialog):
        dialog.retention.setValue(0.85)
        dialog.new_per_day.setValue(1)
        return ReviewSettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewSettingsDialog, "exec", accept)
    main_window.review_actions.edit_settings()
    assert library.review.settings == ReviewSettings(desired_retention=0.85, new_per_day=1)
    # The status bar reads its counts after the repaint.
    qtbot.wait_until(lambda: main_window.review_actions.due_label.text().startswith("Due now: 1 new"))


def test_restore_from_the_menu_brings_back_a_backup(qtbot, monkeypatch, main_window, library, clock):
    library.progress.backup(kind="manual", now=clock.now)
    _review_all(library)
    assert library.progress.review_count("tiny") == 3
    monkeypatch.setattr("studyguide.ui.review_actions.choose_backup",
                        lambda parent, labels: next(i for i, label in enumerate(labels) if "manual" in label))
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        main_window.review_actions.restore()  # the copy runs on the task runner
    assert library.progress.review_count("tiny") == 0
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    assert main_window.flashcards.front.text() == "Where was the treaty signed?"


def _show_stats(qtbot, main_window):
    """Ctrl+5, and wait for the report (computed on the task runner)."""
    with qtbot.wait_signal(main_window.stats.updated, timeout=10_000):
        qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    return main_window.stats


def test_one_day_is_said_in_the_singular(qtbot, main_window, library):
    session = library.start_review("tiny")
    session.reveal()
    session.answer(Rating.GOOD)
    view = _show_stats(qtbot, main_window)
    assert "<b>1</b> answer in the last year, on <b>1</b> day." in view.summary.text()


def test_retention_says_why_it_is_empty_until_there_are_reviews(qtbot, main_window, library, clock):
    view = _show_stats(qtbot, main_window)
    assert view.retention_empty.isVisible() and not view.retention.isVisible()
    assert view.retention_empty.text().startswith("No reviews yet: retention appears after your first reviewed")
    _review_all(library)  # new cards: still learning, no review answers yet
    clock.advance(days=60)
    _review_all(library)  # now they come due in review
    main_window.apply_changes(Changes(progress=True), initiator=None)
    main_window.tabs.setCurrentWidget(main_window.sections)
    view = _show_stats(qtbot, main_window)
    assert view.retention.values and view.retention.isVisible()
    assert not view.retention_empty.isVisible()


def test_an_empty_forecast_says_so_instead_of_a_blank_chart(qtbot, main_window, library):
    view = _show_stats(qtbot, main_window)
    assert view.forecast_empty.isVisible() and not view.forecast.isVisible()
    _review_all(library)
    main_window.apply_changes(Changes(progress=True), initiator=None)
    main_window.tabs.setCurrentWidget(main_window.sections)
    view = _show_stats(qtbot, main_window)
    assert view.forecast.isVisible() and not view.forecast_empty.isVisible()


def test_mastery_bars_have_a_legend(qtbot, main_window):
    view = _show_stats(qtbot, main_window)
    legend = view.mastery_legend.text()
    assert view.mastery_legend.isVisible()
    for words in ("mastered", "seen, not mastered yet", "not seen yet"):
        assert f"&nbsp;{words}" in legend
    assert ACCENT.name() in legend


def test_status_bar_and_stats_say_the_same_due_counts(qtbot, main_window, library, clock):
    """The status bar's "due now" and the forecast's "today" differ: both are named, in the same words."""
    session = library.start_review("tiny")
    for _ in range(3):  # each of the three cards once: it comes back in minutes, later today
        session.reveal()
        session.answer(Rating.AGAIN)
    main_window.apply_changes(Changes(progress=True, due_counts=True), initiator=None)
    view = _show_stats(qtbot, main_window)
    today = view.forecast.values[0]
    assert today == 3
    # The status bar reads its counts after the repaint.
    qtbot.wait_until(lambda: main_window.review_actions.due_label.text().strip() == view.due.text())
    status = main_window.review_actions.due_label.text().strip()
    assert "0 learning" in status
    assert status.startswith("Due now: ") and status.endswith(f"by the end of today: {today:g} studied cards")


def test_the_report_is_computed_on_the_task_runner_and_drawn_when_it_arrives(qtbot, main_window, library,
                                                                            monkeypatch: pytest.MonkeyPatch):
    threads: list[int] = []
    gate = threading.Event()
    real = library.stats

    def stats(guide_id):
        threads.append(threading.get_ident())
        gate.wait(5)  # the UI thread stays free meanwhile
        return real(guide_id)

    monkeypatch.setattr(library, "stats", stats)
    view = main_window.stats
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert view.summary.text() == "Calculating\u2026"  # no figures of this guide yet
    with qtbot.wait_signal(view.updated, timeout=10_000):
        gate.set()
    assert "<b>0</b> answers" in view.summary.text()
    assert threads and threading.get_ident() not in threads

    gate.clear()
    session = library.start_review("tiny")
    session.reveal()
    session.answer(Rating.GOOD)
    main_window.apply_changes(Changes(progress=True), initiator=None)
    main_window.tabs.setCurrentWidget(main_window.sections)
    main_window.tabs.setCurrentWidget(view)
    assert "<b>0</b> answers" in view.summary.text()  # the previous figures, until the new ones arrive
    with qtbot.wait_signal(view.updated, timeout=10_000):
        gate.set()
    assert "<b>1</b> answer in" in view.summary.text()
    assert len(threads) == 2 and threading.get_ident() not in threads
