"""Small writes to a built guide's database: its display title (a rename is one UPDATE)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyguide.store import schema
from studyguide.store.connection import explain


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
