"""Each guide's studied cards counted per phase and due day, kept in the progress file (m011).

Counting a guide's studied cards and the learning and review cards due now walked an index entry
per card: about 50-110 ms at 1,000,000 cards, the first time a process started a review session.
The progress file now keeps, per guide, how many card states it has in each phase with their due
time on each UTC day (``guide_due_days``: the first 10 characters of ``due``). Triggers on
``card_state`` (``schema.GUIDE_DUE_TRIGGERS``) keep it in the same transaction as every write
of a state, whoever writes it: an answer, its undo, Forget, Set Due Date, a progress import, a
sync's replay, ``rebuild-progress``. So

- the studied cards are the sum of the guide's rows (a few hundred: one per phase and day);
- the cards due now are the rows of days before today, plus today's cards due by now: an index
  range of one day of the (guide, phase, due) index. (A due time is text, compared as text: a
  day before today's is before now, a later day's is after it.)

A bulk write of many states (``bulk``) drops the triggers inside its transaction, marks its guides
as not kept (``guide_due_stale``) and counts them afresh from their states (and makes the triggers
again) before it commits. A guide found marked at a count (the migration marks every guide that
has states; a writer should never commit one) is counted afresh once, or, on a connection that
may not write, counted from its states as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from studyguide.domain.review import LEARNING_PHASES, CardPhase, sql_phases
from studyguide.store import schema
from studyguide.store.sqlite import Database

_LEARNING = sql_phases(LEARNING_PHASES)
_REVIEW = sql_phases((CardPhase.REVIEW,))
_DUE_NOW = (f"(SELECT total(cards) FROM [{schema.GUIDE_DUE_DAYS}] WHERE guide_id = :guide AND phase IN ({{0}}) "
            f"AND day < :day) + (SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide "
            "AND phase IN ({0}) AND due >= :day AND due <= :now)")
#: (not kept, studied, learning due now, review due now) of a guide.
_KEPT = (f"SELECT EXISTS (SELECT 1 FROM [{schema.GUIDE_DUE_STALE}] WHERE guide_id = :guide), "
         f"(SELECT total(cards) FROM [{schema.GUIDE_DUE_DAYS}] WHERE guide_id = :guide), "
         f"{_DUE_NOW.format(_LEARNING)}, {_DUE_NOW.format(_REVIEW)}")
#: (not kept, states due before :until) of a guide: the rows of the days before its day, and that day's range.
_KEPT_BEFORE = (f"SELECT EXISTS (SELECT 1 FROM [{schema.GUIDE_DUE_STALE}] WHERE guide_id = :guide), "
                f"(SELECT total(cards) FROM [{schema.GUIDE_DUE_DAYS}] WHERE guide_id = :guide AND day < :day) + "
                f"(SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide AND due >= :day "
                "AND due < :until)")
_COUNTED_BEFORE = f"SELECT 0, count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide AND due < :until"
#: Counts the states of the guides ``:guides`` (a JSON list) afresh, as the triggers would have.
_FROM_STATES = (
    f"INSERT INTO [{schema.GUIDE_DUE_DAYS}] (guide_id, phase, day, cards) SELECT guide_id, ifnull(phase, -1), "
    f"substr(due, 1, 10), count(*) FROM [{schema.CARD_STATE}] WHERE guide_id IN (SELECT value FROM json_each(:guides)) "
    "GROUP BY guide_id, phase, substr(due, 1, 10)")
#: The same from the states themselves (index counts: about 50 ms at 1,000,000 cards).
_COUNTED = (f"SELECT 0, (SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide), "
            f"(SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide AND phase IN ({_LEARNING}) "
            f"AND due <= :now), (SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :guide "
            f"AND phase IN ({_REVIEW}) AND due <= :now)")


def studied_and_due(db: Database, guide_id: str, now: str, *, writable: bool) -> tuple[int, int, int]:
    """(stored states, learning due, review due) of a guide at ``now`` (ISO), strays and suspended
    cards included (``store.due`` takes those few away).

    Args:
        db: The progress connection.
        guide_id: The guide.
        now: States due at or before this are due.
        writable: A guide found not kept may be counted afresh and kept on this connection.

    Raises:
        sqlite3.Error: As the statements raise it.
    """
    _, studied, learning, review = _read(db, guide_id, {"now": now, "day": now[:10]}, _KEPT, _COUNTED, writable)
    return int(studied), int(learning), int(review)


def due_before(db: Database, guide_id: str, until: str, *, writable: bool) -> int:
    """A guide's states due before ``until`` (ISO), strays and suspended cards included ("by the end
    of today"): kept rows and one day of the (guide, due) index, as ``studied_and_due``."""
    return int(_read(db, guide_id, {"until": until, "day": until[:10]}, _KEPT_BEFORE, _COUNTED_BEFORE, writable)[1])


