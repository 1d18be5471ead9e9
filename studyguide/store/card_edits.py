"""The learner's own card changes (edited text, suspension), kept beside progress.

Guides are read-only; a learner who fixes a card's wording or suspends it
changes only this table, keyed by the card's stable id, so the change
survives guide updates and re-imports.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.domain.changes import Changes
from studyguide.domain.review import CardEdit
from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.transactions import immediate

if TYPE_CHECKING:
    import sqlite_utils


class CardEditsStore:
    """Reads and writes card edits in the progress database."""

    def __init__(self, *, db: sqlite_utils.Database, path: Path) -> None:
        self._db = db
        self._path = path

    def edits(self, guide_id: str) -> dict[str, CardEdit]:
        """Every edit of a guide's cards, by card id."""
        rows = self._db.execute(f"SELECT card_id, front, back, suspended FROM [{schema.CARD_EDITS}] WHERE guide_id = ?",
                                [guide_id]).fetchall()
        return {card_id: CardEdit(front, back, bool(suspended)) for card_id, front, back, suspended in rows}

    def edit(self, guide_id: str, card_id: str) -> CardEdit | None:
        """One card's edit (its wording, whether it is suspended), or None."""
        try:
            row = self._db.execute(f"SELECT front, back, suspended FROM [{schema.CARD_EDITS}] "
                                   "WHERE guide_id = ? AND card_id = ?", [guide_id, card_id]).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return None if row is None else CardEdit(row[0], row[1], bool(row[2]))

    def suspended(self, guide_id: str | None = None) -> list[tuple[str, str]]:
        """Suspended cards as (guide id, card id), most recently suspended first.

        Args:
            guide_id: Only this guide's cards (None: every guide's).
        """
        where, args = "suspended", []
        if guide_id is not None:
            where, args = "guide_id = ? AND suspended", [guide_id]
        try:
            rows = self._db.execute(f"SELECT guide_id, card_id FROM [{schema.CARD_EDITS}] WHERE {where} "
                                    "ORDER BY updated_at desc, card_id", args).fetchall()
            return [(guide, card) for guide, card in rows]
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def _write(self, guide_id: str, card_id: str, values: dict[str, object], now: datetime) -> None:
        try:
            row = {**values, "updated_at": now.isoformat()}  # (plain SQL: sqlite-utils costs 35 ms to import)
            with immediate(self._db):
                self._db.execute(
                    f"INSERT INTO [{schema.CARD_EDITS}] (guide_id, card_id, {', '.join(row)}) VALUES (?, ?"
                    f"{', ?' * len(row)}) ON CONFLICT (guide_id, card_id) DO UPDATE SET "
                    + ", ".join(f"{column} = excluded.{column}" for column in row), [guide_id, card_id, *row.values()])
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def set_text(self, guide_id: str, card_id: str, *, front: str | None, back: str | None,
                 now: datetime) -> Changes:
        """Replace a card's question and answer with the learner's wording (None: the guide's)."""
        self._write(guide_id, card_id, {"front": front, "back": back}, now)
        return Changes(content=True, search_index=False)

    def set_suspended_many(self, keys: Sequence[tuple[str, str]], *, suspended: bool, now: datetime) -> Changes:
        """Suspend (or bring back) many cards, given as (guide id, card id), in one transaction."""
        try:
            with immediate(self._db):
                self._db.conn.executemany(
                    f"INSERT INTO [{schema.CARD_EDITS}] (guide_id, card_id, suspended, updated_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (guide_id, card_id) DO UPDATE SET suspended = excluded.suspended, "
                    "updated_at = excluded.updated_at", [(g, c, int(suspended), now.isoformat()) for g, c in keys])
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return Changes(progress=True, due_counts=True)

    def set_suspended(self, guide_id: str, card_id: str, *, suspended: bool, now: datetime) -> Changes:
        """Suspend a card (it leaves every review queue) or bring it back."""
        self._write(guide_id, card_id, {"suspended": int(suspended)}, now)
        return Changes(progress=True, due_counts=True)
