"""Writing a user's guide in place: sections, notes (and the cards they make), events, tags.

A user's guide is the same content database a build writes (``content.write_guide``) plus
a few tables ``make_writable`` adds (see docs/storage.md):

- ``notes``: what the author wrote (type, front, back, tags); ``cards`` gains ``note_id``
  and ``type`` columns and holds the cards each note makes (``domain.card_types.expand``);
- ``item_tags``: (kind, item id, tag) of tagged cards and sections, for ``tag:`` searches;
- ``search_changes``: each item written, for the library's ranking index to read again.

Every write is one transaction that changes the content and logs its search change together:
the ranking index follows each edit and is never rebuilt for one. Read connections
(``ContentStore``, the search engine) see the commit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.domain.card_types import Note, card_ids, expand
from studyguide.domain.guide import Event, Guide, GuideInfo, Section
from studyguide.store import schema
from studyguide.store.card_added import add_card_table, note_cards
from studyguide.store.connection import explain
from studyguide.store.content import _date_fields, write_guide
from studyguide.store.search_rows import SearchRows, start_change_log

if TYPE_CHECKING:
    import sqlite_utils

NOTES = "notes"
ITEM_TAGS = schema.ITEM_TAGS
#: Meta key set once a guide's database has the authoring tables.
WRITABLE_KEY = "writable"



def write_empty_guide(path: Path, info: GuideInfo) -> None:
    """Write a guide with no content yet at ``path`` (a temporary file the caller moves), writable."""
    import sqlite_utils  # a writer: loaded when it writes

    db = sqlite_utils.Database(path, execute_plugins=False)  # (no plugins: store/sqlite.py)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        # The build creates the sections table from its rows: with none, it is made here first.
        db.table(schema.SECTIONS).create({"id": str, "position": int, "title": str, "body": str, "sources": str},
                                         pk="id")
        write_guide(db, Guide(info=info))
    finally:
        db.close()
    make_writable(path)


def make_writable(path: Path, *, notes: bool = True) -> None:
    """Add the authoring tables to a guide database (idempotent); existing cards become basic notes
    (not ``notes``: the notes table is left empty, for the caller to fill in the same state)."""
    db = _connect(path)
    try:
        with _transaction(db, path):
            if NOTES in db.table_names():
                return
            db.execute(f"CREATE TABLE [{NOTES}] (id TEXT PRIMARY KEY, section_id TEXT NOT NULL, "
                       "position INTEGER NOT NULL, type TEXT NOT NULL, front TEXT NOT NULL, back TEXT NOT NULL, "
                       "tags TEXT NOT NULL DEFAULT '[]')")
            db.execute(f"CREATE INDEX notes_position ON [{NOTES}] (position)")
            db.execute(f"CREATE INDEX notes_section ON [{NOTES}] (section_id)")
            db.execute(f"ALTER TABLE [{schema.CARDS}] ADD COLUMN note_id TEXT")
            db.execute(f"ALTER TABLE [{schema.CARDS}] ADD COLUMN type TEXT NOT NULL DEFAULT 'basic'")
            db.execute(f"UPDATE [{schema.CARDS}] SET note_id = id")
            db.execute(f"CREATE INDEX cards_note ON [{schema.CARDS}] (note_id)")
            db.execute(f"CREATE INDEX IF NOT EXISTS cards_position ON [{schema.CARDS}] (position)")
            db.execute(f"CREATE INDEX IF NOT EXISTS sections_position ON [{schema.SECTIONS}] (position)")
            db.execute(f"CREATE INDEX events_position ON [{schema.EVENTS}] (position)")
            if notes:
                db.execute(f"INSERT INTO [{NOTES}] (id, section_id, position, type, front, back) "
                           f"SELECT id, section_id, position, 'basic', front, back FROM [{schema.CARDS}]")
            db.execute(f"CREATE TABLE [{ITEM_TAGS}] (kind TEXT NOT NULL, item_id TEXT NOT NULL, tag TEXT NOT NULL, "
                       "folded TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (kind, item_id, folded)) WITHOUT ROWID")
            db.execute(f"CREATE INDEX item_tags_folded ON [{ITEM_TAGS}] (folded)")
            db.execute(f"INSERT OR REPLACE INTO [{schema.META}] (key, value) VALUES (?, '1')", [WRITABLE_KEY])
            start_change_log(db)
    finally:
        db.close()


def set_meta(path: Path, values: dict[str, str]) -> None:
    """Store meta values (id, title, subject) in one transaction."""
    db = _connect(path)
    try:
        with _transaction(db, path):
            for key, value in values.items():
                db.execute(f"INSERT OR REPLACE INTO [{schema.META}] (key, value) VALUES (?, ?)", [key, value])
    finally:
        db.close()


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _connect(path: Path) -> sqlite_utils.Database:
    try:
        import sqlite_utils  # a writer: loaded when it writes

        return sqlite_utils.Database(sqlite3.connect(path, timeout=5.0, isolation_level=None), execute_plugins=False)
    except sqlite3.Error as error:
        raise explain(error, path) from error


@contextmanager
def _transaction(db: sqlite_utils.Database, path: Path) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT; an SQLite error rolls back and says whose fault it was."""
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if db.conn.in_transaction:  # SQLite rolls back by itself on a full disk (SQLITE_FULL)
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    except sqlite3.Error as error:
        raise explain(error, path) from error


