"""What an exam plan is computed from, read through a read-only connection of its own (worker-safe)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from studyguide.domain.drill_ids import DRILL_PREFIX, DRILLS_END
from studyguide.domain.exam import ExamGoal
from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.settings import SettingsStore
from studyguide.store.sqlite import Database


@dataclass(frozen=True, slots=True)
class ExamInputs:
    """A guide's progress as the exam planner needs it.

    Attributes:
        states: Each studied card's stored FSRS state, by card id.
        suspended: The guide's suspended cards.
        new_seen: Cards that got their first answer since the start of the day.
        seconds_per_answer: The mean time of the guide's last 1,000 timed answers, or None.
    """

    states: dict[str, dict[str, Any]]
    suspended: frozenset[str]
    new_seen: int
    seconds_per_answer: float | None


def read_exam_goal(path: Path, guide_id: str) -> ExamGoal | None:
    """A guide's stored exam, or None, read through a read-only connection of its own.

    Raises:
        StoreUnavailable: The progress database cannot be read.
    """
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)) as db:
            return SettingsStore(db=Database(db)).exam_goal(guide_id)
    except sqlite3.Error as error:
        raise explain(error, path) from error


def read_exam_inputs(path: Path, guide_id: str, *, since: datetime) -> ExamInputs:
    """Read a guide's card states, suspensions, today's new cards and answer time from the progress file.

    Raises:
        StoreUnavailable: The progress database cannot be read.
    """
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)) as db:
            states = {card_id: json.loads(state) for card_id, state in db.execute(
                f"SELECT card_id, state FROM [{schema.CARD_STATE}] WHERE guide_id = ?", [guide_id])}
            suspended = frozenset(row[0] for row in db.execute(
                f"SELECT card_id FROM [{schema.CARD_EDITS}] WHERE guide_id = ? AND suspended", [guide_id]))
            new_seen = db.execute(
                f"SELECT count(*) FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? AND previous_state IS NULL "
                "AND reviewed_at >= ? AND NOT (card_id >= ? AND card_id < ?)",
                [guide_id, since.isoformat(), DRILL_PREFIX, DRILLS_END]).fetchone()[0]
            seconds = db.execute(
                f"SELECT avg(duration_ms) FROM (SELECT duration_ms FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? "
                "AND duration_ms BETWEEN 1 AND 120000 ORDER BY id DESC LIMIT 1000)", [guide_id]).fetchone()[0]
    except sqlite3.Error as error:
        raise explain(error, path) from error
    return ExamInputs(states, suspended, int(new_seen), None if seconds is None else float(seconds) / 1000)
