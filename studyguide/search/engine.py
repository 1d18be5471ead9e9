"""Ranked full-text search across every open guide.

Each guide's content database carries its own FTS5 index (built with the
guide). A search runs one bm25-ranked query per guide, titles weighted above
bodies, and merges the hits. Snippets mark matched words with the control
characters ``MARK_START``/``MARK_END`` so a view can highlight them after
escaping the text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from studyguide.domain.guide import GuideInfo
from studyguide.search.query import Query, parse_query
from studyguide.store.schema import SEARCH_INDEX

MARK_START = "\x02"
MARK_END = "\x03"
#: bm25 column weights: kind, item_id, section_id (unindexed), title, body.
_WEIGHTS = "0.0, 0.0, 0.0, 8.0, 1.0"


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
        score: bm25 score; lower is better.
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
    """The hits of one search, with the parsed query for highlighting."""

    query: Query
    hits: tuple[SearchHit, ...]


def strip_marks(text: str) -> str:
    """Remove highlight marks, for plain-text output."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


class SearchEngine:
    """Searches the FTS5 index of each given guide database.

    Args:
        guides: Pairs of guide info and its open content database.
    """

    def __init__(self, *, guides: Sequence[tuple[GuideInfo, sqlite_utils.Database]]) -> None:
        self._guides = list(guides)

    def search(self, text: str, *, limit: int = 50) -> SearchResult:
        """Search every guide. Never raises on any input text.

        Args:
            text: What the user typed.
            limit: Most hits to return.
        """
        query = parse_query(text)
        expression = query.fts()
        if expression is None or limit <= 0:
            return SearchResult(query, ())
        hits: list[SearchHit] = []
        sql = (
            f"SELECT kind, item_id, section_id, "
            f"highlight([{SEARCH_INDEX}], 3, ?, ?) AS title, "
            f"snippet([{SEARCH_INDEX}], 4, ?, ?, '\u2026', 14) AS snippet, "
            f"bm25([{SEARCH_INDEX}], {_WEIGHTS}) AS score "
            f"FROM [{SEARCH_INDEX}] WHERE [{SEARCH_INDEX}] MATCH ? ORDER BY score LIMIT ?"
        )
        marks = (MARK_START, MARK_END, MARK_START, MARK_END)
        for info, db in self._guides:
            try:
                rows = db.execute(sql, (*marks, expression, limit)).fetchall()
            except sqlite3.OperationalError:
                # The parser quotes every term, so this means an unusual input
                # FTS5 still refuses; an empty result beats an error dialog.
                continue
            hits += [
                SearchHit(kind=r[0], guide_id=info.id, guide_title=info.title, item_id=r[1],
                          section_id=r[2], title=r[3], snippet=r[4], score=r[5])
                for r in rows
            ]
        hits.sort(key=lambda hit: hit.score)
        return SearchResult(query, tuple(hits[:limit]))
