"""Dates that say only as much as is known: a year, a season, a month or a day.

History rarely gives exact days. A ``FuzzyDate`` keeps its precision so the
timeline can draw "the fall of 1961" as a span of a season rather than a fake
exact day, and so labels can say it in words. A ``DateSpan`` is one such date
or a period between two of them.

Positions are in fractional years (``1962.79`` is mid-October 1962), a scale
that works the same for 44 BCE and for 1962 and needs no calendar library.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum


class Precision(Enum):
    """How much of a date is known, coarsest first."""

    YEAR = "year"
    SEASON = "season"
    MONTH = "month"
    DAY = "day"


#: Meteorological seasons of the northern hemisphere: first month, month count.
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "fall": 9, "winter": 12}
_SEASON_ALIASES = {"autumn": "fall"}


@functools.cache
def _month_names() -> list[str]:
    """The month names of the labels ("June 1961"), as ``calendar.month_name`` gives them (the locale's
    ``%B``), read when first needed: importing ``calendar`` (and ``locale``) costs about 17 M
    instructions on the way to the window's first frame, whose first section names its events' months."""
    from datetime import date

    return [""] + [date(2001, month, 1).strftime("%B") for month in range(1, 13)]


_DATE_RE = re.compile(
    r"^(?P<approx>c\.\s*|~)?(?P<year>-?\d{1,5})"
    r"(?:-(?P<season>spring|summer|fall|autumn|winter)|-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$",
    re.IGNORECASE,
)


class DateError(ValueError):
    """A date written in a form the guide format does not know."""


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_year(year: int) -> int:
    return 366 if _is_leap(year) else 365


def _day_of_year(year: int, month: int, day: int) -> int:
    """Zero-based day of the year, proleptic Gregorian (works for any year)."""
    days = [31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return sum(days[: month - 1]) + day - 1


def _month_days(year: int, month: int) -> int:
    days = [31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return days[month - 1]


def year_label(year: int) -> str:
    """A year in words: "1962", or "44 BCE" for negative years."""
    return f"{-year} BCE" if year < 0 else str(year)


def position_of(year: int, month: int = 1, day: int = 1) -> float:
    """Fractional-year position of the start of a calendar day."""
    # Months past December roll into the next year (used for season ends).
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return year + _day_of_year(year, month, day) / _days_in_year(year)


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A calendar date known to a given precision.

    Attributes:
        year: The year; negative numbers are BCE (``-44`` is 44 BCE).
        month: 1-12 for month and day precision.
        day: 1-31 for day precision.
        season: ``spring``, ``summer``, ``fall`` or ``winter`` for season precision.
        approximate: True for "about" dates (written ``c. 1950``).
    """

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.season is not None and self.season not in SEASONS:
            raise DateError(f"unknown season {self.season!r}")
        if self.season is not None and self.month is not None:
            raise DateError("a date has a season or a month, not both")
        if self.day is not None and self.month is None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} is not between 1 and 12")
        if self.day is not None and not 1 <= self.day <= _month_days(self.year, self.month or 1):
            raise DateError(f"day {self.day} does not exist in {self.year}-{self.month:02d}")

    @property
    def precision(self) -> Precision:
        """How much of this date is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        return Precision.YEAR

    def start(self) -> float:
        """Position (fractional years) of the first moment this date may mean."""
        if self.season is not None:
            return position_of(self.year, SEASONS[self.season])
        return position_of(self.year, self.month or 1, self.day or 1)

    def end(self) -> float:
        """Position (fractional years) just after the last moment this date may mean."""
        if self.day is not None:
            return self.start() + 1 / _days_in_year(self.year)
        if self.month is not None:
            return position_of(self.year, self.month + 1)
        if self.season is not None:
            return position_of(self.year, SEASONS[self.season] + 3)
        return float(self.year + 1)

    def label(self) -> str:
        """The date in words, as a reader would write it ("fall 1961")."""
        year = year_label(self.year)
        if self.day is not None:
            text = f"{_month_names()[self.month or 1]} {self.day}, {year}"
        elif self.month is not None:
            text = f"{_month_names()[self.month]} {year}"
        elif self.season is not None:
            text = f"{self.season} {year}"
        else:
            text = year
        return f"c. {text}" if self.approximate else text

    def source_text(self) -> str:
        """The date written in the guide format (the inverse of ``parse_date``)."""
        text = str(self.year)
        if self.season is not None:
            text += f"-{self.season}"
        elif self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return f"c. {text}" if self.approximate else text


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date, or a period from ``start`` to ``end`` (both inclusive)."""

    start: FuzzyDate
    end: FuzzyDate | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.end() <= self.start.start():
            raise DateError("a period must end after it starts")

    @property
    def is_period(self) -> bool:
        """True when this span has an end date of its own."""
        return self.end is not None

    @property
    def approximate(self) -> bool:
        """True when either end is only approximately known."""
        return self.start.approximate or (self.end is not None and self.end.approximate)

    def first(self) -> float:
        """Position where the span may begin."""
        return self.start.start()

    def last(self) -> float:
        """Position just after the span may end."""
        return (self.end or self.start).end()

    def sort_key(self) -> tuple[float, float]:
        """Chronological order: by start, then shorter spans first."""
        return (self.first(), self.last())

    def label(self) -> str:
        """The span in words ("October 16–28, 1962", "fall 1961")."""
        if self.end is None:
            return self.start.label()
        s, e = self.start, self.end
        same_day_precision = s.precision is Precision.DAY and e.precision is Precision.DAY
        if same_day_precision and s.year == e.year and not s.approximate and not e.approximate:
            if s.month == e.month:
                return f"{_month_names()[s.month or 1]} {s.day}\u2013{e.day}, {year_label(s.year)}"
            return (
                f"{_month_names()[s.month or 1]} {s.day} \u2013 "
                f"{_month_names()[e.month or 1]} {e.day}, {year_label(s.year)}"
            )
        return f"{s.label()} \u2013 {e.label()}"

    def source_text(self) -> str:
        """The span written in the guide format (the inverse of ``parse_span``)."""
        if self.end is None:
            return self.start.source_text()
        return f"{self.start.source_text()} .. {self.end.source_text()}"


def parse_date(text: str) -> FuzzyDate:
    """Read one date written in the guide format.

    Args:
        text: For example ``1959``, ``1961-fall``, ``1962-04``, ``1962-04-12``,
            ``c. 1950`` or ``-44``.

    Returns:
        The date with the precision the text gives.

    Raises:
        DateError: If the text is not a date in that form.
    """
    match = _DATE_RE.match(text.strip())
    if match is None:
        raise DateError(
            f"{text.strip()!r} is not a date: write 1959, 1961-fall, 1962-04, 1962-04-12 or c. 1950"
        )
    season = match["season"]
    if season is not None:
        season = _SEASON_ALIASES.get(season.lower(), season.lower())
    return FuzzyDate(
        year=int(match["year"]),
        month=int(match["month"]) if match["month"] else None,
        day=int(match["day"]) if match["day"] else None,
        season=season,
        approximate=match["approx"] is not None,
    )


def parse_span(text: str) -> DateSpan:
    """Read a date or a period (``START .. END``) written in the guide format.

    Raises:
        DateError: If either end is not a date, or the period ends before it starts.
    """
    if ".." in text:
        first, _, second = text.partition("..")
        return DateSpan(parse_date(first), parse_date(second))
    return DateSpan(parse_date(text))
