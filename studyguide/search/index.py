"""The reads of one search index: ranked, in guide order, and the hits shown.

SQL over the FTS5 table of a guide (or of the overlay of its edited cards),
for ``SearchEngine``; no policy of its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from studyguide.domain.guide import GuideInfo
from studyguide.search.query import Query
from studyguide.search.results import MARK_END, MARK_START, SearchHit
from studyguide.store.connection import explain
from studyguide.store.schema import SEARCH_INDEX

#: bm25 column weights: kind, section (filters only), title, body.
WEIGHTS = "0.0, 0.0, 8.0, 1.0"
#: Most matches ranked by bm25; a query matching more is shown titles first, in guide order.
CANDIDATES = 1000
TABLE = f"[{SEARCH_INDEX}]"
KINDS = ("section", "event", "card")
#: SQLite error names (prefixes) that blame the file or machine, not the query.
_ENVIRONMENT = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_BUSY", "SQLITE_LOCKED",
                "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_READONLY")


def file_of(db: sqlite_utils.Database) -> Path | None:
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
class Ranked:
    """One matching row of a source, with what orders it among all hits."""

    tier: int  # 0: title match, 1: body match; +2 when matched through a prefix's completions only
    score: float  # bm25, lower is better (0 and 1 in a narrowed search)
    rowid: int
    size: int = 0  # a title match's title length: shorter titles first

    def key(self) -> tuple[int, int, float]:
        """How the row sorts among all hits (the guide and its order break ties)."""
        return self.tier, self.size, self.score


@dataclass(frozen=True, slots=True)
class Scope:
    """Row conditions besides the MATCH: SQL on unindexed columns, and a rowid range."""

    where: str
    params: list[object]
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Source:
    """One index to search: a guide's, or the overlay of its edited cards."""

    number: int  # the guide's place in the library (a tie-break)
    info: GuideInfo
    db: sqlite_utils.Database
    path: Path | None
    excluded: tuple[str, ...] = ()  # card ids whose rows are superseded by the overlay


def where(scope: Scope) -> tuple[str, list[object]]:
    """The scope as SQL conditions (each starting with AND) and their parameters."""
    sql, params = scope.where, list(scope.params)
    if scope.low is not None:
        sql += " AND rowid BETWEEN ? AND ?"
        params += [scope.low, scope.high]
    return sql, params


def nth_rowid(db: sqlite_utils.Database, expression: str, scope: Scope, count: int) -> int | None:
    """The rowid of the ``count``-th match in index order, or None if there are fewer."""
    sql, params = where(scope)
    row = db.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?{sql} LIMIT 1 OFFSET ?",
                     [expression, *params, count - 1]).fetchone()
    return None if row is None else row[0]


def top(db: sqlite_utils.Database, expression: str, scope: Scope, titles: str | None,
         limit: int) -> list[Ranked]:
    """The best ``limit`` matches, by bm25 (a pass over every match),
    title matches first, shortest title first: a section named by the query ("Khrushchev's
    letters") beats the questions that mention its words, and bm25's normalisation by the
    length of a whole item (a long section body) cannot bury it."""
    sql, params = where(scope)
    in_title, size, title_params = "0", "0", []
    if titles is not None:
        in_title = f"rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?{sql})"
        size = f"CASE WHEN {in_title} THEN length(title) ELSE 0 END"
        title_params = [titles, *params] * 2
    rows = db.execute(
        f"SELECT rowid, bm25({TABLE}, {WEIGHTS}) AS score, {in_title} AS in_title, {size} AS size "
        f"FROM {TABLE} WHERE {TABLE} MATCH ?{sql} ORDER BY in_title DESC, size, score LIMIT ?",
        [*title_params, expression, *params, limit],
    ).fetchall()
    return [Ranked(0 if title else 1, score, rowid, size) for rowid, score, title, size in rows]


def first(db: sqlite_utils.Database, expression: str, scope: Scope, limit: int) -> list[int]:
    """The first ``limit`` matches in guide order (no ranking: no pass over every match)."""
    sql, params = where(scope)
    rows = db.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?{sql} LIMIT ?",
                      [expression, *params, limit]).fetchall()
    return [rowid for (rowid,) in rows]


def hits(source: Source, query: Query, ranked: Sequence[Ranked],
          prefixes: dict[str, tuple[str, ...]] | None) -> dict[int, SearchHit]:
    """Displayed hits for ranked rows of one source: highlights and snippets of those rows only."""
    ids = [r.rowid for r in ranked]
    marks = ", ".join("?" * len(ids))
    words = query.words_match(prefixes)
    if words is None:  # filters only: nothing to highlight
        sql = (f"SELECT rowid, kind, item_id, section_id, title, substr(body, 1, 160) "
               f"FROM {TABLE} WHERE rowid IN ({marks})")
        args: list[object] = list(ids)
    else:
        sql = (f"SELECT rowid, kind, item_id, section_id, highlight({TABLE}, 2, ?, ?), "
               f"snippet({TABLE}, 3, ?, ?, '\u2026', 14) FROM {TABLE} "
               f"WHERE {TABLE} MATCH ? AND rowid IN ({marks})")
        args = [MARK_START, MARK_END, MARK_START, MARK_END, words, *ids]
    scores = {r.rowid: r.score for r in ranked}
    info = source.info
    return {
        row[0]: SearchHit(kind=row[1], guide_id=info.id, guide_title=info.title, item_id=row[2],
                          section_id=row[3], title=row[4], snippet=row[5], score=scores[row[0]])
        for row in source.db.execute(sql, args).fetchall()
    }
