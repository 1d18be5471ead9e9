"""An exam date in the app: stored per guide, reviews follow the plan until the exam, then as usual."""

from __future__ import annotations

from datetime import date, timedelta

from studyguide.domain.exam import ExamGoal
from studyguide.domain.review import DueCounts
from studyguide.review.exam import exam_moment, recall_at
from studyguide.review.scheduler import Rating, Scheduler


def _answer_all(session, rating: Rating = Rating.GOOD) -> list[str]:
    seen = []
    while session.current is not None and len(seen) < 100:
        seen.append(session.current.card.id)
        session.reveal()
        session.answer(rating)
    return seen


def test_the_goal_is_kept_per_guide_and_cleared(make_library, clock):
    goal = ExamGoal(day=date(2026, 3, 30), target=0.85, minutes_per_day=45)
    make_library().review.set_exam_goal("tiny", goal)
    library = make_library()
    assert library.review.exam_goal("tiny") == goal and library.review.exam_goal("other") is None
    library.review.set_exam_goal("tiny", None)
    assert library.review.exam_goal("tiny") is None


def test_a_learner_using_the_app_every_day_meets_the_target_on_exam_day(library, clock):
    goal = ExamGoal(day=(clock() + timedelta(days=21)).date(), target=0.9)
    library.review.set_exam_goal("tiny", goal)
    studied_days = 0
    while clock().date() < goal.day:
        session = library.start_review("tiny")
        assert session.title.startswith("Exam plan: Exam in ")
        studied_days += bool(_answer_all(session))
        clock.advance(days=1)
    exam = exam_moment(goal.day)
    states = library.progress.card_states("tiny")
    recalls = [recall_at(Scheduler(enable_fuzzing=False), states[c].state, exam) for c in states]
    assert len(recalls) == 3 and min(recalls) >= goal.target
    assert 1 < studied_days < 21  # reviews were planned, not every day
    clock.advance(days=1)  # after the exam: scheduling as usual
    assert library.review.exam_plan("tiny", library.content("tiny")) is None
    assert not hasattr(library.start_review("tiny"), "title")
    assert library.review.exam_recall("tiny", library.content("tiny")) == {}


def test_predicted_recall_per_section_and_the_plan_line(library, clock):
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    assert library.review.exam_recall("tiny", library.content("tiny")) == {"first": 0.0, "second": 0.0}
    assert _answer_all(library.start_review("tiny"), Rating.EASY) == ["where-signed"]  # 3 new over 10 days
    recall = library.review.exam_recall("tiny", library.content("tiny"))
    assert 0.4 < recall["first"] < 0.5 and recall["second"] == 0.0  # one studied card of two, none
    plan = library.review.exam_plan("tiny", library.content("tiny"))
    assert plan.days[0].new == 0 and plan.summary().startswith("Exam in 10 days: today 0 new + 0 reviews")


def test_until_the_exam_the_due_counts_and_the_session_follow_the_plan(library, clock):
    guide = library.content("tiny")
    assert library.due_counts("tiny").new == 3  # as usual: every new card within the daily limit
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    report = library.review.exam_report("tiny", guide.path)  # as the views ask the task runner
    assert report is not None and len(report.plan.today_new) == 1  # 3 new cards over 10 days
    assert library.due_counts("tiny") == DueCounts(new=1, learning=0, review=0)
    session = library.start_review("tiny")
    assert session.counts() == library.due_counts("tiny")
    session.reveal()
    session.answer(Rating.AGAIN)  # in learning now, due in a minute: the plan's card, still waiting
    clock.advance(minutes=5)
    assert library.due_counts("tiny") == DueCounts(new=0, learning=1, review=0)
    session.reveal()
    session.answer(Rating.EASY)
    assert library.due_counts("tiny") == DueCounts() == session.counts()
    assert library.review.due_counts("tiny", guide, section_id="first").new == 1  # a section: as usual
    clock.advance(days=11)  # after the exam: as usual
    assert library.due_counts("tiny").new == 2


def test_the_due_counts_wait_for_the_plan_from_the_task_runner(library, clock):
    """Until today's plan is computed the counts are as usual (never planned on the UI thread)."""
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    assert library.due_counts("tiny").new == 3
    library.review.exam_report("tiny", library.content("tiny").path)
    assert library.due_counts("tiny").new == 1
    clock.advance(days=1)  # yesterday's plan is not today's
    assert library.due_counts("tiny").new == 3


def test_a_guide_without_an_exam_reads_no_card_states(library, monkeypatch):
    """The Sections view asks after every count: without an exam that must stay cheap."""
    import studyguide.review.exam_report as exam_report

    def read_exam_inputs(*_args, **_kwargs):
        raise AssertionError("read every card state of a guide without an exam")

    monkeypatch.setattr(exam_report, "read_exam_inputs", read_exam_inputs)
    assert library.review.exam_report("tiny", library.content("tiny").path) is None


def test_a_session_started_again_serves_the_plans_cards_still_waiting(library, clock):
    """Today's plan is kept (one plan a day); a session started again after some of its cards were
    answered serves only those still waiting, as the due counts say (not the plan's list again)."""
    guide = library.content("tiny")
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    library.review.exam_report("tiny", guide.path)
    session = library.start_review("tiny")
    assert session.counts() == library.due_counts("tiny") == DueCounts(new=1, learning=0, review=0)
    session.reveal()
    session.answer(Rating.EASY)  # the plan's new card of today, learned: out of today's plan
    again = library.start_review("tiny")
    assert again.title.startswith("Exam plan: ")
    assert again.current is None and again.counts() == library.due_counts("tiny") == DueCounts()


def test_a_large_guides_start_makes_the_plan_on_the_task_runner(library, clock, monkeypatch):
    """``begin``'s job (run on the task runner for a large guide) makes today's plan through connections
    of its own, so ``start`` on the UI thread takes the kept plan instead of planning there."""
    import studyguide.review.service as service

    guide = library.content("tiny")
    library.review.set_exam_goal("tiny", ExamGoal(day=(clock() + timedelta(days=10)).date()))
    assert library.review.begin("tiny", guide)() is None  # the plan's session is started by ``start`` alone

    def exam_report(**_arguments):
        raise AssertionError("planned on the UI thread")

    monkeypatch.setattr(service, "exam_report", exam_report)
    session = library.start_review("tiny")
    assert session.title.startswith("Exam plan: ") and session.counts() == DueCounts(new=1, learning=0, review=0)
