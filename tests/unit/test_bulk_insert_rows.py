"""``bulk_insert.insert_rows`` (several rows a statement) gives the table one statement a row gives: the
same rows, in the same order (ids), the same rows ignored."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.store.bulk_insert import insert_rows

_ROWS = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 3),
                           st.one_of(st.none(), st.text(max_size=5))), max_size=60)
_HEAD = "INSERT OR IGNORE INTO t (kind, key, n, note) VALUES "
_ROW = "('k', ?, ?, ?)"


def _table(rows: list[tuple], size: int | None, head: str = _HEAD, tail: str = "") -> list[tuple]:
    """The table after ``rows`` went in one a statement (``size`` None) or by ``insert_rows``."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, key TEXT, n INTEGER, note TEXT, "
                     "UNIQUE (key, n))")
        conn.execute("INSERT INTO t (kind, key, n, note) VALUES ('k', 'a', 0, 'there')")  # one row there first
        if size is None:
            conn.executemany(head + _ROW + tail, rows)
        else:
            insert_rows(conn, head, _ROW, rows, size=size, tail=tail)
        return conn.execute("SELECT * FROM t ORDER BY id").fetchall()
    finally:
        conn.close()


@settings(max_examples=300, deadline=None)
@given(_ROWS, st.integers(1, 9))
def test_several_rows_a_statement_are_one_row_a_statement(rows: list[tuple], size: int) -> None:
    assert _table(rows, size) == _table(rows, None)


_UPSERT = " ON CONFLICT (key, n) DO UPDATE SET note = excluded.note"


@settings(max_examples=300, deadline=None)
@given(_ROWS, st.integers(1, 9))
def test_an_upsert_several_rows_a_statement_is_one_row_a_statement(rows: list[tuple], size: int) -> None:
    """(The card states of an import go this way, ``tail`` being their ``ON CONFLICT`` clause; rows
    with the same key in one statement update one another as they do one statement after another.)"""
    head = "INSERT INTO t (kind, key, n, note) VALUES "
    assert _table(rows, size, head, _UPSERT) == _table(rows, None, head, _UPSERT)


@given(st.integers(0, 40), st.integers(1, 9))
def test_rows_go_in_as_few_statements_as_their_size_allows(count: int, size: int) -> None:
    """Each statement run releases and retakes the GIL: an import's history writes beside the guide's
    build, so the rows left over after the full statements go in one more, not one a statement."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, key TEXT, n INTEGER, note TEXT)")
        run: list[str] = []
        conn.set_trace_callback(run.append)
        insert_rows(conn, _HEAD, _ROW, [(str(i), i, None) for i in range(count)], size=size)
        conn.set_trace_callback(None)
        assert len([s for s in run if s.startswith("INSERT")]) == -(-count // size)
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == count
    finally:
        conn.close()
