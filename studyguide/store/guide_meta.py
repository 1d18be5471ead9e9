"""Writing a guide's database: the whole of it (a build), or its display title (a rename is one UPDATE)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.content import write_guide


def write_guide_database(path: Path, guide: Guide, *, source_sha256: str = "") -> None:
    """Write ``guide`` as a new content database at ``path`` (a temporary file the caller moves)."""
    import sqlite_utils  # a writer: loaded when it writes

    db = sqlite_utils.Database(path, execute_plugins=False)  # (no plugins: store/sqlite.py)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        # No VACUUM: with no FTS5 table, every table is written once, in order (0.2% reclaimed, for
        # 1.5 s at 100,000 sections and 100,000 cards).
        write_guide(db, guide, source_sha256=source_sha256)
    finally:
        db.close()


def set_title(path: Path, title: str) -> None:
    """Store a guide's new title in its meta table (one statement, one transaction).

    Raises:
        StoreUnavailable: The file cannot be written (read-only, full disk, locked).
    """
    try:
        db = sqlite3.connect(path)
        try:
            with db:
                db.execute(f"UPDATE [{schema.META}] SET value = ? WHERE key = 'title'", (title,))
        finally:
            db.close()
    except (sqlite3.Error, OSError) as error:
        raise explain(error, path) from error
