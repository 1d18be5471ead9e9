"""The maths of a small time axis (the "When did it happen?" drill's): the day at a position, the
axis's range for some dates, and its ticks. Positions are fractional years (``domain.dates``)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from studyguide.domain.dates import DateSpan, FuzzyDate, position_of


def _days(year: int) -> int:
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def month_length(year: int, month: int) -> int:
    """Days in a month."""
    return [31, 29 if _days(year) == 366 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def day_at(position: float) -> FuzzyDate:
    """The calendar day a position falls in (day precision)."""
    year = math.floor(position)
    days = _days(year)
    index = min(int((position - year) * days + 1e-9), days - 1)  # the day of the year, from 0
    lengths = [month_length(year, m) for m in range(1, 13)]
    month = 1
    while index >= lengths[month - 1]:
        index -= lengths[month - 1]
        month += 1
    return FuzzyDate(year, month, index + 1)


def axis_range(spans: Iterable[DateSpan], *, margin: float = 0.06) -> tuple[float, float]:
    """From a little before the earliest date to a little after the latest (a year at least)."""
    ends = [(span.first(), span.last()) for span in spans]
    if not ends:
        return 0.0, 1.0
    low, high = min(e[0] for e in ends), max(e[1] for e in ends)
    if high - low < 1:
        middle = (low + high) / 2
        low, high = middle - 0.5, middle + 0.5
    pad = (high - low) * margin
    return low - pad, high + pad


def ticks(low: float, high: float, *, most: int = 12) -> list[tuple[float, str, bool]]:
    """(position, label, major) of the axis's ticks: years, or months when few years are shown
    (labelled at January, and every third month when there is room); at most about ``most`` labels."""
    years = range(math.ceil(low), math.floor(high) + 1)
    if high - low > 3:
        step = max(1, math.ceil(len(years) / most))
        return [(float(y), str(y), True) for y in years if y % step == 0]
    found = []
    for year in range(math.floor(low), math.floor(high) + 1):
        for month in range(1, 13):
            at = position_of(year, month)
            if low <= at <= high:
                label = str(year) if month == 1 else (FuzzyDate(year, month).label().split()[0][:3]
                                                      if (high - low) <= 1.5 and month % 3 == 1 else "")
                found.append((at, label, month == 1))
    return found


def placed_labels(labels: list[tuple[float, float, bool]], left: float, right: float,
                  gap: float = 8.0) -> list[float | None]:
    """Where to draw tick labels so each is whole between ``left`` and ``right``.

    Each label (its tick's x, its width, whether major) is centred on its tick, shifted inward if it
    would cross an edge; one that then meets a label already placed (major ones are placed first, then
    left to right) or is wider than the room is left out.

    Returns:
        Each label's left x, or None where it is left out, in the order given.
    """
    result: list[float | None] = [None] * len(labels)
    taken: list[tuple[float, float]] = []
    for index in sorted(range(len(labels)), key=lambda i: (not labels[i][2], labels[i][0])):
        x, width, _major = labels[index]
        if width > right - left:
            continue
        start = min(max(x - width / 2, left), right - width)
        if all(start + width + gap <= one or other + gap <= start for one, other in taken):
            taken.append((start, start + width))
            result[index] = start
    return result
