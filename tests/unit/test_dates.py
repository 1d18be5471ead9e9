"""Unit tests for studyguide.domain.dates: parsing, labels, ordering and containment."""

from __future__ import annotations

import pytest

from studyguide.domain.dates import (
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
    parse_date,
    parse_span,
)


@pytest.mark.parametrize(
    ("text", "precision", "fields"),
    [
        ("1959", Precision.YEAR, {"year": 1959}),
        ("1961-fall", Precision.SEASON, {"year": 1961, "season": "fall"}),
        ("1962-04", Precision.MONTH, {"year": 1962, "month": 4}),
        ("1962-04-12", Precision.DAY, {"year": 1962, "month": 4, "day": 12}),
        ("c. 1950", Precision.YEAR, {"year": 1950, "approximate": True}),
        ("-44", Precision.YEAR, {"year": -44}),
    ],
)
def test_parse_date_reads_each_precision(text: str, precision: Precision, fields: dict) -> None:
    date = parse_date(text)

    assert date.precision is precision
    assert date == FuzzyDate(**fields)


def test_parse_date_accepts_autumn_tilde_and_surrounding_spaces() -> None:
    assert parse_date("1961-Autumn") == FuzzyDate(1961, season="fall")
    assert parse_date("~1950") == FuzzyDate(1950, approximate=True)
    assert parse_date("  1962-04-12 ") == FuzzyDate(1962, 4, 12)


def test_parse_span_reads_a_single_date_without_end() -> None:
    span = parse_span("1962-10-16")

    assert span.start == FuzzyDate(1962, 10, 16)
    assert span.end is None
    assert not span.is_period


def test_parse_span_reads_a_period() -> None:
    span = parse_span("1962-10-16 .. 1962-10-28")

    assert span.is_period
    assert span.start == FuzzyDate(1962, 10, 16)
    assert span.end == FuzzyDate(1962, 10, 28)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1959", "1959"),
        ("1961-fall", "fall 1961"),
        ("1962-04", "April 1962"),
        ("1962-04-12", "April 12, 1962"),
        ("c. 1950", "c. 1950"),
        ("-44", "44 BCE"),
        ("-44-03-15", "March 15, 44 BCE"),
        ("1962-10-16 .. 1962-10-28", "October 16\u201328, 1962"),
        ("1962-10-16 .. 1962-11-02", "October 16 \u2013 November 2, 1962"),
        ("1961-fall .. 1962-04", "fall 1961 \u2013 April 1962"),
    ],
)
def test_label_wording(text: str, label: str) -> None:
    assert parse_span(text).label() == label


def test_label_of_a_bce_day_period_says_bce() -> None:
    assert parse_span("-44-03-01 .. -44-03-15").label() == "March 1\u201315, 44 BCE"


@pytest.mark.parametrize(
    "text",
    [
        "1959",
        "1961-fall",
        "1962-04",
        "1962-04-12",
        "c. 1950",
        "-44",
        "-44-03-15",
        "1962-10-16 .. 1962-10-28",
        "c. 1950 .. 1955-summer",
    ],
)
def test_source_text_round_trips(text: str) -> None:
    span = parse_span(text)

    assert span.source_text() == text
    assert parse_span(span.source_text()) == span


def test_source_text_normalises_aliases() -> None:
    assert parse_date("1961-autumn").source_text() == "1961-fall"
    assert parse_date("~1950").source_text() == "c. 1950"
    assert parse_date("1962-4-2").source_text() == "1962-04-02"


def test_sort_key_orders_by_start_then_shorter_first() -> None:
    year = parse_span("1962")
    january = parse_span("1962-01")
    new_year_day = parse_span("1962-01-01")
    october_day = parse_span("1962-10-16")
    thirteen_days = parse_span("1962-10-16 .. 1962-10-28")
    fall_1961 = parse_span("1961-fall")
    caesar = parse_span("-44")

    shuffled = [thirteen_days, year, october_day, caesar, january, fall_1961, new_year_day]
    ordered = sorted(shuffled, key=DateSpan.sort_key)

    # Same start: the day before the month before the whole year.
    assert ordered == [caesar, fall_1961, new_year_day, january, year, october_day, thirteen_days]


def test_year_1962_sorts_before_a_day_in_october_1962() -> None:
    assert parse_span("1962").sort_key() < parse_span("1962-10-16").sort_key()


def test_day_lies_within_its_month_and_month_within_its_year() -> None:
    day, month, year = parse_date("1962-04-12"), parse_date("1962-04"), parse_date("1962")

    assert year.start() <= month.start() < day.start() < day.end() < month.end() <= year.end()
    assert year.start() == 1962.0 and year.end() == 1963.0


def test_fall_is_september_to_november() -> None:
    fall = parse_date("1961-fall")

    assert fall.start() == parse_date("1961-09").start()
    assert fall.end() == parse_date("1961-11").end()
    assert fall.start() > parse_date("1961-08").start()
    assert fall.end() == parse_date("1961-12").start()


def test_winter_runs_into_the_next_year() -> None:
    winter = parse_date("1962-winter")

    assert winter.start() == parse_date("1962-12").start()
    assert winter.end() == parse_date("1963-02").end()


def test_day_lasts_one_day_of_its_year() -> None:
    ordinary, leap = parse_date("1962-03-01"), parse_date("1964-03-01")

    assert ordinary.end() - ordinary.start() == pytest.approx(1 / 365)
    assert leap.end() - leap.start() == pytest.approx(1 / 366)
    assert parse_date("1964-02-29").end() == pytest.approx(leap.start())


def test_period_first_and_last_cover_both_ends() -> None:
    span = parse_span("1962-10-16 .. 1962-10-28")

    assert span.first() == parse_date("1962-10-16").start()
    assert span.last() == parse_date("1962-10-28").end()


def test_bce_years_come_before_ce_years() -> None:
    assert parse_date("-44").start() < parse_date("-43").start() < parse_date("1").start()
    assert parse_date("-44").end() == -43.0


def test_approximate_flag_of_a_span() -> None:
    assert parse_span("c. 1950 .. 1955").approximate
    assert parse_span("1950 .. c. 1955").approximate
    assert not parse_span("1950 .. 1955").approximate


@pytest.mark.parametrize(
    "text",
    [
        "1962-13",
        "1962-00",
        "1962-02-30",
        "1961-02-29",
        "1962-04-31",
        "soon",
        "",
        "1962-fall-12",
        "1962/04/12",
        "nineteen",
        "1962-10-28 .. 1962-10-16",
        "1963 .. 1962",
        "1962-10 .. ",
        "..",
        "123456",
    ],
)
def test_invalid_dates_raise_date_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_span(text)


def test_parse_date_rejects_a_period() -> None:
    with pytest.raises(DateError):
        parse_date("1962-10-16 .. 1962-10-28")


def test_date_error_is_a_value_error_with_the_bad_text() -> None:
    with pytest.raises(ValueError, match="soon"):
        parse_date("soon")


def test_fuzzy_date_rejects_inconsistent_fields() -> None:
    with pytest.raises(DateError):
        FuzzyDate(1962, season="monsoon")
    with pytest.raises(DateError):
        FuzzyDate(1962, month=4, season="fall")
    with pytest.raises(DateError):
        FuzzyDate(1962, day=3)


def test_a_one_day_period_is_allowed() -> None:
    span = parse_span("1962-10-16 .. 1962-10-16")

    assert span.last() > span.first()


def test_the_month_names_of_labels_are_the_calendars():
    import calendar

    from studyguide.domain import dates

    assert dates._month_names() == list(calendar.month_name)
