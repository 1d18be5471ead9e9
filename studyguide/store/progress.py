"""The user's progress: card states and the append-only review log.

Progress is keyed by (guide id, card id), both stable ids from the guide's
source, so rebuilding or re-importing a guide never loses a review. Each
answer is one transaction that appends a log row (holding the previous
state, for undo) and upserts the card's state; it is durable before the
next card is shown.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from studyguide.domain.changes import Changes
from studyguide.store import schema
from studyguide.store.connection import explain, open_progress


@dataclass(frozen=True, slots=True)
class CardProgress:
    """A card's stored scheduling state.

    Attributes:
        card_id: The card's stable id.
        state: The scheduler's own serialised state (opaque to the store).
        due: When the card is next due (timezone-aware UTC).
    """

    card_id: str
    state: dict
    due: datetime


@dataclass(frozen=True, slots=True)
class UndoneAnswer:
    """What ``undo_last_answer`` took back."""

    card_id: str
    rating: int


class ProgressStore:
    """Reads and writes one user's progress database."""

    def __init__(self, *, path: Path, backups: Path) -> None:
        self.path = path
        self._db = open_progress(
            path,
            migrate=schema.migrate_progress,
            pending=schema.pending_progress_migrations,
            backups=backups,
        )

    def close(self) -> None:
        """Close the connection (WAL is checkpointed by SQLite on close)."""
        self._db.close()

    def card_states(self, guide_id: str) -> dict[str, CardProgress]:
        """Every stored card state of a guide, by card id."""
        try:
            rows = self._db[schema.CARD_STATE].rows_where("guide_id = ?", [guide_id])
            return {
                r["card_id"]: CardProgress(r["card_id"], json.loads(r["state"]), datetime.fromisoformat(r["due"]))
                for r in rows
            }
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def review_count(self, guide_id: str, card_id: str | None = None) -> int:
        """How many answers are logged for a guide, or for one of its cards."""
        where, args = "guide_id = ?", [guide_id]
        if card_id is not None:
            where, args = where + " AND card_id = ?", args + [card_id]
        return self._db[schema.REVIEW_LOG].count_where(where, args)

    def record_answer(
        self,
        *,
        guide_id: str,
        card_id: str,
        rating: int,
        reviewed_at: datetime,
        new_state: dict,
        due: datetime,
        previous_state: dict | None,
        duration_ms: int | None = None,
    ) -> Changes:
        """Append one answer to the log and store the card's new state, atomically.

        Raises:
            StoreUnavailable: If the disk is full, the file locked or read-only;
                nothing is written in that case.
        """
        try:
            with self._db.atomic():
                self._db[schema.REVIEW_LOG].insert(
                    {
                        "guide_id": guide_id,
                        "card_id": card_id,
                        "rating": rating,
                        "reviewed_at": reviewed_at.isoformat(),
                        "duration_ms": duration_ms,
                        "previous_state": json.dumps(previous_state) if previous_state is not None else None,
                        "new_state": json.dumps(new_state),
                    }
                )
                self._db[schema.CARD_STATE].upsert(
                    {"guide_id": guide_id, "card_id": card_id, "state": json.dumps(new_state),
                     "due": due.isoformat()},
                    pk=("guide_id", "card_id"),
                )
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return Changes(progress=True, due_counts=True)

    def undo_last_answer(self, guide_id: str) -> UndoneAnswer | None:
        """Remove the newest answer of a guide and restore the state before it.

        Returns:
            The card and rating taken back, or None when there is nothing to undo.
        """
        try:
            with self._db.atomic():
                rows = list(self._db[schema.REVIEW_LOG].rows_where(
                    "guide_id = ?", [guide_id], order_by="id desc", limit=1))
                if not rows:
                    return None
                last = rows[0]
                key = (guide_id, last["card_id"])
                if last["previous_state"] is None:
                    self._db[schema.CARD_STATE].delete_where("guide_id = ? AND card_id = ?", list(key))
                else:
                    previous = json.loads(last["previous_state"])
                    self._db[schema.CARD_STATE].update(
                        key, {"state": last["previous_state"], "due": previous["due"]})
                self._db[schema.REVIEW_LOG].delete(last["id"])
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return UndoneAnswer(card_id=last["card_id"], rating=last["rating"])
