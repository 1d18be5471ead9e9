"""Opening databases the same safe way everywhere: checks, pragmas, migrations.

Content databases (built guides) are opened read-only and never written at
run time. The progress database is opened read-write in WAL mode with
foreign keys on, backed up before any pending migration, then migrated.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from studyguide.store.errors import ForeignDatabase, StoreUnavailable

#: ``PRAGMA application_id`` values that mark a file as ours ("SGCD", "SGPR").
CONTENT_APPLICATION_ID = 0x53474344
PROGRESS_APPLICATION_ID = 0x53475052


def explain(error: BaseException, path: Path) -> StoreUnavailable:
    """Turn an sqlite3 or OS error into a message a user can act on."""
    text = str(error).lower()
    if isinstance(error, OSError) and error.errno == errno.ENOSPC or "full" in text:
        message = f"The disk holding {path} is full. Free some space and try again; nothing saved was lost."
    elif "locked" in text or "busy" in text:
        message = f"{path} is in use by another program (is StudyGuide already open?). Close it and try again."
    elif "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        message = f"{path} cannot be written (read-only file or folder). Check its permissions."
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = (
            f"{path} is damaged or is not a StudyGuide database. It was left untouched; "
            "restore it from a backup or move it aside."
        )
    elif "unable to open" in text:
        message = f"{path} cannot be opened. Check that the folder exists and can be read."
    else:
        message = f"{path}: {error}"
    return StoreUnavailable(message)


def _check_identity(db: sqlite_utils.Database, path: Path, expected: int, what: str) -> None:
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        has_tables = bool(db.table_names())
    except sqlite3.DatabaseError as error:
        raise explain(error, path) from error
    if app_id != expected and (app_id != 0 or has_tables):
        raise ForeignDatabase(
            f"{path} is not a StudyGuide {what} database. It was left untouched; "
            "choose another file or folder."
        )


def open_content(path: Path) -> sqlite_utils.Database:
    """Open a built guide read-only.

    Raises:
        StoreUnavailable: If the file is missing, unreadable, corrupt or not a guide.
    """
    if not path.is_file():
        raise StoreUnavailable(f"The guide database {path} does not exist.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise explain(error, path) from error
    db = sqlite_utils.Database(conn)
    try:
        _check_identity(db, path, CONTENT_APPLICATION_ID, "guide")
        if not db.table_names():
            raise ForeignDatabase(f"{path} is empty: it is not a StudyGuide guide database.")
    except BaseException:
        db.close()
        raise
    return db


def backup(db: sqlite_utils.Database, dest: Path) -> Path:
    """Copy a live database to ``dest`` with SQLite's online backup API."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(dest)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    return dest


def open_progress(
    path: Path,
    *,
    migrate: Callable[[sqlite_utils.Database], list[str]],
    pending: Callable[[sqlite_utils.Database], list[str]],
    backups: Path,
) -> sqlite_utils.Database:
    """Open (creating if needed) the user's progress database and migrate it.

    Args:
        path: The database file.
        migrate: Applies pending migrations; returns their names.
        pending: Lists pending migrations without applying them.
        backups: Folder for the copy taken before migrating an existing database.

    Raises:
        StoreUnavailable: If the file cannot be opened, is not ours, or is damaged.
    """
    db = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not path.exists() or path.stat().st_size == 0
        conn = sqlite3.connect(path, timeout=2.0)
        db = sqlite_utils.Database(conn)
        _check_identity(db, path, PROGRESS_APPLICATION_ID, "progress")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreUnavailable(f"{path} is damaged. It was left untouched; restore it from a backup.")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        if not is_new and pending(db):
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            backup(db, backups / f"progress-before-migration-{stamp}.sqlite")
        migrate(db)
        db.execute(f"PRAGMA application_id={PROGRESS_APPLICATION_ID}")
    except BaseException as error:
        if db is not None:
            db.close()
        if isinstance(error, (sqlite3.Error, OSError)):
            raise explain(error, path) from error
        raise
    return db
