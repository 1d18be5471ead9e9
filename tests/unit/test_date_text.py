"""The fuzzy-date reader of the authoring forms, the API and the command line (issue 15)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import DateError, DateSpan, FuzzyDate


@pytest.mark.parametrize(("text", "label"), [
    ("1959", "1959"),
    ("fall 1961", "fall 1961"),
    ("the autumn of 1961", "fall 1961"),
    ("1961-fall", "fall 1961"),
    ("c. 1962", "c. 1962"),
    ("circa 1962", "c. 1962"),
    ("April 12, 1962", "April 12, 1962"),
    ("12 April 1962", "April 12, 1962"),
    ("October 1962", "October 1962"),
    ("October 16\u201328, 1962", "October 16\u201328, 1962"),
    ("44 BC", "44 BCE"),
    ("1959\u20131962", "1959 \u2013 1962"),
    ("1959 to 1962", "1959 \u2013 1962"),
])
def test_the_app_s_date_language(text: str, label: str) -> None:
    assert parse_when(text).label() == label


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("yesterday", "is not a date"),
    ("February 30, 1962", "day 30 does not exist"),
    ("1962-02-30", "day 30 does not exist"),
    ("1965 to 1960", "must end after it starts"),
    ("0 BC", "no year 0"),
])
def test_bad_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_when(text)


@given(st.builds(FuzzyDate, year=st.integers(-3000, 3000), month=st.integers(1, 12), day=st.integers(1, 28)))
def test_any_guide_format_date_reads_back(date: FuzzyDate) -> None:
    assert parse_when(date.source_text()) == DateSpan(date)


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_reason(text: str) -> None:
    try:
        parse_when(text)
    except DateError as error:
        assert str(error)


@pytest.mark.parametrize(("text", "label"), [  # as a keyboard writes them (tour10): no en dash needed
    ("1953-1959", "1953 \u2013 1959"),
    ("June 1961-Oct 1962", "June 1961 \u2013 October 1962"),
    ("fall 1961-spring 1962", "fall 1961 \u2013 spring 1962"),
    ("44 BC-33 AD", "44 BCE \u2013 33"),
    ("1962-63", "1962 \u2013 1963"),
    ("1999-03", "March 1999"),  # the guide format's month, as before
    ("-500", "500 BCE"),
])
def test_a_period_written_with_a_hyphen(text: str, label: str) -> None:
    assert parse_when(text).label() == label


@pytest.mark.parametrize(("text", "says"), [
    ("early 1962", "spring 1962, c. 1962"),
    ("mid-1962", "a year, a season, a month or a day"),
    ("the 1960s", "1960-1969"),
    ("01/02/1962", "the month as a word"),
    ("yesterday", "1959-1962"),  # the general hint names a period as it can be typed
])
def test_what_is_almost_a_date_is_told_what_to_write(text: str, says: str) -> None:
    with pytest.raises(DateError, match=re.escape(says)):
        parse_when(text)
