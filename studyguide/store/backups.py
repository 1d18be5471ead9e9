"""Backups of the progress database: daily rotating copies, manual copies, restore.

Copies are made with SQLite's online backup API, so they are consistent even
while the app is writing. Restoring checks the copy first, keeps a copy of
the current state ("before-restore"), then writes the backup into the live
database through the same API, so nothing is lost whichever way it goes.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.store import progress_file, schema
from studyguide.store.connection import PROGRESS_APPLICATION_ID, copy_database, environment_kind, explain
from studyguide.store.errors import StoreUnavailable

#: Daily copies kept; older ones are deleted when a new one is made.
KEEP_DAILY = 7
_STAMP = re.compile(r"progress-(?P<kind>[a-z-]+)-(?P<stamp>\d{8}-\d{6})\.sqlite$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: where it is, when and why it was made, how many answers it holds."""

    path: Path
    created: datetime
    kind: str
    reviews: int

    def label(self) -> str:
        """A line for a list ("2026-03-02 09:00 · daily · 152 answers")."""
        local = self.created.astimezone()
        answers = f"{self.reviews:,} answer{'' if self.reviews == 1 else 's'}"
        return f"{local:%Y-%m-%d %H:%M} \u00b7 {self.kind} \u00b7 {answers}"


def _copy(source: sqlite3.Connection, dest: Path) -> Path:
    return copy_database(source, dest)  # all or nothing: no ".partial" is left on a full disk


def make_backup(progress_path: Path, folder: Path, *, kind: str, now: datetime) -> Path:
    """Copy the progress database into ``folder`` (opens its own connection: any thread).

    Raises:
        StoreUnavailable: If the database cannot be read or the copy cannot be written.
    """
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")
    try:
        source = sqlite3.connect(f"{progress_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _copy(source, folder / f"progress-{kind}-{stamp}.sqlite")
        finally:
            source.close()
    except (sqlite3.Error, OSError) as error:
        raise explain(error, folder) from error


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in ``folder`` that passes ``check_backup``, or None."""
    for info in list_backups(folder):
        try:
            check_backup(info.path)
        except StoreUnavailable:
            continue
        return info
    return None


def restore_over_damaged(progress_path: Path, backup: Path, *, now: datetime) -> Path:
    """Put a backup in place of a damaged progress file, which is moved aside, never deleted.

    The backup is copied under a temporary name first; only when that copy is complete
    is the damaged file renamed ``progress.damaged-<time>.sqlite`` and the copy given
    the real name. The damaged file is never opened.

    Returns:
        Where the damaged file now is.

    Raises:
        StoreUnavailable: If the backup is not intact, or the copy cannot be written
            (then nothing was moved).
    """
    check_backup(backup)
    kept: list[Path] = []
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            progress_file.create(
                progress_path, build=lambda db: source.backup(db.conn),
                before_install=lambda: kept.append(progress_file.move_aside(progress_path, "damaged", now=now)))
        finally:
            source.close()
    except (sqlite3.Error, OSError) as error:
        raise explain(error, progress_path) from error
    return kept[0]


def set_aside_damaged(progress_path: Path, backup: Path | None, *, now: datetime) -> Path:
    """Move a damaged progress file aside and put ``backup`` in its place (None: start afresh);
    returns where the damaged file now is (``progress.damaged-<time>.sqlite``)."""
    if backup is None:
        try:
            return progress_file.move_aside(progress_path, "damaged", now=now)
        except OSError as error:
            raise explain(error, progress_path) from error
    return restore_over_damaged(progress_path, backup, now=now)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``folder``, newest first."""
    result = []
    for path in folder.glob("progress-*.sqlite"):
        match = _STAMP.search(path.name)
        if match is None:
            continue
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
        result.append(BackupInfo(path, created, match["kind"], _review_count(path)))
    return sorted(result, key=lambda b: b.created, reverse=True)


def _review_count(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            count: int = conn.execute(f"SELECT count(*) FROM [{schema.REVIEW_LOG}]").fetchone()[0]
            return count
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def daily_backup(progress_path: Path, folder: Path, *, now: datetime, keep: int = KEEP_DAILY) -> Path | None:
    """Make today's copy unless one exists; delete daily copies beyond ``keep``.

    Returns:
        The new copy, or None if today's already existed.
    """
    today = now.astimezone(timezone.utc).strftime("%Y%m%d")
    dailies = [b for b in list_backups(folder) if b.kind == "daily"]
    if any(b.path.name.startswith(f"progress-daily-{today}") for b in dailies):
        return None
    made = make_backup(progress_path, folder, kind="daily", now=now)
    for old in dailies[keep - 1:]:
        old.path.unlink(missing_ok=True)
    return made


def check_backup(path: Path) -> None:
    """Make sure ``path`` is an intact StudyGuide progress database.

    Raises:
        StoreUnavailable: With a sentence saying what is wrong with it.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            intact = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            has_log = bool(conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = ?", [schema.REVIEW_LOG]).fetchone())
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if environment_kind(error) is None:
            raise
        if not path.is_file():
            raise StoreUnavailable(f"{path} does not exist or is not a file; nothing was restored.") from error
        raise StoreUnavailable(f"{path} is not a StudyGuide progress backup (it is not a database, or it is "
                               "damaged); nothing was restored.") from error
    if app_id != PROGRESS_APPLICATION_ID or not has_log:
        raise StoreUnavailable(f"{path} is not a StudyGuide progress backup; nothing was restored.")
    if not intact:
        raise StoreUnavailable(f"{path} is damaged; nothing was restored.")


def restore_file(progress_path: Path, backup: Path, folder: Path, *, now: datetime) -> Changes:
    """``restore`` through a connection of its own (safe on a worker thread).

    The app's own connection sees the restored content at its next read; migrate it then.
    """
    try:
        live = sqlite3.connect(progress_path, timeout=5)
    except sqlite3.Error as error:
        raise explain(error, progress_path) from error
    try:
        return restore(live, backup, folder, now=now)
    finally:
        live.close()


def restore(live: sqlite3.Connection, backup: Path, folder: Path, *, now: datetime) -> Changes:
    """Replace the live progress database's content with a backup's.

    The current state is first saved as a "before-restore" copy in ``folder``.

    Raises:
        StoreUnavailable: If the backup is not intact or the copy cannot be made.
    """
    check_backup(backup)
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")
    try:
        _copy(live, folder / f"progress-before-restore-{stamp}.sqlite")
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(live)
        finally:
            source.close()
    except (sqlite3.Error, OSError) as error:
        raise explain(error, backup) from error
    return Changes(progress=True, due_counts=True, content=True)
