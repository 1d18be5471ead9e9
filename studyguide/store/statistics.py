"""Aggregate queries over the review log and card states, for the Stats view.

Each query returns small rows (one per day, week or card); the pictures are
drawn from these by ``studyguide.domain.stats`` and the UI. Days are the
learner's local days: the UTC offset is applied inside SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from studyguide.store import schema
from studyguide.store.due import DueCounter
from studyguide.store.sqlite import Database


class StatisticsStore:
    """Read-only statistics over the progress database.

    Args:
        due: The counter of waiting cards (the one definition of "due"); the statistics are
            read through its connection.
    """

    def __init__(self, *, due: DueCounter) -> None:
        self._db = due.database
        self.due = due

    def reviews_per_day(self, guide_id: str, *, since: datetime, now: datetime) -> dict[str, int]:
        """Answers per local day (``YYYY-MM-DD``) from ``since`` (from the per-day totals)."""
        rows = self._db.execute(
            f"SELECT day, reviews FROM [{schema.REVIEW_DAILY}] WHERE guide_id = ? AND day >= ? AND reviews > 0",
            [guide_id, since.astimezone().date().isoformat()],
        )
        return dict(rows.fetchall())

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


@contextmanager
def statistics_reader(progress_path: Path) -> Iterator[StatisticsStore]:
    """Statistics through a read-only connection of its own, closed after (for a worker thread:
    the statistics over the whole history run on the task runner, not on the UI thread's connection)."""
    db = Database(sqlite3.connect(f"{progress_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0))
    try:
        yield StatisticsStore(due=DueCounter(db=db))
    finally:
        db.close()
