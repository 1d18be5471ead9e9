"""Timeline layout maths, free of Qt: date-to-x scale, axis ticks, label rows.

The view asks for positions and draws them; everything here is a pure
function of the events, the zoom (pixels per year) and label widths, so it is
tested without a window.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass

from studyguide.domain.dates import position_of, year_label


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one item goes: its mark on the axis and its label's row.

    Attributes:
        x0: Left end of the mark (pixels).
        x1: Right end of the mark (pixels; equal to x0 for an instant).
        row: Label row, 0 nearest the axis.
    """

    x0: float
    x1: float
    row: int


@dataclass(frozen=True, slots=True)
class Tick:
    """One axis tick: its position in years, its label and whether it is major."""

    position: float
    label: str
    major: bool


def to_x(position: float, *, origin: float, px_per_year: float) -> float:
    """Pixel x of a fractional-year position."""
    return (position - origin) * px_per_year


def pack_rows(extents: Sequence[tuple[float, float]], *, gap: float = 8.0) -> list[int]:
    """Give each horizontal extent the lowest row where it overlaps nothing.

    Args:
        extents: ``(left, right)`` pixel extents, each covering a mark and its label.
        gap: Minimum free space between two extents in one row.

    Returns:
        Row numbers in the order of ``extents``.
    """
    order = sorted(range(len(extents)), key=lambda i: (extents[i][0], extents[i][1]))
    row_ends: list[float] = []
    rows = [0] * len(extents)
    for index in order:
        left, right = extents[index]
        for row, end in enumerate(row_ends):
            if left >= end + gap:
                row_ends[row] = right
                rows[index] = row
                break
        else:
            row_ends.append(right)
            rows[index] = len(row_ends) - 1
    return rows


def layout(spans: Sequence[tuple[float, float]], label_widths: Sequence[float], *,
           origin: float, px_per_year: float, min_mark: float = 6.0) -> list[Placement]:
    """Place marks by date and put labels in rows so none overlap.

    Args:
        spans: ``(first, last)`` positions in years of each item.
        label_widths: Width in pixels of each item's label (drawn from the mark's left end).
        origin: The position drawn at x = 0.
        px_per_year: Zoom.
        min_mark: Smallest drawn mark width, so a day stays visible when zoomed out.

    Returns:
        One placement per item, in input order.
    """
    placements = []
    extents = []
    for (first, last), width in zip(spans, label_widths, strict=True):
        x0 = to_x(first, origin=origin, px_per_year=px_per_year)
        x1 = max(to_x(last, origin=origin, px_per_year=px_per_year), x0 + min_mark)
        placements.append((x0, x1))
        extents.append((x0, max(x1, x0 + width)))
    rows = pack_rows(extents)
    return [Placement(x0, x1, row) for (x0, x1), row in zip(placements, rows, strict=True)]


#: Year steps for the axis, coarsest first (wide enough for the smallest zoom).
_YEAR_STEPS = (100000, 50000, 10000, 5000, 1000, 500, 100, 50, 10, 5, 1)
_MONTH_STEPS = (6, 3, 2, 1)
_DAY_STEPS = (14, 7, 2, 1)
#: The shortest month and year, so even February's ticks keep their spacing.
_SHORTEST_MONTH_YEARS = 28 / 366
_SHORTEST_DAY_YEARS = 1 / 366


def _choose_unit(px_per_year: float, min_spacing: float) -> tuple[str, int]:
    """The finest unit and step whose ticks stay ``min_spacing`` apart."""
    candidates = [("year", s, s) for s in _YEAR_STEPS]
    candidates += [("month", s, s * _SHORTEST_MONTH_YEARS) for s in _MONTH_STEPS]
    candidates += [("day", s, s * _SHORTEST_DAY_YEARS) for s in _DAY_STEPS]
    chosen = candidates[0][:2]
    for unit, step, years in candidates:
        if years * px_per_year >= min_spacing:
            chosen = (unit, step)
    return chosen


def ticks(first: float, last: float, *, px_per_year: float, min_spacing: float = 90.0) -> list[Tick]:
    """Axis ticks between two positions, as dense as the zoom allows and readable.

    Picks years (in steps of 1 to 100,000), months (1, 2, 3 or 6) or days
    (1, 2, 7 or 14) so that ticks are at least ``min_spacing`` pixels apart.
    """
    result: list[Tick] = []
    if last <= first or px_per_year <= 0:
        return result
    unit, step = _choose_unit(px_per_year, min_spacing)
    if unit == "year":
        year = math.floor(first / step) * step
        while year <= last:
            result.append(Tick(float(year), year_label(year), year % (step * 5) == 0 or step >= 10))
            year += step
        return result
    year = math.floor(first)
    while year <= last:
        for month in range(1, 13, step if unit == "month" else 1):
            if unit == "month":
                pos = position_of(year, month)
                if first - 1 / 12 <= pos <= last:
                    label = f"{calendar.month_abbr[month]} {year_label(year)}" if month == 1 else calendar.month_abbr[month]
                    result.append(Tick(pos, label, month == 1))
                continue
            days = calendar.monthrange(year, month)[1] if year > 0 else 30
            # Day steps restart each month, so the 1st is always a (major) tick;
            # the last step of a month is dropped if it would crowd the next 1st.
            for day in range(1, days + 1, step):
                if day > 1 and (days - day + 1) * _SHORTEST_DAY_YEARS * px_per_year < min_spacing:
                    break
                pos = position_of(year, month, day)
                if first - 1 / 365 <= pos <= last:
                    label = f"{calendar.month_abbr[month]} {day}" if day == 1 else str(day)
                    if day == 1 and month == 1:
                        label = f"{calendar.month_abbr[month]} {day}, {year_label(year)}"
                    result.append(Tick(pos, label, day == 1))
        year += 1
    return result
