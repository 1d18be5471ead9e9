"""The exam dialog's day list: "1 review" and "1 more day" in the singular."""

from __future__ import annotations

from datetime import date, timedelta

from studyguide.domain.exam import ExamGoal, ExamPlan, PlanDay
from studyguide.ui.exam import DAYS_LISTED, workload_text


def _plan(reviews: list[int]) -> ExamPlan:
    start = date(2026, 11, 30)
    days = tuple(PlanDay(start + timedelta(days=i), new=4, reviews=count, minutes=2.0)
                 for i, count in enumerate(reviews))
    return ExamPlan(ExamGoal(start + timedelta(days=len(reviews))), days, (), ())


def test_a_day_with_one_review_says_review() -> None:
    text = workload_text(_plan([0, 1, 2]))
    assert "<td align=right>1 review</td>" in text
    assert "<td align=right>0 reviews</td>" in text and "<td align=right>2 reviews</td>" in text


def test_one_day_past_the_list_says_one_more_day() -> None:
    assert workload_text(_plan([1] * (DAYS_LISTED + 1))).endswith("<br>and 1 more day")
    assert workload_text(_plan([1] * (DAYS_LISTED + 3))).endswith("<br>and 3 more days")
