"""Timeline drills, free of I/O: "When did it happen?" and "Put these in order" cards made from a
guide's events, and their marking (the order drills' rule is at ``grade_order``).

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from studyguide.domain.dates import DateSpan, Precision
from studyguide.domain.drill_ids import DRILL_PREFIX
from studyguide.domain.guide import Card, Event

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


# "Put these in order" ---------------------------------------------------------------------

ORDER_PREFIX = DRILL_PREFIX + "order-"
#: Events per order drill, at most.
ORDER_SIZE = 4
#: The span of an order drill's events, in years, unless their dates are coarser (``_within_period``).
ORDER_PERIOD = 0.5
_PRECISION_WIDTH = {Precision.DAY: _DAY, Precision.MONTH: 1 / 12, Precision.SEASON: 0.25, Precision.YEAR: 1.0}


@dataclass(frozen=True, slots=True)
class OrderDrill:
    """A few events to put in order: ids in their true order (each clearly after the one before).

    Attributes:
        id: ``drill-order-<year of the first event>-<hash of the event ids>``: the schedule
            follows the set of events, whatever else changes in the guide.
        event_ids: The events, earliest first.
    """

    id: str
    event_ids: tuple[str, ...]


def _clearly_after(later: Event, earlier: Event) -> bool:
    """True if ``later`` begins no earlier than ``earlier`` may end: whatever their precision,
    "fall 1961" and "October 1961" never are (nor two events of the same year and precision)."""
    return later.when.first() >= earlier.when.last() - _EPS


def _width(event: Event) -> float:
    """The width of an event's precision, in years (a day, a month, a season or a year)."""
    return _PRECISION_WIDTH[precision_of(event.when)]


def _within_period(group: Sequence[Event], event: Event) -> bool:
    """True if ``event`` keeps ``group`` within one period: from the start of its first event to the
    end of the last, at most ``ORDER_PERIOD``, or twice its coarsest precision if wider."""
    coarsest = max(_width(e) for e in (*group, event))
    return event.when.last() - group[0].when.first() <= max(ORDER_PERIOD, 2 * coarsest) + _EPS


def order_drills(events: Iterable[Event]) -> list[OrderDrill]:
    """Sets of 3-4 events from one period to order, chosen from the dates alone (the same events
    give the same sets).

    Events are taken in the order they end; a set takes the next event that begins after the last one
    it holds may end (so no two of its events overlap within their precision) while the set stays
    within one period (``_within_period``: half a year, wider only for coarse dates); a full set or
    the period's end closes it. Events skipped, and those of sets short of 3, are tried again in a
    further pass; what never makes a set is left out (a lone event of its period).
    """
    # By end first (as for the most intervals that do not overlap): a long period does not shut out
    # the events within it.
    def by_end(event: Event) -> tuple[object, ...]:
        return event.when.last(), event.when.sort_key(), event.position, event.id

    pool = sorted(events, key=by_end)
    groups: list[list[Event]] = []
    while len(pool) >= 3:
        made = len(groups)
        rest: list[Event] = []
        group: list[Event] = []
        for event in pool:
            if group and (len(group) >= ORDER_SIZE or not _within_period(group, event)):
                (groups.append(group) if len(group) >= 3 else rest.extend(group))
                group = []
            (group.append(event) if not group or _clearly_after(event, group[-1]) else rest.append(event))
        (groups.append(group) if len(group) >= 3 else rest.extend(group))
        if len(groups) == made:  # nothing more groups
            break
        pool = sorted(rest, key=by_end)
    drills = []
    for group in groups:
        ids = tuple(e.id for e in group)
        import hashlib  # (about 2 ms to import: not on the way to a window)

        digest = hashlib.sha1("\n".join(ids).encode()).hexdigest()[:8]
        drills.append(OrderDrill(f"{ORDER_PREFIX}{group[0].when.start.year}-{digest}", ids))
    return drills


def order_drill_cards(drills: Iterable[OrderDrill], events: Iterable[Event]) -> list[Card]:
    """A card per order drill (its section: that of its first event), for the review session."""
    by_id = {e.id: e for e in events}
    return [Card(id=d.id, section_id=by_id[d.event_ids[0]].section_id, front="Put these in order",
                 back=" \u2192 ".join(by_id[i].title for i in d.event_ids), position=n)
            for n, d in enumerate(drills)]


def inversions(correct: Sequence[str], placed: Sequence[str]) -> int:
    """Pairs of events placed the wrong way round (0: all in order; 1: one neighbouring pair swapped)."""
    rank = {event_id: i for i, event_id in enumerate(correct)}
    ranks = [rank[event_id] for event_id in placed]
    return sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j])


def grade_order(correct: Sequence[str], placed: Sequence[str]) -> Verdict:
    """All in order: Good; one pair the wrong way round (a single swap of neighbours): Hard; worse: Again."""
    wrong = inversions(correct, placed)
    return Verdict.GOOD if wrong == 0 else Verdict.HARD if wrong == 1 else Verdict.AGAIN
