"""Marking a "When did it happen?" answer against an event's own precision (domain.drills)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import SEASONS, DateSpan, FuzzyDate
from studyguide.domain.drills import Verdict, grade_when, when_drill_cards, when_drill_id
from studyguide.domain.guide import Event


def _day(d: date) -> DateSpan:
    return DateSpan(FuzzyDate(d.year, d.month, d.day))


def _grade(event: str, answer: str) -> Verdict:
    return grade_when(parse_when(event), parse_when(answer))


days = st.dates(min_value=date(2, 1, 1), max_value=date(2999, 12, 31))
spans = st.one_of(
    st.integers(-500, 2500).map(lambda y: DateSpan(FuzzyDate(y))),
    st.tuples(st.integers(1, 2500), st.sampled_from(sorted(SEASONS))).map(
        lambda t: DateSpan(FuzzyDate(t[0], season=t[1]))),
    st.tuples(st.integers(1, 2500), st.integers(1, 12)).map(lambda t: DateSpan(FuzzyDate(t[0], t[1]))),
    days.map(_day),
)


def test_the_examples_of_the_rule() -> None:
    assert _grade("fall 1961", "October 1961") is Verdict.GOOD
    assert _grade("fall 1961", "September 3, 1961") is Verdict.GOOD
    assert _grade("fall 1961", "November 30, 1961") is Verdict.GOOD
    assert _grade("fall 1961", "December 1961") is Verdict.HARD
    assert _grade("fall 1961", "1961") is Verdict.HARD
    assert _grade("fall 1961", "spring 1961") is Verdict.AGAIN
    assert _grade("fall 1961", "1963") is Verdict.AGAIN
    assert _grade("October 1962", "October 22, 1962") is Verdict.GOOD
    assert _grade("October 1962", "fall 1962") is Verdict.HARD
    assert _grade("October 1962", "1962") is Verdict.AGAIN
    assert _grade("April 12, 1962", "April 12, 1962") is Verdict.GOOD
    assert _grade("April 12, 1962", "April 13, 1962") is Verdict.GOOD
    assert _grade("April 12, 1962", "April 1962") is Verdict.HARD
    assert _grade("April 12, 1962", "April 16, 1962") is Verdict.HARD
    assert _grade("April 12, 1962", "May 12, 1962") is Verdict.AGAIN
    assert _grade("1959", "1959") is Verdict.GOOD
    assert _grade("1959", "June 1959") is Verdict.GOOD
    assert _grade("1959", "1960") is Verdict.HARD
    assert _grade("1959", "1961") is Verdict.AGAIN
    assert _grade("1959", "1950 to 1970") is Verdict.AGAIN  # a wide guess is no near miss
    assert _grade("c. 1962", "1963") is Verdict.GOOD
    assert _grade("October 16\u201328, 1962", "October 20, 1962") is Verdict.GOOD
    assert _grade("October 16\u201328, 1962", "October 30, 1962") is Verdict.HARD


@given(spans)
def test_the_events_own_date_is_always_right(event: DateSpan) -> None:
    assert grade_when(event, event) is Verdict.GOOD


@given(st.integers(1, 2500), st.sampled_from(sorted(SEASONS)), st.integers(0, 88))
def test_any_day_of_a_season_is_right(year: int, season: str, offset: int) -> None:
    first = date(year, SEASONS[season], 1)
    assert grade_when(DateSpan(FuzzyDate(year, season=season)), _day(first + timedelta(days=offset))) is Verdict.GOOD


@given(days, st.integers(-40, 40))
def test_a_day_precise_event_needs_the_day_give_or_take_one(when: date, off: int) -> None:
    answer = when + timedelta(days=off)
    verdict = grade_when(_day(when), _day(answer))
    expected = Verdict.GOOD if abs(off) <= 1 else Verdict.HARD if abs(off) <= 7 else Verdict.AGAIN
    assert verdict is expected


@given(st.integers(1, 2500), st.integers(-5, 5))
def test_years_off(year: int, off: int) -> None:
    verdict = grade_when(DateSpan(FuzzyDate(year)), DateSpan(FuzzyDate(year + off)))
    assert verdict is (Verdict.GOOD if off == 0 else Verdict.HARD if abs(off) == 1 else Verdict.AGAIN)


@given(spans, spans)
def test_a_finer_answer_inside_the_event_is_never_worse_than_the_event_itself(event: DateSpan,
                                                                             answer: DateSpan) -> None:
    verdict = grade_when(event, answer)
    if answer.first() >= event.first() and answer.last() <= event.last():
        assert verdict is Verdict.GOOD
    if answer.last() < event.first() - 1.5 or answer.first() > event.last() + 1.5:
        assert verdict is Verdict.AGAIN  # over a year and a half away from any event


def test_drill_ids_come_from_the_event_ids_in_timeline_order() -> None:
    late = Event("e-late", "s1", "Late", parse_when("1962"), position=0)
    early = Event("e-early", "s2", "Early", parse_when("fall 1961"), position=1)
    cards = when_drill_cards([late, early])
    assert [c.id for c in cards] == [when_drill_id("e-early"), "drill-when-e-late"]
    assert (cards[0].front, cards[0].back, cards[0].section_id) == ("Early", "fall 1961", "s2")
