"""Timeline drills, free of I/O: "When did it happen?" cards made from a guide's events, and their marking.

A drill is scheduled like any card: its progress is keyed by (guide id, card id), and its id
comes from the event's own stable id (``drill-when-<event id>``), so its schedule survives
re-imports and edits of the event's wording or date.

How a typed date is marked (``grade_when``), by the event's precision:

- **Right (Good)**: the whole answer lies within the event's date or period: "fall 1961"
  accepts "fall 1961", "September 1961", "October 12, 1961"; "1959" accepts any date in 1959.
  A day-precise event also accepts the day before or after. An approximate event ("c. 1962")
  accepts a year either side.
- **Near (Hard)**: not right, but no coarser than the next precision up (a day-precise event
  takes at most a month, a month-precise one a season, a season- or year-precise one a year)
  and overlapping the event widened by a margin: 7 days for a day, a month for a month or a
  season, a year for a year (plus the year of an approximate event). So "October 1962" for
  October 16, 1962 is Hard, as are "1961" or "December 1961" for fall 1961, and 1958 for 1959.
- **Wrong (Again)**: anything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from studyguide.domain.dates import DateSpan, Precision
from studyguide.domain.guide import Card, Event

#: Every drill's card id starts with this: the guide's due counts and new-card limit leave them out.
DRILL_PREFIX = "drill-"
#: Just past every id that starts with ``DRILL_PREFIX`` (for ``id >= DRILL_PREFIX AND id < DRILLS_END``).
DRILLS_END = DRILL_PREFIX[:-1] + chr(ord(DRILL_PREFIX[-1]) + 1)
WHEN_PREFIX = DRILL_PREFIX + "when-"

_DAY = 1 / 365.25
_EPS = 1e-9
#: Widening of a right answer: a day either side for day-precise events (1.5 days, so a leap
#: year's shorter days still count the neighbour, and two days off never does).
_SLACK = {Precision.DAY: 1.5 * _DAY}
#: Widening of a near miss, by the event's precision.
_NEAR = {Precision.DAY: 6.5 * _DAY, Precision.MONTH: 1 / 12, Precision.SEASON: 1 / 12, Precision.YEAR: 1.0}
#: The widest near miss (beyond the event's own width), by the event's precision.
_WIDEST = {Precision.DAY: 31 * _DAY, Precision.MONTH: 92 * _DAY, Precision.SEASON: 1.0, Precision.YEAR: 1.0}
_ORDER = [Precision.YEAR, Precision.SEASON, Precision.MONTH, Precision.DAY]


class Verdict(IntEnum):
    """How a drill answer was marked, as the FSRS rating it gives (Again 1, Hard 2, Good 3)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3


def when_drill_id(event_id: str) -> str:
    """The stable card id of an event's "When did it happen?" drill."""
    return WHEN_PREFIX + event_id


def when_drill_cards(events: Iterable[Event]) -> list[Card]:
    """One "When did it happen?" card per event, in timeline order (its question: the title)."""
    ordered = sorted(events, key=lambda e: (e.when.sort_key(), e.position))
    return [Card(id=when_drill_id(e.id), section_id=e.section_id, front=e.title, back=e.when.label(), position=i)
            for i, e in enumerate(ordered)]


def precision_of(span: DateSpan) -> Precision:
    """How precisely a date or period is known: the coarser of its two ends."""
    ends = [span.start] if span.end is None else [span.start, span.end]
    return min((end.precision for end in ends), key=_ORDER.index)


def grade_when(event: DateSpan, answer: DateSpan) -> Verdict:
    """Mark a typed date against an event's date (the rule is in this module's docstring)."""
    precision = precision_of(event)
    fuzz = 1.0 if event.approximate else 0.0
    low, high = event.first(), event.last()
    a_low, a_high = answer.first(), answer.last()
    slack = _SLACK.get(precision, 0.0) + fuzz + _EPS
    if a_low >= low - slack and a_high <= high + slack:
        return Verdict.GOOD
    near = _NEAR[precision] + fuzz
    narrow_enough = a_high - a_low <= (high - low) + _WIDEST[precision] + fuzz + _EPS
    if narrow_enough and a_high > low - near and a_low < high + near:
        return Verdict.HARD
    return Verdict.AGAIN
