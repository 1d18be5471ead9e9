"""The card browser's Forget and Set Due Date in the sync journal: journaled, applied, taken back.

``card_events`` logs each forget and set-due (``store/card_reset.py`` writes them with the card's
state, in one transaction). This device's new ones become journal entries at the next sync, and
the ones an undo took back after they were journaled become undo entries; other devices' are
added under their entry key. A merge replays each card with its events among its answers
(``domain.card_timeline``). Runs inside ``SyncStateStore``'s transactions. See docs/sync.md.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from studyguide.domain.card_events import CardEvent, JournalCardEvent
from studyguide.domain.journal import EntryKey, JournalUndo
from studyguide.store import schema

#: Where an event not journaled yet sorts among entries of the same moment (as a local answer).
_LOCAL = 1 << 62


class CardEventJournal:
    """The card events of one progress database, as the sync journal sees them.

    Args:
        db: The progress database.
    """

    def __init__(self, *, db: sqlite_utils.Database) -> None:
        self._db = db

    def local_entries(self, *, device_id: str, number: int,
                      first_index: int) -> tuple[list[dict[str, Any]], set[tuple[str, str]]]:
        """This device's events not journaled yet, then undos of journaled ones taken back since, as
        entries ``first_index``, ``first_index + 1``... of segment ``number``; and the cards they touch
        (replayed by the sync, so this device's state is the merged log's)."""
        events, entries = schema.CARD_EVENTS, schema.SYNC_ENTRIES
        new = self._db.execute(f"SELECT id, guide_id, card_id, kind, at, due FROM [{events}] "
                               "WHERE device IS NULL AND undone = 0 ORDER BY id").fetchall()
        gone = self._db.execute(f"SELECT id, device, segment, idx, guide_id, card_id FROM [{events}] "
                                "WHERE undone = 1 ORDER BY id").fetchall()
        payload = [JournalCardEvent(g, c, k, at, due).to_json() for _, g, c, k, at, due in new]
        payload += [JournalUndo((d, s, i)).to_json() for _, d, s, i, _, _ in gone]
        self._db.conn.executemany(f"UPDATE [{events}] SET device = ?, segment = ?, idx = ? WHERE id = ?",
                                  [(device_id, number, first_index + n, row[0]) for n, row in enumerate(new)])
        self._db.conn.executemany(f"UPDATE [{events}] SET undone = 2 WHERE id = ?", [(row[0],) for row in gone])
        self._db.conn.executemany(f"UPDATE [{entries}] SET undone = 1 WHERE device = ? AND segment = ? AND idx = ?",
                                  [row[1:4] for row in gone])
        return payload, {(r[1], r[2]) for r in new} | {(r[4], r[5]) for r in gone}

    def add(self, key: EntryKey, event: JournalCardEvent) -> None:
        """Record another device's event under its entry key."""
        self._db.execute(f"INSERT INTO [{schema.CARD_EVENTS}] (guide_id, card_id, kind, at, due, device, segment, "
                         "idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*event, *key])

    def take_back(self, key: EntryKey) -> tuple[str, str] | None:
        """Take back the event journaled as ``key`` (another device undid it); returns its card, or
        None when no such event is here (taken back already, or the entry is not an event)."""
        row = self._db.execute(f"SELECT id, guide_id, card_id FROM [{schema.CARD_EVENTS}] WHERE device = ? AND "
                               "segment = ? AND idx = ? AND undone = 0", list(key)).fetchone()
        if row is None:
            return None
        self._db.execute(f"UPDATE [{schema.CARD_EVENTS}] SET undone = 2 WHERE id = ?", [row[0]])
        return row[1], row[2]

    def of_touched(self) -> dict[tuple[str, str], list[CardEvent]]:
        """The events in force of the cards in the merge's ``sync_touched`` temporary table, by card."""
        found: dict[tuple[str, str], list[CardEvent]] = {}
        for event_id, guide, card, kind, at, due, device, segment, index in self._db.execute(
                f"SELECT e.id, e.guide_id, e.card_id, e.kind, e.at, e.due, e.device, e.segment, e.idx "
                f"FROM sync_touched t JOIN [{schema.CARD_EVENTS}] e ON e.guide_id = t.guide_id AND "
                "e.card_id = t.card_id WHERE e.undone = 0"):
            origin = (device, segment, index) if device is not None else ("", _LOCAL, event_id)
            found.setdefault((guide, card), []).append(CardEvent(guide, card, kind, at, due, origin))
        return found
