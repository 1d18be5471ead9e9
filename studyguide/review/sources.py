"""Where a review session's cards come from: a guide read a page at a time, or a short list in memory.

A guide's session (``GuideCards``) never holds the guide's cards: it reads a page of waiting
ids when its queue needs one (``store.review_queue``), and one card's text and state when the
card is shown. Timeline drills, a few hundred at most and not stored as guide cards, are
listed in memory (``ListedCards``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from studyguide.domain.guide import Card
from studyguide.domain.review import LEARNING_PHASES, CardEdit
from studyguide.review.queue import LEARNING, NEW, REVIEW, Key, Pages
from studyguide.store.card_edits import CardEditsStore
from studyguide.store.content import ContentStore
from studyguide.store.due import DueCounter
from studyguide.store.progress import ProgressStore
from studyguide.store.review_queue import QueuePages


def edited(card: Card, edit: CardEdit | None) -> Card:
    """A card as the learner wrote it (their wording, if they changed it)."""
    if edit is None or (edit.front is None and edit.back is None):
        return card
    return replace(card, front=edit.front or card.front, back=edit.back or card.back)


def kind_of(phase: int | None) -> int:
    """NEW, LEARNING or REVIEW for a stored phase (None: never studied)."""
    if phase is None:
        return NEW
    return LEARNING if phase in LEARNING_PHASES else REVIEW


def standing(progress: ProgressStore, guide_id: str, card_id: str) -> tuple[int, datetime | None]:
    """A card's kind and due time as stored in ``progress`` (NEW and None: never studied)."""
    stored = progress.card_state(guide_id, card_id)
    if stored is None:
        return NEW, None
    return kind_of(int(stored.state["state"])), stored.due


def in_fresh_queue(source: CardSource, pages: Pages, card_id: str, *, kind: int, due: datetime | None,
                   loaded_at: datetime, allowance: int) -> bool:
    """Whether a card of the scope is in a queue just loaded at ``loaded_at``: a studied card due by
    then, or a new one among the first ``allowance`` new cards, and not suspended."""
    if source.suspended(card_id):
        return False
    if kind != NEW:
        return due is not None and due <= loaded_at
    return allowance > 0 and card_id in {cid for cid, _ in pages.new(None, allowance)}


class CardSource(Protocol):
    """A session's cards: read one at a time, and the waiting ones a page at a time."""

    def card(self, card_id: str) -> Card | None:
        """One card of the scope as the learner sees it (suspended or not), or None if not in it."""

    def suspended(self, card_id: str) -> bool:
        """True if the card is suspended."""

    def standing(self, card_id: str) -> tuple[int, datetime | None]:
        """The card's kind now (NEW, LEARNING or REVIEW) and due time, from its stored state."""

    def pages(self, now: datetime) -> Pages:
        """The cards waiting at ``now``, to be read a page at a time."""

    def next_due(self, pages: Pages, *, after: datetime | None, held: Collection[str]) -> datetime | None:
        """The earliest due time after ``after`` (None: any) of the scope's studied cards that
        are not suspended nor in ``held``."""

    def size(self) -> int:
        """How many cards the scope has."""


class GuideCards:
    """A guide's cards (or one section's), read from its database as a session needs them.

    Args:
        guide_id: The guide.
        guide: Its content store.
        section_id: Only this section's cards (None: every card).
        progress: Where states are stored.
        edits: The learner's card edits and suspensions.
        counter: The due counter (the pages are read with its attached progress file).
    """

    def __init__(self, *, guide_id: str, guide: ContentStore, section_id: str | None, progress: ProgressStore,
                 edits: CardEditsStore, counter: DueCounter) -> None:
        self._guide_id = guide_id
        self._guide = guide
        self._section_id = section_id
        self._progress = progress
        self._edits = edits
        self._counter = counter

    def card(self, card_id: str) -> Card | None:
        card = self._guide.card(card_id)
        if card is None or (self._section_id is not None and card.section_id != self._section_id):
            return None
        return edited(card, self._edits.edit(self._guide_id, card_id))

    def suspended(self, card_id: str) -> bool:
        edit = self._edits.edit(self._guide_id, card_id)
        return edit is not None and edit.suspended

    def standing(self, card_id: str) -> tuple[int, datetime | None]:
        return standing(self._progress, self._guide_id, card_id)

    def pages(self, now: datetime) -> QueuePages:
        return QueuePages(counter=self._counter, guide_id=self._guide_id, guide=self._guide, now=now,
                          section_id=self._section_id)

    def next_due(self, pages: Pages, *, after: datetime | None, held: Collection[str]) -> datetime | None:
        assert isinstance(pages, QueuePages)
        return pages.next_due(after=after, held=held)

    def size(self) -> int:
        if self._section_id is None:
            return self._guide.card_count()
        return len(self._guide.cards(self._section_id))


class _ListedPages:
    """Every waiting card of a short list, handed out a page at a time."""

    def __init__(self, due: list[tuple[str, int]], new: list[str]) -> None:
        self._due = due
        self._new = new

    def due(self, after: Key | None, limit: int) -> list[tuple[str, int, Key]]:
        start = 0 if after is None else int(str(after[0])) + 1
        return [(cid, kind, (i,)) for i, (cid, kind) in enumerate(self._due[start:start + limit], start)]

    def new(self, after: Key | None, limit: int) -> list[tuple[str, Key]]:
        start = 0 if after is None else int(str(after[0])) + 1
        return [(cid, (i,)) for i, cid in enumerate(self._new[start:start + limit], start)]

    def still_new(self, card_ids: Sequence[str]) -> set[str]:
        return set(card_ids)


class ListedCards:
    """A short list of cards held in memory (timeline drills), in order.

    Args:
        guide_id: The guide whose progress holds their states.
        cards: The cards, in order.
        progress: Where states are stored.
        suspended: Returns the ids of the suspended ones (none by default).
    """

    def __init__(self, *, guide_id: str, cards: Sequence[Card], progress: ProgressStore,
                 suspended: Callable[[], Collection[str]] = frozenset) -> None:
        self._guide_id = guide_id
        self._cards = {card.id: card for card in cards}
        self._order = [card.id for card in cards]
        self._rank = {card_id: i for i, card_id in enumerate(self._order)}
        self._progress = progress
        self._suspended = suspended

    def _phases(self) -> dict[str, tuple[int, datetime]]:
        return {k: v for k, v in self._progress.phases(self._guide_id).items() if k in self._cards}

    def card(self, card_id: str) -> Card | None:
        return self._cards.get(card_id)

    def suspended(self, card_id: str) -> bool:
        return card_id in self._suspended()

    def suspended_ids(self) -> set[str]:
        """The suspended cards, read once (a custom session picks its cards with them)."""
        return set(self._suspended())

    def standing(self, card_id: str) -> tuple[int, datetime | None]:
        return standing(self._progress, self._guide_id, card_id)

    def pages(self, now: datetime) -> Pages:
        phases, suspended = self._phases(), set(self._suspended())
        due = sorted((when, self._rank[cid], cid, phase) for cid, (phase, when) in phases.items()
                     if when <= now and cid not in suspended)
        return _ListedPages([(cid, kind_of(phase)) for _, _, cid, phase in due],
                            [cid for cid in self._order if cid not in phases and cid not in suspended])

    def next_due(self, pages: Pages, *, after: datetime | None, held: Collection[str]) -> datetime | None:
        left_out = set(held) | set(self._suspended())
        return min((when for cid, (_, when) in self._phases().items()
                    if cid not in left_out and (after is None or when > after)), default=None)

    def size(self) -> int:
        return len(self._order)
