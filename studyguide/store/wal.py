"""Keeping the progress database's write-ahead log small, above all on a nearly full disk.

SQLite copies the log back into the database (a checkpoint) only once it passes
1,000 pages (4 MB), and even then never shrinks the file. On a small or nearly
full disk the log alone could fill it. So: the log is cut back to
``connection.WAL_SIZE_LIMIT`` whenever SQLite restarts it; on a low disk
(checked with each answer) SQLite checkpoints at every commit and the file is
cut back to ``LOW_DISK_WAL_LIMIT``; and when the app is idle, or closes, the
log is checkpointed and truncated to 0 bytes.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.store.connection import WAL_SIZE_LIMIT, checkpoint, environment_kind
from studyguide.store.integrity import unchecked

if TYPE_CHECKING:
    import sqlite_utils

#: Below this much free space the disk counts as low.
LOW_DISK_BYTES = 64 * 1024 * 1024
#: On a low disk: checkpoint at every commit that leaves more than this many pages in the log...
LOW_DISK_AUTOCHECKPOINT = 1
#: ... and cut the log back to this size each time SQLite restarts it.
LOW_DISK_WAL_LIMIT = 64 * 1024
#: SQLite's own default, used while the disk has room.
DEFAULT_AUTOCHECKPOINT = 1000
#: The app counts as idle this long after the last write.
IDLE_AFTER_S = 5.0


class WalKeeper:
    """Checkpoints one connection's write-ahead log at the right moments.

    Args:
        db: The progress database's connection.
        path: The database file (its folder's free space is what counts).
        free_bytes: Free space in a folder (``shutil.disk_usage`` by default; tests inject a low disk).
        clock: A monotonic clock in seconds.
    """

    def __init__(self, db: sqlite_utils.Database, path: Path, *,
                 free_bytes: Callable[[Path], int] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._db = db
        self._path = path
        self._free_bytes = free_bytes or (lambda folder: shutil.disk_usage(folder).free)
        self._clock = clock
        self._low: bool | None = None
        self._closed = False
        self._last_write: float | None = None
        self.after_write()

    @property
    def low_disk(self) -> bool:
        """True while the disk holding the database has less than ``LOW_DISK_BYTES`` free."""
        return bool(self._low)

    def wal_size(self) -> int:
        """The log's size in bytes (0 when there is none)."""
        try:
            return self._path.with_name(self._path.name + "-wal").stat().st_size
        except OSError:
            return 0

    def after_write(self) -> None:
        """Call with each answer (inside or after its transaction): adapts checkpoints to the free space.

        On a low disk SQLite then checkpoints as the transaction commits, and the log
        stays within ``LOW_DISK_WAL_LIMIT``. Costs one ``statvfs`` call.
        """
        self._last_write = self._clock()
        try:
            low = self._free_bytes(self._path.parent) < LOW_DISK_BYTES
        except OSError:
            return  # the free space is unknown: keep what was set
        if low == self._low:
            return
        self._low = low
        autocheckpoint, limit = ((LOW_DISK_AUTOCHECKPOINT, LOW_DISK_WAL_LIMIT) if low
                                 else (DEFAULT_AUTOCHECKPOINT, WAL_SIZE_LIMIT))
        # Connection settings, not writes: allowed inside a transaction.
        self._db.execute(f"PRAGMA wal_autocheckpoint={autocheckpoint}")
        self._db.execute(f"PRAGMA journal_size_limit={limit}")

    def checkpoint(self) -> bool:
        """Copy the log into the database and truncate it to 0 bytes, now.

        Returns:
            True if the log is empty now; False if it could not be (a reader elsewhere
            kept it, a transaction is open, the file is busy or the disk full): it is
            tried again later.
        """
        if self._db.conn.in_transaction or unchecked(self._db.conn):  # nothing written to a file not checked
            return False
        try:
            return checkpoint(self._db)
        except sqlite3.Error as error:
            # Busy, locked, or no room to grow the database yet: the log keeps every answer
            # safe meanwhile, and a later moment will do. Anything else is a bug.
            if environment_kind(error) is None:
                raise
            return False

    def close(self) -> None:
        """Checkpoint and truncate the log before the connection closes (once; later calls do nothing)."""
        if not self._closed:
            self._closed = True
            self.checkpoint()

    def on_idle(self) -> bool:
        """Call when the app is idle: checkpoints once nothing was written for ``IDLE_AFTER_S``.

        Returns:
            True if a checkpoint ran and emptied the log.
        """
        if self._closed or self._last_write is None or self._clock() - self._last_write < IDLE_AFTER_S:
            return False
        if self.wal_size() == 0:
            self._last_write = None
            return False
        if self.checkpoint():
            self._last_write = None
            return True
        return False
