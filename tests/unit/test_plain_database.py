"""``store.sqlite.Database``: a connection read with plain sqlite3 that behaves as sqlite-utils' ``Database``
(its writes commit the same way), loading sqlite-utils only for the calls that need it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils

from studyguide.store.sqlite import Database

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("make", [Database, sqlite_utils.Database], ids=["plain", "sqlite-utils"])
def test_it_commits_and_rolls_back_as_sqlite_utils_does(tmp_path: Path, make) -> None:
    path = tmp_path / "db.sqlite"
    db = make(sqlite3.connect(path))
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    db.execute("INSERT INTO t (name) VALUES (?)", ["one"])  # committed at once: another connection sees it
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (name) VALUES (NULL)")
    assert not db.conn.in_transaction  # the failed statement's implicit transaction is closed
    db.execute("BEGIN")
    db.execute("INSERT INTO t (name) VALUES ('two')")
    assert db.conn.in_transaction  # inside an explicit transaction nothing is committed behind it
    db.execute("ROLLBACK")
    other = sqlite3.connect(path)
    assert other.execute("SELECT name FROM t").fetchall() == [("one",)]
    other.close()
    assert db.table_names() == ["t"] and db.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    db.close()


def test_calls_it_does_not_answer_itself_go_to_sqlite_utils_on_the_same_connection(tmp_path: Path) -> None:
    db = Database(sqlite3.connect(tmp_path / "db.sqlite"))
    db["t"].insert({"id": 1, "name": "one"}, pk="id")
    with db.atomic():
        db.table("t").insert({"id": 2, "name": "two"})
    assert [row["name"] for row in db["t"].rows] == ["one", "two"]
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 2
    db.close()


def test_reading_through_it_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    code = ("import sqlite3, sys; from studyguide.store.sqlite import Database; "
            "db = Database(sqlite3.connect(':memory:')); db.execute('CREATE TABLE t (a)'); "
            "db.execute('INSERT INTO t VALUES (1)'); db.table_names(); "
            "print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


_SESSION = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from studyguide.domain.review import ReviewSettings
from studyguide.library import Library
from studyguide.review.scheduler import Rating
library = Library(home=Path(sys.argv[1]), bundled_guide=Path(sys.argv[2]), clock=lambda: datetime.now(timezone.utc))
loaded = "sqlite_utils" in sys.modules
session = library.start_review("tiny")
for _ in range(2):
    session.reveal()
    session.answer(Rating.GOOD)
session.undo()
session.suspend_current()
session.undo()
library.review.save_settings(ReviewSettings(new_per_day=25))
library.due_counts("tiny")
library.close()
print(loaded, "sqlite_utils" in sys.modules)
"""


def test_a_session_s_answers_undos_suspensions_and_settings_do_not_load_sqlite_utils(tmp_path: Path,
                                                                                       content_db: Path) -> None:
    """The first answer (or undo, or suspension) of a run must not wait 35 ms for sqlite-utils' import."""
    from studyguide.library import Library

    Library(home=tmp_path / "library", bundled_guide=content_db, clock=lambda: NOW).close()  # made (migrations)
    out = subprocess.run([sys.executable, "-c", _SESSION, str(tmp_path / "library"), str(content_db)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"], out.stderr[-2000:]
