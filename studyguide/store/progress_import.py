"""Writing imported review history (an Anki package's) into the progress database, in one transaction.

Cards that already have progress in that guide (a package imported again) keep theirs:
their imported answers are not added a second time. Suspended cards are marked as the
learner's own suspensions are (``card_edits``). The per-day totals of the guide are
recomputed from the log afterwards.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from studyguide.store import schema
from studyguide.store.bulk_insert import BULK_ROWS, indexes_after, insert_rows, worth_rebuilding
from studyguide.store.connection import explain
from studyguide.store.due_days import bulk
from studyguide.store.transactions import immediate

if TYPE_CHECKING:
    import sqlite_utils

#: One card: (card id, log rows (rating, when (ISO), duration ms, state before, state after: JSON), state, due).
ImportedCard = tuple[str, Sequence[tuple[int, str, int | None, str | None, str]], dict[str, Any], datetime]
#: A review log row as stored: guide, card, rating, when (ISO), duration ms, state before, state after (JSON).
LogRow = tuple[str, str, int, str, int | None, str | None, str]
#: A card state row as stored: guide, card, state (JSON), due (ISO), phase, stability.
StateRow = tuple[str, str, str, str, Any, Any]
#: ``json.dumps`` without its check for circular references (a state is a flat dict): 20% faster.
_to_json = json.JSONEncoder(check_circular=False).encode


class HistoryRows(NamedTuple):
    """A guide's imported cards as the rows written (``ImportedCard``s given in this form, as the
    replay makes them, are written without being taken apart and put together again)."""

    log: list[LogRow]
    states: list[StateRow]


def history_rows(guide_id: str, cards: Iterable[ImportedCard]) -> HistoryRows:
    """``cards`` as the rows written."""
    log_rows: list[LogRow] = []
    state_rows: list[StateRow] = []
    for card_id, log, state, due in cards:
        log_rows += [(guide_id, card_id, *row) for row in log]
        state_rows.append((guide_id, card_id, _to_json(state), due.isoformat(), state.get("state"),
                           state.get("stability")))
    return HistoryRows(log_rows, state_rows)


def import_history(path: Path, *, guide_id: str, cards: Iterable[ImportedCard] | HistoryRows,
                   suspended: Sequence[str], now: datetime) -> tuple[int, int]:
    """Write imported answers, card states and suspensions of one guide, through a connection of
    its own (so an import's worker thread may call it while the window holds the library's).
    ``cards`` may be given as the rows written (``HistoryRows``, rows of ``guide_id`` only).

    Returns:
        (answers written, cards given a state).

    Raises:
        StoreUnavailable: The disk is full, the file locked or read-only: nothing is written.
    """
    written = _write(path, guide_id, cards, suspended, now)
    return written.answers, len(written.states)


class Written(NamedTuple):
    """What ``write_history`` wrote, for ``remove_history``: the log's ids ``first`` to ``last`` (none
    when ``first > last``), and each card's state (JSON) as written."""

    first: int
    last: int
    states: dict[str, str]

    @property
    def answers(self) -> int:
        return max(self.last - self.first + 1, 0)


def write_history(path: Path, *, guide_id: str, cards: Iterable[ImportedCard] | HistoryRows) -> Written:
    """``import_history`` without the suspensions (``mark_suspended``): written before the guide is in
    place, in one transaction, while its media files are still being created (``review/history_job.py``).

    Raises:
        StoreUnavailable: As ``import_history`` (nothing is written).
    """
    return _write(path, guide_id, cards, (), None)


def mark_suspended(path: Path, *, guide_id: str, suspended: Sequence[str], now: datetime) -> None:
    """The suspensions ``write_history`` left out (one transaction).

    Raises:
        StoreUnavailable: As ``import_history``.
    """
    if suspended:
        with _connection(path) as db, immediate(db):
            _suspend(db.conn, guide_id, suspended, now)


def remove_history(path: Path, *, guide_id: str, written: Written) -> None:
    """Take back what ``write_history`` wrote (its guide was not imported): its log rows, and each card
    state it wrote that nothing has changed since; the guide's daily totals counted again.

    Raises:
        StoreUnavailable: As ``import_history``.
    """
    with _connection(path) as db, immediate(db):
        conn = db.conn
        conn.execute(f"DELETE FROM [{schema.REVIEW_LOG}] WHERE id BETWEEN ? AND ? AND guide_id = ?",
                     [written.first, written.last, guide_id])
        conn.executemany(f"DELETE FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ? AND state = ?",
                         [(guide_id, card_id, state) for card_id, state in written.states.items()])
        _daily(conn, guide_id)


@contextlib.contextmanager
def _connection(path: Path) -> Iterator[sqlite_utils.Database]:
    try:
        import sqlite_utils  # a writer: loaded when it writes

        db = sqlite_utils.Database(sqlite3.connect(path, timeout=2.0), execute_plugins=False)
    except sqlite3.Error as error:
        raise explain(error, path) from error
    try:
        yield db
    except sqlite3.Error as error:
        raise explain(error, path) from error
    finally:
        db.close()


#: The page cache of an import's connection, in KiB (pages are taken as they are read: a small import takes little).
_CACHE_KIB = 65536


