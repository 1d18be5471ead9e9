"""Searching the ranking index (``store.ranking``), pending edits included (``ranking_commit``).

Every search covers the edits still being committed on their own thread: the disk index's
documents of the changed items are left out, and their new documents are matched and scored in
Python with the disk index's statistics (``ranking_pending``), then merged by score. A query
that cannot be scored there waits for the commit (``RankingIndex.flush``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import tantivy

from studyguide.store import ranking_query as qb
from studyguide.store.ranking_commit import Overlay, Pending
from studyguide.store.ranking_pending import Statistics, Unscorable
from studyguide.store.ranking_query import Query

_STARTS = 24  # starts of words whose vocabulary is kept


@dataclass(frozen=True, slots=True)
class Found:
    """One document found: its score (higher is better), guide, and its key in that guide
    (``search_docs.key``; for a learner's edit, its row in the engine's table of edited cards)."""

    score: float
    guide_id: str
    rowid: int
    edit: bool


class Searching:
    """The searching half of ``RankingIndex`` (which provides what is declared here)."""

    _lock: threading.RLock
    _pending: Pending
    _stats: tuple[tantivy.Searcher, Statistics] | None
    _probes: dict[str, str]  # a word each field held (``Statistics``)
    _vocabulary: dict[str, tuple[tantivy.Searcher, list[tuple[str, int]]]]

    def _ready(self) -> tuple[tantivy.Index, tantivy.Searcher]:
        raise NotImplementedError

    def _numbers(self) -> dict[str, int]:
        raise NotImplementedError

    def flush(self) -> None:
        raise NotImplementedError

    def _overlay(self) -> Overlay | None:
        """The pending documents with the searcher they go with (None: none pending)."""
        with self._lock:
            _, searcher = self._ready()
            if not self._pending:
                return None
            if self._stats is None or self._stats[0] is not searcher:
                self._stats = (searcher, Statistics(searcher, self._probes))
            return Overlay(searcher, self._stats[1], tuple(self._pending.docs()), self._pending.groups())

    def _scored(self, query: Query) -> tuple[tantivy.Searcher, Query, list[tuple[float, Found]]]:
        """The searcher, ``query`` as asked of it, and the pending documents it matches with their scores."""
        overlay = self._overlay()
        if overlay is not None:
            try:
                found = overlay.matches(query)
            except Unscorable:  # a query part not scored in Python: wait for the commit
                self.flush()
            else:
                return overlay.searcher, overlay.excluding(query), [
                    (score, Found(score, doc.guide_id, doc.rowid, False)) for score, doc in found]
        return self._ready()[1], query, []

    def search(self, query: Query, limit: int) -> tuple[list[Found], int]:
        """The best ``limit`` documents for ``query`` (best first) and how many match in all."""
        searcher, query, pending = self._scored(query)
        if limit <= 0:
            return [], _count(searcher.search(query.tantivy, 1, count=True)) + len(pending)  # limit 0 panics
        result = searcher.search(query.tantivy, limit, count=True)
        refs = searcher.fast_field_values("ref", [address for _, address in result.hits])
        guides = {n: g for g, n in self._numbers().items()}
        found = [Found(float(score), guides.get(number // 2, ""), key, bool(number % 2))
                 for (score, _), (number, key) in zip(result.hits, map(_unref, refs), strict=True)]
        if pending:  # merged by score; on a tie, the disk's hit first (a committed one would come after)
            found = sorted(found + [doc for _, doc in pending], key=lambda f: -f.score)[:limit]
        return found, _count(result) + len(pending)

    def keys(self, query: Query) -> dict[str, list[int]]:
        """The key of every document matching ``query`` (not the learner's edits), by guide, in no
        particular order: the card browser's words (no ``Found`` per document: 40,000 of them
        cost 70 ms)."""
        searcher, query, pending = self._scored(query)
        total = _count(searcher.search(query.tantivy, 1, count=True))
        keys: dict[str, list[int]] = {}
        if total:
            addresses = [address for _, address in searcher.search(query.tantivy, total, count=False).hits]
            guides = {n: g for g, n in self._numbers().items()}
            for number, key in map(_unref, searcher.fast_field_values("ref", addresses)):
                if not number % 2:
                    keys.setdefault(guides.get(number // 2, ""), []).append(key)
        for _, doc in pending:
            keys.setdefault(doc.guide_id, []).append(doc.rowid)
        return keys

    def completions(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` indexed terms starting with ``prefix`` in most documents."""
        overlay = self._overlay()
        if overlay is None:
            return [t for t, _ in qb.prefixed_terms(self._ready()[1], prefix, limit)][:limit]
        return [t for t, _ in _merged(overlay, prefix, limit)]

    def vocabulary(self, start: str) -> list[tuple[str, int]]:
        """(term, documents) of every indexed term starting with ``start`` (a letter or two), most
        frequent first: the spelling suggestions' candidates (read once per start and index version)."""
        with self._lock:
            overlay = self._overlay()
            if overlay is not None:
                return _merged(overlay, start, None)
            _, searcher = self._ready()
            cached = self._vocabulary.get(start)
            if cached is None or cached[0] is not searcher:
                if len(self._vocabulary) >= _STARTS:
                    self._vocabulary.clear()
                cached = (searcher, qb.prefixed_terms(searcher, start, None))
                self._vocabulary[start] = cached
            return cached[1]

    def has_term(self, value: str) -> bool:
        overlay = self._overlay()
        if overlay is not None and overlay.terms(value).get(value):
            return True
        _, searcher = self._ready()
        return any(searcher.doc_freq(field, value) for field in qb.WORD_FIELDS)


def _merged(overlay: Overlay, prefix: str, limit: int | None) -> list[tuple[str, int]]:
    """(term, documents) of the terms starting with ``prefix`` (``ranking_query.prefixed_terms``), the
    pending documents' counted too, most first."""
    extra = overlay.terms(prefix)
    counts = dict(qb.prefixed_terms(overlay.searcher, prefix, None if limit is None else limit + len(extra)))
    for term, more in extra.items():  # (enough asked for above to stay exact once these counts move)
        counts[term] = counts.get(term, sum(int(overlay.searcher.doc_freq(f, term)) for f in qb.WORD_FIELDS)) + more
    ranked = sorted(counts.items(), key=lambda pair: -pair[1])
    return ranked if limit is None else ranked[:limit]


def _unref(value: object) -> tuple[int, int]:
    return qb.unref(int(value or 0))  # type: ignore[call-overload]


def _count(result: tantivy.SearchResult) -> int:
    count = getattr(result, "count", None)  # present when asked for (not in the type stubs)
    return int(count or 0)
