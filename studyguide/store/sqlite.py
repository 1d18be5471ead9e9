"""A database connection read with plain ``sqlite3``; sqlite-utils is loaded at the first call that needs it.

Importing sqlite-utils costs about 35-50 ms (click, pluggy, dateutil, and its plugins' entry points),
and a window needs none of it to show a guide: the stores read with ``execute``. So the guide and
progress connections are opened as this ``Database``: ``conn``, ``execute`` (which commits a
statement's implicit transaction, as sqlite-utils' does), ``table_names`` and ``close`` are plain
``sqlite3``; anything else (``db[table]``, ``table()``, ``atomic()``, ...) is handed to a
``sqlite_utils.Database`` made over the same connection when first asked for, so the writers and
the migrations work on it unchanged. To the type checker it *is* ``sqlite_utils.Database``: every
call it sees is one sqlite-utils answers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

#: Statements that end or start a transaction themselves (never committed behind them).
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The database's tables (as ``sqlite_utils.Database.table_names()`` lists them)."""
    return [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'").fetchall()]


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The names of a table's columns (none if there is no such table)."""
    return {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])").fetchall()}


if TYPE_CHECKING:
    from sqlite_utils import Database as Database
else:
    class Database:
        """``sqlite_utils.Database`` over ``conn``, read without importing sqlite-utils (see the module)."""

        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn
            self._utils: Any = None

        def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
            """Run one statement; an implicit transaction it opened is committed (as in sqlite-utils)."""
            was_in_transaction = self.conn.in_transaction
            try:
                cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
            except BaseException:  # re-raised; a transaction nothing would ever commit is closed first
                if not was_in_transaction and self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                    and sql.lstrip(" \t\r\n;").split(None, 1)[0].upper() not in _TRANSACTION_CONTROL):
                self.conn.execute("COMMIT")
            return cursor

        def table_names(self, fts4: bool = False, fts5: bool = False) -> list[str]:
            if fts4 or fts5:
                return self._sqlite_utils().table_names(fts4=fts4, fts5=fts5)
            return table_names(self.conn)

        def close(self) -> None:
            self.conn.close()

        def _sqlite_utils(self) -> Any:
            if self._utils is None:
                import sqlite_utils  # the first write that needs it (a migration, a table's insert)

                # No plugins: none is ours, and finding them reads every installed package's entry points
                # (importlib.metadata: about 35 ms, at the first write that needs sqlite-utils).
                self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
            return self._utils

        def __getitem__(self, name: str) -> Any:
            return self._sqlite_utils()[name]

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            return getattr(self._sqlite_utils(), name)

        def __enter__(self) -> Database:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.close()
