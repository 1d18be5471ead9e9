"""A merge of many answers writes the review log's indexes after its rows (``store/bulk_insert.py``),
and leaves the indexes, rows and card states as inserting them one by one did."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyguide.library import Library
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.review.sync import SyncService
from studyguide.store.bulk_insert import BULK_ROWS, indexes_after, worth_rebuilding
from studyguide.store.transactions import immediate
from tests.conftest import Clock

T0 = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)
INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name"


def _table(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)")
    db.execute("CREATE INDEX t_a ON t (a)")
    db.execute("CREATE UNIQUE INDEX t_b_a ON t (b, a)")
    return db


def test_the_indexes_are_made_again_as_they_were_after_the_rows(tmp_path: Path) -> None:
    db = _table(tmp_path / "x.sqlite")
    before = db.execute(INDEXES, ["t"]).fetchall()
    db.execute("BEGIN")
    with indexes_after(db, "t", rebuild=True):
        assert db.execute(INDEXES, ["t"]).fetchall() == []
        db.executemany("INSERT INTO t (a, b) VALUES (?, ?)", [(str(n % 7), n) for n in range(100)])
    db.execute("COMMIT")

    assert db.execute(INDEXES, ["t"]).fetchall() == before
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "USING COVERING INDEX t_a" in db.execute("EXPLAIN QUERY PLAN SELECT a FROM t WHERE a = '3'").fetchall()[0][3]


def test_a_failure_among_the_rows_rolls_the_indexes_back_with_them(tmp_path: Path) -> None:
    db = _table(tmp_path / "x.sqlite")
    db.execute("INSERT INTO t (a, b) VALUES ('x', 1)")
    before = db.execute(INDEXES, ["t"]).fetchall()
    db.execute("BEGIN")
    with pytest.raises(sqlite3.IntegrityError), indexes_after(db, "t", rebuild=True):
        db.executemany("INSERT INTO t (id, a, b) VALUES (?, ?, ?)", [(5, "y", 2), (1, "z", 3)])
    db.execute("ROLLBACK")

    assert db.execute(INDEXES, ["t"]).fetchall() == before
    assert db.execute("SELECT a, b FROM t").fetchall() == [("x", 1)]


def test_a_unique_index_the_rows_break_fails_when_it_is_made_again(tmp_path: Path) -> None:
    db = _table(tmp_path / "x.sqlite")
    db.execute("BEGIN")
    with pytest.raises(sqlite3.IntegrityError), indexes_after(db, "t", rebuild=True):
        db.executemany("INSERT INTO t (a, b) VALUES (?, ?)", [("y", 2), ("y", 2)])
    db.execute("ROLLBACK")

    assert len(db.execute(INDEXES, ["t"]).fetchall()) == 2


def test_indexes_are_set_aside_only_inside_a_transaction(tmp_path: Path) -> None:
    db = _table(tmp_path / "x.sqlite")
    with pytest.raises(RuntimeError), indexes_after(db, "t", rebuild=True):
        pass
    with indexes_after(db, "t", rebuild=False):  # nothing to set aside: no transaction needed
        db.execute("INSERT INTO t (a, b) VALUES ('x', 1)")


def test_only_a_merge_of_many_rows_against_few_rebuilds() -> None:
    assert worth_rebuilding(BULK_ROWS, 0)
    assert worth_rebuilding(100_000, 1_000)
    assert not worth_rebuilding(BULK_ROWS - 1, 0)  # a day's sync: indexes kept up row by row
    assert not worth_rebuilding(20_000, 100_000)  # a big log: sorting it all again costs more


def _history(cards: int, answers: int, start: datetime = T0) -> list[tuple]:
    scheduler, rows = Scheduler(enable_fuzzing=False), []
    for n in range(cards):
        state, at = None, start + timedelta(minutes=n)
        for k in range(answers):
            rating = (3, 1, 3, 4, 2)[(n + k) % 5] if state else 3
            new = scheduler.answer(guide_id="tiny", card_id=f"c{n}", state=state, rating=Rating(rating), now=at).state
            rows.append(("tiny", f"c{n}", rating, at.isoformat(), 1000, None if state is None else json.dumps(state),
                         json.dumps(new)))
            state, at = new, at + timedelta(days=3 + (n + k) % 9, minutes=k)
    return rows


def _library(home: Path, content_db: Path, rows: list[tuple]) -> Library:
    library = Library(home=home, bundled_guide=content_db, clock=Clock(T0 + timedelta(days=900)))
    with immediate(library.progress.database) as db:
        db.conn.executemany("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, duration_ms, "
                            "previous_state, new_state) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    library.progress.rebuild_card_state()
    return library


def _sync(library: Library, folder: Path) -> list[str]:
    statements: list[str] = []
    library.progress.database.conn.set_trace_callback(statements.append)
    try:
        SyncService(progress=library.progress, settings=lambda: library.review.settings,
                    clock=library.clock).sync(folder)
    finally:
        library.progress.database.conn.set_trace_callback(None)
    return statements


def _tables(path: Path) -> tuple[list, list, list]:
    with sqlite3.connect(path) as db:
        return (db.execute(INDEXES, ["review_log"]).fetchall(),
                db.execute("SELECT guide_id, card_id, rating, reviewed_at, previous_state, new_state FROM review_log "
                           "ORDER BY guide_id, card_id, reviewed_at").fetchall(),
                db.execute("SELECT guide_id, card_id, state, due FROM card_state ORDER BY 1, 2").fetchall())


@pytest.mark.parametrize("own", [0, 40])
def test_a_big_merge_rebuilds_the_logs_indexes_and_ends_as_a_small_one(tmp_path: Path, content_db: Path,
                                                                      own: int) -> None:
    """A year of another device's answers (here BULK_ROWS) merged into a new library, or one with
    answers of its own on some of the same cards: its indexes are written once after the rows, and
    the log, indexes and card states are those of the same answers merged in small pieces."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    other = _library(tmp_path / "other", content_db, _history(BULK_ROWS // 40, 40))
    _sync(other, folder)
    other.close()
    shutil.copytree(folder, tmp_path / "Sync-small")
    mine = _history(own // 4, 4, T0 + timedelta(hours=5))
    big = _library(tmp_path / "big", content_db, mine)
    before = _tables(big.progress.path)[0]

    statements = _sync(big, folder)

    assert sum(s.startswith("DROP INDEX") for s in statements) == len(before) == 4  # (the lapses index too)
    assert _tables(big.progress.path)[0] == before
    with sqlite3.connect(big.progress.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    big.close()
    small = _library(tmp_path / "small", content_db, mine)
    with immediate(small.progress.database) as db:  # a log of more rows than the merge brings: no rebuild
        db.conn.executemany("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, duration_ms, "
                            "previous_state, new_state) VALUES ('elsewhere', ?, 3, ?, 0, NULL, '{}')",
                            [(f"x{n}", T0.isoformat()) for n in range(BULK_ROWS + 1)])
    statements = _sync(small, tmp_path / "Sync-small")
    assert not any(s.startswith("DROP INDEX") for s in statements)
    with immediate(small.progress.database) as db:
        db.execute("DELETE FROM review_log WHERE guide_id = 'elsewhere'")
    small.close()

    assert _tables(tmp_path / "big" / "progress.sqlite") == _tables(tmp_path / "small" / "progress.sqlite")
