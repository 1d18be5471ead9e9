"""Pure statistics for the Stats view: calendar cells, forecasts, retention, mastery."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from studyguide.domain.guide import Section
from studyguide.domain.review import DueCounts

#: A card whose memory lasts this many days or more counts as mastered (Anki's "mature").
MASTERED_DAYS = 21.0


@dataclass(frozen=True, slots=True)
class DayCount:
    """One calendar cell: a day and how many answers it had."""

    day: date
    count: int


@dataclass(frozen=True, slots=True)
class WeekRetention:
    """One week's true retention: passed of total answers to cards in review."""

    week: str
    passed: int
    total: int

    @property
    def rate(self) -> float:
        """Share passed, 0.0-1.0 (0.0 when there were none)."""
        return self.passed / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class SectionMastery:
    """How well one section is known."""

    section_id: str
    title: str
    cards: int
    seen: int
    mastered: int

    @property
    def share(self) -> float:
        """Share of the section's cards mastered."""
        return self.mastered / self.cards if self.cards else 0.0


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one ("1 day", "2 days")."""
    return f"{count:,} {noun if count == 1 else plural_noun or noun + 's'}"


def due_summary(now: DueCounts, today: int) -> str:
    """What is due, said the same way in the status bar and the Stats view.

    Args:
        now: Cards waiting now (new within today's limit, learning, review).
        today: Studied cards due by the end of the day, overdue included (the forecast's first bar).
    """
    return (f"Due now: {now.new} new \u00b7 {now.learning} learning \u00b7 {now.review} to review "
            f"\u00b7 by the end of today: {plural(today, 'studied card')}")


def due_summary_forms(now: DueCounts, today: int) -> tuple[str, ...]:
    """``due_summary`` and shorter wordings of the same counts, longest first, for a narrow line (the status
    bar at a large text size shows the longest that fits; the first is read aloud and shown in its tooltip)."""
    counts = f"{now.new} new \u00b7 {now.learning} learning \u00b7 {now.review} to review"
    return (due_summary(now, today), f"Due now: {counts} \u00b7 today: {plural(today, 'studied card')}",
            f"Due: {counts} \u00b7 {today:,} today")


def calendar(counts: Mapping[str, int], *, today: date, days: int = 365) -> list[DayCount]:
    """One cell per day for the last ``days`` days ending today, oldest first."""
    start = today - timedelta(days=days - 1)
    return [DayCount(start + timedelta(n), counts.get((start + timedelta(n)).isoformat(), 0)) for n in range(days)]


def forecast(due: Mapping[str, int], *, today: date, days: int = 30) -> list[DayCount]:
    """Cards due on each of the next ``days`` days (today includes overdue cards)."""
    return [DayCount(today + timedelta(n), due.get((today + timedelta(n)).isoformat(), 0)) for n in range(days)]


def retention(weeks: Mapping[str, tuple[int, int]]) -> list[WeekRetention]:
    """Weekly true retention, oldest first."""
    return [WeekRetention(week, passed, total) for week, (passed, total) in sorted(weeks.items())]


def week_label(week: str) -> str:
    """The day a retention week starts, as a student reads it: "2026-W09" (SQLite's ``%Y-W%W``: weeks from
    Monday, the days before the year's first Monday in week 00) -> "02 Mar" (was shown as "W09")."""
    year, number = (int(part) for part in week.split("-W"))
    first = date(year, 1, 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (number - 1))
    start = max(monday, first)
    return f"{start:%d %b}"  # as the forecast's dates


def mastery(sections: Sequence[Section], card_sections: Mapping[str, str],
            stabilities: Mapping[str, float]) -> list[SectionMastery]:
    """Per section: cards, cards seen, cards mastered (stability >= ``MASTERED_DAYS``).

    Args:
        sections: The guide's sections, in order.
        card_sections: Each card's section id, by card id.
        stabilities: Stability in days of each card studied so far, by card id.
    """
    totals: dict[str, list[int]] = {section.id: [0, 0, 0] for section in sections}
    for card_id, section_id in card_sections.items():
        tally = totals.get(section_id)
        if tally is None:
            continue
        tally[0] += 1
        stability = stabilities.get(card_id)
        if stability is not None:
            tally[1] += 1
            tally[2] += stability >= MASTERED_DAYS
    return [SectionMastery(s.id, s.title, *totals[s.id]) for s in sections]
