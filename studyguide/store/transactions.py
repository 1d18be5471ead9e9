"""Write transactions that take the write lock up front, so another process makes them wait, not fail.

sqlite-utils' ``db.atomic()`` opens a deferred transaction (``BEGIN``). A deferred
transaction that reads before it writes holds a read snapshot; when it then wants to
write while another process writes (or has written since its snapshot), SQLite
cannot wait for the lock and fails at once with SQLITE_BUSY: the busy timeout is never
used. ``BEGIN IMMEDIATE`` takes the write lock before the first statement, waiting up to
the connection's busy timeout for another process to finish, and every read inside the
transaction sees the newest committed state.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyguide.store.integrity import check_before_write

if TYPE_CHECKING:
    import sqlite_utils


@contextlib.contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block in one write transaction that holds the write lock from its start.

    Commits when the block ends, rolls back when it raises. Inside an open transaction
    the block becomes a savepoint of it (the lock is then the outer transaction's).

    Raises:
        DamagedDatabase: A progress file opened before its integrity check failed it now.
        sqlite3.OperationalError: SQLITE_BUSY if another connection kept the write lock
            longer than the busy timeout (callers turn it into ``DatabaseInUse``).
    """
    conn = db.conn
    check_before_write(conn)  # a progress file opened before its check is checked now (store/integrity.py)
    if conn.in_transaction:
        savepoint = f"sg_{os.urandom(8).hex()}"  # (not secrets: it imports hashlib, 2 ms of the start)
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:  # an error may already have ended the whole transaction
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
