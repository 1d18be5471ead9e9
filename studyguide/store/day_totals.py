"""Changes to the per-day answer totals (``review_daily``) gathered while a sync applies answers.

The totals count, per guide and local day, the answers, those given to a card in review, and
those of them that were not Again (``ProgressStore._count_day`` keeps them with each answer).
A merge adds a year of answers at once: recounting the whole log would read every row, so the
changes are summed here and written in one statement per day touched.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from studyguide.domain.review import CardPhase
from studyguide.store import schema

if TYPE_CHECKING:
    import sqlite_utils

#: The phase in a stored state's JSON text (``fsrs.Card.to_dict()``: one "state" key).
_PHASE = re.compile(r'"state":\s*(\d+)')
_REVIEW = int(CardPhase.REVIEW)


@functools.lru_cache(maxsize=1 << 16)
def _local_day(minute: str) -> str:
    """The local date of a time given to the minute (every time zone's offset is whole minutes)."""
    moment = datetime.fromisoformat(minute)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone().date().isoformat()


#: The machine's time zone is whole hours from UTC (summer and winter): a time's local date
#: then follows from its hour, and a year of answers needs only one conversion per hour.
_WHOLE_HOURS = time.timezone % 3600 == 0 and time.altzone % 3600 == 0


#: Local dates of UTC hours ("2025-03-04T05" -> "2025-03-04"), for a whole-hours time zone.
_UTC_HOURS: dict[str, str] = {}


def local_day(reviewed_at: str) -> str:
    """The machine's local date of an ISO time (as ``date(reviewed_at, 'localtime')`` gives it)."""
    if _WHOLE_HOURS and reviewed_at.endswith("+00:00"):  # how answers are saved: the fast path
        hour = reviewed_at[:13]
        day = _UTC_HOURS.get(hour)
        if day is None:
            day = _UTC_HOURS[hour] = _local_day(hour + ":00+00:00")
        return day
    offset = reviewed_at[19:].lstrip(".0123456789")
    if _WHOLE_HOURS and (offset[-3:] in (":00", "") or offset == "Z"):
        return _local_day(reviewed_at[:13] + ":00" + offset)
    return _local_day(reviewed_at[:16] + offset)


def in_review(state: str | None) -> bool:
    """True when a stored state (JSON text) is of a card in review."""
    match = None if state is None else _PHASE.search(state)
    return match is not None and int(match.group(1)) == CardPhase.REVIEW


class DayTotals:
    """Sums of changes to ``review_daily``, by (guide, day)."""

    def __init__(self) -> None:
        self._changes: dict[tuple[str, str], list[int]] = {}

    def count(self, guide_id: str, reviewed_at: str, rating: int, previous: str | None, step: int) -> None:
        """Add (step 1) or take back (-1) one answer given from the state ``previous``."""
        key = (guide_id, local_day(reviewed_at))
        total = self._changes.get(key)
        if total is None:
            total = self._changes[key] = [0, 0, 0]
        total[0] += step
        if previous is not None and in_review(previous):
            total[1] += step
            total[2] += step * (rating > 1)

    def add(self, answers: Iterable[tuple[str, str, int, str | None]]) -> None:
        """``count(guide, reviewed_at, rating, previous, 1)`` for each answer: one call for a year of them
        (``local_day`` and ``in_review`` written out: two calls an answer were a third of its time)."""
        changes, hours, phase, review = self._changes, _UTC_HOURS if _WHOLE_HOURS else None, _PHASE.search, _REVIEW
        for guide_id, reviewed_at, rating, previous in answers:
            day = hours.get(reviewed_at[:13]) if hours is not None and reviewed_at.endswith("+00:00") else None
            key = (guide_id, day if day is not None else local_day(reviewed_at))
            total = changes.get(key)
            if total is None:
                total = changes[key] = [0, 0, 0]
            total[0] += 1
            if previous is not None:
                found = phase(previous)
                if found is not None and int(found.group(1)) == review:
                    total[1] += 1
                    total[2] += rating > 1

    def save(self, db: sqlite_utils.Database) -> None:
        """Write the changes (inside the caller's transaction)."""
        db.conn.executemany(
            f"INSERT INTO [{schema.REVIEW_DAILY}] (guide_id, day, reviews, review_total, review_passed) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guide_id, day) DO UPDATE SET reviews = reviews + excluded.reviews, "
            "review_total = review_total + excluded.review_total, "
            "review_passed = review_passed + excluded.review_passed",
            [(g, d, *t) for (g, d), t in self._changes.items() if any(t)])
        self._changes.clear()
