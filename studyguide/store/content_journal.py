"""Your own guides in the sync journal: what changed here becomes versions, versions that arrive are
written into the guides (docs/sync.md, ``domain.journal_content``).

A guide travels when it was written in the app (File > New Guide, or an editable copy of the bundled
guide; an imported guide stays where it was imported). Its items are read back whole at each sync and
compared with their current versions (the same way the learner's card changes travel,
``store.sync_fields``), so every write path counts, undo and redo included, with no hook in any of
them. Versions live beside the card changes' in ``sync_versions``, under (guide id, item id, kind).
Runs inside ``SyncStateStore``'s transactions on the progress database; the guides are written
through ``GuideWriter``, one transaction per item, before that transaction commits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from studyguide.domain.card_types import Note
from studyguide.domain.dates import DateSpan
from studyguide.domain.guide import Event, GuideInfo, Section
from studyguide.domain.journal import EntryKey, FieldConflict, JournalField
from studyguide.domain.journal_content import (
    CONTENT_FIELDS,
    MEDIA_KEY,
    WHOLE_GUIDE,
    Head,
    distinct,
    dumps,
    in_conflict,
    same,
    section_order,
    shown,
)
from studyguide.domain.media import referenced_names
from studyguide.store import schema
from studyguide.store.authoring import ITEM_TAGS, NOTES, WRITABLE_KEY, GuideWriter, set_meta, write_empty_guide
from studyguide.store.connection import explain
from studyguide.store.content import _DATE_COLUMNS, _date_from
from studyguide.store.media import GuideMedia, media_folder
from studyguide.store.sync_media import bring_in, export, hashes_of

Item = tuple[str, str]  # (kind, item id)
_FIELDS = ", ".join(f"'{f}'" for f in CONTENT_FIELDS)
_RANK = {f: n for n, f in enumerate(CONTENT_FIELDS)}


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in db.execute(f"SELECT key, value FROM [{schema.META}]")}


def read_items(path: Path) -> tuple[dict[Item, str], list[str]]:
    """A guide's items as versions say them (canonical JSON, no media), and its sections' order."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        meta = _meta(db)
        items: dict[Item, str] = {("guide", WHOLE_GUIDE): dumps(
            {"title": meta.get("title", ""), "subject": meta.get("subject", ""),
             "copied_from": meta.get("copied_from", "")})}
        tags: dict[tuple[str, str], list[str]] = {}
        for kind, item, tag in db.execute(f"SELECT kind, item_id, tag FROM [{ITEM_TAGS}] ORDER BY ord"):
            tags.setdefault((kind, item), []).append(tag)
        order = []
        for ident, title, body, sources in db.execute(
                f"SELECT id, title, body, sources FROM [{schema.SECTIONS}] ORDER BY position, id"):
            order.append(ident)
            items[("section", ident)] = dumps({"title": title, "body": body or "", "sources": json.loads(
                sources or "[]"), "tags": tags.get(("section", ident), [])})
        for ident, section, kind, front, back, note_tags, position in db.execute(
                f"SELECT id, section_id, type, front, back, tags, position FROM [{NOTES}]"):
            items[("note", ident)] = dumps({"section_id": section, "type": kind, "front": front, "back": back,
                                            "tags": json.loads(note_tags), "position": position})
        columns = ", ".join(_DATE_COLUMNS)
        for ident, section, title, description, lane, position, *dates in db.execute(
                f"SELECT id, section_id, title, description, lane, position, {columns} FROM [{schema.EVENTS}]"):
            items[("event", ident)] = dumps({"section_id": section, "title": title, "description": description or "",
                                             "lane": lane or "", "position": position,
                                             **dict(zip(_DATE_COLUMNS, dates, strict=True))})
    finally:
        db.close()
    return items, order


def _durable(path: Path) -> None:
    """Sync a file written without syncs to disk, before it is moved into place."""
    with open(path, "rb+") as written:
        os.fsync(written.fileno())


def _texts(kind: str, value: dict[str, Any]) -> str:
    """The Markdown of an item that may refer to media."""
    return " ".join(str(value.get(k) or "") for k in ("body", "front", "back", "description"))


