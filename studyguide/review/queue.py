"""A review session's queue of card ids, read a page at a time as the session goes.

The queue is, in order: the cards already read (``head``), the due cards not read yet, the
new cards not read yet (at most ``new_left`` of them) and the learning cards answered in
this session that come back within the hour (``tail``). Due and new cards come from a
``Pages`` reader (``store.review_queue``: an indexed query with a LIMIT, after the last
key read, as Anki's queue builder reads with its limits), so starting a session reads one
page whatever the guide's size, and the session holds ids and their kinds, never states.
Two cards of one note (a card and its reverse, a cloze's deletions) are not shown one right after
the other when another card is waiting: the second would be answered from the first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from studyguide.domain.card_types import note_of

#: Cards read per page: the first screen needs one; a page keeps reads rare.
PAGE = 50
#: Kinds: a new card, one being learned, one in review (the counts' order).
NEW, LEARNING, REVIEW = 0, 1, 2

Key = tuple[object, ...]


class Pages(Protocol):
    """Reads the waiting cards of a session's scope, at the time of its (re)load, in order."""

    def due(self, after: Key | None, limit: int) -> list[tuple[str, int, Key]]:
        """Due cards after ``after`` (None: from the first): (card id, kind, key), oldest due first."""

    def new(self, after: Key | None, limit: int) -> list[tuple[str, Key]]:
        """New cards after ``after`` in guide order: (card id, key)."""

    def still_new(self, card_ids: Sequence[str]) -> set[str]:
        """Those of ``card_ids`` that are still new and not suspended (a page read earlier)."""


@dataclass(frozen=True, slots=True)
class QueueState:
    """A copy of a queue to put back on undo (bounded: a page, cards put in front, the tail)."""

    head: tuple[tuple[str, int], ...]
    due_after: Key | None
    due_done: bool
    new_after: Key | None
    new_left: int
    new_done: bool
    tail: tuple[tuple[str, int], ...]
    skip: frozenset[str]


