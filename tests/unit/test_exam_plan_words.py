"""The exam plan's words: one review is "1 review", as everywhere else in the app."""

from __future__ import annotations

from datetime import date, timedelta

from studyguide.domain.exam import ExamGoal, ExamPlan, PlanDay


def plan_of(reviews: list[int]) -> ExamPlan:
    """A plan whose days have these review counts (4 new, 2 minutes each)."""
    start = date(2026, 11, 30)
    days = tuple(PlanDay(start + timedelta(days=i), new=4, reviews=count, minutes=2.0)
                 for i, count in enumerate(reviews))
    return ExamPlan(ExamGoal(start + timedelta(days=len(reviews))), days, (), ())


def test_the_summary_says_one_review_in_the_singular() -> None:
    assert "today 4 new + 1 review (~2 min)" in plan_of([1, 2]).summary()
    assert "today 4 new + 2 reviews (~2 min)" in plan_of([2, 1]).summary()
