"""Ranked full-text search across every open guide.

One index ranks every query: the library's tantivy index (``store.ranking``), built from the
guides' content tables (a guide holds each item's text once, no full-text table of its own:
``store.search_docs``) and brought in step before each search. Cards the learner edited are
indexed from their edited text instead (``store.search_overlay``). Hits come in tiers: items
matching every word as typed before items matched only through the completions of a prefix;
within each, by bm25 over the whole library (exact top k, block-max WAND), with the exact
count. What the hits shown say is read from SQLite by their keys, and their titles and
snippets are marked in Python with the index's own analyser (``search.highlight``): the
control characters ``MARK_START``/``MARK_END`` around matched words, for a view to highlight
after escaping. "Did you mean" reads the index's term dictionary (``search.suggest``).

Errors: no text is ever parsed by tantivy (queries are built from analysed terms), so any
input is safe. An SQLite error that says the file or the machine is at fault (damaged,
locked, unreadable) becomes ``StoreUnavailable``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from studyguide.domain.guide import GuideInfo
from studyguide.search import ranked
from studyguide.search.cards import card_store
from studyguide.search.highlight import Marker
from studyguide.search.index import KINDS, Ranked, Source, hits
from studyguide.search.query import Query, clean_text, parse_query
from studyguide.search.ranked import MAX_EXPANSION, Items, Restrictions
from studyguide.search.results import MARK_END, MARK_START, SearchHit, SearchResult, strip_marks
from studyguide.search.suggest import Speller
from studyguide.store import ranking_query as qb
from studyguide.store.card_browse import CardSearch
from studyguide.store.connection import open_content
from studyguide.store.ranking import Found, RankingIndex
from studyguide.store.search_docs import section_ids
from studyguide.store.search_index import Database, SearchIndexReader, guarded
from studyguide.store.search_overlay import EditsReader, build_overlay

__all__ = ["KINDS", "MARK_END", "MARK_START", "MAX_EXPANSION", "SearchEngine", "SearchHit",
           "SearchResult", "strip_marks"]


class SearchEngine:
    """Searches every given guide through the library's ranking index.

    Args:
        guides: Pairs of guide info and its open content database. The
            databases belong to the calling thread: use the engine there only.
        edits: The progress database, whose card edits are searched instead of
            the guides' text of those cards (None: no edits), and whose card states
            the card-state filters (``is:due``...) read.
        clock: Returns the current UTC time (for ``is:due``, ``prop:r``...).
        ranking: The library's ranking index, shared by the engines of every thread (None:
            one in memory, built from the guides on the first search).
    """

    def __init__(self, *, guides: Sequence[tuple[GuideInfo, Database]],
                 edits: Path | None = None, clock: Callable[[], datetime] | None = None,
                 ranking: RankingIndex | None = None) -> None:
        self._ranking = ranking if ranking is not None else RankingIndex()
        self._guides = [(info, SearchIndexReader(db)) for info, db in guides]
        self._edits_path = edits
        self._edits = EditsReader(path=edits) if edits is not None else None
        self._seen_edits: list[tuple[str, str, str, str]] | None = None
        self._overlays: dict[int, tuple[SearchIndexReader, tuple[str, ...]]] = {}
        self._speller = Speller()
        self._cards = card_store(edits) if edits is not None else None
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._sources_now: list[Source] = []
        self._stated: dict[tuple[int, object], tuple[str, ...]] = {}
        self._expanded: dict[str, list[str]] = {}  # each prefix's expansion, found by this search
        self._owned = False
        # The files, read now on the owning thread, so another thread can open its own.
        self._paths: list[tuple[GuideInfo, Path | None]] = [(info, index.file()) for info, index in self._guides]

    def for_this_thread(self) -> SearchEngine:
        """An engine over the same guide files with connections of its own, opened on the
        calling thread (a background search thread). Close it with ``close()``.

        Raises:
            StoreUnavailable: If a guide file can no longer be opened.
        """
        opened: list[tuple[GuideInfo, Database]] = []
        try:
            for info, path in self._paths:
                if path is not None:
                    opened.append((info, open_content(path)))
        except BaseException:
            for _, db in opened:
                db.close()
            raise
        engine = SearchEngine(guides=opened, edits=self._edits_path, clock=self._clock, ranking=self._ranking)
        engine._owned = True
        return engine

    def close(self) -> None:
        """Close the engine's own connections (guides too when opened by ``for_this_thread``)."""
        self._drop_overlays()
        if self._edits is not None:
            self._edits.close()
        if self._owned:
            for _, index in self._guides:
                index.close()
            self._guides = []

    def search(self, text: str, *, limit: int = 50, suggest: bool = True, correct: bool = False,
               as_you_type: bool = False) -> SearchResult:
        """Search every guide. Never raises on any input text.

        Args:
            text: What the user typed.
            limit: Most hits to return.
            suggest: When nothing matches, look for a spelling suggestion.
            correct: When nothing matches and a suggestion does, return the
                suggestion's hits (``SearchResult.corrected``).
            as_you_type: The text is being typed: its last word also matches as a prefix.

        Raises:
            StoreUnavailable: A guide or the progress database cannot be read.
        """
        text = clean_text(text)
        query = parse_query(text, as_you_type=as_you_type)
        if query.is_empty or limit <= 0:
            return SearchResult(query, ())
        hits, total = self._run(query, limit)
        if hits or not suggest:
            return SearchResult(query, hits, total=total)
        corrected = self._correction(text, query)
        if corrected is None:
            return SearchResult(query, ())
        fixed = parse_query(corrected, as_you_type=as_you_type)
        found, total = self._run(fixed, limit if correct else 1)
        if not found:
            return SearchResult(query, ())
        if correct:
            return SearchResult(fixed, found, suggestion=corrected, total=total, corrected=True)
        return SearchResult(query, (), suggestion=corrected)

    def suggest(self, text: str) -> str | None:
        """The query with its unknown words replaced by the closest indexed words, only
        when nothing matches as typed and the correction finds something; else None."""
        return self.search(text, limit=1).suggestion

    def _correction(self, text: str, query: Query) -> str | None:
        with guarded(None):
            corrected = self._speller.correct(text, query, self._ranking, self._written)
        if corrected is None or corrected.casefold() == text.casefold():
            return None
        return corrected

    def _written(self, term: str) -> str | None:
        """How the indexed ``term`` is written in one item that has it ("Khrushchev"), or None."""
        docs, _ = self._ranking.search(qb.words([term]), 1)
        readers = {(s.info.id, s.overlay): s for s in self._sources_now}
        for doc in docs:
            source = readers.get((doc.guide_id, doc.edit))
            if source is None:
                continue
            with guarded(source.path):
                rows = source.reader.hit_rows([doc.rowid])
            for row in rows:
                words = f"{row[4]}\n{row[5]}"
                spans = Marker(phrases=((term,),)).spans(words)
                if spans:
                    return words[spans[0][0]:spans[0][1]]
        return None

    # Edited cards ------------------------------------------------------------------

    def _drop_overlays(self) -> None:
        for overlay, _ in self._overlays.values():
            overlay.close()
        self._overlays = {}

    def _refresh_overlays(self) -> None:
        """Index the learner's edited cards again when the edits changed."""
        if self._edits is None or not self._edits.changed():
            return
        edits = self._edits.text_edits()
        if edits == self._seen_edits:
            return
        self._drop_overlays()
        self._seen_edits = edits
        for number, ((info, index), (_, path)) in enumerate(zip(self._guides, self._paths, strict=True)):
            mine = [(card_id, front, back) for guide_id, card_id, front, back in edits if guide_id == info.id]
            if mine:
                with guarded(path):
                    self._overlays[number] = (SearchIndexReader(build_overlay(index.db, mine)),
                                              tuple(card_id for card_id, _, _ in mine))

    def _sources(self, query: Query) -> list[Source]:
        self._refresh_overlays()
        sources = []
        for number, ((info, index), (_, path)) in enumerate(zip(self._guides, self._paths, strict=True)):
            if query.filters.accepts_guide(info.id, info.title):
                overlay, edited = self._overlays.get(number, (None, ()))
                sources.append(Source(number, info, index, path, edited))
                if overlay is not None:
                    sources.append(Source(number, info, overlay, None, overlay=True))
        return sources

    # Ranking ---------------------------------------------------------------------

    def _sync(self) -> None:
        """Bring the ranking index in step with every guide and the learner's edits."""
        overlays = [(self._guides[number][0].id, reader.db) for number, (reader, _) in self._overlays.items()]
        stamp = hashlib.sha256(repr(self._seen_edits).encode()).hexdigest() if self._edits is not None else ""
        with guarded(None):
            self._ranking.sync([(info.id, index.db, path) for (info, index), (_, path)
                                in zip(self._guides, self._paths, strict=True)], (stamp, overlays))

    def _restrictions(self, query: Query, sources: list[Source]) -> Restrictions:
        """The documents the filters keep or leave out, found in SQLite (tags, card states, edits)."""
        filters = query.filters
        guides = None
        if filters.guides or filters.not_guides:
            guides = tuple(info.id for info, _ in self._guides if filters.accepts_guide(info.id, info.title))
        mains = [s for s in sources if not s.overlay]
        excluded = tuple((s.info.id, "card", s.excluded) for s in mains if s.excluded)
        kept = [self._items(mains, lambda s, tag=tag: s.reader.tagged(tag))  # type: ignore[misc]
                for tag in filters.tags]
        left_out = tuple(group for tag in filters.not_tags
                         for group in self._items(mains, lambda s, tag=tag: s.reader.tagged(tag)))  # type: ignore[misc]
        if filters.cards:
            kept.append(self._items(mains, lambda s: [("card", c) for c in self._stated_cards(s, query) or ()]))
        return Restrictions(guides=guides, kept=tuple(kept), excluded=excluded, left_out=left_out)

    @staticmethod
    def _items(sources: list[Source], find: Callable[[Source], Sequence[tuple[str, str]]]) -> Items:
        """The items ``find`` gives in each source, grouped by guide and kind."""
        out: dict[tuple[str, str], list[str]] = {}
        for source in sources:
            with guarded(source.path):
                for kind, item in find(source):
                    out.setdefault((source.info.id, kind), []).append(item)
        return tuple((guide, kind, tuple(ids)) for (guide, kind), ids in out.items())

    def _run(self, query: Query, limit: int) -> tuple[tuple[SearchHit, ...], int]:
        """The best ``limit`` hits over every guide, and how many items match in all.

        Items matching the words as typed come first (tier 0), then items matched only
        through a prefix's completions (tier 1); within each, by bm25 over the whole library.
        """
        sources = self._sources(query)
        self._sources_now, self._stated, self._expanded = sources, {}, {}
        self._sync()
        restrictions = self._restrictions(query, sources)
        levels = [(query.exact(), False), (query, True)] if query.has_prefixes else [(query, True)]
        found: list[tuple[int, Found]] = []
        seen: set[tuple[str, int, bool]] = set()
        total = 0
        for level, (tiered, expand) in enumerate(levels):
            built = ranked.build(self._ranking, tiered, restrictions, prefixes=expand, expanded=self._expanded,
                                 section_ids=self._section_ids)
            if built is None:
                continue
            wanted = limit - len(found)
            docs, total = self._ranking.search(built, wanted + len(seen) if wanted > 0 else 0)
            for doc in docs:
                item = (doc.guide_id, doc.rowid, doc.edit)
                if item not in seen and len(found) < limit:
                    seen.add(item)
                    found.append((level, doc))
        return self._shown(query, sources, found), total

    def _section_ids(self, guide_id: str, keys: Sequence[int]) -> Sequence[str]:
        """The ids of a guide's sections from their documents' keys (a ``section:`` filter)."""
        for source in self._sources_now:
            if source.info.id == guide_id and not source.overlay:
                with guarded(source.path):
                    return section_ids(source.reader.db, keys)
        return ()

    def _shown(self, query: Query, sources: list[Source], found: list[tuple[int, Found]]) -> tuple[SearchHit, ...]:
        """The displayed hits (titles marked and snippets, made from each item's text), best first."""
        by_guide = {(s.info.id, s.overlay): n for n, s in enumerate(sources)}
        rows: dict[int, list[tuple[int, Ranked]]] = {}
        for place, (level, doc) in enumerate(found):
            number = by_guide.get((doc.guide_id, doc.edit))
            if number is None:
                continue
            rows.setdefault(number, []).append((place, Ranked(level, -doc.score, doc.rowid)))
        if not rows:
            return ()
        words = {t.words[0] for t in query.terms if t.prefix and len(t.words) == 1 and not t.negated}
        marker = Marker.of(query, {word: self._expanded[word] if word in self._expanded
                                   else ranked.expansion(self._ranking, word) for word in words})
        shown: dict[int, SearchHit] = {}
        for number, mine in rows.items():
            source = sources[number]
            with guarded(source.path):
                of_source = hits(source, [r for _, r in mine], marker)
            shown.update((place, of_source[r.rowid]) for place, r in mine if r.rowid in of_source)
        return tuple(shown[place] for place in sorted(shown))

    def _stated_cards(self, source: Source, query: Query) -> tuple[str, ...] | None:
        """The cards of a source's guide its card-state filters (``is:due``...) keep, or None without any."""
        if not query.filters.cards:
            return None
        if self._cards is None:
            return ()  # no progress: no card has a state
        key = (source.number, query.filters.cards)
        if key not in self._stated:
            main = next(s for s in self._sources_now if s.number == source.number)  # the guide, not an overlay
            found = self._cards.find((main.reader.db, main.path), main.info.id, CardSearch(cards=query.filters.cards),
                                     now=self._clock())
            self._stated[key] = tuple(card for _, _, card in found)
        return self._stated[key]
