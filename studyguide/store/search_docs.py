"""A guide's search documents, read from its content tables (issue 18: each item's text once).

A guide database holds no full-text table: the library's ranking index (``store.ranking``) is
the only index, and what it indexes of an item, and what a hit shows, is read here from the
sections, cards and events tables, their Markdown made plain text (``markdown_to_plain``) on
the way. A document's ``key`` finds its item again: the row's rowid in its table times four
plus its kind's code. The learner's edited cards are documents of a small in-memory table of
the same shape (``EDITED``, see ``search_overlay``), whose key is its rowid.

Guides built before keep their FTS5 tables (``search_index``, ``search_terms``,
``search_rows``); nothing reads or writes them any more.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from studyguide.domain.dates import DateSpan, FuzzyDate
from studyguide.domain.text import markdown_to_plain
from studyguide.store import schema

if TYPE_CHECKING:  # (annotations only: sqlite-utils is loaded by the writers that need it)
    import sqlite_utils

#: The in-memory table of a guide's edited cards (one search document per row).
EDITED = "edited_rows"
EDITED_COLUMNS = ("kind TEXT, section TEXT, title TEXT, body TEXT, item_id TEXT, section_id TEXT, "
                  "start_pos REAL, end_pos REAL")
CODES = {"section": 0, "event": 1, "card": 2}
_KINDS = {code: kind for kind, code in CODES.items()}
#: (key, kind, title, body, item id, section id, start, end) of one document (a ``section:`` filter finds
#: the sections by their own documents' titles, then the items by section id: no section title per item).
Doc = tuple[int, str, str, str, str, str, "float | None", "float | None"]
#: (key, kind, item id, section id, title, body) of one hit shown.
Shown = tuple[int, str, str, str, str, str]
_DATE = ("year", "month", "day", "season", "approx")
_EVENT_DATES = ", ".join(f"e.{p}_{k}" for p in ("start", "end") for k in _DATE)


def key(kind: str, rowid: int) -> int:
    """The document key of a content row."""
    return rowid * 4 + CODES[kind]


def _date(values: Sequence[object]) -> FuzzyDate | None:
    year, month, day, season, approx = values
    if year is None:
        return None
    return FuzzyDate(year=int(str(year)), month=None if month is None else int(str(month)),
                     day=None if day is None else int(str(day)), season=None if season is None else str(season),
                     approximate=bool(approx))


def _event_body(description: object, dates: Sequence[object]) -> str:
    start = _date(dates[:5])
    span = DateSpan(start, _date(dates[5:])) if start is not None else None
    label = span.label() if span is not None else ""
    return f"{label} \u00b7 {markdown_to_plain(str(description or ''))}"


def _only(column: str, ids: Sequence[str] | None) -> tuple[str, list[object]]:
    if ids is None:
        return "", []
    return f" WHERE {column} IN (SELECT value FROM json_each(?))", [_json(ids)]


def _json(values: Sequence[object]) -> str:
    return json.dumps(list(values))


def documents(db: sqlite_utils.Database, kind: str | None = None,
              item_ids: Sequence[str] | None = None) -> Iterator[Doc]:
    """The guide's documents (sections, then events, then cards, each in guide order), or those of
    ``item_ids`` of one ``kind``."""
    plain = markdown_to_plain
    if kind in (None, "section"):
        where, args = _only("id", item_ids)
        for rowid, ident, title, body in db.execute(
                f"SELECT rowid, id, title, body FROM [{schema.SECTIONS}]{where} ORDER BY position", args):
            yield rowid * 4, "section", title or "", plain(body or ""), ident, ident, None, None
    if kind in (None, "event"):
        where, args = _only("e.id", item_ids)
        for rowid, ident, section_id, title, description, start, end, *dates in db.execute(
                f"SELECT e.rowid, e.id, e.section_id, e.title, e.description, e.start_pos, e.end_pos, {_EVENT_DATES} "
                f"FROM [{schema.EVENTS}] e{where} ORDER BY e.position", args):
            yield rowid * 4 + 1, "event", title or "", _event_body(description, dates), ident, section_id, start, end
    if kind in (None, "card"):
        where, args = _only("id", item_ids)
        for rowid, ident, section_id, front, back in db.execute(
                f"SELECT rowid, id, section_id, front, back FROM [{schema.CARDS}]{where} ORDER BY position", args):
            yield rowid * 4 + 2, "card", plain(front or ""), plain(back or ""), ident, section_id, None, None


def edited_documents(db: sqlite_utils.Database) -> Iterator[Doc]:
    """The documents of an in-memory table of edited cards (``EDITED``)."""
    for row in db.execute(f"SELECT rowid, kind, title, body, item_id, section_id, start_pos, end_pos "
                          f"FROM [{EDITED}] ORDER BY rowid"):
        yield tuple(row)


def section_ids(db: sqlite_utils.Database, keys: Sequence[int]) -> list[str]:
    """The ids of the sections whose documents have these keys."""
    return [str(ident) for (ident,) in db.execute(
        f"SELECT id FROM [{schema.SECTIONS}] WHERE rowid IN (SELECT value FROM json_each(?))",
        [_json([k // 4 for k in keys if k % 4 == CODES["section"]])])]


def shown(db: sqlite_utils.Database, keys: Sequence[int], *, edited: bool = False) -> list[Shown]:
    """(key, kind, item id, section id, title, body) of the documents with these keys (those that
    are no longer there are left out)."""
    if edited:
        rows = db.execute(f"SELECT rowid, kind, item_id, section_id, title, body FROM [{EDITED}] "
                          "WHERE rowid IN (SELECT value FROM json_each(?))", [_json(keys)]).fetchall()
        return [tuple(row) for row in rows]
    by_kind: dict[str, list[int]] = {}
    for k in keys:
        by_kind.setdefault(_KINDS.get(k % 4, ""), []).append(k // 4)
    out: list[Shown] = []
    rowids = "rowid IN (SELECT value FROM json_each(?))"
    if "section" in by_kind:
        out += [(key("section", r), "section", i, i, t or "", markdown_to_plain(b or "")) for r, i, t, b in db.execute(
            f"SELECT rowid, id, title, body FROM [{schema.SECTIONS}] WHERE {rowids}", [_json(by_kind["section"])])]
    if "event" in by_kind:
        out += [(key("event", r), "event", i, s, t or "", _event_body(d, dates))
                for r, i, s, t, d, *dates in db.execute(
            f"SELECT e.rowid, e.id, e.section_id, e.title, e.description, {_EVENT_DATES} FROM [{schema.EVENTS}] e "
            f"WHERE e.{rowids}", [_json(by_kind["event"])])]
    if "card" in by_kind:
        out += [(key("card", r), "card", i, s, markdown_to_plain(f or ""), markdown_to_plain(b or ""))
                for r, i, s, f, b in db.execute(
                    f"SELECT rowid, id, section_id, front, back FROM [{schema.CARDS}] WHERE {rowids}",
                    [_json(by_kind["card"])])]
    return out
