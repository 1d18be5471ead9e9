"""The card browser's service: every card of one guide or all guides, found with the query
language (its card-state filters included), sorted, then read a page at a time.

``find`` returns only the cards' keys, in order (one SQL statement per guide; several guides
are merged by their sort keys); ``rows`` reads the columns of the few cards a view shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import repeat
from pathlib import Path
from typing import Any

from fsrs.scheduler import DEFAULT_PARAMETERS

from studyguide.domain.card_filter import CardRow, ReviewEntry, retrievability
from studyguide.domain.changes import Changes
from studyguide.domain.guide import GuideInfo
from studyguide.search import ranked
from studyguide.search.query import Query, parse_query
from studyguide.search.ranked import Restrictions
from studyguide.store.card_browse import CardBrowseStore, CardSearch, history
from studyguide.store.card_reset import CardStates, Snapshot
from studyguide.store.connection import open_content
from studyguide.store.content import ContentStore
from studyguide.store.progress import ProgressStore
from studyguide.store.ranking import RankingIndex
from studyguide.store.search_docs import section_ids

#: FSRS-6's forgetting curve R = (1 + FACTOR * t / S) ** DECAY, as fsrs.Scheduler computes it.
DECAY = -DEFAULT_PARAMETERS[20]
FACTOR = 0.9 ** (1 / DECAY) - 1
_CHANGED = Changes(progress=True, due_counts=True)


def card_store(progress: Path) -> CardBrowseStore:
    """The browser's store over a progress database, with FSRS's default forgetting curve."""
    return CardBrowseStore(progress=progress, decay=DECAY, factor=FACTOR)


def card_search(query: Query) -> CardSearch:
    """What a parsed query asks of each guide's cards, its words aside (``_with_words``)."""
    return CardSearch(tags=query.filters.tags, not_tags=query.filters.not_tags, cards=query.filters.cards)


def _words_asked(query: Query) -> bool:
    return any(not t.negated for t in query.terms) or bool(query.filters.sections)


def _keys(ranking: RankingIndex, guides: Sequence[tuple[GuideInfo, tuple[Any, Path | None]]],
          query: Query) -> dict[str, tuple[int, ...]]:
    """The keys of each guide's cards whose own text matches the query's words (and ``section:``
    filters), found by the library's ranking index (brought in step with these guides first)."""
    ranking.sync([(info.id, db, path) for info, (db, path) in guides], prune=False)
    words = replace(query, filters=replace(query.filters, kinds=("card",), not_kinds=(), guides=(),
                                           not_guides=(), tags=(), not_tags=(), cards=()))
    dbs = {info.id: db for info, (db, _) in guides}
    built = ranked.build(ranking, words, Restrictions(guides=tuple(dbs)), prefixes=True,
                         section_ids=lambda guide_id, keys: section_ids(dbs[guide_id], keys) if guide_id in dbs else ())
    found = ranking.keys(built) if built is not None else {}
    return {info.id: tuple(found.get(info.id, ())) for info, _ in guides}


@dataclass(frozen=True, slots=True)
class CardList:
    """The cards a search found, in order, as (guide id, card id); and what was wrong with the query."""

    keys: tuple[tuple[str, str], ...]
    problems: tuple[str, ...] = ()


def _find(store: CardBrowseStore, ranking: RankingIndex, guides: Sequence[tuple[GuideInfo, tuple[Any, Path | None]]],
          text: str, *, guide_id: str | None, sort: str | None, descending: bool, now: datetime) -> CardList:
    query = parse_query(text)
    wanted = query.filters.wanted_kinds()
    if wanted and "card" not in wanted:  # kind:event, kind:section
        return CardList((), problems=query.problems)
    search = card_search(query)
    found: list[tuple[Any, int, int, str, str]] = []
    chosen = [(n, info, guide) for n, (info, guide) in enumerate(guides) if (guide_id is None or info.id == guide_id)
              and query.filters.accepts_guide(info.id, info.title)]
    keys = _keys(ranking, [(info, guide) for _, info, guide in chosen], query) if _words_asked(query) else {}

    def of(guide: str) -> CardSearch:
        return replace(search, keys=keys[guide]) if guide in keys else search

    if len(chosen) == 1 and sort != "guide":  # one guide: SQL's order is the order
        number, info, guide = chosen[0]
        cards = store.find(guide, info.id, of(info.id), now=now, sort=sort, descending=descending, keys=False)
        return CardList(tuple(zip(repeat(info.id, len(cards)), cards, strict=True)), problems=query.problems)
    for number, info, guide in chosen:
        rows = store.find(guide, info.id, of(info.id), now=now, sort=sort, descending=descending)
        if sort == "guide":
            found += [(info.title, number, position, info.id, card) for _, position, card in rows]
        else:
            found += [(key, number, position, info.id, card) for key, position, card in rows]
    if len(chosen) > 1 or sort == "guide":
        found.sort(key=lambda r: (r[0] is not None, r[0], r[1], r[2]), reverse=descending)
    return CardList(tuple((r[3], r[4]) for r in found), problems=query.problems)


