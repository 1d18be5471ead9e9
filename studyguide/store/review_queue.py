"""Pages of a review session's waiting cards, read by indexed queries with a LIMIT.

A session (``review.queue``) reads its due cards a page at a time in (due, position, id)
order from the ``(guide, due)`` index, and its new cards in guide order from the cards'
``position`` index, each after the last key it read: starting a session at a million cards
reads one page, not every card. The queries are written beside the due counts
(``store.due``), so both agree on which cards are waiting.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from studyguide.domain.review import LEARNING_PHASES
from studyguide.store.content import ContentStore
from studyguide.store.due import DUE_PAGE, DUE_PAGE_OF_SECTION, NEW_PAGE, NEXT_DUE, TAKEN, DueCounter
from studyguide.store.sqlite import Database

Key = tuple[object, ...]


def read_only_counter(progress: Path) -> DueCounter:
    """A due counter on a read-only connection of its own to the progress file (for one worker
    thread; close it with ``counter.database.close()`` on that thread)."""
    return DueCounter(db=Database(
        sqlite3.connect(f"{progress.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)))


class QueuePages:
    """The waiting cards of one guide (or one section) at one moment, a page at a time.

    Args:
        counter: The due counter (its progress file is attached to the guide's connection).
        guide_id: The guide.
        guide: Its content store.
        now: Cards due at or before this are waiting (the session's load).
        section_id: Only this section's cards.
    """

    def __init__(self, *, counter: DueCounter, guide_id: str, guide: ContentStore, now: datetime,
                 section_id: str | None) -> None:
        self._counter = counter
        self._guide = guide
        self._args: dict[str, object] = {"guide": guide_id, "now": now.isoformat(), "section": section_id}
        self._section = section_id
        #: Rows read so far (the tests check a session's start reads one page).
        self.rows_read = 0

    def _rows(self, sql: str, args: dict[str, object]) -> list[tuple[Any, ...]]:
        with self._counter.joined(self._guide) as db:
            rows = db.execute(sql, {**self._args, **args}).fetchall()
        self.rows_read += len(rows)
        return rows

    def due(self, after: Key | None, limit: int) -> list[tuple[str, int, Key]]:
        """Due cards after ``after``: (card id, kind 1 learning or 2 review, key)."""
        due, position, card = after if after is not None else ("", -(2 ** 62), "")
        rows = self._rows(DUE_PAGE_OF_SECTION if self._section is not None else DUE_PAGE,
                          {"due": due, "position": position, "card": card, "limit": limit})
        return [(cid, 1 if phase in LEARNING_PHASES else 2, (when, pos, cid)) for cid, phase, when, pos in rows]

    def new(self, after: Key | None, limit: int) -> list[tuple[str, Key]]:
        """New cards in guide order after ``after``: (card id, key)."""
        position, card = after if after is not None else (-(2 ** 62), "")
        sql = NEW_PAGE.format(section="c.section_id = :section AND" if self._section is not None else "")
        rows = self._rows(sql, {"position": position, "card": card, "limit": limit})
        return [(cid, (pos, cid)) for cid, pos in rows]

    def still_new(self, card_ids: Sequence[str]) -> set[str]:
        """Those of ``card_ids`` (a page of new cards read earlier) still without a state and not suspended."""
        taken = self._rows(TAKEN, {"ids": json.dumps(list(card_ids))})
        return set(card_ids) - {row[0] for row in taken}

    def next_due(self, *, after: datetime | None, held: Collection[str]) -> datetime | None:
        """The earliest due time after ``after`` (None: any) of the scope's studied cards, not
        suspended, leaving out ``held`` (cards in the queue)."""
        sql = NEXT_DUE.format(section="c.section_id = :section AND" if self._section is not None else "")
        rows = self._rows(sql, {"after": after.isoformat() if after is not None else "",
                                "held": json.dumps(sorted(held))})
        return datetime.fromisoformat(rows[0][0]) if rows else None
