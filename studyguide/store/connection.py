"""Opening databases the same safe way everywhere: checks, pragmas, migrations; errors explained.

Content databases (built guides) are opened read-only and never written at
run time. The progress database is created atomically, checked through a
read-only connection (damaged, foreign and newer files are refused untouched),
then opened read-write in WAL mode with foreign keys on, backed up before any
pending migration, and migrated. SQLite errors are sorted by result code:
those that blame the machine become ``StoreUnavailable``; the rest are bugs.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide import __version__
from studyguide.store import progress_file, schema
from studyguide.store.errors import (
    DamagedDatabase,
    DatabaseInUse,
    DiskFull,
    ForeignDatabase,
    NewerDatabase,
    ReadOnlyLocation,
    StoreUnavailable,
)
from studyguide.store.integrity import check_progress, damaged_progress, hold_writes
from studyguide.store.sqlite import Database

if TYPE_CHECKING:
    import sqlite_utils

#: ``PRAGMA application_id`` values that mark a file as ours ("SGCD", "SGPR").
CONTENT_APPLICATION_ID = 0x53474344
PROGRESS_APPLICATION_ID = 0x53475052


#: SQLite result codes (by name; extended codes share the prefix) that blame the file or the
#: machine, not the program: each becomes a ``StoreUnavailable`` with a plain sentence.
_ENVIRONMENT_CODES = {
    "SQLITE_FULL": "full",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_CORRUPT": "damaged",
    "SQLITE_NOTADB": "damaged",
    "SQLITE_READONLY": "readonly",
    "SQLITE_CANTOPEN": "cantopen",
    "SQLITE_IOERR": "ioerr",
    "SQLITE_PERM": "readonly",
    "SQLITE_NOMEM": "nomem",
}
_ENVIRONMENT_ERRNOS = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EROFS: "readonly",
    errno.EACCES: "readonly",
    errno.EPERM: "readonly",
    errno.ENOENT: "cantopen",
    errno.ENOTDIR: "cantopen",
    errno.EISDIR: "cantopen",
    errno.EIO: "ioerr",
}


def environment_kind(error: BaseException) -> str | None:
    """What an sqlite3 or OS error says about the machine, or None when it is a bug.

    SQLite errors are told apart by their result code (``sqlite_errorname``), never by
    their message: "full", "busy", "damaged", "readonly", "cantopen" or "ioerr".
    """
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", None) or ""
        return next((kind for code, kind in _ENVIRONMENT_CODES.items()
                     if name == code or name.startswith(code + "_")), None)
    if isinstance(error, OSError):
        return _ENVIRONMENT_ERRNOS.get(error.errno, "os") if error.errno is not None else "os"
    return None


#: A disk with less free space than this counts as full when SQLite reports an I/O error.
FULL_BELOW_BYTES = 256 * 1024


def _disk_full(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def writable_folder(path: Path) -> Path | None:
    """The nearest existing folder of ``path`` when it cannot be written (else None)."""
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return None if os.access(folder, os.W_OK) else folder


def read_only_message(path: Path, folder: Path) -> str:
    """The sentence for a library on a read-only disk or in a read-only folder."""
    return (f"The folder {folder} is read-only, so StudyGuide cannot save {path.name} there. "
            "Make it writable (or remount the disk read-write), or choose another library "
            "folder with --library.")


def explain(error: BaseException, path: Path) -> StoreUnavailable:
    """Turn an environment error (by its SQLite result code or errno) into a message a user can act on.

    Any other error is a bug: it is raised again unchanged (call this inside the
    ``except`` block that caught it).
    """
    kind = environment_kind(error)
    if kind is None:
        raise error
    while path.name.startswith(".") and path.name.endswith(".tmp"):  # ours, temporary (a guide being built,
        path = path.parent  # media being staged): named by the folder the learner knows
    if kind in ("ioerr", "cantopen", "os") and _disk_full(path):
        kind = "full"  # e.g. no room for the shared-memory file SQLite needs beside the database
    if kind == "full":
        return DiskFull(f"The disk holding {path} is full. Free some space and try again; nothing saved was lost.")
    if kind == "busy":
        return DatabaseInUse(
            f"{path} is in use by another program (is StudyGuide already open?). Close it and try again.")
    if kind == "damaged":
        return DamagedDatabase(
            f"{path} is damaged or is not a StudyGuide database. It was left untouched; "
            "restore it from a backup or move it aside.")
    read_only = writable_folder(path) if kind in ("readonly", "cantopen") else None
    if read_only is not None:
        return ReadOnlyLocation(read_only_message(path, read_only))
    if kind == "readonly":
        return ReadOnlyLocation(f"{path} cannot be written (a read-only file). Check its permissions.")
    if kind == "cantopen":
        folder = path if path.is_dir() else path.parent
        if not folder.is_dir():
            return StoreUnavailable(f"{path} cannot be opened: the folder {folder} does not exist.")
        return StoreUnavailable(f"{path} cannot be opened. Check that it can be read.")
    if kind == "ioerr":
        return StoreUnavailable(f"{path} could not be read or written (a disk or file-system error). "
                                "Check the disk, then try again; nothing saved was lost.")
    if kind == "nomem":
        return StoreUnavailable(f"There was not enough memory to use {path}. Close other programs and try again.")
    reason = error.strerror if isinstance(error, OSError) and error.strerror else "the system refused"
    return StoreUnavailable(f"{path} could not be used: {reason}.")


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
    if path.with_name(path.name + "-journal").exists():
        _roll_back(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise explain(error, path) from error
    db = Database(conn)
    try:
        _check_identity(db, path, CONTENT_APPLICATION_ID, "guide")
        if not db.table_names():
            raise ForeignDatabase(f"{path} is empty: it is not a StudyGuide guide database.")
    except BaseException:
        db.close()
        raise
    return db


def _roll_back(path: Path) -> None:
    """Roll back the transaction of a writer killed mid-edit (a user's guide, see docs/storage.md):
    its hot journal would make a read-only connection fail. A read on a read-write connection
    rolls it back; where the file cannot be written, the read-only open says so as before."""
    try:
        conn = sqlite3.connect(path, timeout=5.0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return


def copy_database(source: sqlite3.Connection, dest: Path) -> Path:
    """Copy a live database to ``dest`` with SQLite's online backup API, all or nothing.

    The copy is written as ``dest.partial`` and renamed when complete; on any
    failure (a full disk above all) the partial file is removed before the error
    is raised again, so nothing is left behind.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
        os.replace(partial, dest)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return dest


def backup(db: sqlite_utils.Database, dest: Path) -> Path:
    """Copy a live database to ``dest`` (see ``copy_database``)."""
    return copy_database(db.conn, dest)


def checkpoint(db: sqlite_utils.Database) -> bool:
    """Copy the write-ahead log into the database and truncate it to 0 bytes.

    Returns:
        True if the log was emptied; False if a reader in another connection kept it.
    """
    busy: int = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    return busy == 0


#: The write-ahead log is cut back to this size whenever SQLite restarts it.
WAL_SIZE_LIMIT = 1024 * 1024


#: Read-only connections report these when a kill left work only a writer can undo.
_NEEDS_RECOVERY = ("SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY", "SQLITE_READONLY_CANTINIT")


def _recover(path: Path) -> None:
    """Let SQLite roll back a hot journal or recover a log (a read changes no content)."""
    conn = sqlite3.connect(path, timeout=2.0)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _inspect_progress(path: Path, *, check: bool = True) -> bool:
    """Check an existing progress file through a read-only connection (``check``: its pages too, by
    ``quick_check``; else the caller runs ``integrity.check_progress`` later); nothing is written to it.

    Returns:
        True if it is a half-made library (to be moved aside and created again).

    Raises:
        ForeignDatabase, DamagedDatabase, NewerDatabase: If it must not be opened for writing.
    """
    db = Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
    try:
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorname", "") not in _NEEDS_RECOVERY:
                raise
            # A kill left a hot journal (or an unrecovered log): only a writer may roll it back,
            # which restores the last committed state every reader would see. Then look again.
            db.close()
            _recover(path)
            db = Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
        if app_id != PROGRESS_APPLICATION_ID:
            if app_id == 0 and progress_file.is_half_made(db, schema.progress_tables()):
                return True
            raise ForeignDatabase(f"{path} is not a StudyGuide progress database. It was left untouched; "
                                  "choose another file or folder.")
        if check and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise damaged_progress(path)
        newer = schema.newer_progress_shape(db)
        if newer is not None:
            made_by = schema.written_by(db)
            who = f"StudyGuide {made_by}" if made_by and made_by != __version__ else "a newer StudyGuide"
            raise NewerDatabase(
                f"{path} was made by {who} ({newer}); this is StudyGuide {__version__}, which reads "
                f"progress format {schema.progress_format()} and older. It was left untouched: "
                "update StudyGuide to open it.")
        return False
    except sqlite3.DatabaseError as error:
        if environment_kind(error) == "damaged":
            raise damaged_progress(path) from error
        raise
    finally:
        db.close()


def _is_new(path: Path) -> bool:
    if not path.exists():
        return True
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0)


