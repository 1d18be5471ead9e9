"""Review > Exam Date…: by keys, then the plan line and predicted recall in Sections, the timeline's
tint and legend, and Undo."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from studyguide.domain.exam import ExamGoal
from studyguide.review.scheduler import Rating
from studyguide.ui.sections import SectionListModel


def _open(qtbot, main_window):
    dialog = main_window.exam.ask()
    dialog.activateWindow()
    qtbot.wait_until(lambda: dialog.isActiveWindow() and dialog.focusWidget() is not None)
    return dialog


def test_exam_date_by_keys_shows_the_plan_recall_and_tint_and_undoes(qtbot, main_window, library, clock):
    dialog = _open(qtbot, main_window)
    assert not dialog.day.isEnabled() and "scheduled as usual" in dialog.plan.text()
    with qtbot.wait_signal(dialog.plan_shown):  # planned on the task runner
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Plan for an exam
    assert dialog.enabled.isChecked()
    assert dialog.day.isEnabled() and dialog.plan.text().startswith("Exam in 28 days: today 1 new")
    assert "1 new" in dialog.workload.text() and "min" in dialog.workload.text()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    goal = library.review.exam_goal("tiny")
    assert goal is not None and goal.day == (clock() + timedelta(days=28)).date() and goal.target == 0.9

    sections = main_window.sections
    with qtbot.wait_signal(sections.exam.reported):  # the plan and recall come from the task runner
        main_window.tabs.setCurrentWidget(sections)
        sections.refresh()
    assert sections.exam_line.isVisible() and "Exam in 28 days" in sections.exam_line.text()
    first = sections.model.index(sections.model.row_of("first"))
    assert first.data(SectionListModel.RecallRole) == 0.0
    assert first.data(SectionListModel.CountsRole).startswith("0%")
    assert "Predicted recall on exam day: 0%" in first.data(Qt.ItemDataRole.ToolTipRole)

    timeline = main_window.timeline
    main_window.tabs.setCurrentWidget(timeline)
    qtbot.wait_until(timeline.mastery.isVisible)
    assert timeline.style_.mastery == {"first": 0.0, "second": 0.0}
    assert "Predicted recall on exam day" in timeline.mastery.text() and "\u226590%" in timeline.mastery.text()

    flashcards = main_window.flashcards
    main_window.tabs.setCurrentWidget(flashcards)
    assert flashcards.scope.text().startswith("Exam plan: Exam in 28 days")
    assert flashcards.session.counts().new == 1  # 3 new cards over 28 days

    main_window.activateWindow()
    qtbot.wait_until(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.review.exam_goal("tiny") is None
    assert flashcards.scope.text() == "Reviewing the whole guide"
    main_window.tabs.setCurrentWidget(timeline)
    qtbot.wait_until(lambda: not timeline.mastery.isVisible())
    assert timeline.style_.mastery == {}


def test_a_plan_over_the_budget_is_warned_in_the_dialog(qtbot, main_window, library, clock):
    session = library.start_review("tiny")
    clock.advance(seconds=60)  # a slow learner: a minute an answer, as the log says
    session.reveal()
    session.answer(Rating.EASY)
    dialog = _open(qtbot, main_window)
    with qtbot.wait_signal(dialog.plan_shown):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    tomorrow = clock() + timedelta(days=1)
    dialog.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    with qtbot.wait_signal(dialog.plan_shown):
        dialog.minutes.setValue(2)
    assert "The plan does not fit your budget of 2 min a day: it needs up to 4 min" in dialog.plan.text()
    with qtbot.wait_signal(dialog.plan_shown):
        dialog.minutes.setValue(5)
    assert "does not fit" not in dialog.plan.text() and "today 2 new + 0 reviews (~4 min)" in dialog.plan.text()


def test_the_plan_and_recall_are_computed_on_the_task_runner(qtbot, main_window, library, clock, monkeypatch):
    """The Sections view, the timeline and the dialog never plan on the UI thread (0.7 s at 10k cards)."""
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    threads = []
    planned = library.review.exam_report

    def exam_report(*args, **kwargs):
        threads.append(threading.current_thread())
        return planned(*args, **kwargs)

    monkeypatch.setattr(library.review, "exam_report", exam_report)
    sections = main_window.sections
    with qtbot.wait_signal(sections.exam.reported):
        main_window.tabs.setCurrentWidget(sections)
        sections.refresh()
    assert "Exam in 10 days" in sections.exam_line.text()
    timeline = main_window.timeline
    with qtbot.wait_signal(sections.exam.reported):
        main_window.tabs.setCurrentWidget(timeline)
    qtbot.wait_until(timeline.mastery.isVisible)
    dialog = _open(qtbot, main_window)
    with qtbot.wait_signal(dialog.plan_shown):
        dialog.target.setValue(80)
    assert len(threads) >= 3 and threading.main_thread() not in threads


def test_the_status_bar_counts_the_plans_cards_once_it_arrives(qtbot, main_window, library, clock):
    due = main_window.review_actions.due_label
    main_window.review_actions.refresh_due()
    assert due.text().startswith("Due now: 3 new")
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    sections = main_window.sections
    with qtbot.wait_signal(sections.exam.reported):
        main_window.tabs.setCurrentWidget(sections)
        sections.refresh()
    qtbot.wait_until(lambda: due.text().startswith("Due now: 1 new"))  # 3 new cards over 10 days
    flashcards = main_window.flashcards
    main_window.tabs.setCurrentWidget(flashcards)
    assert flashcards.session.counts().new == 1 and "New 1" in flashcards.counts.text()


def test_a_plan_arriving_after_the_window_closed_reads_nothing(qtbot, main_window, library):
    """The task runner's report may arrive while the app closes: the status bar is not refreshed
    from a closed library (the timeline test's teardown hit it)."""
    main_window.close()
    library.close()
    main_window.sections.exam.reported.emit("tiny", None)
    qtbot.wait(20)  # the refresh timer would fire here
