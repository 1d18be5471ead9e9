"""The log of a user's guide's search changes, written in the writer's transaction.

A guide holds no full-text table (issue 18): the library's ranking index (``store.ranking``)
reads each item's text from the content tables (``store.search_docs``). What a writable guide
keeps for it is ``search_changes``: one row (item and a sequence number) per item written
(added, edited, deleted, undone), in the edit's own transaction, from which the ranking index
catches up with the guide before its next search.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from studyguide.store import schema
from studyguide.store.ranking import CHANGES, EPOCH_KEY

if TYPE_CHECKING:
    import sqlite_utils


def start_change_log(db: sqlite_utils.Database) -> None:
    """Create the guide's log of search changes (idempotent), with a new epoch: a ranking index
    built before it existed reads the guide again once."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (CHANGES,)).fetchone() is None:
        db.execute(f"CREATE TABLE [{CHANGES}] (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, item_id TEXT NOT NULL)")
        db.execute(f"INSERT OR REPLACE INTO [{schema.META}] (key, value) VALUES (?, ?)",
                   [EPOCH_KEY, secrets.token_hex(8)])


class SearchRows:
    """Logs one guide's search changes on the writer's connection (inside its transactions)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._log_ready = False

    def changed(self, kind: str, item_id: str) -> None:
        """Note that an item was written or deleted: the ranking index reads it again."""
        if not self._log_ready:
            start_change_log(self._db)
            self._log_ready = True
        self._db.execute(f"INSERT INTO [{CHANGES}] (kind, item_id) VALUES (?, ?)", [kind, item_id])
