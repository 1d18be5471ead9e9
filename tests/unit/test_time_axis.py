"""The time axis's maths (``domain.time_axis``): the day at a position, the range, the ticks."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import position_of
from studyguide.domain.time_axis import axis_range, day_at, ticks


@given(st.dates(date(1, 1, 1), date(9998, 12, 30)), st.floats(0.0, 0.999))
def test_every_moment_of_a_day_is_that_day(day, within):
    start, end = position_of(day.year, day.month, day.day), position_of(*(lambda d: (d.year, d.month, d.day))(
        day + timedelta(days=1)))
    found = day_at(start + within * (end - start))
    assert (found.year, found.month, found.day) == (day.year, day.month, day.day)


def test_a_day_within_a_season_is_marked_within_it():
    fall = parse_when("fall 1961")
    assert day_at(fall.first()).label() == "September 1, 1961"
    assert day_at(fall.last() - 1e-6).label() == "November 30, 1961"


def test_the_range_pads_the_dates_and_is_a_year_at_least():
    low, high = axis_range([parse_when("1959"), parse_when("October 1962")])
    assert low < 1959 and 1962.83 < high < 1963.5
    low, high = axis_range([parse_when("October 16, 1962")])
    assert high - low >= 1
    assert axis_range([]) == (0.0, 1.0)


def test_ticks_are_years_over_a_span_of_years_and_months_within_one():
    assert [label for _, label, _ in ticks(1958.9, 1963.2)] == ["1959", "1960", "1961", "1962", "1963"]
    months = ticks(1961.9, 1962.9)
    assert len(months) == 12 and ("1962" in [label for _, label, major in months if major])
    assert "Apr" in [label for _, label, _ in months]
    assert len([t for t in ticks(1000, 2000, most=10) if t[1]]) <= 11
