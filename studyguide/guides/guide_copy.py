"""A guide imported beside the one of the same id ("Keep Both"): a new guide id and title, item ids kept.

Progress is keyed by ``(guide id, card id)`` (docs/storage.md), so the copy needs a new guide id
and nothing else: its sections, cards and events keep the ids the file gives them (unique within
a guide, and what links a card to its section). The original keeps every review it had; the copy
starts with none (or with the history its file brings, an Anki package's, saved under the new id).
Its id must be one the progress database never saw: a deleted guide's history stays there, and a
copy taking that guide's id would inherit reviews it never had (``store.guide_ids``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from studyguide.domain.guide import Guide

#: How many numbered ids are tried before giving up (each one is taken: not a real library).
_MOST = 1000


def copy_id(guide_id: str, taken: Callable[[str], bool]) -> str:
    """``<id>-copy``, else ``<id>-copy-2``, ``-3``...: the first that ``taken`` says is free.

    Raises:
        ValueError: Every one tried is taken.
    """
    for number in range(1, _MOST + 1):
        candidate = f"{guide_id}-copy" + (f"-{number}" if number > 1 else "")
        if not taken(candidate):
            return candidate
    raise ValueError(f"no free id for a copy of {guide_id}")


def copy_title(title: str, new_id: str) -> str:
    """``Title (copy)``, or ``Title (copy 2)`` for the id ``…-copy-2``: told apart in the guide picker."""
    number = new_id.rsplit("-copy-", 1)[1] if "-copy-" in new_id else ""
    return f"{title} (copy {number})" if number.isdigit() else f"{title} (copy)"


def as_copy(guide: Guide, new_id: str) -> Guide:
    """``guide`` under ``new_id`` and a title saying it is a copy; every item id kept."""
    info = guide.info
    return replace(guide, info=replace(info, id=new_id, title=copy_title(info.title, new_id)))
