"""When each card was added: the browser's Added column and ``added:N`` (docs/storage.md).

- A user's guide records it per card: its database's ``card_added`` table (card id, time),
  written by ``GuideWriter`` when a note makes a card it did not make before (Add Card, a new
  cloze, an import of the author's Markdown). A card keeps its time through edits, deletion
  and Undo (the row stays), so a card deleted and brought back is as old as it was.
- Every guide has a time of its own in the progress database: ``guide_added``, when this
  library first saw the guide (its creation, import or editable copy; the bundled guide: the
  library's creation). A card with no time of its own (every card of the bundled guide, cards
  a guide had before this was recorded, an Anki or Quizlet import) was added then.
- Guides the library had before ``guide_added`` existed (an upgrade) get the earliest of: the
  first answer to one of their cards, the library's creation for the bundled guide, and the
  time of the upgrade. That is the latest time the library is known to have had them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from studyguide.store import schema

if TYPE_CHECKING:
    import sqlite_utils

CARD_ADDED = "card_added"
_CREATED = ("SELECT replace(min(applied_at), ' ', 'T') FROM _sqlite_migrations "
            "WHERE migration_set = 'studyguide.progress'")


def add_card_table(db: sqlite_utils.Database) -> None:
    """Give a user's guide database its ``card_added`` table (idempotent: older guides lack it)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS [{CARD_ADDED}] (card_id TEXT PRIMARY KEY, added_at TEXT NOT NULL) "
               "WITHOUT ROWID")


def note_cards(db: sqlite_utils.Database, card_ids: Sequence[str], now: datetime) -> None:
    """Record that these cards were added now (cards already recorded keep their time)."""
    db.conn.executemany(f"INSERT OR IGNORE INTO [{CARD_ADDED}] (card_id, added_at) VALUES (?, ?)",
                        [(card_id, now.isoformat()) for card_id in card_ids])


def note_guides(progress: sqlite_utils.Database, guide_ids: Sequence[str], *, now: datetime,
                bundled: str | None) -> None:
    """Record when the library first saw the guides it has not seen before (see the module).

    A locked or read-only progress database records nothing (the guides' cards show no Added
    time until a later start records it).
    """
    try:
        seen = {str(r[0]) for r in progress.execute(f"SELECT guide_id FROM [{schema.GUIDE_ADDED}]")}
        new = [g for g in dict.fromkeys(guide_ids) if g not in seen]
        if not new:
            return
        created = progress.execute(_CREATED).fetchone()[0]
        with progress.conn:
            for guide_id in new:
                progress.execute(
                    f"INSERT OR IGNORE INTO [{schema.GUIDE_ADDED}] (guide_id, added_at) SELECT ?, min(?, "
                    f"coalesce((SELECT min(reviewed_at) FROM [{schema.REVIEW_LOG}] WHERE guide_id = ?), ?), ?)",
                    [guide_id, now.isoformat(), guide_id, now.isoformat(),
                     (created or now.isoformat()) if guide_id == bundled else now.isoformat()])
    except sqlite3.OperationalError:  # locked or read-only: nothing recorded, nothing lost
        return