class CardQueue:
    """The ids waiting in a session, read from ``Pages`` as they are needed.

    Args:
        pages: Where the due and new cards are read (None: only what is put in).
        head: Cards to show first, with their kinds (a custom session's picked cards).
        new_left: How many new cards may be read from ``pages``.
    """

    def __init__(self, pages: Pages | None = None, head: Sequence[tuple[str, int]] = (), new_left: int = 0) -> None:
        self._pages = pages
        self._head: deque[tuple[str, int]] = deque(head)
        self._due_after: Key | None = None
        self._due_done = pages is None
        self._new_after: Key | None = None
        self._new_left = new_left if pages is not None else 0
        self._new_done = pages is None
        self._tail: deque[tuple[str, int]] = deque()
        #: Cards put in front (or taken out) that a later page may still hold: left out when read.
        self._skip: set[str] = set()
        #: The first page of new cards read ahead on the task runner (rows, how many were asked for):
        #: used instead of reading it here when the due cards run out (``offer_new``).
        self._offered: tuple[list[tuple[str, Key]], int] | None = None
        #: The card just taken out (``pop``): a sibling of it at the front changes place with a later card.
        self._last: str | None = None

    def _fill(self) -> bool:
        """Read the next page into the head; False when nothing is left to read."""
        pages = self._pages
        while pages is not None and not self._due_done:
            rows = pages.due(self._due_after, PAGE)
            if len(rows) < PAGE:
                self._due_done = True
            if rows:
                self._due_after = rows[-1][2]
            fresh = [(cid, kind) for cid, kind, _ in rows if cid not in self._skip]
            if fresh:
                self._head.extend(fresh)
                return True
        while pages is not None and not self._new_done and self._new_left > 0:
            limit = min(PAGE, self._new_left)
            offered = self._offered if self._new_after is None else None
            self._offered = None
            if offered is not None:  # read ahead: only those still new now are taken
                rows_new = offered[0][:limit]
                exhausted = len(offered[0]) < offered[1] and len(rows_new) == len(offered[0])
                still = pages.still_new([cid for cid, _ in rows_new])
                usable = [(cid, key) for cid, key in rows_new if cid in still]
            else:
                rows_new = usable = pages.new(self._new_after, limit)
                exhausted = len(rows_new) < limit
            if exhausted:
                self._new_done = True
            if rows_new:
                self._new_after = rows_new[-1][1]
            fresh = [(cid, NEW) for cid, _ in usable if cid not in self._skip][: self._new_left]
            self._new_left -= len(fresh)
            if fresh:
                self._head.extend(fresh)
                return True
        if self._tail:
            self._head.extend(self._tail)
            self._tail.clear()
            return True
        return False

    def new_page_wanted(self) -> int:
        """How many new cards to read ahead (0: none is wanted: new cards were read, or may not be)."""
        if self._pages is None or self._new_done or self._new_after is not None or self._offered is not None:
            return 0
        return min(PAGE, self._new_left)

    def offer_new(self, rows: Sequence[tuple[str, Key]], *, asked: int) -> None:
        """The first page of new cards, read ahead on the task runner (``asked`` of them were asked
        for): used when the due cards run out, instead of reading it then. Reading every studied
        card before the first new one takes a second at a million cards."""
        if self._pages is not None and self._new_after is None and not self._new_done:
            self._offered = (list(rows), asked)

    def first(self) -> tuple[str, int] | None:
        """The card at the front and its kind (a page is read if needed), or None when empty."""
        if not self._head and not self._fill():
            return None
        last, self._last = self._last, None  # once: the front stays the front until it is taken out
        if last is not None and self._head[0][0] != last and note_of(self._head[0][0]) == note_of(last):
            later = next((i for i in range(1, len(self._head)) if note_of(self._head[i][0]) != note_of(last)), None)
            if later is not None:
                self._head[0], self._head[later] = self._head[later], self._head[0]
        return self._head[0]

    def pop(self) -> tuple[str, int]:
        """Take the card at the front out (``first`` must have returned it)."""
        self._last = self._head[0][0]
        return self._head.popleft()

    def append(self, card_id: str, kind: int) -> None:
        """Queue a card last, after every card waiting (a learning step due within the hour)."""
        self._tail.append((card_id, kind))

    def held(self) -> set[str]:
        """The ids read and waiting (not those still to read)."""
        return {cid for cid, _ in self._head} | {cid for cid, _ in self._tail}

    def take_out(self, card_id: str) -> int | None:
        """Take a card out wherever it was read; its kind, or None if it was not among them.

        A card not read yet is skipped when its page is read.
        """
        for line in (self._head, self._tail):
            for i, (cid, kind) in enumerate(line):
                if cid == card_id:
                    del line[i]
                    return kind
        self._skip.add(card_id)
        return None

    def put_in_front(self, card_id: str, kind: int, *, queued_new: bool = False) -> None:
        """Show ``card_id`` first (it is taken out of where it was, or skipped when read later).

        Args:
            card_id: The card.
            kind: Its kind.
            queued_new: It is one of the queue's new cards (if not read yet, one fewer is read).
        """
        was_read = self.take_out(card_id) is not None
        self._last = None  # wanted in front: it stays there, a sibling or not
        self._skip.add(card_id)
        self._head.appendleft((card_id, kind))
        if queued_new and not was_read:
            self._new_left = max(self._new_left - 1, 0)

    def drop_last_new(self, keep: str) -> bool:
        """Leave out the last new card of the queue (not ``keep``); False if there was none."""
        if self._new_left > 0 and not self._new_done:
            self._new_left -= 1
            return True
        for i in range(len(self._head) - 1, -1, -1):
            cid, kind = self._head[i]
            if kind == NEW and cid != keep:
                del self._head[i]
                return True
        return False

    def state(self) -> QueueState:
        """A copy to put back with ``restore``."""
        return QueueState(tuple(self._head), self._due_after, self._due_done, self._new_after, self._new_left,
                          self._new_done, tuple(self._tail), frozenset(self._skip))

    def restore(self, state: QueueState) -> None:
        """Put back the queue as ``state`` copied it."""
        self._head = deque(state.head)
        self._due_after, self._due_done = state.due_after, state.due_done
        self._new_after, self._new_left, self._new_done = state.new_after, state.new_left, state.new_done
        self._tail = deque(state.tail)
        self._skip = set(state.skip)
        self._last = None

    def reading_done(self) -> bool:
        """True once every due and new card has been read (what is left is held)."""
        return self._due_done and (self._new_done or self._new_left <= 0)

    def everything(self) -> list[tuple[str, int]]:
        """Every card waiting, in order, reading every page left (for checks and tests, not the view)."""
        kept = self.state()
        cards = []
        while self.first() is not None:
            cards.append(self.pop())
        self.restore(kept)
        return cards
