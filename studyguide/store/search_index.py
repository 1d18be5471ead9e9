"""The reads of one search index, for ``studyguide.search``: its only door to SQLite.

A ``SearchIndexReader`` wraps one connection holding a search table (a
guide's content database, or the in-memory overlay of its edited cards) and
answers in plain values: rowids, bm25 scores, highlighted rows, vocabulary
terms and stems. What to ask and how to rank it is ``studyguide.search``'s
policy; the SQL is here. ``guarded`` turns the SQLite errors that blame the
file or the machine into ``StoreUnavailable``; any other SQLite error is a bug
and is raised as it is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from studyguide.store.authoring import ITEM_TAGS
from studyguide.store.connection import explain
from studyguide.store.schema import SEARCH_INDEX, SEARCH_TERMS, SEARCH_TOKENIZER

#: An open database with a search table (opaque to ``studyguide.search``).
Database = sqlite_utils.Database
#: bm25 column weights: kind, section (filters only), title, body.
WEIGHTS = "0.0, 0.0, 8.0, 1.0"
TABLE = f"[{SEARCH_INDEX}]"
KINDS = ("section", "event", "card")
TAGS = f"[{ITEM_TAGS}]"
#: SQLite error names (prefixes) that blame the file or machine, not the query.
_ENVIRONMENT = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_BUSY", "SQLITE_LOCKED",
                "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_READONLY")
_STEMMER = "temp.search_stemmer"
_STEMS = "temp.search_stemmer_terms"
#: The vocabulary of a guide built before it had a vocabulary table (slower: counts on reading).
_VOCAB = "(SELECT term, doc AS docs FROM temp.search_vocabulary)"
#: Stems remembered per connection.
_CACHE = 20_000
#: (rowid, kind, item id, section id, title, snippet) of one displayed hit.
HitRow = tuple[int, str, str, str, str, str]


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


@dataclass(frozen=True, slots=True)
class Scope:
    """The rows a MATCH may return besides the expression itself.

    ``kinds`` empty means any kind; ``low``/``high`` bound the rowids (each kind's
    rows are written together by the build); ``excluded`` card ids are superseded.
    """

    before: float | None = None
    after: float | None = None
    excluded: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    #: Only these cards (found by card-state filters); None: any item.
    only: tuple[str, ...] | None = None


def where(scope: Scope) -> tuple[str, list[object]]:
    """The scope as SQL conditions (each starting with AND) and their parameters."""
    sql, params = "", list[object]()
    if scope.before is not None:
        sql += " AND start_pos < ?"
        params.append(scope.before)
    if scope.after is not None:
        sql += " AND end_pos > ?"
        params.append(scope.after)
    if scope.excluded:
        sql += " AND NOT (kind = 'card' AND item_id IN (SELECT value FROM json_each(?)))"
        params.append(json.dumps(scope.excluded))
    for tag in scope.tags:
        sql += f" AND (kind, item_id) IN (SELECT kind, item_id FROM {TAGS} WHERE folded = ?)"
        params.append(tag)
    for tag in scope.not_tags:
        sql += f" AND (kind, item_id) NOT IN (SELECT kind, item_id FROM {TAGS} WHERE folded = ?)"
        params.append(tag)
    if scope.only is not None:
        sql += " AND kind = 'card' AND item_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(scope.only))
    if scope.kinds:
        sql += f" AND kind IN ({', '.join('?' * len(scope.kinds))})"
        params += scope.kinds
    if scope.low is not None:
        sql += " AND rowid BETWEEN ? AND ?"
        params += [scope.low, scope.high]
    return sql, params


class Stemmer:
    """Stems words with the search index's tokenizer, on one connection's temporary schema
    (a throwaway FTS5 table; the guide itself stays read-only).

    Use it on the thread that owns the connection.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._ready = False
        self._known: dict[str, str] = {}

    def stems(self, words: Sequence[str]) -> list[str]:
        """Each word as the index stores it (folded, stemmed); a word with no token stays itself."""
        missing = list(dict.fromkeys(w for w in words if w not in self._known))
        if missing:
            conn = self._db.conn
            if not self._ready:
                conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_STEMMER} "
                             f"USING fts5(word, tokenize='{SEARCH_TOKENIZER}')")
                conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_STEMS} "
                             f"USING fts5vocab(temp, search_stemmer, 'instance')")
                self._ready = True
            try:
                conn.executemany(f"INSERT INTO {_STEMMER} (rowid, word) VALUES (?, ?)", enumerate(missing))
                stems: dict[int, str] = {}
                for doc, term in conn.execute(f"SELECT doc, term FROM {_STEMS} ORDER BY doc, offset"):
                    stems.setdefault(doc, term)
            finally:
                conn.execute(f"DELETE FROM {_STEMMER}")
                conn.commit()
            if len(self._known) > _CACHE:
                self._known.clear()
            self._known.update((word, stems.get(n, word)) for n, word in enumerate(missing))
        return [self._known[w] for w in words]


