"""The hits of one search index: what orders them, and how they are shown.

Policy over ``studyguide.store.search_index.SearchIndexReader`` (which reads the
items' text), for ``SearchEngine``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyguide.domain.guide import GuideInfo
from studyguide.search.highlight import Marker
from studyguide.search.results import MARK_END, MARK_START, SearchHit
from studyguide.store.search_index import KINDS, SearchIndexReader

__all__ = ["KINDS", "Ranked", "Source", "hits"]


@dataclass(frozen=True, slots=True)
class Ranked:
    """One matching row of a source, with what orders it among all hits."""

    tier: int  # 0: matched by the words as typed, 1: only through a prefix's completions
    score: float  # bm25 negated: lower is better
    rowid: int
    size: int = 0  # a title match's title length: shorter titles first

    def key(self) -> tuple[int, int, float]:
        """How the row sorts among all hits (the guide and its order break ties)."""
        return self.tier, self.size, self.score


@dataclass(frozen=True, slots=True)
class Source:
    """One index to search: a guide's, or the overlay of its edited cards."""

    number: int  # the guide's place in the library (a tie-break)
    info: GuideInfo
    reader: SearchIndexReader
    path: Path | None
    excluded: tuple[str, ...] = ()  # card ids whose rows are superseded by the overlay
    overlay: bool = False  # the learner's edited cards of the guide


def hits(source: Source, ranked: Sequence[Ranked], marker: Marker) -> dict[int, SearchHit]:
    """Displayed hits for ranked rows of one source: each title marked and a snippet of its body."""
    rows = source.reader.hit_rows([r.rowid for r in ranked])
    scores = {r.rowid: r.score for r in ranked}
    info = source.info
    return {
        rowid: SearchHit(kind=kind, guide_id=info.id, guide_title=info.title, item_id=item_id,
                         section_id=section_id, title=marker.mark(title or "", MARK_START, MARK_END),
                         snippet=marker.snippet(body or "", MARK_START, MARK_END), score=scores[rowid])
        for rowid, kind, item_id, section_id, title, body in rows
    }
