"""The card browser's service: every card of one guide or all guides, found with the query
language (its card-state filters included), sorted, then read a page at a time.

``find`` returns only the cards' keys, in order (one SQL statement per guide; several guides
are merged by their sort keys); ``rows`` reads the columns of the few cards a view shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fsrs.scheduler import DEFAULT_PARAMETERS

from studyguide.domain.card_filter import CardRow
from studyguide.domain.guide import GuideInfo
from studyguide.search.query import Query, parse_query
from studyguide.store.card_browse import CardBrowseStore, CardSearch
from studyguide.store.content import ContentStore

#: FSRS-6's forgetting curve R = (1 + FACTOR * t / S) ** DECAY, as fsrs.Scheduler computes it.
DECAY = -DEFAULT_PARAMETERS[20]
FACTOR = 0.9 ** (1 / DECAY) - 1


def card_store(progress: Path) -> CardBrowseStore:
    """The browser's store over a progress database, with FSRS's default forgetting curve."""
    return CardBrowseStore(progress=progress, decay=DECAY, factor=FACTOR)


def card_search(query: Query) -> CardSearch:
    """What a parsed query asks of each guide's cards."""
    text = query.match(kinds=False) if (any(not t.negated for t in query.terms) or query.filters.sections) else None
    return CardSearch(match=text, tags=query.filters.tags, not_tags=query.filters.not_tags,
                      cards=query.filters.cards)


@dataclass(frozen=True, slots=True)
class CardList:
    """The cards a search found, in order, as (guide id, card id); and what was wrong with the query."""

    keys: tuple[tuple[str, str], ...]
    problems: tuple[str, ...] = ()


class CardBrowser:
    """Finds and reads cards for the browser and ``studyguide cards``.

    Args:
        guides: Returns the open guides' stores, in the library's order.
        progress: The progress database file.
        clock: Returns the current UTC time.
    """

    def __init__(self, *, guides: Callable[[], Iterable[ContentStore]], progress: Path,
                 clock: Callable[[], datetime]) -> None:
        self._guides = guides
        self._store = card_store(progress)
        self._clock = clock

    def guides(self) -> list[GuideInfo]:
        """The guides one can browse."""
        return [store.info for store in self._guides()]

    def find(self, text: str, *, guide_id: str | None = None, sort: str | None = None,
             descending: bool = False) -> CardList:
        """The cards matching ``text`` (every card when it is empty), of one guide or all.

        Args:
            text: The query (words, filters, card-state filters).
            guide_id: Only this guide's cards (None: every guide's).
            sort: A column key (``studyguide.domain.card_filter.COLUMN_KEYS``), None: guide order.
            descending: Sort the other way.

        Raises:
            StoreUnavailable: A guide or the progress cannot be read.
        """
        query = parse_query(text)
        wanted = query.filters.wanted_kinds()
        if wanted and "card" not in wanted:  # kind:event, kind:section
            return CardList((), problems=query.problems)
        search = card_search(query)
        now = self._clock()
        found: list[tuple[Any, int, int, str, str]] = []
        chosen = [(n, s.info, s) for n, s in enumerate(self._guides()) if (guide_id is None or s.info.id == guide_id)
                  and query.filters.accepts_guide(s.info.id, s.info.title)]
        for number, info, store in chosen:
            rows = self._store.find((store.database, store.path), info.id, search, now=now, sort=sort,
                                    descending=descending)
            if sort == "guide":
                found += [(info.title, number, position, info.id, card) for _, position, card in rows]
            else:
                found += [(key, number, position, info.id, card) for key, position, card in rows]
        if len(chosen) > 1 or sort == "guide":
            found.sort(key=lambda r: (r[0] is not None, r[0], r[1], r[2]), reverse=descending)
        return CardList(tuple((r[3], r[4]) for r in found), problems=query.problems)

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
