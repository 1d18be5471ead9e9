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

from studyguide.domain.dates import position_of


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


_STEPS_YEARS = [1000, 500, 100, 50, 10, 5, 1]


def ticks(first: float, last: float, *, px_per_year: float, min_spacing: float = 90.0) -> list[Tick]:
    """Axis ticks between two positions, as dense as the zoom allows and readable.

    Picks years (in steps of 1 to 1000), months or days so that ticks are at
    least ``min_spacing`` pixels apart.
    """
    result: list[Tick] = []
    if last <= first or px_per_year <= 0:
        return result
    if px_per_year / 12 < min_spacing:
        step = next((s for s in reversed(_STEPS_YEARS) if s * px_per_year >= min_spacing), _STEPS_YEARS[0])
        year = math.floor(first / step) * step
        while year <= last:
            label = f"{-year} BCE" if year < 0 else str(year)
            result.append(Tick(float(year), label, year % (step * 5) == 0 or step >= 10))
            year += step
        return result
    year = math.floor(first)
    if px_per_year / 365 < min_spacing:
        month_step = next((s for s in (1, 2, 3, 6) if s * px_per_year / 12 >= min_spacing), 6)
        while year <= last:
            for month in range(1, 13, month_step):
                pos = position_of(year, month)
                if first - 1 / 12 <= pos <= last:
                    label = f"{calendar.month_abbr[month]} {year}" if month == 1 else calendar.month_abbr[month]
                    result.append(Tick(pos, label, month == 1))
            year += 1
        return result
    day_step = next((s for s in (1, 2, 7, 14) if s * px_per_year / 365 >= min_spacing), 14)
    while year <= last:
        for month in range(1, 13):
            days = calendar.monthrange(year, month)[1] if year > 0 else 30
            for day in range(1, days + 1, day_step):
                pos = position_of(year, month, day)
                if first - 1 / 365 <= pos <= last:
                    label = f"{calendar.month_abbr[month]} {day}" if day == 1 else str(day)
                    if day == 1 and month == 1:
                        label = f"{calendar.month_abbr[month]} {day}, {year}"
                    result.append(Tick(pos, label, day == 1))
        year += 1
    return result
