"""A user's guide read back as the sync journal's items (``store.content_journal``): canonical JSON per
item, the way a version says it, and the order of its sections."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from studyguide.domain.journal_content import WHOLE_GUIDE, dumps
from studyguide.store import schema
from studyguide.store.authoring import ITEM_TAGS, NOTES
from studyguide.store.content import _DATE_COLUMNS

Item = tuple[str, str]  # (kind, item id)


def meta(db: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in db.execute(f"SELECT key, value FROM [{schema.META}]")}


def read_items(path: Path) -> tuple[dict[Item, str], list[str]]:
    """A guide's items as versions say them (canonical JSON, no media), and its sections' order."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        values = meta(db)
        items: dict[Item, str] = {("guide", WHOLE_GUIDE): dumps(
            {"title": values.get("title", ""), "subject": values.get("subject", ""),
             "copied_from": values.get("copied_from", "")})}
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
