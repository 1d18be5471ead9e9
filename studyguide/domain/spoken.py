"""What a screen reader says: intervals in words, rating buttons and results, charts as sentences.

Pure text, no Qt: the views give these strings to Qt's accessibility API as names,
descriptions and announcements, and the unit tests read them as a listener would.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from studyguide.domain.stats import DayCount, SectionMastery, WeekRetention, plural


def spoken_interval(delta: timedelta) -> str:
    """An interval in words, rounded as the rating buttons show it ("10m" reads "10 minutes").

    "less than a minute", "10 minutes", "3 hours", "4 days", "2 months", "1.5 years".
    """
    seconds = delta.total_seconds()
    if seconds < 60:
        return "less than a minute"
    if seconds < 3600:
        return plural(round(seconds / 60), "minute")
    if seconds < 86400:
        return plural(round(seconds / 3600), "hour")
    days = seconds / 86400
    if days < 30:
        return plural(round(days), "day")
    if days < 365:
        return plural(round(days / 30), "month")
    years = round(days / 365, 1)
    return "1 year" if years == 1 else f"{years:g} years"


def rating_name(label: str, delta: timedelta | None) -> str:
    """A rating button's accessible name: "Good, 3 days" (only "Good" before an interval is known)."""
    return label if delta is None else f"{label}, {spoken_interval(delta)}"


def rating_result(label: str, delta: timedelta | None) -> str:
    """What is announced after an answer: "Good \u2014 next in 3 days"."""
    return f"{label} \u2014 saved" if delta is None else f"{label} \u2014 next in {spoken_interval(delta)}"


def heatmap_summary(days: Sequence[DayCount]) -> str:
    """The year-of-reviews calendar in one or two sentences."""
    if not days:
        return "No figures yet."
    studied = [d for d in days if d.count]
    total = sum(d.count for d in studied)
    if not studied:
        return f"No answers in the last {plural(len(days), 'day')}."
    busiest = max(studied, key=lambda d: (d.count, d.day))
    return (f"{plural(total, 'answer')} on {plural(len(studied), 'day')} of the last {len(days)}; "
            f"the busiest was {busiest.day:%B} {busiest.day.day}, {busiest.day.year}, "
            f"with {plural(busiest.count, 'answer')}.")


def forecast_summary(days: Sequence[DayCount]) -> str:
    """The next 30 days' load in one or two sentences (the first day is today)."""
    if not days:
        return "No figures yet."
    total = sum(d.count for d in days)
    if not total:
        return f"Nothing falls due in the next {plural(len(days), 'day')}."
    busiest = max(days, key=lambda d: (d.count, -d.day.toordinal()))
    when = "today" if busiest is days[0] else f"on {busiest.day:%B} {busiest.day.day}"
    return (f"{plural(total, 'card')} due in the next {plural(len(days), 'day')}, "
            f"{days[0].count:,} of them today; the most, {busiest.count:,}, {when}.")


def retention_summary(weeks: Sequence[WeekRetention]) -> str:
    """Weekly true retention in one or two sentences."""
    if not weeks:
        return "No reviewed cards have come due yet."
    passed, total = sum(w.passed for w in weeks), sum(w.total for w in weeks)
    last = weeks[-1]
    return (f"Over {plural(len(weeks), 'week')}, {passed / total:.0%} of {plural(total, 'answer')} "
            f"to cards in review were remembered; in the latest week, {last.rate:.0%} of {last.total:,}.")


def mastery_summary(rows: Sequence[SectionMastery]) -> str:
    """Mastery by section, one clause per section."""
    if not rows:
        return "No sections yet."
    parts = [f"{row.title}: {row.mastered:,} of {plural(row.cards, 'card')} mastered, {row.seen:,} seen"
             if row.cards else f"{row.title}: no cards" for row in rows]
    return "; ".join(parts) + "."


def mastery_count(row: SectionMastery) -> str:
    """A section's mastered cards as the chart writes them beside its bar ("3/10 mastered", "no cards")."""
    return f"{row.mastered:,}/{row.cards:,} mastered" if row.cards else "no cards"


def hit_sentence(kind: str, title: str, snippet: str, guide_title: str = "") -> str:
    """A search hit read aloud: "Card: question. Answer: extract", "Event: title. extract".

    Args:
        kind: ``section``, ``card`` or ``event``.
        title: The title, or a card's question, without marks.
        snippet: The extract around the match (a card's from its answer), without marks.
        guide_title: The guide's title, said last when given.
    """
    words = [f"{kind.capitalize()}: {title.strip()}".rstrip(".?!:") + _stop(title)]
    if snippet.strip():
        words.append(("Answer: " if kind == "card" else "") + snippet.strip())
    if guide_title:
        words.append(f"In {guide_title}.")
    return " ".join(words)


def _stop(text: str) -> str:
    """The sentence's own end ("?" of a question), or a full stop."""
    text = text.strip()
    return text[-1] if text and text[-1] in ".?!" else "."
