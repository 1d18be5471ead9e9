"""The card browser's writes to card states: forget (back to new, the review log kept) and set
the due date, each in one transaction, each handing back the rows it replaced so its undo can
put them back exactly (``restore``).

Each forget and set-due is also logged as an event of its card (``card_events``), in the same
transaction: the sync journal carries them to the other devices, and a merge replays them with
the answers (docs/sync.md). An undo takes its events back (and a redo makes them anew).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.domain.card_events import FORGET, SET_DUE
from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.due_days import bulk
from studyguide.store.transactions import immediate

if TYPE_CHECKING:
    import sqlite_utils

#: A card's stored state row: (guide id, card id, state, due, suspended, phase, stability).
StateRow = tuple[Any, ...]
_COLUMNS = "guide_id, card_id, state, due, suspended, phase, stability"
#: A card event as made again by a redo: (guide id, card id, kind, at, due).
EventSpec = tuple[str, str, str, str, str | None]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an undo (or redo) of a card browser write puts back: the cards' state rows, the events
    to take back (by id) and the events to make again."""

    rows: tuple[StateRow, ...]
    take_back: tuple[int, ...] = ()
    bring_back: tuple[EventSpec, ...] = ()


class CardStates:
    """Bulk writes to ``card_state`` on the progress connection (the UI thread's).

    Args:
        db: The progress database.
        path: Its file (for error messages).
    """

    def __init__(self, *, db: sqlite_utils.Database, path: Path) -> None:
        self._db = db
        self._path = path

    def _rows(self, keys: Sequence[tuple[str, str]]) -> list[StateRow]:
        return [tuple(r) for r in self._db.execute(
            f"SELECT {_COLUMNS} FROM [{schema.CARD_STATE}] WHERE (guide_id, card_id) IN "
            "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))",
            [json.dumps([list(k) for k in keys])]).fetchall()]

    def _bulk(self, keys: Sequence[tuple[str, str]]) -> contextlib.AbstractContextManager[None]:
        """Many cards' states written at once are counted per due day afresh, not one by one (store/due_days.py)."""
        return bulk(self._db.conn, {g for g, _ in keys}, writes=len(keys))

    def _delete(self, keys: Sequence[tuple[str, str]]) -> None:
        self._db.conn.executemany(f"DELETE FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ?",
                                  [tuple(k) for k in keys])

    def _log(self, events: Sequence[EventSpec]) -> tuple[int, ...]:
        """Log card events (inside the write's transaction); returns their ids."""
        return tuple(int(self._db.execute(
            f"INSERT INTO [{schema.CARD_EVENTS}] (guide_id, card_id, kind, at, due) VALUES (?, ?, ?, ?, ?)",
            list(event)).lastrowid or 0) for event in events)

    def _take_back(self, ids: Sequence[int]) -> tuple[EventSpec, ...]:
        """Take events back (an undo): one not journaled yet is dropped, a journaled one is marked
        for the next sync to journal its undo; returns them, to be made again by a redo."""
        taken: list[EventSpec] = []
        for event_id in ids:
            row = self._db.execute(f"SELECT guide_id, card_id, kind, at, due, device FROM [{schema.CARD_EVENTS}] "
                                   "WHERE id = ? AND undone = 0", [event_id]).fetchone()
            if row is None:
                continue
            taken.append(tuple(row[:5]))
            if row[5] is None:
                self._db.execute(f"DELETE FROM [{schema.CARD_EVENTS}] WHERE id = ?", [event_id])
            else:
                self._db.execute(f"UPDATE [{schema.CARD_EVENTS}] SET undone = 1 WHERE id = ?", [event_id])
        return tuple(taken)

    def forget(self, keys: Sequence[tuple[str, str]], *, at: datetime) -> Snapshot:
        """Make these cards new again (their answers stay in the log); returns the rows removed and
        the events logged (for ``restore``)."""
        try:
            with immediate(self._db), self._bulk(keys):
                saved = self._rows(keys)
                self._delete(keys)
                logged = self._log([(g, c, FORGET, at.isoformat(), None) for g, c in keys])
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return Snapshot(tuple(saved), logged)

    def set_due(self, keys: Sequence[tuple[str, str]], due: datetime, *, at: datetime) -> Snapshot:
        """Make these studied cards fall due at ``due`` (new cards are left new); returns the rows
        as they were and the events logged."""
        try:
            with immediate(self._db), self._bulk(keys):
                saved = self._rows(keys)
                # the state's text as an answer given next records it (json.dumps, key order kept)
                self._db.conn.executemany(
                    f"UPDATE [{schema.CARD_STATE}] SET due = ?, state = ? WHERE guide_id = ? AND card_id = ?",
                    [(due.isoformat(), json.dumps({**json.loads(r[2]), "due": due.isoformat()}), r[0], r[1])
                     for r in saved])
                logged = self._log([(g, c, SET_DUE, at.isoformat(), due.isoformat()) for g, c in keys])
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return Snapshot(tuple(saved), logged)

    def restore(self, keys: Sequence[tuple[str, str]], snapshot: Snapshot) -> Snapshot:
        """Put back the states of ``keys`` as the snapshot's rows (cards absent from them become new
        again), take back its events and make its others again; returns the snapshot of what was
        replaced, for a redo."""
        try:
            with immediate(self._db), self._bulk([*keys, *(r[:2] for r in snapshot.rows)]):
                saved = self._rows(keys)
                self._delete(keys)
                self._db.conn.executemany(
                    f"INSERT INTO [{schema.CARD_STATE}] ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", list(snapshot.rows))
                taken = self._take_back(snapshot.take_back)
                logged = self._log(snapshot.bring_back)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return Snapshot(tuple(saved), logged, taken)
