"""The progress database as a file: created atomically, half-made ones recognised, moved aside.

A new progress database is built under a temporary name next to the real one
and only then given its real name (a hard link, or ``os.replace``), with the
folder synced, so a kill at any moment leaves either no library or a complete
one. What older versions could leave behind (a file with StudyGuide's tables
but no ``application_id`` and no user data) is recognised as half-made, moved
aside and rebuilt. Nothing that could hold a review is ever deleted: files are
moved aside (renamed) instead.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


#: Suffix of a progress database being created (followed by the creating process's id).
CREATING = ".creating-"
#: Leftover temporary files of a process that may still be running are kept this long.
STALE_AFTER_S = 600
#: SQLite's own files beside a database.
SIDE_FILES = ("-wal", "-shm", "-journal")


def sync_folder(folder: Path) -> None:
    """Make a rename or link in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows: folders cannot be opened, and NTFS journals the rename itself
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(fd)


def _sync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _creator_alive(temp: Path) -> bool:
    """True while the process that is creating ``temp`` may still be running."""
    try:
        pid = int(temp.name.rsplit(CREATING, 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        return time.time() - temp.stat().st_mtime < STALE_AFTER_S
    except OSError:
        return False


def remove_leftovers(path: Path) -> list[Path]:
    """Delete what a killed creation left beside ``path``; returns the files removed.

    Only temporary files of a *creation* are deleted: they never held a review.
    """
    removed = []
    for temp in path.parent.glob(f"{path.name}{CREATING}*"):
        if any(temp.name.endswith(side) for side in SIDE_FILES) or _creator_alive(temp):
            continue
        for side in ("", *SIDE_FILES):
            leftover = temp.with_name(temp.name + side)
            try:
                leftover.unlink()
                removed.append(leftover)
            except FileNotFoundError:
                pass
    return removed


def create(path: Path, *, build: Callable[[sqlite_utils.Database], None],
           before_install: Callable[[], None] | None = None) -> bool:
    """Create the database at ``path`` atomically; ``build`` makes it complete.

    ``before_install`` runs once the new file is complete and synced, just before it
    takes its name (restoring over a damaged file moves that file aside there).

    Returns:
        True if this call created it, False if another process did first.

    Raises:
        sqlite3.Error, OSError: As raised while building (the temporary file is removed).
    """
    temp = path.with_name(f"{path.name}{CREATING}{os.getpid()}-{time.monotonic_ns()}")
    try:
        import sqlite_utils  # a writer: loaded when it writes

        db = sqlite_utils.Database(sqlite3.connect(temp), execute_plugins=False)  # (no plugins: store/sqlite.py)
        try:
            build(db)
        finally:
            db.close()
        _sync_file(temp)
        if before_install is not None:
            before_install()
        if path.exists():  # an empty file stands there: replace it
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if another process created it meanwhile
            except FileExistsError:
                return False
            except OSError:  # a file system without hard links
                os.replace(temp, path)
        sync_folder(path.parent)
        return True
    finally:
        for side in ("", *SIDE_FILES):
            temp.with_name(temp.name + side).unlink(missing_ok=True)


def move_aside(path: Path, label: str, *, now: datetime | None = None) -> Path:
    """Rename ``path`` (and its SQLite side files) to ``<stem>.<label>-<stamp><suffix>``; never deletes.

    Returns:
        The new name of the database file.
    """
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    counter = 1
    while dest.exists():
        counter += 1
        dest = path.with_name(f"{path.stem}.{label}-{stamp}-{counter}{path.suffix}")
    for side in SIDE_FILES:  # the side files first: the database is the last to go
        source = path.with_name(path.name + side)
        if source.exists():
            os.replace(source, dest.with_name(dest.name + side))
    os.replace(path, dest)
    sync_folder(path.parent)
    return dest


def is_half_made(db: sqlite_utils.Database, known_tables: set[str]) -> bool:
    """True for a file a killed creation left: no tables, or only StudyGuide's and none holding user data.

    ``db`` should be a read-only connection; ``known_tables`` names the tables a
    progress database may have. The migrations table may hold rows (it records
    the creation's steps), but no other table may.
    """
    bookkeeping = {"_sqlite_migrations", "sqlite_sequence"}
    tables = set(db.table_names())
    if not tables <= known_tables | bookkeeping:
        return False
    return all(db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] == 0
               for name in tables - bookkeeping)
