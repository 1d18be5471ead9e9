"""Unit tests for studyguide.store.transactions.immediate: the write lock is taken before the first read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from studyguide.store.transactions import immediate


@pytest.fixture
def db(tmp_path: Path):
    database = sqlite_utils.Database(sqlite3.connect(tmp_path / "t.sqlite", timeout=0.05))
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("CREATE TABLE t (n INTEGER)")
    yield database
    database.close()


def test_the_write_lock_is_held_from_the_start_of_the_block(db, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "t.sqlite", timeout=0.05, isolation_level=None)
    with immediate(db):
        db.execute("SELECT count(*) FROM t").fetchone()  # only a read so far
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again once the block ends
    other.execute("ROLLBACK")
    other.close()


def test_a_read_then_write_is_not_refused_after_another_connection_wrote(db, tmp_path: Path) -> None:
    # What a deferred transaction (db.atomic) gets wrong: it reads, another process writes,
    # and its own write then fails at once with SQLITE_BUSY_SNAPSHOT.
    other = sqlite3.connect(tmp_path / "t.sqlite", timeout=0.05, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError), db.atomic():
        db.execute("SELECT count(*) FROM t").fetchone()
        other.execute("INSERT INTO t VALUES (1)")
        db.execute("INSERT INTO t VALUES (2)")
    with immediate(db):
        count = db.execute("SELECT count(*) FROM t").fetchone()[0]
        db.execute("INSERT INTO t VALUES (?)", [count])
    other.execute("INSERT INTO t VALUES (3)")
    assert [n for (n,) in db.execute("SELECT n FROM t ORDER BY rowid")] == [1, 1, 3]
    other.close()


def test_an_error_rolls_back_the_block_and_a_nested_block_alone(db) -> None:
    with pytest.raises(ValueError), immediate(db):
        db.execute("INSERT INTO t VALUES (1)")
        raise ValueError
    with immediate(db):
        db.execute("INSERT INTO t VALUES (2)")
        with pytest.raises(ValueError), immediate(db):
            db.execute("INSERT INTO t VALUES (3)")
            raise ValueError
    assert not db.conn.in_transaction
    assert [n for (n,) in db.execute("SELECT n FROM t")] == [2]
