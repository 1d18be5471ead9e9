"""The learner's review settings, stored as key/value rows in the progress database."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.domain.changes import Changes
from studyguide.domain.exam import ExamGoal
from studyguide.domain.review import FSRS_PARAMETER_COUNT, ReviewSettings
from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.transactions import immediate

if TYPE_CHECKING:
    import sqlite_utils

#: Key prefix of a guide's exam ("exam:<guide id>" = "<date> <target> <minutes a day>").
EXAM = "exam:"
#: Key prefix of a guide's own fitted FSRS parameters ("fsrs_parameters:<guide id>" = a JSON list of 21).
GUIDE_PARAMETERS = "fsrs_parameters:"
#: Key prefix of a guide's extra new cards for one day ("extra_new:<guide id>" = "<day> <count>").
EXTRA_NEW = "extra_new:"


#: One setting written (plain SQL: the window does not import sqlite-utils for it).
_PUT = (f"INSERT INTO [{schema.SETTINGS}] (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value")


class SettingsStore:
    """Loads and saves ``ReviewSettings``; unknown or damaged values fall back to defaults."""

    def __init__(self, *, db: sqlite_utils.Database) -> None:
        self._db = db

    def load(self) -> ReviewSettings:
        """The saved settings, or the defaults for anything missing or invalid."""
        values = dict(self._db.execute(f"SELECT key, value FROM [{schema.SETTINGS}]").fetchall())
        default = ReviewSettings()
        try:
            return ReviewSettings(
                desired_retention=float(values.get("desired_retention", default.desired_retention)),
                new_per_day=int(values.get("new_per_day", default.new_per_day)),
                parameters=tuple(float(w) for w in json.loads(values.get("fsrs_parameters", "[]"))),
            )
        except (ValueError, TypeError):
            return default

    def save(self, settings: ReviewSettings) -> Changes:
        """Save settings in one transaction."""
        with immediate(self._db):
            self._db.conn.executemany(_PUT, [("desired_retention", str(settings.desired_retention)),
                                             ("new_per_day", str(settings.new_per_day)),
                                             ("fsrs_parameters", json.dumps(list(settings.parameters)))])
        return Changes(progress=True, due_counts=True)

    def guide_parameters(self) -> dict[str, tuple[float, ...]]:
        """Each guide's own fitted parameters (Optimize on one guide's reviews); damaged values are left out."""
        found = {}
        for key, value in self._db.execute(f"SELECT key, value FROM [{schema.SETTINGS}] WHERE key >= ? AND key < ?",
                                           [GUIDE_PARAMETERS, GUIDE_PARAMETERS[:-1] + ";"]):
            try:
                parameters = tuple(float(w) for w in json.loads(value))
            except (ValueError, TypeError):
                continue
            if len(parameters) == FSRS_PARAMETER_COUNT:
                found[key[len(GUIDE_PARAMETERS):]] = parameters
        return found

    def set_guide_parameters(self, guide_id: str, parameters: tuple[float, ...] | None) -> Changes:
        """Save (or with None remove) a guide's own parameters: its cards are then scheduled with them.

        Raises:
            StoreUnavailable: If they could not be saved (disk full, file locked or read-only).
        """
        return self._put(f"{GUIDE_PARAMETERS}{guide_id}", None if parameters is None else json.dumps(list(parameters)))

    def extra_new(self, guide_id: str, day: str) -> int:
        """New cards allowed above the daily limit in a guide on ``day`` (ISO date), 0 if none."""
        row = self._db.execute(f"SELECT value FROM [{schema.SETTINGS}] WHERE key = ?",
                               [f"{EXTRA_NEW}{guide_id}"]).fetchone()
        saved_day, _, count = (row[0] if row else "").partition(" ")
        return int(count) if saved_day == day and count.isdigit() else 0

    def add_extra_new(self, guide_id: str, day: str, count: int) -> Changes:
        """Allow ``count`` more new cards than the daily limit in a guide, on ``day`` only; a negative
        ``count`` takes back that many (its undo), never below the daily limit.

        Raises:
            StoreUnavailable: If it could not be saved (disk full, file locked or read-only).
        """
        try:
            with immediate(self._db):  # read and add under the write lock: another window may add too
                total = max(self.extra_new(guide_id, day) + count, 0)
                self._db.execute(_PUT, [f"{EXTRA_NEW}{guide_id}", f"{day} {total}"])
        except sqlite3.Error as error:
            raise explain(error, Path(self._db.execute("PRAGMA database_list").fetchone()[2])) from error
        return Changes(progress=True, due_counts=True)

    def exam_goal(self, guide_id: str) -> ExamGoal | None:
        """A guide's exam, or None (none set, or a damaged value)."""
        row = self._db.execute(f"SELECT value FROM [{schema.SETTINGS}] WHERE key = ?",
                               [f"{EXAM}{guide_id}"]).fetchone()
        try:
            day, target, minutes = (row[0] if row else "").split(" ")
            return ExamGoal(date.fromisoformat(day), float(target), int(minutes))
        except ValueError:
            return None

    def set_exam_goal(self, guide_id: str, goal: ExamGoal | None) -> Changes:
        """Save (or with None remove) a guide's exam.

        Raises:
            StoreUnavailable: If it could not be saved (disk full, file locked or read-only).
        """
        value = None if goal is None else f"{goal.day.isoformat()} {goal.target} {goal.minutes_per_day}"
        return self._put(f"{EXAM}{guide_id}", value)

    def _put(self, key: str, value: str | None) -> Changes:
        """Save (or with None remove) one key's value in its own transaction.

        Raises:
            StoreUnavailable: If it could not be saved (disk full, file locked or read-only).
        """
        try:
            with immediate(self._db):
                if value is None:
                    self._db.execute(f"DELETE FROM [{schema.SETTINGS}] WHERE key = ?", [key])
                else:
                    self._db.execute(_PUT, [key, value])
        except sqlite3.Error as error:
            raise explain(error, Path(self._db.execute("PRAGMA database_list").fetchone()[2])) from error
        return Changes(progress=True, due_counts=True)