class SearchIndexReader:
    """The reads of the search table of one connection (what it has is looked up once).

    Use it on the thread that owns the connection.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._stemmer = Stemmer(db)
        self._vocabulary: bool | None = None
        self._tags: bool | None = None
        self._ranges: dict[str, tuple[int, int]] | None = None
        self._spelling: str | None = None

    def close(self) -> None:
        self.db.close()

    def file(self) -> Path | None:
        """The file behind the connection, or None (in memory, or unreadable)."""
        return file_of(self.db)

    def stems(self, words: Sequence[str]) -> list[str]:
        """Each word as the index stores it (folded, stemmed)."""
        return self._stemmer.stems(words)

    def _has(self, table: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None

    def has_vocabulary(self) -> bool:
        """True when the guide has a vocabulary table (guides built before it have none)."""
        if self._vocabulary is None:
            self._vocabulary = self._has(SEARCH_TERMS)
        return self._vocabulary

    def has_tags(self) -> bool:
        """Whether the guide is a user's writable guide (it has the tag table)."""
        if self._tags is None:
            self._tags = self._has(ITEM_TAGS)
        return self._tags

    def kind_ranges(self) -> dict[str, tuple[int, int]]:
        """First and last rowid of each kind in the index."""
        if self._ranges is None:
            ranges = {}
            for kind in KINDS:
                bounds = [self.db.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ? "
                                          f"ORDER BY rowid {order} LIMIT 1", (f'kind : "{kind}"',)).fetchone()
                          for order in ("ASC", "DESC")]
                if bounds[0] and bounds[1]:
                    ranges[kind] = (bounds[0][0], bounds[1][0])
            self._ranges = ranges
        return self._ranges

    def tagged(self, tag: str) -> list[tuple[str, str]]:
        """(kind, item id) of the items with ``tag`` (casefolded); none in a guide without tags."""
        if not self.has_tags():
            return []
        return [(str(k), str(i)) for k, i in self.db.execute(
            f"SELECT kind, item_id FROM {TAGS} WHERE folded = ?", (tag,)).fetchall()]

    # Matching ----------------------------------------------------------------------

    def nth_rowid(self, expression: str, scope: Scope, count: int) -> int | None:
        """The rowid of the ``count``-th match in index order, or None if there are fewer."""
        sql, params = where(scope)
        row = self.db.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?{sql} LIMIT 1 OFFSET ?",
                              [expression, *params, count - 1]).fetchone()
        return None if row is None else int(row[0])

    def top(self, expression: str, scope: Scope, titles: str | None,
            limit: int) -> list[tuple[int, float, bool, int]]:
        """(rowid, bm25, matched in its title, title length if so) of the best ``limit`` matches,
        title matches first, shortest title first, then by bm25 (a pass over every match)."""
        sql, params = where(scope)
        in_title, size, title_params = "0", "0", list[object]()
        if titles is not None:
            in_title = f"rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?{sql})"
            size = f"CASE WHEN {in_title} THEN length(title) ELSE 0 END"
            title_params = [titles, *params] * 2
        rows = self.db.execute(
            f"SELECT rowid, bm25({TABLE}, {WEIGHTS}) AS score, {in_title} AS in_title, {size} AS size "
            f"FROM {TABLE} WHERE {TABLE} MATCH ?{sql} ORDER BY in_title DESC, size, score LIMIT ?",
            [*title_params, expression, *params, limit],
        ).fetchall()
        return [(rowid, score, bool(title), size) for rowid, score, title, size in rows]

    def first(self, expression: str, scope: Scope, limit: int) -> list[int]:
        """The first ``limit`` matches in index order (no ranking: no pass over every match)."""
        sql, params = where(scope)
        rows = self.db.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?{sql} LIMIT ?",
                               [expression, *params, limit]).fetchall()
        return [rowid for (rowid,) in rows]

    def hit_rows(self, rowids: Sequence[int]) -> list[HitRow]:
        """The displayed rows, as stored: (rowid, kind, item id, section id, title, body)."""
        marks = ", ".join("?" * len(rowids))
        sql = f"SELECT rowid, kind, item_id, section_id, title, body FROM {TABLE} WHERE rowid IN ({marks})"
        return [tuple(row) for row in self.db.execute(sql, list(rowids)).fetchall()]

    def highlighted(self, expression: str, start: str, end: str) -> str | None:
        """The title and body of one item matching ``expression``, matches marked, or None."""
        row = self.db.execute(
            f"SELECT highlight({TABLE}, 2, ?, ?) || ' ' || highlight({TABLE}, 3, ?, ?) "
            f"FROM {TABLE} WHERE {TABLE} MATCH ? LIMIT 1", (start, end, start, end, expression)).fetchone()
        return None if row is None else str(row[0])

    # Vocabulary --------------------------------------------------------------------

    def completions(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` indexed terms starting with ``prefix`` found in most items (needs a vocabulary)."""
        return [row[0] for row in self.db.execute(
            f"SELECT term FROM [{SEARCH_TERMS}] WHERE term >= ? AND term < ? ORDER BY docs DESC LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit))]

    def is_term(self, term: str) -> bool:
        """Whether ``term`` is in the vocabulary table (needs one)."""
        return self.db.execute(f"SELECT 1 FROM [{SEARCH_TERMS}] WHERE term = ?", (term,)).fetchone() is not None

    def _spelling_vocabulary(self) -> str:
        if self._spelling is None:
            if self.has_vocabulary():
                self._spelling = f"[{SEARCH_TERMS}]"
            else:
                self.db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary "
                                f"USING fts5vocab(main, {SEARCH_INDEX}, 'row')")
                self._spelling = _VOCAB
        return self._spelling

    def knows(self, stem: str, prefix: bool) -> bool:
        """Whether some indexed term is ``stem`` (or starts with it), with or without a vocabulary table."""
        vocabulary = self._spelling_vocabulary()
        if prefix:
            row = self.db.execute(f"SELECT 1 FROM {vocabulary} WHERE term >= ? AND term < ? LIMIT 1",
                                  (stem, stem + "\U0010ffff")).fetchone()
        else:
            row = self.db.execute(f"SELECT 1 FROM {vocabulary} WHERE term = ?", (stem,)).fetchone()
        return row is not None

    def terms_from(self, first: str, shortest: int, longest: int, limit: int) -> Iterator[tuple[str, int]]:
        """(term, items having it) of at most ``limit`` indexed terms starting with the letter
        ``first``, ``shortest`` to ``longest`` letters long, read as they are consumed."""
        rows: Iterator[tuple[str, int]] = self.db.execute(
            f"SELECT term, docs FROM {self._spelling_vocabulary()} WHERE term >= ? AND term < ? "
            "AND length(term) BETWEEN ? AND ? LIMIT ?", (first, chr(ord(first) + 1), shortest, longest, limit))
        return rows
