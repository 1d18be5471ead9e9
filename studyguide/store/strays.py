"""Each guide's strays, kept in the progress file so that a fresh process need not look for them again.

A *stray* is a card state whose card the guide no longer has (``store/due.py`` never counts it).
Finding a guide's strays compares every one of its states with the guide's cards: about 0.5 s at
1,000,000 cards, on the UI thread, the first time a process counted the guide's due cards. The
progress file keeps what was found (``guide_strays``): the strays and the guide's number of cards,
with the guide file's stamp they were found against and the highest ``card_state`` rowid examined.
A fresh process reads that row; only states added since (a rowid above the one examined) are
compared with the guide, and everything is found again only when the guide's file changed (an
edit, a re-import, a new version of the bundled guide).

New rows always get a rowid above the highest one (``card_state`` has no explicit integer key, so
SQLite gives max + 1); a deleted top row's rowid can be given again, so a trigger (``schema``,
m010) lowers ``examined`` to the highest rowid left whenever a state is deleted. The row is written
only while holding the write lock (``BEGIN IMMEDIATE``), so nothing is committed between the read
it was found from and the write; where the connection may not be written (a worker's read-only
one, a file not yet checked, a transaction already open) the strays are found the same way and
kept in memory only. It is derived data, like an index: not an undoable operation.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studyguide.store import schema

_KEPT = (f"SELECT (SELECT coalesce(max(rowid), 0) FROM [{schema.CARD_STATE}]), k.guide_stamp, k.examined, "
         f"k.strays, k.cards FROM (SELECT 1) LEFT JOIN [{schema.GUIDE_STRAYS}] k ON k.guide_id = ?")
_KEEP = (f"INSERT INTO [{schema.GUIDE_STRAYS}] (guide_id, guide_stamp, examined, strays, cards) "
         "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guide_id) DO UPDATE SET guide_stamp = excluded.guide_stamp, "
         "examined = excluded.examined, strays = excluded.strays, cards = excluded.cards")


def file_key(path: Path, stamps: Sequence[tuple[int, int, bytes] | None]) -> str:
    """A guide file's path and stamps (``connection.file_stamp``) as the text kept with its strays."""
    return json.dumps([str(path), *[None if f is None else [f[0], f[1], f[2].hex()] for f in stamps]])


class KeptStrays:
    """Reads and keeps each guide's strays and number of cards in the progress file.

    Args:
        conn: The progress connection.
        attached: The name the progress file is attached under on a guide's connection.
        writable: The connection may be written (not a worker's read-only one); nothing is written
            while it is ``PRAGMA query_only`` either (a progress file not yet checked).
    """

    def __init__(self, conn: sqlite3.Connection, *, attached: str, writable: bool) -> None:
        self._conn = conn
        self._writable = writable
        #: What was found while the file was not checked: written by ``keep_found`` once it is.
        self._unkept: dict[str, list[Any]] = {}
        top = f"SELECT NULL, coalesce(max(rowid), 0) FROM {attached}.[{schema.CARD_STATE}]"
        strays = (f"SELECT card_id, NULL FROM {attached}.[{schema.CARD_STATE}] WHERE {{}}guide_id = :guide "
                  f"AND card_id NOT IN (SELECT id FROM [{schema.CARDS}])")
        #: (NULL, top rowid), then (card id, NULL) per stray, in one snapshot: all of a guide's states (on
        #: its index), or those above a rowid (a range of rowids: the unary + keeps the guide's index out).
        self._scans = (f"{top} UNION ALL {strays.format('')}",
                       f"{top} UNION ALL {strays.format('+')} AND rowid > :after")

    def find(self, guide_id: str, *, stamp: str, guide: Any) -> tuple[frozenset[str], int]:
        """(strays, number of cards) of a guide whose file has the stamp ``stamp``.

        Args:
            guide_id: The guide.
            stamp: What changes with the guide's file (``file_key``).
            guide: The guide's connection, the progress file attached (its ``execute`` is used).

        Raises:
            sqlite3.Error: As the statements raise it.
        """
        kept = self._conn.execute(_KEPT, [guide_id]).fetchone()
        if kept[1] == stamp and kept[2] == kept[0]:  # nothing added since: read, not searched
            return frozenset(json.loads(kept[3])), int(kept[4])
        if not self._writable or self._conn.in_transaction:
            return self._found(kept, stamp, guide_id, guide)
        if self._conn.execute("PRAGMA query_only").fetchone()[0]:  # the file is not checked yet: kept after
            return self._found(kept, stamp, guide_id, guide, keep=False)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if not getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise
            return self._found(kept, stamp, guide_id, guide)  # another writer holds the lock: next time
        try:
            # With the write lock held nothing can be committed between this read and the write.
            kept = self._conn.execute(_KEPT, [guide_id]).fetchone()
            found = self._found(kept, stamp, guide_id, guide, keep=True)
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        return found

    def keep_found(self) -> None:
        """Keep what was found while the file could not be written (before its check), if no state was
        added or deleted at the top since (else the next count finds them again, from the kept mark)."""
        unkept, self._unkept = self._unkept, {}
        if not unkept or not self._writable or self._conn.in_transaction:
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            top = self._conn.execute(_KEPT, [""]).fetchone()[0]
            for row in unkept.values():
                if row[2] == top:
                    self._conn.execute(_KEEP, row)
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _found(self, kept: tuple[Any, ...], stamp: str, guide_id: str, guide: Any, *,
               keep: bool | None = None) -> tuple[frozenset[str], int]:
        """Add the strays above the examined rowid to those kept (all of them if the guide changed)."""
        top, kept_stamp, examined, strays, count = kept
        same = kept_stamp == stamp and examined is not None and examined <= top
        after = int(examined) if same else 0
        rows = guide.execute(self._scans[bool(after)], {"guide": guide_id, "after": after}).fetchall()
        found_top = next(int(t) for card, t in rows if card is None)
        found = frozenset(card for card, _ in rows if card is not None)
        all_strays = found | (frozenset(json.loads(strays)) if same else frozenset())
        number = int(count) if same else int(guide.execute(f"SELECT count(*) FROM [{schema.CARDS}]").fetchone()[0])
        row = [guide_id, stamp, found_top, json.dumps(sorted(all_strays)), number]
        if keep:
            self._conn.execute(_KEEP, row)
        elif keep is False:  # (None: never kept on this connection)
            self._unkept[guide_id] = row
        return all_strays, number
