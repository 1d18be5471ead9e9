"""Exam planning: a simulated learner following the plan for weeks meets the target on the day."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import fsrs_rs_python as fsrs_rs
import pytest

from studyguide.domain.exam import ExamGoal
from studyguide.review.exam import exam_moment, plan_exam, recall_at, section_recall, simulate_new
from studyguide.review.scheduler import Rating, Scheduler

START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
PLANNER = Scheduler(desired_retention=0.9, enable_fuzzing=False)


def _study(app: Scheduler, state, card_id: str, rating: Rating, at: datetime):
    """One card as the reviewer takes it: the rating, then Good through any same-day (re)learning steps."""
    day_end = exam_moment(at.date() + timedelta(days=1))
    scheduled = app.answer(guide_id="g", card_id=card_id, state=state, rating=rating, now=at)
    while scheduled.due < day_end:
        at = max(at, scheduled.due)
        scheduled = app.answer(guide_id="g", card_id=card_id, state=scheduled.state, rating=Rating.GOOD, now=at)
    return scheduled.state


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_learner_following_the_plan_meets_the_target_on_exam_day(seed):
    rng = random.Random(seed)
    cards = [f"c{i}" for i in range(60)]
    states: dict = {cid: None for cid in cards}
    # Some cards studied long ago, with the app's own (fuzzed) scheduler.
    app = Scheduler(desired_retention=0.85, enable_fuzzing=True)
    for cid in cards[:20]:
        states[cid] = _study(app, None, cid, Rating.GOOD, START - timedelta(days=rng.randint(5, 60)))
    goal = ExamGoal(day=date(2026, 3, 30), target=0.9, minutes_per_day=60)
    now = START
    while now.date() < goal.day:
        plan = plan_exam(states, goal=goal, now=now, scheduler=PLANNER)
        assert not plan.warning and plan.days[0].day == now.date()
        for cid in plan.today_reviews + plan.today_new:
            rating = rng.choices(list(Rating), weights=[1, 2, 12, 3])[0]  # some forgotten, most right
            states[cid] = _study(app, states[cid], cid, rating, now)
        now += timedelta(days=1)
    exam = exam_moment(goal.day)
    recalls = {cid: recall_at(PLANNER, states[cid], exam) for cid in cards}
    assert min(recalls.values()) >= goal.target, sorted(recalls.items(), key=lambda kv: kv[1])[:3]


def test_a_plan_above_the_budget_says_it_does_not_fit():
    states = {f"c{i}": None for i in range(500)}
    plan = plan_exam(states, goal=ExamGoal(day=date(2026, 3, 9), minutes_per_day=10), now=START,
                     scheduler=PLANNER, seconds_per_answer=10)
    assert plan.days[0].new == 72 and plan.days[0].minutes > 10
    assert plan.warning.startswith("The plan does not fit your budget of 10 min a day: it needs up to ")
    roomy = plan_exam(states, goal=ExamGoal(day=date(2026, 3, 9), minutes_per_day=120), now=START,
                      scheduler=PLANNER, seconds_per_answer=10)
    assert roomy.warning == "" and sum(d.new for d in roomy.days) == 500


def test_on_exam_day_the_cards_below_target_cannot_be_planned():
    states = {"a": None, "b": None}
    plan = plan_exam(states, goal=ExamGoal(day=START.date()), now=START, scheduler=PLANNER)
    assert plan.unplannable == 2 and "2 cards cannot reach 90%" in plan.warning and not plan.days


def test_predicted_recall_per_section_counts_new_cards_as_zero():
    studied = _study(PLANNER, None, "a", Rating.EASY, START)
    at = START + timedelta(days=3)
    recall = section_recall(PLANNER, {"a": studied, "b": None}, {"a": "s1", "b": "s1"}, at)
    assert recall == {"s1": pytest.approx(PLANNER.retrievability(studied, at) / 2)}
    assert 0.4 < recall["s1"] < 0.5


def test_the_new_cards_workload_comes_from_the_fsrs_rs_simulator_with_the_parameters_in_use():
    """The daily figures of a plan of new cards are fsrs-rs's simulated learner's, run with the
    learner's own parameters (the optimizer's model): other parameters, another workload."""
    states = {f"c{i}": None for i in range(300)}
    goal = ExamGoal(day=date(2026, 3, 23), target=0.9, minutes_per_day=600)
    plan = plan_exam(states, goal=goal, now=START, scheduler=PLANNER, seconds_per_answer=10)
    simulated = simulate_new(300, days=21, per_day=15, target=0.9, seconds_per_answer=10)
    assert [(d.new, d.reviews) for d in plan.days[1:]] == [(new, reviews) for new, reviews, _ in simulated[1:]]
    assert [round(d.minutes, 6) for d in plan.days] == [round(minutes, 6) for _, _, minutes in simulated]
    assert sum(d.reviews for d in plan.days) > 0  # the simulated learner reviews, and forgets now and then
    forgetful = list(fsrs_rs.DEFAULT_PARAMETERS)
    forgetful[2] = forgetful[3] = 0.5  # low initial stability for Good and Easy: more reviews
    other = plan_exam(states, goal=goal, now=START, scheduler=PLANNER, seconds_per_answer=10, parameters=forgetful)
    assert sum(d.reviews for d in other.days) > sum(d.reviews for d in plan.days)
