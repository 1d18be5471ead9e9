"""The learner's card changes in the sync journal: versions per item, conflicts kept for the learner.

Each of a card's learner fields (``front``, ``back``, ``suspended``, kept in ``card_edits``) is a
multi-value register: every change is a version naming the versions it replaces. The field's
value is its one version no other replaces; when two devices changed it offline there are two,
both kept (``conflicts``) until the learner picks one (``pick``), which journals a version replacing
both. Nothing is silently dropped. The review settings are the fields of one more item, and a
guide's own fitted parameters the field of the item (guide id, ``GUIDE_ITEM``): two fits made
offline are no conflict, the latest version wins (``LATEST_WINS``). Runs inside
``SyncStateStore``'s transactions.
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlite_utils

from studyguide.domain.journal import (
    CARD_FIELDS,
    GUIDE_FIELDS,
    GUIDE_ITEM,
    LATEST_WINS,
    SETTINGS_FIELDS,
    SETTINGS_ITEM,
    EntryKey,
    FieldConflict,
    JournalField,
)
from studyguide.store import schema
from studyguide.store.settings import GUIDE_PARAMETERS

#: The fields kept here (the user's own guides' items are ``store.content_journal``'s).
_FIELDS = ", ".join(f"'{f}'" for f in CARD_FIELDS + SETTINGS_FIELDS + GUIDE_FIELDS)
#: A field's value when the learner never changed it.
_DEFAULTS: dict[str, str | int | None] = {"front": None, "back": None, "suspended": 0, "guide_fsrs_parameters": None}


class FieldVersions:
    """The versions of the learner's card changes (on the progress connection).

    Args:
        db: The progress database.
    """

    def __init__(self, *, db: sqlite_utils.Database) -> None:
        self._db = db

    def _heads(self, guide_id: str, card_id: str, field: str) -> list[tuple[EntryKey, str | int | None, str]]:
        """The versions of a field no other replaces: (key, value, when), oldest first."""
        rows = self._db.execute(
            f"SELECT device, segment, idx, value, replaces, at FROM [{schema.SYNC_VERSIONS}] "
            "WHERE guide_id = ? AND card_id = ? AND field = ?", [guide_id, card_id, field]).fetchall()
        replaced = {tuple(k) for r in rows for k in json.loads(r[4])}
        heads = [((d, s, i), json.loads(v), at or "") for d, s, i, v, _, at in rows if (d, s, i) not in replaced]
        heads.sort(key=lambda h: (h[2], h[0]))
        return heads[-1:] if field in LATEST_WINS else heads

    def _current(self, guide_id: str, card_id: str) -> dict[str, str | int | None]:
        if (guide_id, card_id) == (SETTINGS_ITEM, SETTINGS_ITEM):  # the review settings, as saved (text)
            saved = dict(self._db.execute(f"SELECT key, value FROM [{schema.SETTINGS}] WHERE key IN (?, ?, ?)",
                                          SETTINGS_FIELDS).fetchall())
            return {field: saved.get(field) for field in SETTINGS_FIELDS}
        if card_id == GUIDE_ITEM:  # a guide's own fitted parameters, as saved (JSON text)
            row = self._db.execute(f"SELECT value FROM [{schema.SETTINGS}] WHERE key = ?",
                                   [GUIDE_PARAMETERS + guide_id]).fetchone()
            return {GUIDE_FIELDS[0]: None if row is None else row[0]}
        row = self._db.execute(f"SELECT front, back, suspended FROM [{schema.CARD_EDITS}] WHERE guide_id = ? AND "
                               "card_id = ?", [guide_id, card_id]).fetchone()
        return dict(_DEFAULTS) if row is None else {"front": row[0], "back": row[1], "suspended": int(row[2] or 0)}

    def local_changes(self, *, device_id: str, number: int, first_index: int, at: str) -> list[JournalField]:
        """New versions for the changes made here since the last sync (recorded as this device's
        entries ``first_index``, ``first_index + 1``... of segment ``number``)."""
        items = self._db.execute(
            f"SELECT guide_id, card_id FROM [{schema.CARD_EDITS}] UNION "
            f"SELECT guide_id, card_id FROM [{schema.SYNC_VERSIONS}] WHERE field IN ({_FIELDS}) "
            "UNION SELECT ?, ? UNION "
            f"SELECT substr(key, ?), ? FROM [{schema.SETTINGS}] WHERE key > ? AND key < ?",
            [SETTINGS_ITEM, SETTINGS_ITEM, len(GUIDE_PARAMETERS) + 1, GUIDE_ITEM, GUIDE_PARAMETERS,
             GUIDE_PARAMETERS[:-1] + ";"]).fetchall()
        picked = {tuple(r) for r in self._db.execute(f"SELECT guide_id, card_id, field FROM [{schema.SYNC_PICKS}]")}
        made: list[JournalField] = []
        for guide_id, card_id in items:
            current = self._current(guide_id, card_id)
            for field in current:
                heads = self._heads(guide_id, card_id, field)
                values = {json.dumps(h[1]) for h in heads}
                value = current[field]
                if (guide_id, card_id, field) in picked or (len(values) == 1 and heads[0][1] != value) or (
                        not heads and value != _DEFAULTS.get(field)):
                    made.append(JournalField(guide_id, card_id, field, value, tuple(h[0] for h in heads), at))
        for index, version in enumerate(made, first_index):
            self.add((device_id, number, index), version)
        self._db.execute(f"DELETE FROM [{schema.SYNC_PICKS}] WHERE field IN ({_FIELDS})")
        return made

    def add(self, key: EntryKey, version: JournalField) -> None:
        """Record a version (this device's or another's)."""
        self._db.execute(
            f"INSERT OR IGNORE INTO [{schema.SYNC_VERSIONS}] (device, segment, idx, guide_id, card_id, field, value, "
            "replaces, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*key, version.guide_id, version.card_id, version.field, json.dumps(version.value),
             json.dumps([list(k) for k in version.replaces]), version.at])

    def settle(self, items: set[tuple[str, str, str]], *, now: datetime) -> int:
        """Give each of these fields its one current version's value; returns how many are in
        conflict (two current versions: the value here stays until the learner picks)."""
        conflicts = 0
        for guide_id, card_id, field in sorted(items):
            heads = self._heads(guide_id, card_id, field)
            if len({json.dumps(h[1]) for h in heads}) > 1:  # the same change made on two devices is none
                conflicts += 1
            elif heads and self._current(guide_id, card_id)[field] != heads[0][1]:
                self._set(guide_id, card_id, field, heads[0][1], now)
        return conflicts

    def _set(self, guide_id: str, card_id: str, field: str, value: str | int | None, now: datetime) -> None:
        if (guide_id, card_id) == (SETTINGS_ITEM, SETTINGS_ITEM):
            assert field in SETTINGS_FIELDS
            self._db.execute(f"DELETE FROM [{schema.SETTINGS}] WHERE key = ?", [field])
            if value is not None:
                self._db.execute(f"INSERT INTO [{schema.SETTINGS}] (key, value) VALUES (?, ?)", [field, str(value)])
            return
        if card_id == GUIDE_ITEM:
            assert field in GUIDE_FIELDS
            self._db.execute(f"DELETE FROM [{schema.SETTINGS}] WHERE key = ?", [GUIDE_PARAMETERS + guide_id])
            if value is not None:
                self._db.execute(f"INSERT INTO [{schema.SETTINGS}] (key, value) VALUES (?, ?)",
                                 [GUIDE_PARAMETERS + guide_id, str(value)])
            return
        assert field in CARD_FIELDS  # a column name: only ever one of these
        self._db.execute(
            f"INSERT INTO [{schema.CARD_EDITS}] (guide_id, card_id, {field}, updated_at) VALUES (?, ?, ?, ?) "
            f"ON CONFLICT (guide_id, card_id) DO UPDATE SET {field} = excluded.{field}, "
            "updated_at = excluded.updated_at", [guide_id, card_id, value, now.isoformat()])

    def conflicts(self, names: dict[str, str]) -> list[FieldConflict]:
        """Every field two devices changed offline, with each version (device names from ``names``)."""
        items = self._db.execute(f"SELECT DISTINCT guide_id, card_id, field FROM [{schema.SYNC_VERSIONS}] "
                                 f"WHERE field IN ({_FIELDS}) ORDER BY 1, 2, 3").fetchall()
        found = []
        for guide_id, card_id, field in items:
            heads = self._heads(guide_id, card_id, field)
            if len({json.dumps(h[1]) for h in heads}) > 1:
                found.append(FieldConflict(guide_id, card_id, field, tuple(
                    (names.get(key[0], key[0]), value, at) for key, value, at in heads)))
        return found

    def pick(self, guide_id: str, card_id: str, field: str, value: str | int | None, *, now: datetime) -> None:
        """Settle a conflict with ``value`` (the next sync journals it, replacing every version)."""
        self._set(guide_id, card_id, field, value, now)
        self._db.execute(f"INSERT OR IGNORE INTO [{schema.SYNC_PICKS}] (guide_id, card_id, field) VALUES (?, ?, ?)",
                         [guide_id, card_id, field])
