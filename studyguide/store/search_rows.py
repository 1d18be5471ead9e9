"""The search rows of a user's guide, patched in the writer's transaction (never rebuilt).

``search_rows`` maps each item to its FTS5 rowid (an FTS5 table has no index on ``item_id``),
so an edit replaces its one row in place, and ``search_terms`` (the vocabulary used for
prefix expansion and spelling) counts the documents of each term as rows come and go.
Each change is also logged in ``search_changes`` (item and a sequence number), from which
the library's ranking index (``store.ranking``) catches up with the guide.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyguide.store import schema
from studyguide.store.ranking import CHANGES, EPOCH_KEY

if TYPE_CHECKING:
    import sqlite_utils

SEARCH_ROWS = "search_rows"
_TERMS = "temp.authoring_terms"
_TERMS_VOCAB = "temp.authoring_terms_vocab"

#: A search row: (kind, section title, title, body, item id, section id, start, end).
Row = tuple[str, str, str, str, str, str, float | None, float | None]


def start_change_log(db: sqlite_utils.Database) -> None:
    """Create the guide's log of search-row changes (idempotent), with a new epoch: a ranking index
    built before it existed reads the guide again once."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (CHANGES,)).fetchone() is None:
        db.execute(f"CREATE TABLE [{CHANGES}] (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, item_id TEXT NOT NULL)")
        db.execute(f"INSERT OR REPLACE INTO [{schema.META}] (key, value) VALUES (?, ?)",
                   [EPOCH_KEY, secrets.token_hex(8)])


class SearchRows:
    """Writes one guide's search rows on the writer's connection (inside its transactions)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._terms_ready = False
        self._log_ready = False

    def _log(self, kind: str, item_id: str) -> None:
        if not self._log_ready:
            start_change_log(self._db)
            self._log_ready = True
        self._db.execute(f"INSERT INTO [{CHANGES}] (kind, item_id) VALUES (?, ?)", [kind, item_id])

    def _one(self, sql: str, args: Sequence[object] = ()) -> tuple[object, ...] | None:
        row: tuple[object, ...] | None = self._db.execute(sql, list(args)).fetchone()
        return row

    def _all(self, sql: str, args: Sequence[object] = ()) -> list[tuple[object, ...]]:
        return list(self._db.execute(sql, list(args)).fetchall())

    def put(self, row: Row) -> None:
        """Put an item's search row in place of its old one (same rowid), and count its terms."""
        kind, item_id = row[0], row[4]
        old = self._one(f"SELECT row FROM [{SEARCH_ROWS}] WHERE kind = ? AND item_id = ?", [kind, item_id])
        if old is not None:
            self._drop_row(int(str(old[0])))
        cursor = self._db.execute(
            f"INSERT INTO [{schema.SEARCH_INDEX}] (rowid, kind, section, title, body, item_id, section_id, start_pos, "
            "end_pos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [None if old is None else old[0], *row])
        self._db.execute(f"INSERT OR REPLACE INTO [{SEARCH_ROWS}] (kind, item_id, row) VALUES (?, ?, ?)",
                         [kind, item_id, cursor.lastrowid])
        self._count_terms(row[:4], +1)
        self._log(kind, item_id)

    def remove(self, kind: str, item_id: str) -> None:
        old = self._one(f"SELECT row FROM [{SEARCH_ROWS}] WHERE kind = ? AND item_id = ?", [kind, item_id])
        if old is not None:
            self._drop_row(int(str(old[0])))
            self._db.execute(f"DELETE FROM [{SEARCH_ROWS}] WHERE kind = ? AND item_id = ?", [kind, item_id])
            self._log(kind, item_id)

    def _drop_row(self, rowid: int) -> None:
        text = self._one(f"SELECT kind, section, title, body FROM [{schema.SEARCH_INDEX}] WHERE rowid = ?", [rowid])
        self._db.execute(f"DELETE FROM [{schema.SEARCH_INDEX}] WHERE rowid = ?", [rowid])
        if text is not None:
            self._count_terms(tuple(str(t or "") for t in text), -1)

    def _count_terms(self, columns: Sequence[object], delta: int) -> None:
        """Add ``delta`` to the document count of each distinct term of one row (the vocabulary table)."""
        if schema.SEARCH_TERMS not in self._db.table_names():
            return
        if not self._terms_ready:
            self._db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_TERMS} USING fts5(text, "
                             f"tokenize = '{schema.SEARCH_TOKENIZER}')")
            self._db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_TERMS_VOCAB} "
                             f"USING fts5vocab(temp, authoring_terms, 'row')")
            self._terms_ready = True
        self._db.execute(f"INSERT INTO {_TERMS} (text) VALUES (?)", [" \n".join(str(c or "") for c in columns)])
        terms = [str(r[0]) for r in self._all(f"SELECT term FROM {_TERMS_VOCAB}")]
        self._db.execute(f"DELETE FROM {_TERMS}")
        self._db.conn.executemany(
            f"INSERT INTO [{schema.SEARCH_TERMS}] (term, docs) VALUES (?, max(?, 0)) "
            "ON CONFLICT (term) DO UPDATE SET docs = max(docs + ?, 0)", [(t, delta, delta) for t in terms])
        if delta < 0:
            self._db.conn.executemany(f"DELETE FROM [{schema.SEARCH_TERMS}] WHERE term = ? AND docs <= 0",
                                      [(t,) for t in terms])