def open_progress(
    path: Path,
    *,
    migrate: Callable[[sqlite_utils.Database], list[str]],
    pending: Callable[[sqlite_utils.Database], list[str]],
    backups: Path,
    check: bool = True,
) -> sqlite_utils.Database:
    """Open (creating if needed) the user's progress database and migrate it.

    A new database is created atomically (see ``progress_file``); a half-made one is
    moved aside and created again. An existing file is first checked through a
    read-only connection, so a damaged, foreign or newer database is never written.

    Args:
        path: The database file.
        migrate: Applies pending migrations; returns their names.
        pending: Lists pending migrations without applying them.
        backups: Folder for the copy taken before migrating an existing database.
        check: Run ``PRAGMA quick_check`` now; if False, and nothing must be written as it opens, the
            connection is returned holding its writes until ``store.integrity`` checks the file.

    Raises:
        StoreUnavailable: If the file cannot be opened, is not ours, is damaged, is
            from a newer app, or its folder is read-only.
    """

    def build(db: sqlite_utils.Database) -> None:
        db.execute("PRAGMA synchronous=OFF")  # a temporary file, synced once complete (progress_file.create)
        migrate(db)
        db.execute(f"PRAGMA application_id={PROGRESS_APPLICATION_ID}")
        schema.stamp_progress(db, __version__)
        db.execute("PRAGMA journal_mode=WAL")  # so opening it never has to switch modes

    db = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        read_only = writable_folder(path)
        if read_only is not None:
            raise ReadOnlyLocation(read_only_message(path, read_only))
        progress_file.remove_leftovers(path)
        for partial in backups.glob("*.partial"):  # a copy cut short by a kill: never complete
            partial.unlink(missing_ok=True)
        is_new = _is_new(path)
        if not is_new and _inspect_progress(path, check=check):
            progress_file.move_aside(path, "incomplete")
            is_new = True
        if is_new:
            progress_file.create(path, build=build)
            _inspect_progress(path)  # another process may have made it first
        db = Database(sqlite3.connect(path, timeout=2.0))
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA recursive_triggers=ON")  # an OR REPLACE of a state is counted (schema.GUIDE_DUE_TRIGGERS)
        db.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        later = not (check or is_new or pending(db) or schema.needs_stamp(db, __version__))
        if not (check or is_new or later):  # about to be written: checked first
            check_progress(path)
        if not is_new and pending(db):
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            backup(db, backups / f"progress-before-migration-{stamp}.sqlite")
        migrate(db)
        schema.stamp_progress(db, __version__)
        if later:
            hold_writes(db.conn)
    except BaseException as error:
        if db is not None:
            db.close()
        if isinstance(error, (sqlite3.Error, OSError)):
            raise explain(error, path) from error
        raise
    return db


def file_stamp(path: Path) -> tuple[int, int, bytes] | None:
    """What changes with each commit to a database file: its time, size and SQLite's change counter."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            file.seek(24)  # the header's file change counter (rollback-journal mode)
            return status.st_mtime_ns, status.st_size, file.read(4)
    except FileNotFoundError:
        return None
