"""The progress file's integrity check, which the window runs after its first usable frame.

``PRAGMA quick_check`` reads every page of the file: about 56 ms at 100,000 studied cards, growing
with the file, on the way to a usable window when it ran as the file opened. The app now opens the
file without it (the header, the format and the newer-version checks still run first, and a damaged
header is refused there as before) and runs it on the task runner (``check_progress``). Until it
passes, the connection is ``PRAGMA query_only``: nothing can be written to a file that may be
damaged. A write asked for before the check is done (``transactions.immediate``) runs the check
first, there and then; derived data (``store/strays.py``) and checkpoints are skipped meanwhile.
Opening a file that must be written as it opens (a new one, a pending migration, another version's
stamp) still checks it first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyguide.store.errors import DamagedDatabase


def check_progress(path: Path) -> None:
    """Run ``PRAGMA quick_check`` on the progress file through a read-only connection of its own
    (any thread; nothing is written).

    Raises:
        DamagedDatabase: The file is damaged (its message names the commands that restore a backup).
        sqlite3.Error: Another error (``connection.explain`` says what it means).
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            raise damaged_progress(path) from error
        raise
    finally:
        conn.close()
    if not ok:
        raise damaged_progress(path)


def damaged_progress(path: Path) -> DamagedDatabase:
    """The error for a damaged progress database, naming the commands that bring a backup back."""
    return DamagedDatabase(
        f"{path} is damaged or is not a StudyGuide database. It was left untouched. "
        "'studyguide backups' lists the copies of your progress and 'studyguide restore FILE' "
        "brings one back (the damaged file is kept, renamed); the app offers the newest one at start.",
        path=path)


def hold_writes(conn: sqlite3.Connection) -> None:
    """Refuse every write on ``conn`` until ``allow_writes`` (the file is not checked yet)."""
    conn.execute("PRAGMA query_only = ON")


def unchecked(conn: sqlite3.Connection) -> bool:
    """True while ``conn`` holds its writes until the file is checked."""
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def allow_writes(conn: sqlite3.Connection) -> None:
    """The file passed its check: ``conn`` may write."""
    conn.execute("PRAGMA query_only = OFF")


def check_before_write(conn: sqlite3.Connection) -> None:
    """Before a write: if ``conn`` still waits for the file's check, run it now (raises ``DamagedDatabase``)."""
    if unchecked(conn):
        check_progress(Path(next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")))
        allow_writes(conn)
