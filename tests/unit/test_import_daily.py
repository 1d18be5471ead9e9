"""An imported history's daily totals (``progress_import._daily``) are what ``schema.DAILY_FROM_LOG``
counts from the log: read by id for a guide with no answers before (a first import), through the
guide's index else, in a subquery that keeps the states out of the GROUP BY's sort."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.store import progress_import, schema
from studyguide.store.progress import ProgressStore

_STATES = st.one_of(st.none(), st.sampled_from([0, 1, 2, 3]).map(lambda phase: json.dumps(
    {"card_id": 1, "state": phase, "step": None, "stability": 1.5})), st.just('{"stability": 2.0}'))
_ROWS = st.tuples(st.integers(1, 4), st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)),
                  st.sampled_from(["+00:00", "+05:30", "-08:00", ""]), _STATES)
_LOGS = st.lists(_ROWS, min_size=0, max_size=40)


def _card(card_id: str, rows: list) -> progress_import.ImportedCard:
    log = [(rating, when.isoformat() + zone, 1000, before, '{"state": 2}') for rating, when, zone, before in rows]
    return card_id, log, {"state": 2, "stability": 1.0}, datetime(2031, 1, 1, tzinfo=UTC)


def _expected(progress: Path, guide_id: str) -> list[tuple]:
    conn = sqlite3.connect(progress)
    try:
        conn.execute(f"CREATE TEMP TABLE counted AS SELECT * FROM [{schema.REVIEW_DAILY}] WHERE 0")
        conn.execute(schema.DAILY_FROM_LOG.replace(f"INTO [{schema.REVIEW_DAILY}]", "INTO counted"))
        return sorted(conn.execute("SELECT * FROM counted WHERE guide_id = ?", [guide_id]).fetchall())
    finally:
        conn.close()


def _daily(progress: Path, guide_id: str) -> list[tuple]:
    conn = sqlite3.connect(progress)
    try:
        return sorted(conn.execute(f"SELECT * FROM [{schema.REVIEW_DAILY}] WHERE guide_id = ?", [guide_id]))
    finally:
        conn.close()


@pytest.fixture
def local_zone() -> Iterator[None]:
    """A zone half an hour off UTC, with summer time: SQLite's 'localtime' days are not UTC's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/St_Johns"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_LOGS, again=_LOGS, other=_LOGS)
def test_the_daily_totals_are_the_logs(local_zone: None, first: list, again: list, other: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        progress = Path(folder, "progress.sqlite")
        ProgressStore(path=progress, backups=Path(folder, "backups")).close()
        # Another guide's answers before and between: the first import's ids are its own only.
        progress_import.write_history(progress, guide_id="other", cards=[_card("o1", other)])
        progress_import.write_history(progress, guide_id="g", cards=[_card("c1", first)])
        assert _daily(progress, "g") == _expected(progress, "g")
        progress_import.write_history(progress, guide_id="other", cards=[_card("o2", other)])
        # Answers added to a guide that has some: counted again through its index.
        progress_import.write_history(progress, guide_id="g", cards=[_card("c2", again)])
        assert _daily(progress, "g") == _expected(progress, "g")
        assert _daily(progress, "other") == _expected(progress, "other")
