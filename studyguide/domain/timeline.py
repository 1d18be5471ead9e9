"""Timeline layout maths, free of Qt: date-to-x scale, axis ticks, label rows.

The view asks for positions and draws them; everything here is a pure
function of the events, the zoom (pixels per year) and label widths, so it is
tested without a window.
"""

from __future__ import annotations

import calendar
import heapq
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from studyguide.domain.dates import position_of, year_label


class Placement(NamedTuple):
    """Where one item goes: its mark on the axis and its label's row.

    A named tuple rather than a dataclass: a zoom step makes one per event,
    and tuples are three times cheaper to build.

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

    Runs in O(n log n): extents are taken left to right, and a row that has
    become free stays free for every later extent, so free rows wait in one
    heap (by row number) and busy rows in another (by where they end).

    Args:
        extents: ``(left, right)`` pixel extents, each covering a mark and its label.
        gap: Minimum free space between two extents in one row.

    Returns:
        Row numbers in the order of ``extents``.
    """
    order = sorted(range(len(extents)), key=extents.__getitem__)
    return _pack_sorted(order, [e[0] for e in extents], [e[1] for e in extents], gap)


def _pack_sorted(order: Sequence[int], lefts: Sequence[float], rights: Sequence[float],
                 gap: float) -> list[int]:
    """``pack_rows`` on extents already ordered by ``order`` (left to right)."""
    busy: list[tuple[float, int]] = []  # (right end + gap, row)
    free: list[int] = []
    rows = [0] * len(lefts)
    count = 0
    push, pop = heapq.heappush, heapq.heappop
    for index in order:
        left = lefts[index]
        while busy and busy[0][0] <= left:
            push(free, pop(busy)[1])
        if free:
            row = pop(free)
        else:
            row = count
            count += 1
        rows[index] = row
        push(busy, (rights[index] + gap, row))
    return rows


def layout(spans: Sequence[tuple[float, float]], label_widths: Sequence[float], *,
           origin: float, px_per_year: float, min_mark: float = 6.0,
           order: Sequence[int] | None = None) -> list[Placement]:
    """Place marks by date and put labels in rows so none overlap.

    Args:
        spans: ``(first, last)`` positions in years of each item.
        label_widths: Width in pixels of each item's label (drawn from the mark's left end).
        origin: The position drawn at x = 0.
        px_per_year: Zoom.
        min_mark: Smallest drawn mark width, so a day stays visible when zoomed out.
        order: The items sorted by ``spans`` (pass ``chronological(spans)`` to
            reuse it across zooms); computed when omitted.

    Returns:
        One placement per item, in input order.
    """
    x0s, x1s, rows = layout_columns(spans, label_widths, origin=origin, px_per_year=px_per_year,
                                    min_mark=min_mark, order=order)
    return list(map(Placement, x0s, x1s, rows))


def layout_columns(spans: Sequence[tuple[float, float]], label_widths: Sequence[float], *,
                   origin: float, px_per_year: float, min_mark: float = 6.0,
                   order: Sequence[int] | None = None) -> tuple[list[float], list[float], list[int]]:
    """``layout`` as three lists (x0s, x1s, rows): what a view re-lays out at each zoom step.

    Building no tuple per item keeps a zoom step over 10,000 events within a frame.
    """
    if len(spans) != len(label_widths):
        raise ValueError("layout needs one label width per span")
    scale = px_per_year
    x0s = [(first - origin) * scale for first, _ in spans]
    x1s = [x1 if x1 > x0 + min_mark else x0 + min_mark
           for x1, x0 in zip([(last - origin) * scale for _, last in spans], x0s, strict=True)]
    rights = [x1 if x1 > x0 + width else x0 + width for x0, x1, width in zip(x0s, x1s, label_widths, strict=True)]
    if order is None:
        order = chronological(spans)
    return x0s, x1s, _pack_sorted(order, x0s, rights, 8.0)


def fit_zoom(spans: Sequence[tuple[float, float]], label_widths: Sequence[float], *,
             width: float) -> float | None:
    """The largest zoom at which every mark and its label, drawn from the earliest start at x = 0, end by ``width``.

    This fits the events as drawn (a label runs right of its mark's start), not
    their date range padded by a guess: the view is filled, and the last label
    still fits. A label wider than half the view is allowed to run past it.

    Args:
        spans: ``(first, last)`` positions of the items (years, or scaled years).
        label_widths: Their label widths in pixels.
        width: Pixels available from the earliest start.

    Returns:
        Pixels per year, or None if every item starts and ends at one position.
    """
    if len(spans) != len(label_widths):
        raise ValueError("fit_zoom needs one label width per span")
    if not spans or width <= 0:
        return None
    origin = min(first for first, _ in spans)
    best = math.inf
    for (first, last), label in zip(spans, label_widths, strict=True):
        if first > origin:
            best = min(best, max(width - label, width / 2) / (first - origin))
        if last > origin:
            best = min(best, width / (last - origin))
    if math.isinf(best):  # every item at one position, or apart by less than a float can divide
        return None if all(first == origin and last == origin for first, last in spans) else sys.float_info.max
    return best


