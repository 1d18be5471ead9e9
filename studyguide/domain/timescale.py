"""A time scale that gives crowded stretches room: dates to drawn positions, piecewise linear.

A linear axis squeezes the days of a crisis into one column next to the empty
years before it. ``TimeScale`` spreads the axis partly by time and mostly by
the events themselves: every distinct start date gets room in proportion to
the widest label that starts there, so a cluster of events is drawn as wide
as its labels need and an empty stretch shrinks. The map is monotonic (order,
overlaps and containment are kept) and linear between start dates, so the
view lays out and zooms in "scaled years" exactly as it would in years.

Everything here is pure: the scale is built from spans and label widths.
"""

from __future__ import annotations

import calendar
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from studyguide.domain.dates import year_label
from studyguide.domain.timeline import Tick, ticks

#: Share of the width spread by time; the rest is spread by the events (their labels).
TIME_SHARE = 0.25
#: At most this many pieces: start dates beyond it are grouped, so drawing the axis stays cheap.
MAX_PIECES = 256


@dataclass(frozen=True)
class TimeScale:
    """A monotonic piecewise-linear map from years to scaled years (and back).

    Outside its knots the map has slope 1, so dates before the first event and
    after the last one still have positions.

    Attributes:
        knots: Strictly increasing positions in years where the slope may change.
        marks: Their scaled positions, strictly increasing (same length as ``knots``).
    """

    knots: tuple[float, ...] = ()
    marks: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if len(self.knots) != len(self.marks):
            raise ValueError("a time scale needs one mark per knot")
        pairs = list(zip(self.knots, self.marks, strict=True))
        if any(b[0] <= a[0] or b[1] <= a[1] for a, b in pairwise(pairs)):
            raise ValueError("a time scale must be strictly increasing")

    @classmethod
    def for_spans(cls, spans: Sequence[tuple[float, float]], label_widths: Sequence[float], *,
                  time_share: float = TIME_SHARE, max_pieces: int = MAX_PIECES) -> TimeScale:
        """The scale for these events: room by time (``time_share``) and by label width (the rest).

        Args:
            spans: ``(first, last)`` positions in years of each event.
            label_widths: Each event's label width in pixels.
            time_share: From 0 (room by events only) to 1 (a linear axis).
            max_pieces: Most linear pieces; start dates beyond it are grouped.

        Returns:
            The scale; the identity for fewer than two distinct dates.
        """
        if len(spans) != len(label_widths):
            raise ValueError("a time scale needs one label width per span")
        if not spans:
            return cls()
        widest: dict[float, float] = {}
        for (first, _last), width in zip(spans, label_widths, strict=True):
            widest[first] = max(widest.get(first, 0.0), max(width, 0.0))
        starts = sorted(widest)
        end = max(last for _first, last in spans)
        group = -(-len(starts) // max_pieces)  # ceiling division
        knots = starts[::group]
        weights = [sum(widest[s] for s in starts[i:i + group]) for i in range(0, len(starts), group)]
        if end > knots[-1]:
            knots.append(end)
        else:
            weights.pop()  # the last start is the end: nothing to its right
        if len(knots) < 2:
            return cls()
        total_time, total_weight = knots[-1] - knots[0], sum(weights)
        share = min(max(time_share, 0.0), 1.0)
        if total_weight <= 0:
            weights, total_weight = [1.0] * len(weights), float(len(weights))
        marks = [knots[0]]
        for i, weight in enumerate(weights):
            length = share * (knots[i + 1] - knots[i]) + (1 - share) * total_time * weight / total_weight
            marks.append(marks[-1] + length)
        marks[-1] = knots[-1]  # no drift: the whole range keeps its length
        return cls(tuple(knots), tuple(_strictly_increasing(marks)))

    def to_scaled(self, year: float) -> float:
        """The scaled position of a year position."""
        return _interpolate(self.knots, self.marks, year)

    def to_years(self, scaled: float) -> float:
        """The year position of a scaled position (the inverse of ``to_scaled``)."""
        return _interpolate(self.marks, self.knots, scaled)

    def scaled_spans(self, spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        """``(first, last)`` spans in scaled years."""
        if not self.knots:
            return [(first, last) for first, last in spans]
        to_scaled = self.to_scaled
        return [(to_scaled(first), to_scaled(last)) for first, last in spans]

    def slope(self, year: float) -> float:
        """Scaled years per year at this position (1 outside the knots)."""
        knots = self.knots
        i = bisect_right(knots, year) - 1
        if i < 0 or i >= len(knots) - 1:
            return 1.0
        return (self.marks[i + 1] - self.marks[i]) / (knots[i + 1] - knots[i])

    def pieces(self, first: float, last: float) -> list[tuple[float, float, float]]:
        """The linear pieces that meet the year range ``first`` to ``last``: ``(start, end, slope)``.

        The first and last pieces may be the slope-1 stretches outside the knots;
        each piece is clipped to the range.
        """
        if last <= first:
            return []
        bounds = [first] + [k for k in self.knots if first < k < last] + [last]
        return [(a, b, self.slope(a)) for a, b in pairwise(bounds)]


def _strictly_increasing(values: list[float]) -> list[float]:
    """Nudge equal neighbours apart (a piece can round to nothing when the range is huge)."""
    for i in range(1, len(values)):
        if values[i] <= values[i - 1]:
            values[i] = values[i - 1] + abs(values[i - 1]) * 1e-12 + 1e-12
    return values


def _interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    """Piecewise-linear interpolation through ``(xs, ys)``, slope 1 beyond both ends."""
    if not xs:
        return x
    if x <= xs[0]:
        return ys[0] + (x - xs[0])
    if x >= xs[-1]:
        return ys[-1] + (x - xs[-1])
    i = bisect_right(xs, x) - 1
    return ys[i] + (x - xs[i]) * (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i])


def scaled_ticks(scale: TimeScale, first: float, last: float, *, px_per_unit: float,
                 min_spacing: float = 90.0) -> list[Tick]:
    """Axis ticks between two scaled positions, each piece as dense as its own zoom allows.

    A stretch given more room shows months or days while a compressed one shows
    years; ticks closer than ``min_spacing`` pixels to the previous one are
    dropped (a major tick replaces a minor one). The first tick of a finer piece
    names its month (and year), so "15" never appears without its context. A
    piece too crowded for any calendar tick is labelled at its start: an
    event's date ("Oct 27"), which is what a crowded stretch is made of.

    Args:
        scale: The time scale.
        first: Left end of the axis, in scaled years.
        last: Right end of the axis, in scaled years.
        px_per_unit: Zoom, in pixels per scaled year.
        min_spacing: Smallest gap between two ticks, in pixels.

    Returns:
        Ticks whose ``position`` is in scaled years, left to right.
    """
    result: list[Tick] = []
    if last <= first or px_per_unit <= 0:
        return result
    to_scaled, final, knots = scale.to_scaled, scale.to_years(last), set(scale.knots)
    for start, end, slope in scale.pieces(scale.to_years(first), final):
        piece = [t for t in ticks(start, end, px_per_year=px_per_unit * slope, min_spacing=min_spacing,
                                  context_first=True)
                 if start <= t.position < end or t.position == end == final]
        if not piece and start in knots:
            piece = [Tick(start, day_label(start), False)]
        for tick in piece:
            scaled = Tick(to_scaled(tick.position), tick.label, tick.major)
            if result and (scaled.position - result[-1].position) * px_per_unit < min_spacing:
                before = result[-2].position if len(result) > 1 else float("-inf")
                if scaled.major and not result[-1].major and (scaled.position - before) * px_per_unit >= min_spacing:
                    result[-1] = scaled
                continue
            result.append(scaled)
    return result


def day_label(position: float) -> str:
    """The calendar day a position falls on, in short words: "Oct 27" (or the year on January 1)."""
    year = math.floor(position)
    days = 366 if calendar.isleap(year) else 365
    day_of_year = min(int((position - year) * days + 1e-6), days - 1)
    month = 1
    lengths = [31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    while day_of_year >= lengths[month - 1]:  # (calendar.monthrange refuses years before 1)
        day_of_year -= lengths[month - 1]
        month += 1
    if month == 1 and day_of_year == 0:
        return year_label(year)
    return f"{calendar.month_abbr[month]} {day_of_year + 1}"
