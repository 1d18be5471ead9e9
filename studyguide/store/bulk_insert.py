"""Many rows into an indexed table at once: its indexes made again after the rows, not kept up row by row.

A merge adds a year of another device's answers to the review log in one transaction. Each of
the log's indexes then takes 100,000 inserts at scattered places (by time, by guide and time),
page after page; ``CREATE INDEX`` sorts the rows once and writes each index in order, which is
quicker whenever the new rows are about as many as those already there. It runs inside the
caller's transaction: a failure rolls the indexes back with the rows. See docs/sync.md.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

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
