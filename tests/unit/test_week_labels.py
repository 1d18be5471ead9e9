"""Weekly retention bars are labelled with the day their week starts ("02 Mar"), not "W09".

A student read "W09" and "W10" under the retention bars and could not tell which weeks they were."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.stats import week_label


def test_the_weeks_of_march_2026():
    assert [week_label("2026-W09"), week_label("2026-W10")] == ["02 Mar", "09 Mar"]


def test_week_00_holds_the_days_before_the_first_monday():
    assert week_label("2026-W00") == "01 Jan"  # Thursday 1 January: its days in 2026 start there


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2199, 12, 31)))
def test_every_day_is_in_the_week_its_label_starts(day: date):
    key = f"{day:%Y}-W{day:%W}"  # SQLite's strftime('%Y-W%W', day), as the store groups them
    monday = max(day - timedelta(days=day.weekday()), date(day.year, 1, 1))
    assert week_label(key) == f"{monday:%d %b}"
