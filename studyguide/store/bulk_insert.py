"""Many rows into an indexed table at once: its indexes made again after the rows, not kept up row by row.

A merge adds a year of another device's answers to the review log in one transaction. Each of
the log's indexes then takes 100,000 inserts at scattered places (by time, by guide and time),
page after page; ``CREATE INDEX`` sorts the rows once and writes each index in order, which is
quicker whenever the new rows are about as many as those already there. It runs inside the
caller's transaction: a failure rolls the indexes back with the rows. See docs/sync.md.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Sequence

#: Below this many new rows indexes are kept up row by row (dropping them costs a schema change).
BULK_ROWS = 10_000


def worth_rebuilding(new_rows: int, existing_rows: int) -> bool:
    """True when indexing ``new_rows`` by sorting the whole table again beats inserting them one by one."""
    return new_rows >= BULK_ROWS and new_rows >= existing_rows


@contextlib.contextmanager
def indexes_after(conn: sqlite3.Connection, table: str, *, rebuild: bool) -> Iterator[None]:
    """Run the block (inserting into ``table``) with the table's indexes dropped, and make them again
    after it, as they were, when ``rebuild``; else with the indexes as they are. Inside a transaction."""
    if not rebuild:
        yield
        return
    if not conn.in_transaction:
        raise RuntimeError("indexes are set aside only inside a transaction")
    made = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                        "AND sql IS NOT NULL ORDER BY name", [table]).fetchall()
    for name, _ in made:
        conn.execute(f"DROP INDEX [{name}]")
    yield
    for _, sql in made:
        conn.execute(sql)


#: Rows a statement of ``insert_rows``.
STATEMENT_ROWS = 32


def insert_rows(conn: sqlite3.Connection, head: str, row: str, rows: Sequence[tuple[object, ...]], *,
                size: int = STATEMENT_ROWS, tail: str = "") -> None:
    """``conn.executemany(head + row + tail, rows)``, ``size`` rows a statement (``head`` ends ``VALUES ``,
    ``row`` is one row's ``(?, ...)``, ``tail`` what follows the values, e.g. ``ON CONFLICT ...``), in
    order; the rows left over go in one last statement. Each run of a statement releases and retakes
    the GIL (another thread may be waiting for it: an import fills the ranking index meanwhile) and
    resets the statement: once for many rows, not for each."""
    full = len(rows) - len(rows) % size
    chain = itertools.chain.from_iterable
    if full:
        conn.executemany(head + ", ".join([row] * size) + tail,
                         (tuple(chain(rows[i:i + size])) for i in range(0, full, size)))
    if full < len(rows):
        conn.execute(head + ", ".join([row] * (len(rows) - full)) + tail, tuple(chain(rows[full:])))


#: Ids bound in one ``IN (...)`` (SQLite allows 32,766 parameters; a few hundred keep each statement small).
IDS_A_STATEMENT = 500


def id_chunks(ids: Sequence[str], size: int = IDS_A_STATEMENT) -> Iterator[tuple[Sequence[str], str]]:
    """``ids`` a ``size`` at a time, each with its ``IN`` list's placeholders (``"?, ?, ?"``)."""
    for start in range(0, len(ids), size):
        chunk = ids[start:start + size]
        yield chunk, ", ".join("?" * len(chunk))
