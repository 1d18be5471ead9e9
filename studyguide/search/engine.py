"""Ranked full-text search across every open guide.

Each guide's content database carries its own FTS5 index, written with the
guide's content in the same transaction by the build (so it is rebuilt,
never patched, whenever a guide is built or imported, and cannot drift from
it). A search runs a bm25-ranked query per guide, titles weighted above
bodies, and merges the hits. Snippets mark matched words with the control
characters ``MARK_START``/``MARK_END`` so a view can highlight them after
escaping.

Speed: bm25 ranking is a pass over every matching row, so a word found in
40% of 100,000 items costs tens of milliseconds with a plain ``ORDER BY bm25
LIMIT``. A query matching more than ``CANDIDATES`` items is therefore not
ranked: its hits are the items whose title matches, in guide order (sections,
then events, then cards), then the items whose text matches, in guide order,
and the result says so (``SearchResult.narrowed``). That costs a few reads of
the index whatever the number of matches; one more word usually brings the
count under ``CANDIDATES`` and exact ranking back. Highlights and snippets
are computed for the hits shown only.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from studyguide.domain.guide import GuideInfo
from studyguide.search.query import MIN_PREFIX, Query, parse_query
from studyguide.search.suggest import Speller
from studyguide.store.connection import open_content
from studyguide.store.schema import SEARCH_INDEX, SEARCH_TERMS

MARK_START = "\x02"
MARK_END = "\x03"
#: bm25 column weights: kind, section (filters only), title, body.
_WEIGHTS = "0.0, 0.0, 8.0, 1.0"
#: Most matches ranked by bm25; a query matching more is shown titles first, in guide order.
CANDIDATES = 1000
_TABLE = f"[{SEARCH_INDEX}]"
KINDS = ("section", "event", "card")
#: Most indexed terms a prefix being typed stands for (the most frequent ones).
MAX_EXPANSION = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result.

    Attributes:
        kind: ``section``, ``card`` or ``event``.
        guide_id: The guide the item belongs to.
        guide_title: That guide's title, for display.
        item_id: The item's stable id.
        section_id: The section the item belongs to (itself for a section).
        title: Title (section, event) or question (card), with marks.
        snippet: A short extract of the body around the match, with marks.
        score: bm25 score (negative; lower is better), or 0 for a title and 1 for a
            text match of a narrowed search (see ``SearchResult.narrowed``).
    """

    kind: str
    guide_id: str
    guide_title: str
    item_id: str
    section_id: str
    title: str
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one search.

    Attributes:
        query: The parsed query (for highlighting).
        hits: Best first.
        suggestion: When nothing matched, the query with misspelt words corrected
            from the index's vocabulary ("Krushchev" -> "Khrushchev"), if that finds something.
        narrowed: True when more than ``CANDIDATES`` items matched in some guide, so
            its hits are title matches then text matches in guide order, not ranked.
    """

    query: Query
    hits: tuple[SearchHit, ...]
    suggestion: str | None = None
    narrowed: bool = False


def _file_of(db: sqlite_utils.Database) -> Path | None:
    """The file behind a connection, or None (in memory, or unreadable)."""
    try:
        rows = db.execute("PRAGMA database_list").fetchall()
    except sqlite3.Error:
        return None
    name = next((row[2] for row in rows if row[1] == "main"), "")
    return Path(name) if name else None


def _fold(word: str) -> str:
    """A word as the index's tokenizer folds it (case and diacritics)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def strip_marks(text: str) -> str:
    """Remove highlight marks, for plain-text output."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


@dataclass(frozen=True, slots=True)
class _Ranked:
    score: float
    rowid: int
    position: int  # order within its guide's list


@dataclass(frozen=True, slots=True)
class _Scope:
    """Row conditions besides the MATCH: SQL on unindexed columns, and a rowid range."""

    where: str
    params: list[object]
    low: int | None
    high: int | None


class SearchEngine:
    """Searches the FTS5 index of each given guide database.

    Args:
        guides: Pairs of guide info and its open content database. The
            databases belong to the calling thread: use the engine there only.
    """

    def __init__(self, *, guides: Sequence[tuple[GuideInfo, sqlite_utils.Database]]) -> None:
        self._guides = list(guides)
        self._speller = Speller()
        self._ranges: dict[int, dict[str, tuple[int, int]]] = {}
        self._vocabulary: dict[int, bool] = {}
        self._owned = False
        # The files, read now on the owning thread, so another thread can open its own.
        self._paths: list[tuple[GuideInfo, Path | None]] = [(info, _file_of(db)) for info, db in self._guides]

    def for_this_thread(self) -> SearchEngine:
        """An engine over the same guide files with connections of its own, opened on the
        calling thread (a background search thread). Close it with ``close()``.

        Raises:
            StoreUnavailable: If a guide file can no longer be opened.
        """
        opened: list[tuple[GuideInfo, sqlite_utils.Database]] = []
        try:
            for info, path in self._paths:
                if path is not None:
                    opened.append((info, open_content(path)))
        except BaseException:
            for _, db in opened:
                db.close()
            raise
        engine = SearchEngine(guides=opened)
        engine._owned = True
        return engine

    def close(self) -> None:
        """Close the connections this engine opened itself (``for_this_thread``); others are left."""
        if self._owned:
            for _, db in self._guides:
                db.close()
            self._guides = []

    def search(self, text: str, *, limit: int = 50, suggest: bool = True) -> SearchResult:
        """Search every guide. Never raises on any input text.

        Args:
            text: What the user typed.
            limit: Most hits to return.
            suggest: When nothing matches, look for a spelling suggestion.
        """
        query = parse_query(text)
        if query.match() is None or limit <= 0:
            return SearchResult(query, ())
        found: list[tuple[_Ranked, int]] = []
        expansions: dict[int, dict[str, tuple[str, ...]]] = {}
        narrowed = False
        for number, (info, db) in enumerate(self._guides):
            if not query.filters.accepts_guide(info.id, info.title):
                continue
            try:
                expansions[number] = self._expand(db, query)
                ranked, bounded = self._rank(db, query, limit, expansions[number])
            except sqlite3.Error:
                # The parser quotes every term, so this is a guide built in an older
                # format or a damaged file; an empty result beats an error dialog.
                continue
            narrowed = narrowed or bounded
            found += [(r, number) for r in ranked]
        found.sort(key=lambda item: (item[0].score, item[1], item[0].position))
        found = found[:limit]
        shown: dict[tuple[int, int], SearchHit] = {}
        for number, (info, db) in enumerate(self._guides):
            mine = [r for r, n in found if n == number]
            if mine:
                try:
                    hits_of_guide = self._hits(db, info, query, mine, expansions[number])
                except sqlite3.Error:
                    continue
                shown.update(((number, rowid), hit) for rowid, hit in hits_of_guide.items())
        hits = tuple(shown[key] for r, n in found if (key := (n, r.rowid)) in shown)
        suggestion = None
        if not hits and suggest:
            suggestion = self.suggest(text)
        return SearchResult(query, hits, suggestion=suggestion, narrowed=narrowed)

    def suggest(self, text: str) -> str | None:
        """The query with its unknown words replaced by the closest indexed words.

        Returns:
            The corrected query text, only when it finds something; else None.
        """
        query = parse_query(text)
        databases = [db for info, db in self._guides if query.filters.accepts_guide(info.id, info.title)]
        try:
            corrected = self._speller.correct(text, query, databases)
        except sqlite3.Error:
            return None
        if corrected is None or corrected.casefold() == text.casefold():
            return None
        return corrected if self.search(corrected, limit=1, suggest=False).hits else None

    # Ranking ---------------------------------------------------------------------

    def _scope(self, db: sqlite_utils.Database, query: Query,
               prefixes: dict[str, tuple[str, ...]]) -> tuple[str, _Scope] | None:
        """The MATCH expression and the row conditions for one guide, or None if nothing can match.

        ``kind:`` filters become rowid ranges (the build writes each kind's rows
        together), which FTS5 applies while reading the index; as an extra
        phrase in the MATCH they would cost a pass over every item of that kind.
        """
        dates, params = "", []
        if query.filters.before is not None:
            dates += " AND start_pos < ?"
            params.append(float(query.filters.before))
        if query.filters.after is not None:
            dates += " AND end_pos > ?"
            params.append(float(query.filters.after + 1))
        filters = query.filters
        wanted = filters.wanted_kinds()
        expression = query.match(kinds=False, prefixes=prefixes)
        if (not wanted and not filters.not_kinds) or expression is None:
            expression = query.match(prefixes=prefixes)
            return (expression, _Scope(dates, params, None, None)) if expression else None
        allowed = [k for k in (wanted or KINDS) if k in KINDS and k not in filters.not_kinds]
        ranges = self._kind_ranges(db)
        spans = [ranges[k] for k in allowed if k in ranges]
        if not spans:
            return None
        if len(spans) > 1:
            dates += f" AND kind IN ({', '.join('?' * len(allowed))})"
            params += allowed
        return expression, _Scope(dates, params, min(lo for lo, _ in spans), max(hi for _, hi in spans))

    def _expand(self, db: sqlite_utils.Database, query: Query) -> dict[str, tuple[str, ...]]:
        """The indexed terms each one-word prefix of the query stands for.

        FTS5 reads ``"mis"*`` by merging every term it covers before returning a
        row (110 ms when one of them is in 40% of 100,000 items), and the Porter
        stems it stores are not always prefixes of the word being typed
        ("negotia" is stored as "negoti"). So a prefix becomes an OR of the
        ``MAX_EXPANSION`` most frequent terms it covers, plus the stems the typed
        word starts with, read from the guide's vocabulary table. Rarer
        completions are left out until another letter narrows the prefix.
        """
        words = {t.words[0] for t in query.terms if t.prefix and len(t.words) == 1 and not t.negated}
        if not words or not self._has_vocabulary(db):
            return {}
        expanded: dict[str, tuple[str, ...]] = {}
        for word in words:
            folded = _fold(word)
            terms = [row[0] for row in db.execute(
                f"SELECT term FROM [{SEARCH_TERMS}] WHERE term >= ? AND term < ? ORDER BY docs DESC LIMIT ?",
                (folded, folded + "\U0010ffff", MAX_EXPANSION))]
            for size in range(max(MIN_PREFIX + 1, len(folded) - 5), len(folded)):
                if db.execute(f"SELECT 1 FROM [{SEARCH_TERMS}] WHERE term = ?", (folded[:size],)).fetchone():
                    terms.append(folded[:size])
            if terms:
                expanded[word] = tuple(dict.fromkeys(terms))
        return expanded

    def _has_vocabulary(self, db: sqlite_utils.Database) -> bool:
        known = self._vocabulary.get(id(db))
        if known is None:
            known = self._vocabulary[id(db)] = bool(db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = ?", (SEARCH_TERMS,)).fetchone())
        return known

    def _kind_ranges(self, db: sqlite_utils.Database) -> dict[str, tuple[int, int]]:
        """First and last rowid of each kind in one guide's index (looked up once)."""
        ranges = self._ranges.get(id(db))
        if ranges is None:
            ranges = {}
            for kind in KINDS:
                bounds = [db.execute(f"SELECT rowid FROM {_TABLE} WHERE {_TABLE} MATCH ? "
                                     f"ORDER BY rowid {order} LIMIT 1", (f'kind : "{kind}"',)).fetchone()
                          for order in ("ASC", "DESC")]
                if bounds[0] and bounds[1]:
                    ranges[kind] = (bounds[0][0], bounds[1][0])
            self._ranges[id(db)] = ranges
        return ranges

    def _rank(self, db: sqlite_utils.Database, query: Query, limit: int,
              prefixes: dict[str, tuple[str, ...]]) -> tuple[list[_Ranked], bool]:
        """The best ``limit`` rows of one guide, and whether the candidates were bounded."""
        scoped = self._scope(db, query, prefixes)
        if scoped is None:
            return [], False
        expression, scope = scoped
        if self._nth_rowid(db, expression, scope, CANDIDATES + 1) is None:
            return self._top(db, expression, scope, limit), False
        # Very common query: title matches first, then the others, each in guide order.
        ranked: list[_Ranked] = []
        titles = (query.match(columns="title", kinds=scope.low is None, prefixes=prefixes)
                  if query.highlight_words() else None)
        if titles is not None:
            ranked = self._first(db, titles, scope, limit, score=0.0)
        if len(ranked) < limit:
            seen = {r.rowid for r in ranked}
            more = self._first(db, expression, scope, limit + len(ranked), score=1.0)
            ranked += [r for r in more if r.rowid not in seen][:limit - len(ranked)]
        return ranked, True

    @staticmethod
    def _where(scope: _Scope) -> tuple[str, list[object]]:
        sql, params = scope.where, list(scope.params)
        if scope.low is not None:
            sql += " AND rowid BETWEEN ? AND ?"
            params += [scope.low, scope.high]
        return sql, params

    def _nth_rowid(self, db: sqlite_utils.Database, expression: str, scope: _Scope, count: int) -> int | None:
        """The rowid of the ``count``-th match in index order, or None if there are fewer."""
        where, params = self._where(scope)
        row = db.execute(f"SELECT rowid FROM {_TABLE} WHERE {_TABLE} MATCH ?{where} LIMIT 1 OFFSET ?",
                         [expression, *params, count - 1]).fetchone()
        return None if row is None else row[0]

    def _top(self, db: sqlite_utils.Database, expression: str, scope: _Scope, limit: int) -> list[_Ranked]:
        """The best ``limit`` matches by bm25 (a pass over every match)."""
        where, params = self._where(scope)
        rows = db.execute(
            f"SELECT rowid, bm25({_TABLE}, {_WEIGHTS}) AS score FROM {_TABLE} "
            f"WHERE {_TABLE} MATCH ?{where} ORDER BY score LIMIT ?",
            [expression, *params, limit],
        ).fetchall()
        return [_Ranked(score=score, rowid=rowid, position=n) for n, (rowid, score) in enumerate(rows)]

    def _first(self, db: sqlite_utils.Database, expression: str, scope: _Scope, limit: int,
               score: float) -> list[_Ranked]:
        """The first ``limit`` matches in guide order (no ranking: no pass over every match)."""
        where, params = self._where(scope)
        rows = db.execute(f"SELECT rowid FROM {_TABLE} WHERE {_TABLE} MATCH ?{where} LIMIT ?",
                          [expression, *params, limit]).fetchall()
        return [_Ranked(score=score, rowid=rowid, position=n) for n, (rowid,) in enumerate(rows)]

    @staticmethod
    def _hits(db: sqlite_utils.Database, info: GuideInfo, query: Query, ranked: Sequence[_Ranked],
              prefixes: dict[str, tuple[str, ...]]) -> dict[int, SearchHit]:
        """Displayed hits for ranked rows of one guide: highlights and snippets of those rows only."""
        ids = [r.rowid for r in ranked]
        marks = ", ".join("?" * len(ids))
        words = query.words_match(prefixes)
        if words is None:  # filters only: nothing to highlight
            sql = (f"SELECT rowid, kind, item_id, section_id, title, substr(body, 1, 160) "
                   f"FROM {_TABLE} WHERE rowid IN ({marks})")
            args: list[object] = ids
        else:
            sql = (f"SELECT rowid, kind, item_id, section_id, highlight({_TABLE}, 2, ?, ?), "
                   f"snippet({_TABLE}, 3, ?, ?, '\u2026', 14) FROM {_TABLE} "
                   f"WHERE {_TABLE} MATCH ? AND rowid IN ({marks})")
            args = [MARK_START, MARK_END, MARK_START, MARK_END, words, *ids]
        scores = {r.rowid: r.score for r in ranked}
        return {
            row[0]: SearchHit(kind=row[1], guide_id=info.id, guide_title=info.title, item_id=row[2],
                              section_id=row[3], title=row[4], snippet=row[5], score=scores[row[0]])
            for row in db.execute(sql, args).fetchall()
        }
