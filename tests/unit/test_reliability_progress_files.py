"""Progress files the app did not just make: half-made, damaged, newer, read-only; errors by result code.

Refused files must be left byte for byte as they were: each test compares the bytes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils

from studyguide import __version__
from studyguide.store import connection, schema
from studyguide.store.connection import PROGRESS_APPLICATION_ID, explain
from studyguide.store.errors import (
    DamagedDatabase,
    DatabaseInUse,
    DiskFull,
    ForeignDatabase,
    NewerDatabase,
    ReadOnlyLocation,
)
from studyguide.store.progress import ProgressStore

_T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _open(path: Path) -> ProgressStore:
    return ProgressStore(path=path, backups=path.parent / "backups")


def _made(path: Path) -> Path:
    """A complete progress database with one answer, closed."""
    store = _open(path)
    store.record_answer(guide_id="g", card_id="c1", rating=3, reviewed_at=_T0, new_state={"state": 1},
                        due=_T0, previous_state=None)
    store.close()
    return path


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


# --- Half-made libraries ---------------------------------------------------------------------


def test_a_half_made_library_of_an_older_version_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    """What the old first start left when killed: StudyGuide's tables, no application_id, no data."""
    path = tmp_path / "progress.sqlite"
    db = sqlite_utils.Database(sqlite3.connect(path))
    db.execute("PRAGMA journal_mode=WAL")
    schema.migrate_progress(db)
    db.close()
    half_made = path.read_bytes()

    store = _open(path)
    assert store.review_count("g") == 0
    store.close()

    (aside,) = tmp_path.glob("progress.incomplete-*.sqlite")
    assert aside.read_bytes() == half_made
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == PROGRESS_APPLICATION_ID
    conn.close()


def test_a_file_with_studyguides_tables_and_answers_but_no_id_is_refused_untouched(tmp_path: Path) -> None:
    path = _made(tmp_path / "progress.sqlite")
    _sql(path, "PRAGMA application_id = 0")
    before = path.read_bytes()

    with pytest.raises(ForeignDatabase):
        _open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("progress.incomplete-*"))


def test_leftovers_of_a_killed_creation_are_removed_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    temp = tmp_path / f"progress.sqlite.creating-{dead.stdout.strip()}-1"
    temp.write_bytes(b"SQLite format 3\x00")
    (tmp_path / f"{temp.name}-journal").write_bytes(b"x")
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "progress-manual-20260101-000000.sqlite.partial").write_bytes(b"x")

    _open(path).close()

    assert sorted(p.name for p in tmp_path.rglob("*")) == ["backups", "progress.sqlite"]


# --- Newer databases -------------------------------------------------------------------------


def _higher_user_version(path: Path) -> None:
    _sql(path, f"PRAGMA user_version = {schema.progress_format() + 1}",
         "UPDATE settings SET value = '9.1.0' WHERE key = 'app_version'")


