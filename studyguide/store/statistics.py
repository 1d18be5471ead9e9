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

import sqlite_utils

from studyguide.domain.review import LEARNING_PHASES, CardPhase, sql_phases
from studyguide.store import schema
from studyguide.store.errors import StoreUnavailable


def _offset(now: datetime) -> str:
    offset = now.astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    return f"{minutes:+d} minutes"


#: The suspended cards of a guide due before :until (a FROM clause). CROSS JOIN makes SQLite start
#: from the few edits rather than scan the states (30-45 ms at 100,000 cards; this way 0.1 ms).
_SUSPENDED_DUE = (f"FROM [{schema.CARD_EDITS}] e CROSS JOIN [{schema.CARD_STATE}] s ON s.guide_id = e.guide_id "
                  "AND s.card_id = e.card_id WHERE e.guide_id = :guide AND e.suspended AND s.due < :until")


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

        Suspended cards are left out, as in the due counts of the status bar: they are
        counted apart (few rows, from the edits table) and taken away, so the main
        count stays a scan of the (guide, due) index.
        """
        day = "max(date(s.due, :off), date(:now, :off)) AS day"
        args = {"off": _offset(now), "guide": guide_id, "until": until.isoformat(), "now": now.isoformat()}
        counts = dict(self._db.execute(
            f"SELECT {day}, count(*) FROM [{schema.CARD_STATE}] s WHERE guide_id = :guide AND due < :until "
            "GROUP BY day", args).fetchall())
        for when, suspended in self._db.execute(f"SELECT {day}, count(*) {_SUSPENDED_DUE} GROUP BY day", args):
            counts[when] -= suspended
        return {when: count for when, count in counts.items() if count}

    def due_before(self, guide_id: str, *, until: datetime) -> int:
        """Studied cards (not suspended) due before ``until``, overdue ones included."""
        args = {"guide": guide_id, "until": until.isoformat()}
        due = self._db.execute(f"SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide "
                               "AND due < :until", args).fetchone()[0]
        return int(due - self._db.execute(f"SELECT count(*) {_SUSPENDED_DUE}", args).fetchone()[0])

    def section_due_counts(self, guide_id: str, *, guide_path: Path, now: datetime) -> dict[str, tuple[int, int, int]]:
        """Per section of a guide: (new, learning due, review due) cards, suspended ones left out.

        One query over the guide's cards joined to their states (the guide database
        is attached read-only for it), instead of reading every card and every
        state into Python: the section list shows these counts beside the titles.

        Args:
            guide_id: The guide.
            guide_path: Its content database (where each card's section is).
            now: Cards due at or before this are counted as due.
        """
        learning = f"total(s.phase IN ({sql_phases(LEARNING_PHASES)}) AND s.due <= :now)"
        review = f"total(s.phase = {CardPhase.REVIEW:d} AND s.due <= :now)"
        query = (
            # Cards per section, less the studied ones (driven from the states' covering index),
            # less the suspended ones (few): new = cards - studied.
            "SELECT section_id, sum(cards) - sum(studied), sum(learning), sum(review) FROM ("
            f"SELECT section_id, count(*) AS cards, 0 AS studied, 0 AS learning, 0 AS review "
            f"FROM sg_guide.[{schema.CARDS}] GROUP BY section_id "
            f"UNION ALL SELECT c.section_id, 0, count(*), {learning}, {review} FROM [{schema.CARD_STATE}] s "
            f"CROSS JOIN sg_guide.[{schema.CARDS}] c ON c.id = s.card_id WHERE s.guide_id = :guide "
            "GROUP BY c.section_id "
            f"UNION ALL SELECT c.section_id, -count(*), -count(s.card_id), -{learning}, -{review} "
            f"FROM [{schema.CARD_EDITS}] e CROSS JOIN sg_guide.[{schema.CARDS}] c ON c.id = e.card_id "
            f"LEFT JOIN [{schema.CARD_STATE}] s ON s.guide_id = e.guide_id AND s.card_id = e.card_id "
            "WHERE e.guide_id = :guide AND e.suspended GROUP BY c.section_id"
            ") GROUP BY section_id")
        if not guide_path.is_file():  # deleted meanwhile: ATTACH would read an empty database
            raise StoreUnavailable(f"The guide database {guide_path} does not exist.")
        self._db.execute("ATTACH DATABASE ? AS sg_guide", [str(guide_path)])
        try:
            rows = self._db.execute(query, {"guide": guide_id, "now": now.isoformat()}).fetchall()
        finally:
            self._db.execute("DETACH DATABASE sg_guide")
        return {section: (int(new), int(learning), int(review)) for section, new, learning, review in rows}

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
    db = sqlite_utils.Database(sqlite3.connect(f"{progress_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0))
    try:
        yield StatisticsStore(db=db)
    finally:
        db.close()