def _read(db: Database, guide_id: str, args: dict[str, str], kept: str, counted: str,
          writable: bool) -> tuple[int, ...]:
    """``kept`` read (its first column: whether the guide is marked not kept); a guide so marked is counted
    afresh and read again if ``writable`` and it can be written now, else ``counted`` from its states."""
    args = {**args, "guide": guide_id}
    row = db.execute(kept, args).fetchone()
    if row[0] and writable and _recount(db, guide_id):
        row = db.execute(kept, args).fetchone()
    if row[0]:
        row = db.execute(counted, args).fetchone()
    return tuple(row)


def _recount(db: Database, guide_id: str) -> bool:
    """Count a guide not kept afresh and keep it, if this connection can write now (else False)."""
    conn = db.conn
    if conn.in_transaction or conn.execute("PRAGMA query_only").fetchone()[0]:
        return False  # (a file not checked yet, or a transaction of someone else's: counted, not kept)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if not getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise
        return False  # another writer holds the lock: counted now, kept next time
    try:
        count_afresh(conn, [guide_id])
        conn.execute("COMMIT")
    except BaseException:  # re-raised; the transaction is not left open
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def count_afresh(conn: sqlite3.Connection, guide_ids: Collection[str]) -> None:
    """Count these guides' states per phase and due day afresh and keep them (inside a write transaction)."""
    guides = json.dumps(sorted(guide_ids))
    conn.execute(f"DELETE FROM [{schema.GUIDE_DUE_DAYS}] WHERE guide_id IN (SELECT value FROM json_each(?))", [guides])
    conn.execute(_FROM_STATES, {"guides": guides})
    conn.execute(f"DELETE FROM [{schema.GUIDE_DUE_STALE}] WHERE guide_id IN (SELECT value FROM json_each(?))",
                 [guides])


@contextmanager
def bulk(conn: sqlite3.Connection, guide_ids: Collection[str], *, writes: int | None = None) -> Iterator[None]:
    """Inside a write transaction: the block's writes of states are not counted one by one, and these
    guides (all those whose states it writes) are counted afresh from their states at its end.

    A trigger costs about 4-13 µs a state written (it runs even when it does nothing): 0.13 s of an
    import of 10,000 states. Counting a guide afresh costs about 0.3-0.6 µs a state it has, so with
    ``writes`` (how many states the block writes) it is done only when they are more than a tenth of
    the guides' states; else the triggers count them. The triggers are dropped for the block and
    made again before it ends, in the same transaction: no other connection ever sees the file
    without them, and the guides are marked not kept (``guide_due_stale``) until they are counted.
    """
    if writes is not None and writes * 10 <= kept_states(conn, guide_ids):
        yield
        return
    conn.executemany(f"INSERT OR IGNORE INTO [{schema.GUIDE_DUE_STALE}] (guide_id) VALUES (?)",
                     [(g,) for g in guide_ids])
    for name, _ in schema.GUIDE_DUE_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    yield
    for name, body in schema.GUIDE_DUE_TRIGGERS:
        conn.execute(f"CREATE TRIGGER [{name}] {body}")
    count_afresh(conn, guide_ids)


def kept_states(conn: sqlite3.Connection, guide_ids: Collection[str]) -> int:
    """How many states these guides have, as kept (a sum of a few rows per guide)."""
    return int(conn.execute(f"SELECT total(cards) FROM [{schema.GUIDE_DUE_DAYS}] WHERE guide_id IN "
                            "(SELECT value FROM json_each(?))", [json.dumps(sorted(guide_ids))]).fetchone()[0])