def _unknown_migration(path: Path) -> None:
    _sql(path, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('studyguide.progress', 'm099_from_the_future', '2030-01-01')")


def _unknown_not_null_column(path: Path) -> None:
    _sql(path, "ALTER TABLE review_log ADD COLUMN device TEXT NOT NULL DEFAULT 'phone'")


@pytest.mark.parametrize(("make", "words"), [
    pytest.param(_higher_user_version, f"StudyGuide 9.1.0 (progress format {schema.progress_format() + 1})",
                 id="user-version"),
    pytest.param(_unknown_migration, "the unknown change 'm099_from_the_future'", id="migration"),
    pytest.param(_unknown_not_null_column, "the unknown column review_log.device", id="column"),
])
def test_a_newer_database_is_refused_and_never_written(tmp_path: Path, make, words: str) -> None:
    path = _made(tmp_path / "progress.sqlite")
    make(path)
    before = path.read_bytes()

    with pytest.raises(NewerDatabase) as refused:
        _open(path)

    message = str(refused.value)
    assert words in message
    assert f"this is StudyGuide {__version__}, which reads progress format {schema.progress_format()}" in message
    assert path.read_bytes() == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not (tmp_path / "backups").exists()  # not even a pre-migration copy was attempted


def test_this_apps_version_and_format_are_recorded(tmp_path: Path) -> None:
    path = _made(tmp_path / "progress.sqlite")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.progress_format()
    assert conn.execute("SELECT value FROM settings WHERE key = 'app_version'").fetchone()[0] == __version__
    conn.close()


# --- Damaged databases -----------------------------------------------------------------------


@pytest.mark.parametrize("content", [bytes(range(256)) * 64, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_damaged_database_names_the_backup_commands_and_is_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "progress.sqlite"
    path.write_bytes(content)

    with pytest.raises(DamagedDatabase) as refused:
        _open(path)

    assert refused.value.path == path
    assert "studyguide backups" in str(refused.value) and "studyguide restore" in str(refused.value)
    assert path.read_bytes() == content


# --- A read-only folder ----------------------------------------------------------------------
# Tests run as root, for whom chmod blocks nothing: the folder's state is injected through
# os.access (which the app asks), and, where root may mount, a real read-only tmpfs is used.


def test_a_read_only_folder_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(connection.os, "access", lambda p, mode, **kw: (
        False if mode == os.W_OK and Path(p) == folder else real_access(p, mode, **kw)))

    with pytest.raises(ReadOnlyLocation, match=f"The folder {folder} is read-only"):
        _open(folder / "progress.sqlite")
    assert list(folder.iterdir()) == []


def test_a_read_only_error_from_sqlite_says_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _made(tmp_path / "progress.sqlite")
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.execute("DELETE FROM review_log")
    conn.close()
    assert raised.value.sqlite_errorname.startswith("SQLITE_READONLY")

    assert "read-only file" in str(explain(raised.value, path))
    monkeypatch.setattr(connection.os, "access", lambda p, mode, **kw: mode != os.W_OK)
    assert f"The folder {tmp_path} is read-only" in str(explain(raised.value, path))


@pytest.fixture
def read_only_mount(tmp_path: Path):
    """A tmpfs holding a library, remounted read-only (root on Linux only)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting needs root on Linux")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        _made(disk / "progress.sqlite")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_library_on_a_read_only_mount_says_the_folder_is_read_only(read_only_mount: Path) -> None:
    before = (read_only_mount / "progress.sqlite").read_bytes()
    with pytest.raises(ReadOnlyLocation, match=f"The folder {read_only_mount} is read-only"):
        _open(read_only_mount / "progress.sqlite")
    assert (read_only_mount / "progress.sqlite").read_bytes() == before


# --- Errors are sorted by SQLite's result code, not by their text ----------------------------


def _error(statement: str, path: Path, setup: tuple[str, ...] = ()) -> sqlite3.Error:
    conn = sqlite3.connect(path, timeout=0)
    for line in setup:
        conn.execute(line)
    try:
        conn.execute(statement)
    except sqlite3.Error as error:
        return error
    finally:
        conn.close()
    raise AssertionError("no error")


def test_a_real_full_disk_is_disk_full(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    _sql(path, "CREATE TABLE t (b BLOB)")
    error = _error("INSERT INTO t VALUES (zeroblob(100000))", path, ("PRAGMA max_page_count = 2",))
    assert isinstance(explain(error, path), DiskFull)


def test_a_locked_database_is_in_use(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    _sql(path, "CREATE TABLE t (x)")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        error = _error("SELECT * FROM t", path)
    finally:
        holder.close()
    assert isinstance(explain(error, path), DatabaseInUse)


def test_garbage_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"not a database" * 100)
    assert isinstance(explain(_error("SELECT * FROM sqlite_master", path), path), DamagedDatabase)


def test_a_missing_folder_cannot_be_opened(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "x.sqlite"
    with pytest.raises(sqlite3.OperationalError) as raised:
        sqlite3.connect(path)
    assert "does not exist" in str(explain(raised.value, path))


def test_other_sqlite_errors_are_bugs_whatever_their_text(tmp_path: Path) -> None:
    """A message that merely reads like an environment error (here from a trigger) is not one."""
    path = tmp_path / "x.sqlite"
    _sql(path, "CREATE TABLE t (x)",
         "CREATE TRIGGER lie BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    error = _error("INSERT INTO t VALUES (1)", path)
    with pytest.raises(sqlite3.IntegrityError):
        explain(error, path)
    syntax = _error("SELEC 1", path)
    with pytest.raises(sqlite3.OperationalError):
        explain(syntax, path)
    assert isinstance(explain(OSError(28, "No space left on device"), path), DiskFull)


def test_the_known_columns_are_what_the_migrations_build() -> None:
    db = sqlite_utils.Database(memory=True)
    schema.migrate_progress(db)
    built = {table: set(db[table].columns_dict) for table in db.table_names() if not table.startswith("_")}
    assert built == {table: set(columns) for table, columns in schema.PROGRESS_COLUMNS.items()}
    assert schema.progress_format() == len(schema.progress_migrations.applied(db))