def _write(path: Path, guide_id: str, cards: Iterable[ImportedCard] | HistoryRows, suspended: Sequence[str],
           now: datetime | None) -> Written:
    log_rows, state_rows = cards if isinstance(cards, HistoryRows) else history_rows(guide_id, cards)
    with _connection(path) as db, immediate(db):
        # The log's pages kept while its indexes and daily totals read it again (as a sync merge does):
        # not fetched from the WAL three times over (50,000 answers, 33 MB: -23 ms of 290).
        db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        known = {r[0] for r in db.execute(
            f"SELECT card_id FROM [{schema.CARD_STATE}] WHERE guide_id = ? UNION "
            f"SELECT card_id FROM [{schema.REVIEW_LOG}] WHERE guide_id = ?", [guide_id, guide_id])}
        logged = db.conn.execute(f"SELECT 1 FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? LIMIT 1",
                                 [guide_id]).fetchone() is not None
        if known:  # a package imported again: its cards with progress keep theirs
            log_rows = [row for row in log_rows if row[1] not in known]
            state_rows = [row for row in state_rows if row[1] not in known]
        # Many rows into a log about as big or smaller (a first import): its indexes made again after
        # them, sorted once, rather than kept up row by row (store/bulk_insert.py, as a sync merge does).
        with indexes_after(db.conn, schema.REVIEW_LOG, rebuild=worth_rebuilding(len(log_rows), _count(
                db.conn, schema.REVIEW_LOG, len(log_rows)))):
            _insert_log(db.conn, log_rows)
        # The write lock is held: this transaction's rows are the last ids, one after another.
        last = int(db.conn.execute(f"SELECT ifnull(max(id), 0) FROM [{schema.REVIEW_LOG}]").fetchone()[0])
        # An upsert, not INSERT OR REPLACE: with card_state's delete trigger (schema.GUIDE_STRAYS_TRIGGER)
        # and recursive triggers on, OR REPLACE cost 14 µs a row (10,000 states: 0.14 s against 0.04 s).
        # No row is ever replaced here (cards with a state are left out above); if one were, it is updated.
        # Many states: counted per due day once at the end, not by a trigger per row (store/due_days.py).
        with bulk(db.conn, [guide_id], writes=len(state_rows)), indexes_after(
                db.conn, schema.CARD_STATE, rebuild=worth_rebuilding(len(state_rows), _count(
                    db.conn, schema.CARD_STATE, len(state_rows)))):
            insert_rows(db.conn, f"INSERT INTO [{schema.CARD_STATE}] (guide_id, card_id, state, due, phase, "
                        "stability) VALUES ", "(?, ?, ?, ?, ?, ?)", state_rows, size=LOG_CHUNK,
                        tail=" ON CONFLICT (guide_id, card_id) DO UPDATE SET state = excluded.state, due = "
                        "excluded.due, phase = excluded.phase, stability = excluded.stability")
        if now is not None:
            _suspend(db.conn, guide_id, suspended, now)
        # A guide with no answers before (a first import): its answers are this transaction's ids.
        _daily(db.conn, guide_id, None if logged else (last - len(log_rows) + 1, last))
    return Written(last - len(log_rows) + 1, last, {row[1]: row[2] for row in state_rows})


def _suspend(conn: sqlite3.Connection, guide_id: str, suspended: Sequence[str], now: datetime) -> None:
    conn.executemany(
        f"INSERT INTO [{schema.CARD_EDITS}] (guide_id, card_id, suspended, updated_at) VALUES (?, ?, 1, ?) "
        "ON CONFLICT (guide_id, card_id) DO UPDATE SET suspended = 1",
        [(guide_id, card_id, now.isoformat()) for card_id in suspended])


def _daily(conn: sqlite3.Connection, guide_id: str, ids: tuple[int, int] | None = None) -> None:
    """The guide's daily totals counted again from its log (``ids``: its only answers, first and last
    id, read by id rather than through the guide's index)."""
    conn.execute(f"DELETE FROM [{schema.REVIEW_DAILY}] WHERE guide_id = ?", [guide_id])
    if ids is None:
        conn.execute(schema.DAILY_FROM_LOG_WHERE.format(where="guide_id = ?"), [guide_id])
    elif ids[0] <= ids[1]:
        conn.execute(schema.DAILY_FROM_LOG_WHERE.format(where="id BETWEEN ? AND ? AND +guide_id = ?"), [*ids, guide_id])


def _count(conn: sqlite3.Connection, table: str, new_rows: int) -> int:
    """How many rows ``table`` holds (not counted below ``BULK_ROWS`` new ones: never worth rebuilding then)."""
    if new_rows < BULK_ROWS:
        return new_rows + 1
    return int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


#: Rows inserted by one statement (``bulk_insert.insert_rows``; 7,168 parameters a log statement). The
#: write runs beside the guide's build: each statement releases and retakes the GIL, and on this
#: 2-core machine every retake beside busy Python costs, so few, long statements (CPU alike from 256
#: to 2,048 rows: 256-261 ms for 50,000 answers; 32 rows, 1,600 retakes: 269 ms alone, 100-140 ms
#: more beside the build). The card states go the same way (12,000 one-row steps before).
LOG_CHUNK = 1024
_LOG_INSERT = (f"INSERT INTO [{schema.REVIEW_LOG}] (guide_id, card_id, rating, reviewed_at, duration_ms, "
               "previous_state, new_state) VALUES ")


def _insert_log(conn: sqlite3.Connection, rows: list[LogRow]) -> None:
    """Insert ``rows``, in order (their ids one after another), ``LOG_CHUNK`` a statement (50,000 rows
    a statement each: 12-20 ms more CPU)."""
    insert_rows(conn, _LOG_INSERT, "(?, ?, ?, ?, ?, ?, ?)", rows, size=LOG_CHUNK)
