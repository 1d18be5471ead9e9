"""Ranked full-text search across every open guide.

Each guide's content database carries its own FTS5 index, written with the
guide's content in the same transaction by the build (so it is rebuilt,
never patched, whenever a guide is built or imported, and cannot drift from
it). Cards the learner edited are searched in a small in-memory index of
their edited text instead (``studyguide.store.search_overlay``). A search
runs a bm25-ranked query per guide and merges the hits, in tiers: items
matching every word as typed come before items matched only through the
completions of a prefix, and within each, items whose title matches come
before items matching in their body only. Snippets mark matched words with
the control characters ``MARK_START``/``MARK_END`` so a view can highlight
them after escaping.

Speed: bm25 ranking is a pass over every matching row, so a word found in
40% of 100,000 items costs tens of milliseconds with a plain ``ORDER BY bm25
LIMIT``. A query matching more than ``CANDIDATES`` items is therefore not
ranked: its hits are the items whose title matches, in guide order (sections,
then events, then cards), then the items whose text matches, in guide order,
and the result says so (``SearchResult.narrowed``). That costs a few reads of
the index whatever the number of matches; one more word usually brings the
count under ``CANDIDATES`` and exact ranking back. Highlights and snippets
are computed for the hits shown only.

Errors: the parser quotes every term, so a MATCH expression FTS5 refuses is a
bug and is raised. An SQLite error that says the file or the machine is at
fault (damaged, locked, unreadable) becomes ``StoreUnavailable``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from studyguide.domain.guide import GuideInfo
from studyguide.search.cards import card_store
from studyguide.search.index import CANDIDATES, KINDS, Ranked, Source, hits
from studyguide.search.query import Query, clean_text, parse_query
from studyguide.search.results import MARK_END, MARK_START, SearchHit, SearchResult, strip_marks
from studyguide.search.suggest import Speller
from studyguide.search.terms import MAX_EXPANSION, expand_prefix
from studyguide.store.card_browse import CardSearch
from studyguide.store.connection import open_content
from studyguide.store.search_index import Database, Scope, SearchIndexReader, guarded
from studyguide.store.search_overlay import EditsReader, build_overlay

__all__ = ["CANDIDATES", "KINDS", "MARK_END", "MARK_START", "MAX_EXPANSION", "SearchEngine", "SearchHit",
           "SearchResult", "strip_marks"]


class SearchEngine:
    """Searches the FTS5 index of each given guide database.

    Args:
        guides: Pairs of guide info and its open content database. The
            databases belong to the calling thread: use the engine there only.
        edits: The progress database, whose card edits are searched instead of
            the guides' text of those cards (None: no edits), and whose card states
            the card-state filters (``is:due``...) read.
        clock: Returns the current UTC time (for ``is:due``, ``prop:r``...).
    """

    def __init__(self, *, guides: Sequence[tuple[GuideInfo, Database]],
                 edits: Path | None = None, clock: Callable[[], datetime] | None = None) -> None:
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
        engine = SearchEngine(guides=opened, edits=self._edits_path, clock=self._clock)
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
        if query.match() is None or limit <= 0:
            return SearchResult(query, ())
        hits, narrowed = self._run(query, limit)
        if hits or not suggest:
            return SearchResult(query, hits, narrowed=narrowed)
        corrected = self._correction(text, query)
        if corrected is None:
            return SearchResult(query, ())
        fixed = parse_query(corrected, as_you_type=as_you_type)
        found, narrowed = self._run(fixed, limit if correct else 1)
        if not found:
            return SearchResult(query, ())
        if correct:
            return SearchResult(fixed, found, suggestion=corrected, narrowed=narrowed, corrected=True)
        return SearchResult(query, (), suggestion=corrected)

    def suggest(self, text: str) -> str | None:
        """The query with its unknown words replaced by the closest indexed words, only
        when nothing matches as typed and the correction finds something; else None."""
        return self.search(text, limit=1).suggestion

    def _correction(self, text: str, query: Query) -> str | None:
        paths = [(index, path) for (info, index), (_, path) in zip(self._guides, self._paths, strict=True)
                 if query.filters.accepts_guide(info.id, info.title)]
        with guarded(paths[0][1] if len(paths) == 1 else None):
            corrected = self._speller.correct(text, query, [index for index, _ in paths])
        if corrected is None or corrected.casefold() == text.casefold():
            return None
        return corrected

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
                    sources.append(Source(number, info, overlay, None))
        return sources

    # Ranking ---------------------------------------------------------------------

    def _run(self, query: Query, limit: int) -> tuple[tuple[SearchHit, ...], bool]:
        """The best ``limit`` hits over every source, and whether some source was narrowed."""
        found: list[tuple[Ranked, int]] = []
        narrowed = False
        sources = self._sources(query)
        self._sources_now, self._stated = sources, {}
        prefixes: list[dict[str, tuple[str, ...]] | None] = []
        for index, source in enumerate(sources):
            with guarded(source.path):
                prefixes.append(self._expand(source.reader, query))
                ranked, bounded = self._rank(source, query, limit, prefixes[-1])
            narrowed = narrowed or bounded
            found += [(r, index) for r in ranked]
        # Each source's rows come in its own order: the guide, then that order, break ties.
        found.sort(key=lambda item: (*item[0].key(), sources[item[1]].number, item[1]))
        found = found[:limit]
        shown: dict[tuple[int, int], SearchHit] = {}
        for index, source in enumerate(sources):
            mine = [r for r, n in found if n == index]
            if mine:
                with guarded(source.path):
                    hits_of_source = hits(source, query, mine, prefixes[index])
                shown.update(((index, rowid), hit) for rowid, hit in hits_of_source.items())
        return tuple(shown[key] for r, n in found if (key := (n, r.rowid)) in shown), narrowed

    def _scope(self, source: Source, query: Query,
               prefixes: dict[str, tuple[str, ...]] | None) -> tuple[str, Scope] | None:
        """The MATCH expression and the row conditions for one source, or None if nothing can match.

        ``kind:`` filters become rowid ranges (the build writes each kind's rows
        together), which FTS5 applies while reading the index; as an extra
        phrase in the MATCH they would cost a pass over every item of that kind.
        """
        filters = query.filters
        scope = Scope(before=None if filters.before is None else float(filters.before),
                      after=None if filters.after is None else float(filters.after + 1),
                      excluded=source.excluded, only=self._stated_cards(source, query))
        if filters.tags or filters.not_tags:
            if not source.reader.has_tags():
                if filters.tags:
                    return None  # a built guide has no tags
            else:
                scope = replace(scope, tags=tuple(filters.tags), not_tags=tuple(filters.not_tags))
        wanted = filters.wanted_kinds()
        expression = query.match(kinds=False, prefixes=prefixes)
        if (not wanted and not filters.not_kinds) or expression is None:
            expression = query.match(prefixes=prefixes)
            return (expression, scope) if expression else None
        allowed = tuple(k for k in (wanted or KINDS) if k in KINDS and k not in filters.not_kinds)
        if not allowed:
            return None
        if source.reader.has_tags():  # a user's guide: edits add rows of any kind at the end, no ranges
            return expression, replace(scope, kinds=allowed)
        ranges = source.reader.kind_ranges()
        spans = [ranges[k] for k in allowed if k in ranges]
        if not spans:
            return None
        return expression, replace(scope, kinds=allowed if len(spans) > 1 else (),
                                   low=min(lo for lo, _ in spans), high=max(hi for _, hi in spans))

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

    def _expand(self, index: SearchIndexReader, query: Query) -> dict[str, tuple[str, ...]] | None:
        """The FTS5 expressions each one-word prefix of the query stands for besides itself
        (see ``expand_prefix``), or None to let FTS5 read prefixes (a guide without vocabulary)."""
        words = {t.words[0] for t in query.terms if t.prefix and len(t.words) == 1 and not t.negated}
        if not words or not index.has_vocabulary():
            return None
        return {word: expand_prefix(index, word) for word in words}

    def _rank(self, source: Source, query: Query, limit: int,
              prefixes: dict[str, tuple[str, ...]] | None) -> tuple[list[Ranked], bool]:
        """The best ``limit`` rows of one source, and whether the candidates were bounded.

        Rows matching the words as typed come first (tiers 0 and 1), then rows
        matched only through a prefix's completions (tiers 2 and 3).
        """
        levels = [(query.exact(), None), (query, prefixes)] if query.has_prefixes else [(query, prefixes)]
        ranked: list[Ranked] = []
        seen: set[int] = set()
        bounded = False
        for level, (tiered, expansion) in enumerate(levels):
            if len(ranked) >= limit:
                break
            scoped = self._scope(source, tiered, expansion)
            if scoped is None:
                continue
            expression, scope = scoped
            titles = (tiered.match(columns="title", kinds=scope.low is None, prefixes=expansion)
                      if tiered.highlight_words() else None)
            wanted = limit + len(ranked)
            index = source.reader
            if index.nth_rowid(expression, scope, CANDIDATES + 1) is None:
                rows = [Ranked(0 if in_title else 1, score, rowid, size)
                        for rowid, score, in_title, size in index.top(expression, scope, titles, wanted)]
            else:  # very common: title matches first, then the others, each in guide order
                bounded = True
                rows = [Ranked(0, 0.0, rowid) for rowid in index.first(titles, scope, wanted)] if titles else []
                if len(rows) < wanted:
                    rows += [Ranked(1, 1.0, rowid) for rowid in index.first(expression, scope, wanted)]
            for row in rows:
                if row.rowid not in seen:
                    seen.add(row.rowid)
                    ranked.append(replace(row, tier=row.tier + 2 * level))
        return ranked[:limit], bounded
