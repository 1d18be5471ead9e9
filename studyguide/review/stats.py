"""The Stats view's data: a year of reviews, the next month's load, retention, mastery."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from studyguide.domain import stats
from studyguide.domain.guide import Section
from studyguide.domain.review import DueCounts
from studyguide.store.statistics import StatisticsStore


@dataclass(frozen=True, slots=True)
class StatsReport:
    """Everything the Stats view draws."""

    calendar: list[stats.DayCount]
    forecast: list[stats.DayCount]
    retention: list[stats.WeekRetention]
    mastery: list[stats.SectionMastery]

    @property
    def total_reviews(self) -> int:
        """Answers in the last year."""
        return sum(day.count for day in self.calendar)


class StatsService:
    """Builds a ``StatsReport`` for a guide from aggregate queries."""

    def __init__(self, *, statistics: StatisticsStore, clock: Callable[[], datetime]) -> None:
        self._statistics = statistics
        self._clock = clock

    def due_today(self, guide_id: str) -> int:
        """Studied cards due by the end of the learner's day (overdue ones included, suspended not).

        The same count as the forecast's first bar: the status bar shows it beside
        "due now", so the two never seem to disagree.
        """
        local = self._clock().astimezone()
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
        return self._statistics.due_before(guide_id, until=midnight)

    def section_due_counts(self, guide_id: str, guide_path: Path) -> dict[str, DueCounts]:
        """Cards waiting now in each section that has any (new ones not capped by the daily limit)."""
        counts = self._statistics.section_due_counts(guide_id, guide_path=guide_path, now=self._clock())
        return {section: DueCounts(*tally) for section, tally in counts.items()}

    def report(self, guide_id: str, sections: Sequence[Section], card_sections: Mapping[str, str]) -> StatsReport:
        """The report for one guide, as of now."""
        now = self._clock()
        today = now.astimezone().date()
        year_ago = now - timedelta(days=366)
        return StatsReport(
            calendar=stats.calendar(self._statistics.reviews_per_day(guide_id, since=year_ago, now=now), today=today),
            forecast=stats.forecast(
                self._statistics.due_per_day(guide_id, until=now + timedelta(days=31), now=now), today=today),
            retention=stats.retention(self._statistics.review_outcomes_per_week(
                guide_id, since=now - timedelta(weeks=26), now=now)),
            mastery=stats.mastery(sections, card_sections, self._statistics.stabilities(guide_id)),
        )
