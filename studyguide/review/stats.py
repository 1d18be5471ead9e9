"""The Stats view's data: a year of reviews, the next month's load, retention, mastery."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from studyguide.domain import stats
from studyguide.domain.review import DueCounts
from studyguide.store.content import ContentStore
from studyguide.store.statistics import StatisticsStore, statistics_reader


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

    def due_today(self, guide_id: str, guide: ContentStore) -> int:
        """Studied cards due by the end of the learner's day (overdue ones included, suspended not).

        The same count as the forecast's first bar: the status bar shows it beside
        "due now", so the two never seem to disagree.
        """
        local = self._clock().astimezone()
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
        return self._statistics.due.due_before(guide_id, guide=guide, until=midnight)

    def section_due_counts(self, guide_id: str, guide: ContentStore) -> dict[str, DueCounts]:
        """Cards waiting now in each section that has any (new ones not capped by the daily limit)."""
        counts = self._statistics.due.per_section(guide_id, guide=guide, now=self._clock())
        return {section: DueCounts(*tally) for section, tally in counts.items()}

    def report(self, guide_id: str, guide: ContentStore) -> StatsReport:
        """The report for one guide, as of now."""
        now = self._clock()
        today = now.astimezone().date()
        year_ago = now - timedelta(days=366)
        return StatsReport(
            calendar=stats.calendar(self._statistics.reviews_per_day(guide_id, since=year_ago, now=now), today=today),
            forecast=stats.forecast(self._statistics.due.due_per_day(
                guide_id, guide=guide, until=now + timedelta(days=31), now=now), today=today),
            retention=stats.retention(self._statistics.review_outcomes_per_week(
                guide_id, since=now - timedelta(weeks=26), now=now)),
            mastery=stats.mastery(guide.sections(), guide.card_sections(), self._statistics.stabilities(guide_id)),
        )


@contextmanager
def stats_reader(progress: Path, guide: Path,
                 clock: Callable[[], datetime]) -> Iterator[tuple[StatsService, ContentStore]]:
    """A stats service and a guide's content on connections of their own, closed after: for a job
    on the task runner (a guide deleted meanwhile raises ``StoreUnavailable``)."""
    content = ContentStore(path=guide)
    try:
        with statistics_reader(progress) as statistics:
            yield StatsService(statistics=statistics, clock=clock), content
    finally:
        content.close()
