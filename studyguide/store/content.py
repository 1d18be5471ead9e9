"""A built guide's database: writing it once at build time, reading it at run time.

The content database holds one guide (sections, cards, events; no full-text
index: the library's ranking index is built from these tables) and nothing of
the user's. The app opens it read-only, so the shipped guide can live in a
read-only install folder and is never changed.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.domain.dates import DateSpan, FuzzyDate
from studyguide.domain.guide import Card, Event, Guide, GuideInfo, Section
from studyguide.store import schema
from studyguide.store.bulk_insert import id_chunks
from studyguide.store.connection import CONTENT_APPLICATION_ID, explain, open_content
from studyguide.store.errors import StoreUnavailable

if TYPE_CHECKING:
    import sqlite_utils


def _date_fields(prefix: str, date: FuzzyDate | None) -> dict[str, object]:
    if date is None:
        return {f"{prefix}_{k}": None for k in ("year", "month", "day", "season", "approx")}
    return {
        f"{prefix}_year": date.year,
        f"{prefix}_month": date.month,
        f"{prefix}_day": date.day,
        f"{prefix}_season": date.season,
        f"{prefix}_approx": int(date.approximate),
    }


def _date_from(row: dict[str, Any], prefix: str) -> FuzzyDate | None:
    if row[f"{prefix}_year"] is None:
        return None
    return FuzzyDate(
        year=row[f"{prefix}_year"],
        month=row[f"{prefix}_month"],
        day=row[f"{prefix}_day"],
        season=row[f"{prefix}_season"],
        approximate=bool(row[f"{prefix}_approx"]),
    )


_DATE_COLUMNS = [f"{p}_{k}" for p in ("start", "end") for k in ("year", "month", "day", "season", "approx")]
#: The guide's tables, as the build has always made them (a test compares the bundled guide's columns).
_TABLES = (
    f'CREATE TABLE IF NOT EXISTS "{schema.META}" ("key" TEXT PRIMARY KEY, "value" TEXT)',
    f'CREATE TABLE IF NOT EXISTS "{schema.SECTIONS}" ("id" TEXT PRIMARY KEY, "position" INTEGER, "title" TEXT, '
    '"body" TEXT, "sources" TEXT)',
    f'CREATE TABLE "{schema.CARDS}" ("id" TEXT PRIMARY KEY, "section_id" TEXT REFERENCES "{schema.SECTIONS}"("id"), '
    '"position" INTEGER, "front" TEXT, "back" TEXT)',
    f'CREATE TABLE "{schema.EVENTS}" ("id" TEXT PRIMARY KEY, "section_id" TEXT REFERENCES "{schema.SECTIONS}"("id"), '
    '"position" INTEGER, "title" TEXT, "description" TEXT, "lane" TEXT, "start_pos" REAL, "end_pos" REAL, '
    + ", ".join(f'"{c}" {"TEXT" if c.endswith("season") else "INTEGER"}' for c in _DATE_COLUMNS) + ")",
)


def _date_values(date: FuzzyDate | None) -> tuple[object, ...]:
    if date is None:
        return (None,) * 5
    return date.year, date.month, date.day, date.season, int(date.approximate)


def write_guide(db: sqlite_utils.Database, guide: Guide, *, source_sha256: str = "") -> None:
    """Write a whole guide into an empty database: each item's text once, in its table (the
    library's ranking index, ``store.ranking``, is its only full-text index).

    Everything happens in one transaction: a failure leaves no partial guide. Rows go in
    with one ``executemany`` per table (no per-row Python beyond making the tuple).
    """
    if sum(len(s.body) for s in guide.sections) > schema.LONG_SECTIONS:  # a new, empty file only (else ignored)
        db.execute(f"PRAGMA page_size = {schema.CONTENT_PAGE_SIZE}")
    with db.atomic():
        meta = {
            "id": guide.info.id,
            "title": guide.info.title,
            "subject": guide.info.subject,
            "description": guide.info.description,
            "format": str(schema.CONTENT_FORMAT),
            "source_sha256": source_sha256,
        }
        conn = db.conn
        for statement in _TABLES:
            conn.execute(statement)
        conn.executemany(f'INSERT INTO "{schema.META}" ("key", "value") VALUES (?, ?)', meta.items())
        conn.executemany(
            f'INSERT INTO "{schema.SECTIONS}" ("id", "position", "title", "body", "sources") VALUES (?, ?, ?, ?, ?)',
            ((s.id, s.position, s.title, s.body, json.dumps(list(s.sources), ensure_ascii=False))
             for s in guide.sections))
        conn.executemany(
            f'INSERT INTO "{schema.CARDS}" ("id", "section_id", "position", "front", "back") VALUES (?, ?, ?, ?, ?)',
            ((c.id, c.section_id, c.position, c.front, c.back) for c in guide.cards))
        conn.executemany(
            f'INSERT INTO "{schema.EVENTS}" VALUES ({", ".join("?" * 18)})',
            ((e.id, e.section_id, e.position, e.title, e.description, e.lane, e.when.first(), e.when.last(),
              *_date_values(e.when.start), *_date_values(e.when.end)) for e in guide.events))
        conn.execute(f'CREATE INDEX "idx_cards_section_id_position" ON "{schema.CARDS}" ("section_id", "position")')
        conn.execute(f'CREATE INDEX "idx_events_start_pos" ON "{schema.EVENTS}" ("start_pos")')
        # New cards and the section list are read in guide order a page at a time.
        conn.execute(f'CREATE INDEX "cards_position" ON "{schema.CARDS}" ("position")')
        conn.execute(f'CREATE INDEX "sections_position" ON "{schema.SECTIONS}" ("position")')
    db.execute(f"PRAGMA application_id={CONTENT_APPLICATION_ID}")
    db.execute(f"PRAGMA user_version={schema.CONTENT_FORMAT}")


def _section(row: dict[str, Any]) -> Section:
    return Section(id=row["id"], title=row["title"], body=row["body"],
                   sources=tuple(json.loads(row["sources"] or "[]")), position=row["position"])


class ContentStore:
    """Read access to one built guide. Returns domain dataclasses only."""

    def __init__(self, *, path: Path) -> None:
        self.path = path
        self._db = open_content(path)
        #: Whether the sections have a position index (found once), and without one every title, sorted.
        self._position_index: bool | None = None
        self._all_titles: tuple[int, list[tuple[tuple[int, str], str]]] | None = None
        incomplete = StoreUnavailable(f"{path} is not a complete StudyGuide guide database.")
        try:
            tables = set(self._db.table_names())
            if not {schema.META, schema.SECTIONS, schema.CARDS} <= tables:
                raise incomplete
            meta = dict(self._db.execute(f"SELECT key, value FROM [{schema.META}]").fetchall())
        except sqlite3.Error as error:
            self._db.close()
            raise incomplete from error
        except StoreUnavailable:
            self._db.close()
            raise
        self.info = GuideInfo(
            id=meta.get("id", path.stem), title=meta.get("title", path.stem),
            subject=meta.get("subject", ""), description=meta.get("description", ""),
        )
        self.source_sha256 = meta.get("source_sha256", "")

    @property
    def database(self) -> sqlite_utils.Database:
        """The open connection, for the search engine (same layer rules: no UI use)."""
        return self._db

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _rows(self, table: str, where: str | None = None, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self._db.execute(f"SELECT * FROM [{table}]{f' WHERE {where}' if where else ''} ORDER BY position",
                                      args)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def sections(self) -> list[Section]:
        """All sections in guide order."""
        return [_section(row) for row in self._rows(schema.SECTIONS)]

    def section_titles(self) -> list[tuple[str, str]]:
        """Every section's (id, title) in guide order: what a list of sections shows, without the bodies."""
        try:
            return self._db.execute(f"SELECT id, title FROM [{schema.SECTIONS}] ORDER BY position").fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def section_titles_page(self, after: tuple[int, str] | None, limit: int) -> list[tuple[str, str, tuple[int, str]]]:
        """Up to ``limit`` sections' (id, title, key) in guide order after ``after`` (a key read before;
        None: from the first): a long list of sections is read a page at a time.

        A guide built before the sections' position index has its titles read once (and again only
        after a change to the file), not sorted again for every page.
        """
        position, section_id = after if after is not None else (-(2 ** 62), "")
        try:
            if not self._indexed_positions():
                version = self._db.execute("PRAGMA data_version").fetchone()[0]
                if self._all_titles is None or self._all_titles[0] != version:
                    rows = self._db.execute(f"SELECT id, title, position FROM [{schema.SECTIONS}]").fetchall()
                    self._all_titles = (version, sorted(((r[2], r[0]), r[1]) for r in rows))
                titles = self._all_titles[1]
                start = bisect.bisect_right(titles, ((position, section_id), "\U0010ffff"))
                return [(key[1], title, key) for key, title in titles[start:start + limit]]
            rows = self._db.execute(
                f"SELECT id, title, position FROM [{schema.SECTIONS}] WHERE position >= ? AND (position > ? OR id > ?) "
                "ORDER BY position, id LIMIT ?", [position, position, section_id, limit]).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return [(row[0], row[1], (row[2], row[0])) for row in rows]

    def _indexed_positions(self) -> bool:
        if self._position_index is None:
            self._position_index = any(
                row[2] == "position" for index in self._db.execute(f"PRAGMA index_list([{schema.SECTIONS}])")
                for row in self._db.execute(f"PRAGMA index_info([{index[1]}])").fetchall()[:1])
        return self._position_index

    def section(self, section_id: str) -> Section | None:
        """One section by id, or None."""
        rows = self._rows(schema.SECTIONS, "id = ?", (section_id,))
        return _section(rows[0]) if rows else None

    def section_tags(self, section_id: str) -> tuple[str, ...]:
        """A section's tags, in the order written (none in a guide without tags: the bundled one)."""
        try:
            if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [schema.ITEM_TAGS]).fetchone() is None:
                return ()
            rows = self._db.execute(f"SELECT tag FROM [{schema.ITEM_TAGS}] WHERE kind = 'section' AND item_id = ? "
                                    "ORDER BY ord", [section_id]).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return tuple(str(row[0]) for row in rows)

    def cards(self, section_id: str | None = None) -> list[Card]:
        """Cards in guide order, optionally only those of one section."""
        where, args = ("WHERE section_id = ? ", [section_id]) if section_id else ("", [])
        try:
            rows = self._db.execute(
                f"SELECT id, section_id, front, back, position FROM [{schema.CARDS}] {where}ORDER BY position",
                args).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return [Card(*row) for row in rows]

    def card(self, card_id: str) -> Card | None:
        """One card by id, or None."""
        try:
            row = self._db.execute(f"SELECT id, section_id, front, back, position FROM [{schema.CARDS}] "
                                   "WHERE id = ?", [card_id]).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return None if row is None else Card(*row)

    def section_card_ids(self, section_id: str) -> list[str]:
        """The ids of one section's cards (by the section's index: no card text is read)."""
        try:
            rows = self._db.execute(f"SELECT id FROM [{schema.CARDS}] WHERE section_id = ?", [section_id]).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return [str(row[0]) for row in rows]

    def sections_of(self, card_ids: Iterable[str]) -> dict[str, str]:
        """The section id of each of ``card_ids`` the guide has (a few hundred a query, not one each)."""
        found = dict[str, str]()
        try:
            for chunk, marks in id_chunks(list(card_ids)):
                found.update(self._db.execute(f"SELECT id, section_id FROM [{schema.CARDS}] WHERE id IN ({marks})",
                                              chunk).fetchall())
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return found

    def card_sections(self) -> dict[str, str]:
        """Each card's section id, by card id (cheap: no card text is read)."""
        try:
            return dict(self._db.execute(f"SELECT id, section_id FROM [{schema.CARDS}]").fetchall())
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def tag_names(self, limit: int = 1000) -> tuple[str, ...]:
        """The guide's tags (of its sections and cards), each once, the most used first (at most ``limit``;
        none in a guide without tags: the bundled one)."""
        try:
            if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [schema.ITEM_TAGS]).fetchone() is None:
                return ()
            rows = self._db.execute(f"SELECT min(tag) FROM [{schema.ITEM_TAGS}] GROUP BY folded "
                                    "ORDER BY count(*) DESC, folded LIMIT ?", [limit]).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return tuple(str(row[0]) for row in rows)

    def card_count(self) -> int:
        """How many cards the guide has."""
        return int(self._db.execute(f"SELECT count(*) FROM [{schema.CARDS}]").fetchone()[0])

    def events(self, section_id: str | None = None) -> list[Event]:
        """Events in chronological order, optionally only those of one section."""
        rows = self._rows(schema.EVENTS, "section_id = ?", (section_id,)) if section_id else self._rows(schema.EVENTS)
        events = [
            Event(id=r["id"], section_id=r["section_id"], title=r["title"],
                  when=DateSpan(_date_from(r, "start"), _date_from(r, "end")),  # type: ignore[arg-type]
                  description=r["description"] or "", lane=r["lane"] or "", position=r["position"])
            for r in rows
        ]
        return sorted(events, key=lambda e: (e.when.sort_key(), e.position))

    def guide(self) -> Guide:
        """The whole guide, as it was built."""
        return Guide(info=self.info, sections=tuple(self.sections()), cards=tuple(self.cards()),
                     events=tuple(sorted(self.events(), key=lambda e: e.position)))
