"""Whether the progress database holds anything of a guide id: a copy's new id must be one it never saw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyguide.store import schema
from studyguide.store.settings import EXAM, EXTRA_NEW, GUIDE_PARAMETERS

if TYPE_CHECKING:
    import sqlite_utils

#: Every progress table keyed by guide id (each has an index, or a key, that starts with it).
_KEYED = (schema.GUIDE_ADDED, schema.CARD_STATE, schema.REVIEW_LOG, schema.CARD_EDITS, schema.CARD_EVENTS,
          schema.SYNC_VERSIONS)
#: Every setting keyed by guide id (``store.settings``: "exam:<id>"...): a copy must not take a deleted
#: guide's exam plan or fitted parameters either.
_SETTING_PREFIXES = (EXAM, GUIDE_PARAMETERS, EXTRA_NEW)


def progress_knows(db: sqlite_utils.Database, guide_id: str) -> bool:
    """True when any answer, card state, edit, card event, sync version, first sighting or setting (exam, fitted
    parameters, extra new cards) of ``guide_id`` is in the progress database (a deleted guide's history stays
    there: a new guide of its id would take it over)."""
    present = {str(row[0]) for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if schema.SETTINGS in present and db.execute(
            f"SELECT 1 FROM [{schema.SETTINGS}] WHERE key IN ({', '.join('?' * len(_SETTING_PREFIXES))}) LIMIT 1",
            [f"{prefix}{guide_id}" for prefix in _SETTING_PREFIXES]).fetchone():
        return True
    return any(db.execute(f"SELECT 1 FROM [{table}] WHERE guide_id = ? LIMIT 1", [guide_id]).fetchone()
               for table in _KEYED if table in present)
