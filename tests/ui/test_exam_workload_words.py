"""The exam dialog's day list: "1 review" and "1 more day" in the singular."""

from __future__ import annotations

from studyguide.ui.exam import DAYS_LISTED, workload_text
from tests.unit.test_exam_plan_words import plan_of as _plan


def test_a_day_with_one_review_says_review() -> None:
    text = workload_text(_plan([0, 1, 2]))
    assert "<td align=right>1 review</td>" in text
    assert "<td align=right>0 reviews</td>" in text and "<td align=right>2 reviews</td>" in text


def test_one_day_past_the_list_says_one_more_day() -> None:
    assert workload_text(_plan([1] * (DAYS_LISTED + 1))).endswith("<br>and 1 more day")
    assert workload_text(_plan([1] * (DAYS_LISTED + 3))).endswith("<br>and 3 more days")
