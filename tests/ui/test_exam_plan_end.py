"""The reviewer under an exam plan: its end screen says what the plan brings tomorrow, and it offers no
"Review the whole guide" (which only started the plan's session again).

With an exam in 10 days and today's planned cards done, it said only "The next card is due Wednesday …;
it will show here then", though the plan brings new cards tomorrow (a student read it as a free day)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import Qt

from studyguide.domain.exam import ExamGoal, ExamPlan, PlanDay
from studyguide.domain.review import SessionSummary
from studyguide.ui.review_end import session_end


def test_studying_todays_plan_to_its_end_names_tomorrows_work(qtbot, main_window, library, clock):
    library.review.set_exam_goal("tiny", ExamGoal((clock() + timedelta(days=3)).date(), 0.9, 30))
    flashcards = main_window.flashcards
    with qtbot.wait_signal(main_window.sections.exam.reported, timeout=10_000):  # the plan, from the task runner
        main_window.sections.refresh()
    main_window.tabs.setCurrentWidget(flashcards)
    flashcards.setFocus()
    qtbot.wait_until(lambda: flashcards.session is not None and flashcards.scope.text().startswith("Exam plan"))
    plan = flashcards.session.plan
    assert plan is not None and len(plan.days) == 3
    # Not offered: under an exam plan the whole guide's session is the plan's (the button started it again).
    assert flashcards.whole_guide.isHidden()
    for _ in range(20):
        if flashcards.session.current is None:
            break
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_4)  # Easy: out of today's way
    assert flashcards.front.text() == "Session complete."
    tomorrow = plan.days[1]
    said = flashcards.back.text()
    assert said.endswith(f"Tomorrow your exam plan brings {tomorrow.new} new + {tomorrow.reviews} reviews "
                         f"(~{tomorrow.minutes:.0f} min).")
    assert "The next card is due" not in said


def _summary() -> SessionSummary:
    return SessionSummary(reviewed=3, cards=3, seconds=40, forgotten=0, next_due=None)


def test_the_day_before_the_exam_says_so():
    day = ExamGoal(date(2026, 3, 5), 0.9, 30)
    plan = ExamPlan(goal=day, days=(PlanDay(day.day - timedelta(days=1), 1, 2, 3.0),), today_reviews=(),
                    today_new=())
    end = session_end(_summary(), held_back=0, new_left=0, limit_today=20, new_per_day=20, section=False,
                      plan=plan)
    assert end.lines[-1] == "Your exam is tomorrow. Good luck!"


def test_under_a_plan_the_next_due_card_is_not_promised():
    """The plan's session shows only the plan's cards: a card due later today outside it never came."""
    goal = ExamGoal(date(2026, 3, 12), 0.9, 30)
    plan = ExamPlan(goal=goal, days=(PlanDay(date(2026, 3, 2), 10, 0, 3.0), PlanDay(date(2026, 3, 3), 10, 2, 5.0)),
                    today_reviews=(), today_new=())
    later = SessionSummary(reviewed=3, cards=3, seconds=40, forgotten=1,
                           next_due=datetime(2026, 3, 2, 9, 10, tzinfo=timezone.utc))
    end = session_end(later, held_back=0, new_left=0, limit_today=20, new_per_day=20, section=False, plan=plan)
    assert end.lines[1:] == ["Tomorrow your exam plan brings 10 new + 2 reviews (~5 min)."]
    wednesday = SessionSummary(reviewed=3, cards=3, seconds=40, forgotten=0,
                               next_due=datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc))
    end = session_end(wednesday, held_back=0, new_left=0, limit_today=20, new_per_day=20, section=False, plan=plan)
    assert end.lines[1:] == ["Tomorrow your exam plan brings 10 new + 2 reviews (~5 min)."]


def test_left_open_overnight_the_reviewer_takes_the_new_days_plan(qtbot, main_window, library, clock):
    """The plan's session holds the cards picked for its day: checking again the next morning found none of
    the new day's (the student saw yesterday's end screen with today's plan waiting)."""
    library.review.set_exam_goal("tiny", ExamGoal((clock() + timedelta(days=3)).date(), 0.9, 30))
    flashcards = main_window.flashcards
    with qtbot.wait_signal(main_window.sections.exam.reported, timeout=10_000):
        main_window.sections.refresh()
    main_window.tabs.setCurrentWidget(flashcards)
    flashcards.setFocus()
    qtbot.wait_until(lambda: flashcards.session is not None and flashcards.scope.text().startswith("Exam plan"))
    for _ in range(20):
        if flashcards.session.current is None:
            break
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_4)
    tomorrow = flashcards.session.plan.days[1]
    assert tomorrow.new >= 1
    clock.advance(days=1)
    flashcards.end_actions.timer.timeout.emit()  # the reviewer looks again (its hourly check)
    qtbot.wait_until(lambda: flashcards.session is not None and flashcards.session.current is not None)
    assert flashcards.session.plan.days[0].day == clock().date()
    assert flashcards.scope.text().startswith("Exam plan: Exam in 2 days")
