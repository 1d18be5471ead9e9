"""The reads of one guide for ``studyguide.search``: its only door to SQLite.

A ``SearchIndexReader`` wraps one connection holding a guide's content database (or the
in-memory table of its edited cards) and answers in plain values: the hits shown (read from the
content tables by their ranking keys, ``store.search_docs``) and the items with a tag. What to
ask and how to rank it is ``studyguide.search``'s policy over the library's ranking index
(``store.ranking``). ``guarded`` turns the SQLite errors that blame the file or the machine into
``StoreUnavailable``; any other SQLite error is a bug and is raised as it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from studyguide.store.authoring import ITEM_TAGS
from studyguide.store.connection import explain
from studyguide.store.search_docs import EDITED, Shown, shown
from studyguide.store.sqlite import Database as Database  # an open database with a search table (opaque to search/)

KINDS = ("section", "event", "card")
TAGS = f"[{ITEM_TAGS}]"
#: SQLite error names (prefixes) that blame the file or machine, not the query.
_ENVIRONMENT = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_BUSY", "SQLITE_LOCKED",
                "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_READONLY")
#: (key, kind, item id, section id, title, body) of one displayed hit.
HitRow = Shown


def file_of(db: Database) -> Path | None:
    """The file behind a connection, or None (in memory, or unreadable)."""
    try:
        rows = db.execute("PRAGMA database_list").fetchall()
    except sqlite3.Error:
        return None
    name = next((row[2] for row in rows if row[1] == "main"), "")
    return Path(name) if name else None


@contextmanager
def guarded(path: Path | None) -> Iterator[None]:
    """Raise environment errors as ``StoreUnavailable``; any other SQLite error is a bug."""
    try:
        yield
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorname", "").startswith(_ENVIRONMENT):
            raise explain(error, path or Path("the search index")) from error
        raise


class SearchIndexReader:
    """The reads of one guide's connection (what it has is looked up once).

    Use it on the thread that owns the connection.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tags: bool | None = None
        self._edited: bool | None = None

    def close(self) -> None:
        self.db.close()

    def file(self) -> Path | None:
        """The file behind the connection, or None (in memory, or unreadable)."""
        return file_of(self.db)

    def _has(self, table: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None

    def has_tags(self) -> bool:
        """Whether the guide is a user's writable guide (it has the tag table)."""
        if self._tags is None:
            self._tags = self._has(ITEM_TAGS)
        return self._tags

    def tagged(self, tag: str) -> list[tuple[str, str]]:
        """(kind, item id) of the items with ``tag`` (casefolded); none in a guide without tags."""
        if not self.has_tags():
            return []
        return [(str(k), str(i)) for k, i in self.db.execute(
            f"SELECT kind, item_id FROM {TAGS} WHERE folded = ?", (tag,)).fetchall()]

    def hit_rows(self, keys: Sequence[int]) -> list[HitRow]:
        """The displayed rows, as stored: (key, kind, item id, section id, title, body)."""
        if self._edited is None:
            self._edited = self._has(EDITED)
        return shown(self.db, keys, edited=self._edited)
