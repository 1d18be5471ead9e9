"""Your own guides in the sync journal, the pure parts: the items that travel, their versions' values,
which version a device shows, and the order of a guide's sections (docs/sync.md).

A guide written in the app travels as versioned items, each a multi-value register like the
learner's card changes (``domain.journal.JournalField``): the guide itself (title, subject), its
section order, and each section, note (the cards it makes) and event. A version's value is the
item as JSON text, or None once deleted. Two versions no other replaces are a conflict, kept for
the learner to pick; meanwhile a device shows its own version, and never a deletion over an edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

#: The kinds of item of a guide that travel, in the order they are applied (a guide before its
#: sections, a section before its notes and events; deletions the other way round).
CONTENT_FIELDS = ("guide", "section", "note", "event", "order")
#: The item id of a guide's one ``guide`` and one ``order`` item.
WHOLE_GUIDE = ""
#: A version's key in the value of an item: the media it refers to, by stored name, with the SHA-256
#: of their bytes (the name of their copy in the sync folder). Not part of what the item says.
MEDIA_KEY = "media"

#: (entry key, value, when) of one version of an item.
Head = tuple[tuple[str, int, int], str | None, str]


def dumps(value: dict[str, Any] | list[str]) -> str:
    """An item's canonical JSON text (the same item always gives the same text)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def said(value: str | None) -> Any:
    """What a version says, without the media it carries (None: deleted)."""
    if value is None:
        return None
    loaded = json.loads(value)
    if isinstance(loaded, dict):
        loaded.pop(MEDIA_KEY, None)
    return loaded


def same(a: str | None, b: str | None) -> bool:
    """True when two versions say the same (whatever media hashes they carry)."""
    return bool(said(a) == said(b))


def distinct(heads: Sequence[Head]) -> list[Head]:
    """The heads that say different things (the first of each), oldest first."""
    kept: list[Head] = []
    for head in heads:
        if not any(same(head[1], other[1]) for other in kept):
            kept.append(head)
    return kept


def shown(heads: Sequence[Head], current: str | None) -> str | None:
    """The version a device shows of an item, given its current versions (``heads``, oldest first)
    and what it shows now (``current``).

    One version: that one. A conflict: this device's own when it is one of them (each device keeps
    its own until the learner picks), and never a deletion while another device changed the item
    (the newest change then): nothing is silently dropped.
    """
    options = distinct(heads)
    if len(options) == 1:
        return options[0][1]
    living = [h for h in options if h[1] is not None]
    if current is not None and any(same(current, h[1]) for h in living):
        return current
    return living[-1][1] if living else None


def in_conflict(heads: Sequence[Head]) -> bool:
    """True when an item's current versions say different things."""
    return len(distinct(heads)) > 1


def section_order(listed: Sequence[str], present: Iterable[str], first_seen: dict[str, str],
                  current: Sequence[str]) -> list[str]:
    """The order of a guide's sections every device reaches.

    Args:
        listed: The order the guide's ``order`` version gives (the last reorder anyone made).
        present: The sections the guide has.
        first_seen: When (then by whom) each section was first journaled: sections added since the
            last reorder follow the listed ones in that order, the same on every device.
        current: The order here now: sections not journaled yet keep theirs, at the end.
    """
    have = set(present)
    order = [s for s in dict.fromkeys(listed) if s in have]
    placed = set(order)
    later = sorted((s for s in have if s not in placed and s in first_seen), key=lambda s: (first_seen[s], s))
    placed.update(later)
    return order + later + [s for s in current if s in have and s not in placed]


def describe(field: str, value: str | None) -> str:
    """A version as the conflict picker and ``studyguide sync --conflicts`` say it."""
    content = said(value)
    if content is None:
        return "deleted"
    if field == "order":
        return "sections in the order " + ", ".join(content)
    if field == "guide":
        return f"titled \u201c{content.get('title', '')}\u201d"
    title = content.get("title") or content.get("front") or ""
    rest = content.get("body") or content.get("back") or content.get("description") or ""
    text = " ".join(f"{title} \u2014 {rest}".split()) if rest else " ".join(str(title).split())
    return f"\u201c{text[:90]}{'…' if len(text) > 90 else ''}\u201d"