class CardFinder:
    """``CardBrowser.find`` for another thread: the guides' files are known, and each ``find``
    opens its own read-only connections to them there (and closes them).

    Args:
        store: The browser's store (holds no connection).
        guides: The guides as (info, file), in the library's order.
        clock: Returns the current UTC time.
    """

    def __init__(self, *, store: CardBrowseStore, guides: Sequence[tuple[GuideInfo, Path]],
                 clock: Callable[[], datetime], ranking: RankingIndex) -> None:
        self._store = store
        self._guides = list(guides)
        self._clock = clock
        self._ranking = ranking

    def find(self, text: str, *, guide_id: str | None = None, sort: str | None = None,
             descending: bool = False) -> CardList:
        """As ``CardBrowser.find``, on the calling thread's own connections.

        Raises:
            StoreUnavailable: A guide or the progress cannot be read.
        """
        wanted = [(info, path) for info, path in self._guides if guide_id is None or info.id == guide_id]
        opened: list[tuple[GuideInfo, tuple[Any, Path | None]]] = []
        try:
            for info, path in wanted:
                opened.append((info, (open_content(path), path)))
            return _find(self._store, self._ranking, opened, text, guide_id=guide_id, sort=sort,
                         descending=descending, now=self._clock())
        finally:
            for _, (db, _path) in opened:
                db.close()


class CardBrowser:
    """Finds and reads cards for the browser and ``studyguide cards``.

    Args:
        guides: Returns the open guides' stores, in the library's order.
        progress: The progress store (its file for the joins, its connection for a card's answers).
        clock: Returns the current UTC time.
        ranking: The library's ranking index (finds the cards with the query's words).
    """

    def __init__(self, *, guides: Callable[[], Iterable[ContentStore]], progress: ProgressStore,
                 clock: Callable[[], datetime], ranking: RankingIndex) -> None:
        self._ranking = ranking
        self._guides = guides
        self._progress = progress
        self._store = card_store(progress.path)
        self._states = CardStates(db=progress.database, path=progress.path)
        self._clock = clock

    def guides(self) -> list[GuideInfo]:
        """The guides one can browse."""
        return [store.info for store in self._guides()]

    def find(self, text: str, *, guide_id: str | None = None, sort: str | None = None,
             descending: bool = False) -> CardList:
        """The cards matching ``text`` (every card when it is empty), of one guide or all, on
        the guides' own connections (the UI thread's). ``finder()`` does it on another thread.

        Args:
            text: The query (words, filters, card-state filters).
            guide_id: Only this guide's cards (None: every guide's).
            sort: A column key (``studyguide.domain.card_filter.COLUMN_KEYS``), None: guide order.
            descending: Sort the other way.

        Raises:
            StoreUnavailable: A guide or the progress cannot be read.
        """
        guides = [(s.info, (s.database, s.path)) for s in self._guides()]
        return _find(self._store, self._ranking, guides, text, guide_id=guide_id, sort=sort, descending=descending,
                     now=self._clock())

    def finder(self) -> CardFinder:
        """A finder over the guides open now that runs on any thread (a background search),
        opening connections of its own there. Made on the UI thread."""
        return CardFinder(store=self._store, guides=[(s.info, s.path) for s in self._guides()], clock=self._clock,
                          ranking=self._ranking)

    def rows(self, keys: Sequence[tuple[str, str]]) -> list[CardRow]:
        """The rows of these cards, in the same order (cards no longer there are left out)."""
        stores = {store.info.id: store for store in self._guides()}
        by_guide: dict[str, list[str]] = {}
        for guide_id, card_id in keys:
            by_guide.setdefault(guide_id, []).append(card_id)
        now = self._clock()
        found: dict[tuple[str, str], CardRow] = {}
        for guide_id, card_ids in by_guide.items():
            store = stores.get(guide_id)
            if store is not None:
                found.update(((guide_id, r.card_id), r) for r in self._store.rows(store, card_ids, now=now))
        return [found[key] for key in keys if key in found]

    def forget(self, keys: Sequence[tuple[str, str]]) -> tuple[Changes, Snapshot]:
        """Make cards new again, keeping their answers in the log; returns what changed and the
        states removed (for ``restore``)."""
        return _CHANGED, self._states.forget(keys, at=self._clock())

    def set_due(self, keys: Sequence[tuple[str, str]], days: int) -> tuple[Changes, Snapshot]:
        """Make studied cards fall due ``days`` from now (new ones stay new); returns what changed
        and the states as they were (for ``restore``)."""
        now = self._clock()
        return _CHANGED, self._states.set_due(keys, now + timedelta(days=days), at=now)

    def restore(self, keys: Sequence[tuple[str, str]], snapshot: Snapshot) -> tuple[Changes, Snapshot]:
        """Put cards' states back as they were (an undo, which also takes back the forget or set-due
        for the other devices); returns what was replaced (for a redo)."""
        return _CHANGED, self._states.restore(keys, snapshot)

    def history(self, guide_id: str, card_id: str) -> list[ReviewEntry]:
        """A card's answers, oldest first."""
        return history(self._progress.database, guide_id, card_id)

    def curve(self, entries: Sequence[ReviewEntry], *, points: int = 80) -> list[tuple[datetime, float]]:
        """The card's retrievability over time, from its first answer to now (or its next due day,
        whichever is later): after each answer it decays from 1 at that answer's stability."""
        known = [e for e in entries if e.stability]
        if not known:
            return []
        start = known[0].at
        end = max(self._clock(), known[-1].due or start, start + timedelta(days=1))
        step = (end - start) / max(points - 1, 1)
        curve, last = [], 0
        for n in range(points):
            at = start + step * n
            while last + 1 < len(known) and known[last + 1].at <= at:
                last += 1
            entry = known[last]
            days = (at - entry.at) / timedelta(days=1)
            curve.append((at, retrievability(days, float(entry.stability or 1), decay=DECAY, factor=FACTOR)))
        return curve