class ContentJournal:
    """The versions of the user's travelling guides (on the progress connection).

    Args:
        db: The progress database.
        guides_folder: The library's guides.
        trash: Where a guide deleted by another device is kept (as a deletion here keeps it).
        clock: The current time (cards' Added time).
    """

    def __init__(self, *, db: sqlite_utils.Database, guides_folder: Path, trash: Path,
                 clock: Callable[[], datetime]) -> None:
        self._db, self._guides, self._trash, self._clock = db, guides_folder, trash, clock
        #: The sync folder of the sync under way (media are copied out of and into it).
        self.folder: Path | None = None
        #: Guides this sync wrote into (the library reopens them).
        self.written: set[str] = set()

    # Which guides travel ------------------------------------------------------------------

    def travelling(self) -> dict[str, Path]:
        """The user's guides that travel: written in the app (no import source), writable."""
        found = {}
        for path in sorted(self._guides.glob("*.sqlite")):
            try:
                db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
                try:
                    meta = _meta(db)
                finally:
                    db.close()
            except sqlite3.Error:
                continue  # a guide that cannot be read now (being written): the next sync looks again
            if meta.get(WRITABLE_KEY) == "1" and (not meta.get("source_sha256") or meta.get("copied_from")):
                found[meta.get("id", path.stem)] = path
        return found

    def _heads(self, guide_id: str) -> dict[Item, list[Head]]:
        """Every item of a guide with versions: the versions no other replaces, oldest first."""
        rows = self._db.execute(
            f"SELECT device, segment, idx, card_id, field, value, replaces, at FROM [{schema.SYNC_VERSIONS}] "
            f"WHERE guide_id = ? AND field IN ({_FIELDS})", [guide_id]).fetchall()
        replaced = {tuple(k) for r in rows for k in json.loads(r[6])}
        heads: dict[Item, list[Head]] = {}
        for d, s, i, item, field, value, _, at in rows:
            if (d, s, i) not in replaced:
                heads.setdefault((field, item), []).append(((d, s, i), json.loads(value), at or ""))
        for group in heads.values():
            group.sort(key=lambda h: (h[2], h[0]))
        return heads

    def _first_seen(self, guide_id: str) -> dict[str, str]:
        """When each section of a guide was first journaled (then by whom): the order of new sections."""
        rows = self._db.execute(
            f"SELECT card_id, min(at || ' ' || device || ' ' || printf('%012d %012d', segment, idx)) FROM "
            f"[{schema.SYNC_VERSIONS}] WHERE guide_id = ? AND field = 'section' GROUP BY card_id", [guide_id])
        return {str(item): str(first) for item, first in rows}

    def _last_living(self, guide_id: str, item: Item) -> str | None:
        row = self._db.execute(
            f"SELECT value FROM [{schema.SYNC_VERSIONS}] WHERE guide_id = ? AND field = ? AND card_id = ? AND "
            "value != 'null' ORDER BY at DESC, device DESC, segment DESC, idx DESC LIMIT 1",
            [guide_id, item[0], item[1]]).fetchone()
        return None if row is None else json.loads(row[0])

    # Outgoing -----------------------------------------------------------------------------

    def local_changes(self, *, device_id: str, number: int, first_index: int, at: str,
                      add: Callable[[EntryKey, JournalField], None]) -> list[JournalField]:
        """New versions for what changed in the travelling guides since the last sync (entries
        ``first_index``... of this device's segment ``number``, recorded through ``add``); the media
        they refer to are copied into the sync folder first."""
        picked = {(g, c, f) for g, c, f in self._db.execute(
            f"SELECT guide_id, card_id, field FROM [{schema.SYNC_PICKS}] WHERE field IN ({_FIELDS})")}
        guides = self.travelling()
        journaled = {g for (g,) in self._db.execute(
            f"SELECT DISTINCT guide_id FROM [{schema.SYNC_VERSIONS}] WHERE field = 'guide'")}
        made: list[JournalField] = []

        def version(guide_id: str, item: Item, value: str | None, heads: list[Head]) -> None:
            replaces = tuple(h[0] for h in heads)
            made.append(JournalField(guide_id, item[1], item[0], value, replaces, at))
            add((device_id, number, first_index + len(made) - 1), made[-1])

        for guide_id in sorted(set(guides) | journaled):
            path = guides.get(guide_id)
            if path is None and (self._guides / f"{guide_id}.sqlite").exists():
                continue  # a guide of that id imported here: not this one, and not deleted
            try:
                current, order = read_items(path) if path is not None else ({}, [])
            except sqlite3.Error as error:  # the guide's file, not the progress database
                raise explain(error, path or self._guides) from error
            heads = self._heads(guide_id)
            media = GuideMedia.of_guide(path) if path is not None else None
            place = {s: n for n, s in enumerate(order)}  # new sections journaled in the guide's order
            for item in sorted(set(current) | set(heads), key=lambda i: (_RANK[i[0]], place.get(i[1], -1), i[1])):
                if item[0] == "order":
                    continue
                value, known = current.get(item), heads.get(item, [])
                if (guide_id, item[1], item[0]) in picked or (not known and value is not None) or (
                        known and not in_conflict(known) and not same(known[0][1], value)):
                    version(guide_id, item, self._with_media(item[0], value, media), known)
            known = heads.get(("order", WHOLE_GUIDE), [])
            listed = json.loads(shown(known, None) or "[]") if known else []
            expected = section_order(listed, order, self._first_seen(guide_id), order)
            if path is not None and ((guide_id, WHOLE_GUIDE, "order") in picked or (
                    expected != order and not in_conflict(known))):
                version(guide_id, ("order", WHOLE_GUIDE), dumps(order), known)
        self._db.execute(f"DELETE FROM [{schema.SYNC_PICKS}] WHERE field IN ({_FIELDS})")
        return made

    def _with_media(self, kind: str, value: str | None, media: GuideMedia | None) -> str | None:
        """A version's value with the media it refers to (their SHA-256), copied into the folder."""
        if value is None or media is None or kind not in ("section", "note", "event"):
            return value
        loaded = json.loads(value)
        hashes = hashes_of(media, referenced_names(_texts(kind, loaded)))
        if not hashes:
            return value
        assert self.folder is not None, "a sync folder is set while a sync writes its segment"
        export(self.folder, media, hashes)
        return dumps({**loaded, MEDIA_KEY: hashes})

    # Incoming -----------------------------------------------------------------------------

    def settle(self, items: Iterable[tuple[str, str, str]]) -> int:
        """Write what the versions of these (guide, item, kind) say into the guides; returns how
        many of them are in conflict (each device shows its own version meanwhile)."""
        by_guide: dict[str, set[Item]] = {}
        for guide_id, item, kind in items:
            by_guide.setdefault(guide_id, set()).add((kind, item))
        conflicts, here = 0, self.travelling()
        for guide_id, touched in sorted(by_guide.items()):
            heads = self._heads(guide_id)
            conflicts += sum(1 for item in touched if in_conflict(heads.get(item, [])))
            path = self._guides / f"{guide_id}.sqlite"
            if guide_id in here or not path.exists():  # (an imported guide of that id is left alone)
                try:
                    self._reconcile(guide_id, touched, heads, {})
                except sqlite3.Error as error:  # the guide's file, not the progress database
                    raise explain(error, path) from error
        return conflicts

    def _reconcile(self, guide_id: str, touched: set[Item], heads: dict[Item, list[Head]],
                   forced: dict[Item, str | None]) -> None:
        """Bring one guide to what its versions say (``forced``: a pick's value for an item)."""
        path = self._guides / f"{guide_id}.sqlite"
        exists = path.exists()
        current, order = read_items(path) if exists else ({}, [])
        target = {item: shown(group, current.get(item)) for item, group in heads.items()}
        target.update(forced)
        for kind_value in [v for (k, _), v in target.items() if k in ("note", "event") and v is not None]:
            section = ("section", json.loads(kind_value)["section_id"])
            if target.get(section, current.get(section)) is None:  # a changed card keeps its section
                target[section] = self._last_living(guide_id, section)
                touched = touched | {section}
        living = any(v is not None for (k, _), v in target.items() if k not in ("guide", "order"))
        guide = target.get(("guide", WHOLE_GUIDE), current.get(("guide", WHOLE_GUIDE)))
        if guide is None and living:  # an item changed elsewhere keeps its guide
            guide = self._last_living(guide_id, ("guide", WHOLE_GUIDE))
        if guide is None:
            if exists and ("guide", WHOLE_GUIDE) in touched | set(forced):
                self._to_trash(path)
                self.written.add(guide_id)
            return
        info = json.loads(guide)
        temp = None
        if not exists:  # built whole in a temporary file, then moved into place: one write, not one per item
            temp = path.with_name(f".sync-{os.getpid()}-{time.time_ns()}-{path.name}")
            self._create(temp, GuideInfo(id=guide_id, title=info["title"], subject=info.get("subject", "")),
                         info.get("copied_from", ""))
            touched, current = set(target), {}
        elif not same(guide, current.get(("guide", WHOLE_GUIDE))):
            set_meta(path, {"title": info["title"], "subject": info.get("subject", "")})
        try:
            writer = GuideWriter(path=temp or path, clock=self._clock)
            try:
                if temp is not None:  # a crash leaves a temporary file only: no need to sync each item
                    writer._db.execute("PRAGMA synchronous = OFF")
                self._write_items(writer, path, {i: target.get(i) for i in touched
                                                 if i[0] not in ("guide", "order")}, current)
                _, order = read_items(temp or path)
                listed = json.loads(target.get(("order", WHOLE_GUIDE)) or "[]")
                expected = section_order(listed, order, self._first_seen(guide_id), order)
                if expected != order:
                    writer.order_sections(expected)
            finally:
                writer.close()
            if temp is not None:
                _durable(temp)
                os.replace(temp, path)
        finally:
            if temp is not None:
                temp.unlink(missing_ok=True)
        self.written.add(guide_id)

    def _write_items(self, writer: GuideWriter, path: Path, target: dict[Item, str | None],
                     current: dict[Item, str]) -> None:
        media = GuideMedia.of_guide(path)
        changed = {i: v for i, v in target.items() if not (v is not None and same(v, current.get(i))) and
                   not (v is None and i not in current)}
        puts = sorted((i for i, v in changed.items() if v is not None), key=lambda i: (_RANK[i[0]], i[1]))
        for kind, ident in puts:
            value = changed[(kind, ident)]
            assert value is not None
            if self.folder is not None:
                bring_in(self.folder, media, value)
            data = json.loads(value)
            if kind == "section":
                found = writer.section(ident)
                position = found[0].position if found else writer.next_position("sections")
                writer.put_section(Section(id=ident, title=data["title"], body=data["body"],
                                           sources=tuple(data["sources"]), position=position), tuple(data["tags"]))
            elif kind == "note":
                writer.put_note(Note(id=ident, section_id=data["section_id"], type=data["type"], front=data["front"],
                                     back=data["back"], tags=tuple(data["tags"]), position=data["position"]))
            else:
                start, end = _date_from(data, "start"), _date_from(data, "end")
                assert start is not None
                writer.put_event(Event(id=ident, section_id=data["section_id"], title=data["title"],
                                       when=DateSpan(start, end), description=data["description"],
                                       lane=data["lane"], position=data["position"]))
        for kind, ident in sorted((i for i, v in changed.items() if v is None), key=lambda i: -_RANK[i[0]]):
            if kind == "note":
                writer.remove_note(ident)
            elif kind == "event":
                writer.remove_event(ident)
            else:
                writer.remove_section(ident)

    def _create(self, temp: Path, info: GuideInfo, copied_from: str) -> None:
        """An empty guide at ``temp`` (the caller moves it into place)."""
        temp.parent.mkdir(parents=True, exist_ok=True)
        write_empty_guide(temp, info)
        if copied_from:
            set_meta(temp, {"copied_from": copied_from})

    def _to_trash(self, path: Path) -> None:
        """Keep a guide another device deleted in the trash, its media with it (as a deletion here)."""
        kept = self._trash / f"{path.stem}--{self._clock().strftime('%Y%m%d-%H%M%S-%f')}.sqlite"
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, kept)
        if media_folder(path).exists():
            os.replace(media_folder(path), media_folder(kept))

    # Conflicts ----------------------------------------------------------------------------

    def conflicts(self, names: dict[str, str]) -> list[FieldConflict]:
        """Every item of a guide two devices changed offline, with each version."""
        found = []
        for (guide_id,) in self._db.execute(f"SELECT DISTINCT guide_id FROM [{schema.SYNC_VERSIONS}] "
                                            f"WHERE field IN ({_FIELDS}) ORDER BY 1").fetchall():
            for (kind, item), group in sorted(self._heads(guide_id).items(), key=lambda g: (_RANK[g[0][0]], g[0][1])):
                if in_conflict(group):
                    found.append(FieldConflict(guide_id, item, kind, tuple(
                        (names.get(key[0], key[0]), value, at) for key, value, at in distinct(group))))
        return found

    def pick(self, guide_id: str, item: str, kind: str, value: str | int | None) -> None:
        """Settle a conflict with ``value``: written into the guide now, journaled by the next sync."""
        assert value is None or isinstance(value, str)
        self._reconcile(guide_id, {(kind, item)}, self._heads(guide_id), {(kind, item): value})
        self._db.execute(f"INSERT OR IGNORE INTO [{schema.SYNC_PICKS}] (guide_id, card_id, field) VALUES (?, ?, ?)",
                         [guide_id, item, kind])
