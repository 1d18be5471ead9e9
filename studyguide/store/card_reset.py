"""The card browser's writes to card states: forget (back to new, the review log kept) and set
the due date, each in one transaction, each handing back the rows it replaced so its undo can
put them back exactly (``restore``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.transactions import immediate

if TYPE_CHECKING:
    import sqlite_utils

#: A card's stored state row: (guide id, card id, state, due, suspended, phase, stability).
StateRow = tuple[Any, ...]
_COLUMNS = "guide_id, card_id, state, due, suspended, phase, stability"


class CardStates:
    """Bulk writes to ``card_state`` on the progress connection (the UI thread's).

    Args:
        db: The progress database.
        path: Its file (for error messages).
    """

    def __init__(self, *, db: sqlite_utils.Database, path: Path) -> None:
        self._db = db
        self._path = path

    def _rows(self, keys: Sequence[tuple[str, str]]) -> list[StateRow]:
        return [tuple(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM [{schema.CARD_STATE}] WHERE (guide_id, card_id) IN "
            "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))",
            [json.dumps([list(k) for k in keys])]).fetchall()]

    def _delete(self, keys: Sequence[tuple[str, str]]) -> None:
        self._db.conn.executemany(f"DELETE FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ?",
                                  [tuple(k) for k in keys])

    def forget(self, keys: Sequence[tuple[str, str]]) -> list[StateRow]:
        """Make these cards new again (their answers stay in the log); returns the rows removed."""
        try:
            with immediate(self._db):
                saved = self._rows(keys)
                self._delete(keys)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return saved

    def set_due(self, keys: Sequence[tuple[str, str]], due: datetime) -> list[StateRow]:
        """Make these studied cards fall due at ``due`` (new cards are left new); returns the rows
        as they were."""
        try:
            with immediate(self._db):
                saved = self._rows(keys)
                self._db.conn.executemany(
                    f"UPDATE [{schema.CARD_STATE}] SET due = ?, state = json_set(state, '$.due', ?) "
                    "WHERE guide_id = ? AND card_id = ?",
                    [(due.isoformat(), due.isoformat(), k[0], k[1]) for k in keys])
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return saved

    def restore(self, keys: Sequence[tuple[str, str]], rows: Sequence[StateRow]) -> list[StateRow]:
        """Put back the states of ``keys`` as ``rows`` (cards absent from them become new again);
        returns the rows replaced, for a redo."""
        try:
            with immediate(self._db):
                saved = self._rows(keys)
                self._delete(keys)
                self._db.conn.executemany(
                    f"INSERT INTO [{schema.CARD_STATE}] ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", list(rows))
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return saved
