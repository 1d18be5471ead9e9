"""A set of migrations, registered as sqlite-utils' ``Migrations`` registers them, read without sqlite-utils.

Every start asks which progress migrations are pending (almost always none): that is one read of
sqlite-utils' ``_sqlite_migrations`` table. Only applying them imports sqlite-utils and hands the
same functions, in the same order and under the same names, to its ``Migrations``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studyguide.store.sqlite import table_names

if TYPE_CHECKING:
    from sqlite_utils import Database

#: sqlite-utils' table of applied migrations.
MIGRATIONS_TABLE = "_sqlite_migrations"


@dataclass(frozen=True, slots=True)
class Migration:
    """A migration: its name and its function."""

    name: str
    fn: Callable[[Any], None]


class MigrationSet:
    """Migrations applied in the order registered (``@migrations()`` on each function), as sqlite-utils does.

    Args:
        name: The set's name in ``_sqlite_migrations`` (``migration_set``).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.migrations: list[Migration] = []

    def __call__(self) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            if any(m.name == fn.__name__ for m in self.migrations):
                raise ValueError(f"Migration {fn.__name__!r} is already registered in set {self.name!r}")
            self.migrations.append(Migration(fn.__name__, fn))
            return fn

        return register

    def applied(self, db: Database) -> list[str]:
        """The names of the migrations applied to ``db``, in order (read-only)."""
        if MIGRATIONS_TABLE not in table_names(db.conn):
            return []
        return [row[0] for row in db.execute(
            f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ? ORDER BY rowid", [self.name])]

    def pending(self, db: Database) -> list[Migration]:
        """The migrations not yet applied to ``db`` (read-only)."""
        done = set(self.applied(db))
        return [m for m in self.migrations if m.name not in done]

    def apply(self, db: Database) -> None:
        """Apply the pending migrations, each in its own transaction with its record (sqlite-utils')."""
        if not self.pending(db):
            return
        from sqlite_utils import Migrations

        migrations = Migrations(self.name)
        for migration in self.migrations:
            migrations(name=migration.name)(migration.fn)
        migrations.apply(db)