def readable_zoom(span: tuple[float, float], *, current: float, view_width: float,
                  min_px: float) -> float:
    """The zoom to show one item at: ``current``, closer if its span is under ``min_px`` wide.

    A period stays within most of the view (zooming out if needed), so all of it is seen.

    Args:
        span: The item's ``(first, last)`` positions.
        current: The zoom now (pixels per year).
        view_width: Width of the view in pixels.
        min_px: Smallest width the item's span should be drawn at.
    """
    length = span[1] - span[0]
    if length <= 0:
        return current
    return min(max(current, min_px / length), max(0.8 * view_width, min_px) / length)


def chronological(spans: Sequence[tuple[float, float]]) -> list[int]:
    """Indices of ``spans`` in time order (by start, then end)."""
    return sorted(range(len(spans)), key=spans.__getitem__)


def contains(outer: tuple[float, float], inner: tuple[float, float]) -> bool:
    """True when the span ``inner`` lies within the period ``outer`` (and is not it)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and outer != inner


#: Year steps for the axis, coarsest first (wide enough for the smallest zoom).
_YEAR_STEPS = (100000, 50000, 10000, 5000, 1000, 500, 100, 50, 10, 5, 1)
_MONTH_STEPS = (6, 3, 2, 1)
_DAY_STEPS = (14, 7, 2, 1)
#: The shortest month and year, so even February's ticks keep their spacing.
_SHORTEST_MONTH_YEARS = 28 / 366
_SHORTEST_DAY_YEARS = 1 / 366


def _choose_unit(px_per_year: float, min_spacing: float) -> tuple[str, int]:
    """The finest unit and step whose ticks stay ``min_spacing`` apart."""
    candidates: list[tuple[str, int, float]] = [("year", s, s) for s in _YEAR_STEPS]
    candidates += [("month", s, s * _SHORTEST_MONTH_YEARS) for s in _MONTH_STEPS]
    candidates += [("day", s, s * _SHORTEST_DAY_YEARS) for s in _DAY_STEPS]
    chosen = candidates[0][:2]
    for unit, step, years in candidates:
        if years * px_per_year >= min_spacing:
            chosen = (unit, step)
    return chosen


def ticks(first: float, last: float, *, px_per_year: float, min_spacing: float = 90.0,
          context_first: bool = False) -> list[Tick]:
    """Axis ticks between two positions, as dense as the zoom allows and readable.

    Picks years (in steps of 1 to 100,000), months (1, 2, 3 or 6) or days
    (1, 2, 7 or 14) so that ticks are at least ``min_spacing`` pixels apart.
    With ``context_first``, a first month or day tick that would say only "Oct"
    or "15" says "Oct 1962" or "Oct 15" (for an axis whose scale changes there).
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
                    label = calendar.month_abbr[month]
                    if month == 1:
                        label = f"{label} {year_label(year)}"
                    if context_first and first <= pos:
                        label, context_first = f"{calendar.month_abbr[month]} {year_label(year)}", False
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
                    elif context_first and first <= pos:
                        label = f"{calendar.month_abbr[month]} {day}"
                    if first <= pos:
                        context_first = False
                    result.append(Tick(pos, label, day == 1))
        year += 1
    return result


class ZoomLayouts:
    """Layouts of one set of items at several zooms, kept for reuse.

    A zoom step re-lays out every item; keeping the last few layouts makes
    zooming back free, and lets a view compute the likely next step (one
    zoom step in or out) while the user is not doing anything.

    Args:
        spans: ``(first, last)`` positions of the items, in time order.
        widths: Their label widths in pixels.
        margin_px: Room left of the first item, in pixels at any zoom.
        keep: How many layouts to keep.
    """

    def __init__(self, spans: Sequence[tuple[float, float]], widths: Sequence[float], *,
                 margin_px: float, keep: int = 6) -> None:
        self._spans = list(spans)
        self._widths = list(widths)
        self._first = spans[0][0] if spans else 0.0
        self._margin_px = margin_px
        self._keep = keep
        self._cache: dict[float, tuple[list[float], list[float], list[int]]] = {}

    def origin(self, px_per_year: float) -> float:
        """The position drawn at x = 0 at this zoom."""
        return self._first - self._margin_px / px_per_year

    def has(self, px_per_year: float) -> bool:
        """True when the layout at this zoom is ready."""
        return px_per_year in self._cache

    def get(self, px_per_year: float) -> tuple[list[float], list[float], list[int]]:
        """``layout_columns`` at this zoom (computed once, then kept)."""
        found = self._cache.pop(px_per_year, None)
        if found is None:
            found = layout_columns(self._spans, self._widths, origin=self.origin(px_per_year),
                                   px_per_year=px_per_year, order=range(len(self._spans)))
        self._cache[px_per_year] = found  # most recently used last
        while len(self._cache) > self._keep:
            del self._cache[next(iter(self._cache))]
        return found