class GuideWriter:
    """Reads and writes one user's guide on a read-write connection of its own (one thread).

    Args:
        path: A guide database ``make_writable`` was run on.
        clock: Returns the current UTC time (when a card was added, ``store.card_added``).
    """

    def __init__(self, *, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._file = _file_id(path)
        self._db = _connect(path)
        self._search = SearchRows(self._db)

    def replaced(self) -> bool:
        """True when another file took the guide's path since this writer opened it (a sync made it again)."""
        return _file_id(self.path) != self._file

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _one(self, sql: str, args: Sequence[object] = ()) -> tuple[object, ...] | None:
        try:
            row: tuple[object, ...] | None = self._db.execute(sql, list(args)).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return row

    def _all(self, sql: str, args: Sequence[object] = ()) -> list[tuple[object, ...]]:
        try:
            return list(self._db.execute(sql, list(args)).fetchall())
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    # Reads ------------------------------------------------------------------------------

    def id_taken(self, kind: str, ident: str) -> bool:
        """Whether ``ident`` is in use (cards and notes share their ids)."""
        if kind == "card":
            return self._one(f"SELECT 1 FROM [{NOTES}] WHERE id = ? UNION ALL "
                             f"SELECT 1 FROM [{schema.CARDS}] WHERE id = ?", [ident, ident]) is not None
        table = schema.SECTIONS if kind == "section" else schema.EVENTS
        return self._one(f"SELECT 1 FROM [{table}] WHERE id = ?", [ident]) is not None

    def next_position(self, table: str) -> int:
        """One past the last position of ``sections``, ``notes``, ``cards`` or ``events``."""
        row = self._one(f"SELECT max(position) FROM [{table}]")
        return 0 if row is None or row[0] is None else int(str(row[0])) + 1

    def section(self, section_id: str) -> tuple[Section, tuple[str, ...]] | None:
        """A section and its tags, or None."""
        row = self._one(f"SELECT id, title, body, sources, position FROM [{schema.SECTIONS}] WHERE id = ?",
                        [section_id])
        if row is None:
            return None
        section = Section(id=str(row[0]), title=str(row[1]), body=str(row[2] or ""),
                          sources=tuple(json.loads(str(row[3] or "[]"))), position=int(str(row[4])))
        return section, self.tags("section", section_id)

    def section_ids(self) -> list[str]:
        """Section ids in guide order."""
        return [str(r[0]) for r in self._all(f"SELECT id FROM [{schema.SECTIONS}] ORDER BY position")]

    def tags(self, kind: str, item_id: str) -> tuple[str, ...]:
        """An item's tags."""
        return tuple(str(r[0]) for r in self._all(
            f"SELECT tag FROM [{ITEM_TAGS}] WHERE kind = ? AND item_id = ? ORDER BY ord", [kind, item_id]))

    def notes(self, section_id: str | None = None) -> list[Note]:
        """Notes in guide order (of one section, or all)."""
        where, args = ("WHERE section_id = ? ", [section_id]) if section_id else ("", [])
        rows = self._all(f"SELECT id, section_id, type, front, back, tags, position FROM [{NOTES}] {where}"
                         "ORDER BY position", args)
        return [Note(id=str(r[0]), section_id=str(r[1]), type=str(r[2]), front=str(r[3]), back=str(r[4]),
                     tags=tuple(json.loads(str(r[5]))), position=int(str(r[6]))) for r in rows]

    def note(self, note_id: str) -> Note | None:
        """One note, or None."""
        rows = self._all(f"SELECT id, section_id, type, front, back, tags, position FROM [{NOTES}] WHERE id = ?",
                         [note_id])
        return next((Note(id=str(r[0]), section_id=str(r[1]), type=str(r[2]), front=str(r[3]), back=str(r[4]),
                          tags=tuple(json.loads(str(r[5]))), position=int(str(r[6]))) for r in rows), None)

    def note_of(self, card_id: str) -> str | None:
        """The note a card was made from, or None."""
        row = self._one(f"SELECT note_id FROM [{schema.CARDS}] WHERE id = ?", [card_id])
        return None if row is None else str(row[0])

    def card_type(self, card_id: str) -> str | None:
        """A card's type (``typein`` cards are answered by typing), or None for no such card."""
        row = self._one(f"SELECT type FROM [{schema.CARDS}] WHERE id = ?", [card_id])
        return None if row is None else str(row[0])

    def counts(self) -> tuple[int, int, int]:
        """(sections, cards, events)."""
        row = self._one(f"SELECT (SELECT count(*) FROM [{schema.SECTIONS}]), (SELECT count(*) FROM "
                        f"[{schema.CARDS}]), (SELECT count(*) FROM [{schema.EVENTS}])")
        assert row is not None
        return int(str(row[0])), int(str(row[1])), int(str(row[2]))

    # Writes (one transaction each) -----------------------------------------------------

    def put_section(self, section: Section, tags: tuple[str, ...]) -> None:
        """Insert or replace a section, its tags, and logs it for search (with its items, which hold its title)."""
        with _transaction(self._db, self.path):
            old = self._one(f"SELECT title FROM [{schema.SECTIONS}] WHERE id = ?", [section.id])
            self._db.execute(f"INSERT OR REPLACE INTO [{schema.SECTIONS}] (id, position, title, body, sources) "
                             "VALUES (?, ?, ?, ?, ?)", [section.id, section.position, section.title, section.body,
                                                        json.dumps(list(section.sources), ensure_ascii=False)])
            self._set_tags("section", [section.id], tags)
            self._search.changed("section", section.id)
            if old is not None and old[0] != section.title:
                self._retitle(section.id)

    def tag_sections(self, tags: Mapping[str, tuple[str, ...]]) -> None:
        """Give sections these tags (by section id), in one transaction; their rows stay as they are."""
        with _transaction(self._db, self.path):
            for section_id, section_tags in tags.items():
                self._set_tags("section", [section_id], section_tags)

    def remove_section(self, section_id: str) -> None:
        """Delete a section with its notes, cards, events, tags, logging them for search."""
        with _transaction(self._db, self.path):
            for (note_id,) in self._all(f"SELECT id FROM [{NOTES}] WHERE section_id = ?", [section_id]):
                self._remove_note(str(note_id))
            for (event_id,) in self._all(f"SELECT id FROM [{schema.EVENTS}] WHERE section_id = ?", [section_id]):
                self._remove_event(str(event_id))
            self._db.execute(f"DELETE FROM [{schema.SECTIONS}] WHERE id = ?", [section_id])
            self._set_tags("section", [section_id], ())
            self._search.changed("section", section_id)

    def order_sections(self, ids: Sequence[str]) -> None:
        """Give the sections the positions of their order in ``ids``."""
        with _transaction(self._db, self.path):
            self._db.conn.executemany(f"UPDATE [{schema.SECTIONS}] SET position = ? WHERE id = ?",
                                      [(i, s) for i, s in enumerate(ids)])

    def put_note(self, note: Note) -> list[str]:
        """Insert or replace a note and its cards (a card that remains keeps its id); returns the card ids."""
        with _transaction(self._db, self.path):
            return self._put_note(note)

    def _put_note(self, note: Note) -> list[str]:
        old_cards = {str(r[0]): int(str(r[1])) for r in self._all(
            f"SELECT id, position FROM [{schema.CARDS}] WHERE note_id = ?", [note.id])}
        cards = expand(note)
        new_ids = [c.id for c in cards]
        gone = [cid for cid in old_cards if cid not in new_ids]
        for card_id in gone:
            self._db.execute(f"DELETE FROM [{schema.CARDS}] WHERE id = ?", [card_id])
            self._search.changed("card", card_id)
        self._db.execute(f"INSERT OR REPLACE INTO [{NOTES}] (id, section_id, position, type, front, back, tags) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", [note.id, note.section_id, note.position, note.type,
                                                          note.front, note.back,
                                                          json.dumps(list(note.tags), ensure_ascii=False)])
        next_free = self.next_position(schema.CARDS)
        for card in cards:
            position = old_cards.get(card.id)
            if position is None:  # a card the note did not make before goes at the end
                position, next_free = next_free, next_free + 1
            self._db.execute(f"INSERT OR REPLACE INTO [{schema.CARDS}] (id, section_id, position, front, back, "
                             "note_id, type) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [card.id, card.section_id, position, card.front, card.back, note.id, note.type])
            self._search.changed("card", card.id)
        self._set_tags("card", new_ids, note.tags, clear=[*gone, *new_ids])
        add_card_table(self._db)  # made on a write (a reader, such as an export, changes nothing)
        note_cards(self._db, [cid for cid in new_ids if cid not in old_cards], self._clock())
        return new_ids

    def replace_notes(self, notes: Sequence[Note]) -> None:
        """Put ``notes`` in place of every note (after a build: the author's notes for the basic ones)."""
        with _transaction(self._db, self.path):
            self._db.execute(f"DELETE FROM [{NOTES}]")
            for note in notes:
                # The build made each card a note of its own: claim the note's cards first, so
                # they keep the positions the build gave them (the guide's card order).
                ids = card_ids(note) or [note.id]
                self._db.execute(f"UPDATE [{schema.CARDS}] SET note_id = ? WHERE id IN "
                                 f"({', '.join('?' * len(ids))})", [note.id, *ids])
                self._put_note(note)

    def has_notes(self) -> bool:
        """Whether the guide has the authoring tables."""
        return NOTES in self._db.table_names()

    def remove_note(self, note_id: str) -> None:
        """Delete a note, its cards, their tags, logging them for search."""
        with _transaction(self._db, self.path):
            self._remove_note(note_id)

    def _remove_note(self, note_id: str) -> None:
        card_ids = [str(r[0]) for r in self._all(f"SELECT id FROM [{schema.CARDS}] WHERE note_id = ?", [note_id])]
        self._db.execute(f"DELETE FROM [{schema.CARDS}] WHERE note_id = ?", [note_id])
        self._db.execute(f"DELETE FROM [{NOTES}] WHERE id = ?", [note_id])
        for card_id in card_ids:
            self._search.changed("card", card_id)
        self._set_tags("card", [], (), clear=card_ids)

    def event(self, event_id: str) -> Event | None:
        """One event, or None."""
        from studyguide.store.content import ContentStore

        store = ContentStore(path=self.path)
        try:
            return next((e for e in store.events() if e.id == event_id), None)
        finally:
            store.close()

    def put_event(self, event: Event) -> None:
        """Insert or replace an event, logging it for search."""
        with _transaction(self._db, self.path):
            self._db.execute(
                f"INSERT OR REPLACE INTO [{schema.EVENTS}] (id, section_id, position, title, description, lane, "
                "start_pos, end_pos, start_year, start_month, start_day, start_season, start_approx, "
                "end_year, end_month, end_day, end_season, end_approx) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [event.id, event.section_id, event.position, event.title, event.description, event.lane,
                 event.when.first(), event.when.last(), *_date_fields("start", event.when.start).values(),
                 *_date_fields("end", event.when.end).values()])
            self._search.changed("event", event.id)

    def remove_event(self, event_id: str) -> None:
        """Delete an event, logging it for search."""
        with _transaction(self._db, self.path):
            self._remove_event(event_id)

    def _remove_event(self, event_id: str) -> None:
        self._db.execute(f"DELETE FROM [{schema.EVENTS}] WHERE id = ?", [event_id])
        self._search.changed("event", event_id)

    # The search index -------------------------------------------------------------------

    def _retitle(self, section_id: str) -> None:
        """Log every card and event of a renamed section: their documents hold its title."""
        for kind, table in (("card", schema.CARDS), ("event", schema.EVENTS)):
            for (item_id,) in self._all(f"SELECT id FROM [{table}] WHERE section_id = ?", [section_id]):
                self._search.changed(kind, str(item_id))

    def _set_tags(self, kind: str, item_ids: Sequence[str], tags: tuple[str, ...], *,
                  clear: Sequence[str] = ()) -> None:
        for item_id in {*clear, *item_ids}:
            self._db.execute(f"DELETE FROM [{ITEM_TAGS}] WHERE kind = ? AND item_id = ?", [kind, item_id])
        self._db.conn.executemany(f"INSERT OR IGNORE INTO [{ITEM_TAGS}] (kind, item_id, tag, folded, ord) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  [(kind, i, t, t.casefold(), n) for i in item_ids for n, t in enumerate(tags)])
