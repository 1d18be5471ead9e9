"""Aggregate queries over the review log and card states, for the Stats view.

Each query returns small rows (one per day, week or card); the pictures are
drawn from these by ``studyguide.domain.stats`` and the UI. Days are the
learner's local days: the UTC offset is applied inside SQLite.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from studyguide.store import schema


def _offset(now: datetime) -> str:
    offset = now.astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    return f"{minutes:+d} minutes"


_NOT_SUSPENDED = (f"NOT EXISTS (SELECT 1 FROM [{schema.CARD_EDITS}] e WHERE e.guide_id = s.guide_id "
                  "AND e.card_id = s.card_id AND e.suspended)")


class StatisticsStore:
    """Read-only statistics over the progress database."""

    def __init__(self, *, db: sqlite_utils.Database) -> None:
        self._db = db

    def reviews_per_day(self, guide_id: str, *, since: datetime, now: datetime) -> dict[str, int]:
        """Answers per local day (``YYYY-MM-DD``) from ``since`` (from the per-day totals)."""
        rows = self._db.execute(
            f"SELECT day, reviews FROM [{schema.REVIEW_DAILY}] WHERE guide_id = ? AND day >= ? AND reviews > 0",
            [guide_id, since.astimezone().date().isoformat()],
        )
        return dict(rows.fetchall())

    def due_per_day(self, guide_id: str, *, until: datetime, now: datetime) -> dict[str, int]:
        """Studied cards falling due per local day up to ``until`` (overdue ones count today).

        Suspended cards are left out, as in the due counts of the status bar.
        """
        rows = self._db.execute(
            f"SELECT max(date(due, :off), date(:now, :off)) AS day, count(*) FROM [{schema.CARD_STATE}] s "
            f"WHERE guide_id = :guide AND due < :until AND {_NOT_SUSPENDED} GROUP BY day",
            {"off": _offset(now), "guide": guide_id, "until": until.isoformat(), "now": now.isoformat()},
        )
        return dict(rows.fetchall())

    def due_before(self, guide_id: str, *, until: datetime) -> int:
        """Studied cards (not suspended) due before ``until``, overdue ones included."""
        rows = self._db.execute(
            f"SELECT count(*) FROM [{schema.CARD_STATE}] s WHERE guide_id = :guide AND due < :until "
            f"AND {_NOT_SUSPENDED}", {"guide": guide_id, "until": until.isoformat()})
        return int(rows.fetchone()[0])

    def review_outcomes_per_week(self, guide_id: str, *, since: datetime, now: datetime) -> dict[str, tuple[int, int]]:
        """Per week (``YYYY-Www``): (passed, total) answers to cards that were in review.

        This is "true retention": how often a card was remembered when it came
        due, leaving out cards still being learned.
        """
        rows = self._db.execute(
            f"SELECT strftime('%Y-W%W', day) AS week, sum(review_passed), sum(review_total) "
            f"FROM [{schema.REVIEW_DAILY}] WHERE guide_id = ? AND day >= ? GROUP BY week HAVING sum(review_total) > 0",
            [guide_id, since.astimezone().date().isoformat()],
        )
        return {week: (int(passed), int(total)) for week, passed, total in rows.fetchall()}

    def stabilities(self, guide_id: str) -> dict[str, float]:
        """Each stored card's FSRS stability in days (how long memory of it lasts)."""
        rows = self._db.execute(
            f"SELECT card_id, coalesce(stability, 0) FROM [{schema.CARD_STATE}] WHERE guide_id = ?", [guide_id])
        return dict(rows.fetchall())
