"""Re-read what you keep forgetting: which sections' cards lapse repeatedly (pure rules)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

#: Lapses are counted over this window.
LAPSE_WINDOW = timedelta(days=7)
#: A section whose cards lapsed this many times in the window is offered for re-reading.
LAPSES_TO_REREAD = 3
#: Marks such a section in the section list.
MARKER = "\u21ba"  # ↺


def sections_to_reread(lapses: Mapping[str, int], section_of: Callable[[str], str | None], *,
                       threshold: int = LAPSES_TO_REREAD) -> dict[str, int]:
    """The sections whose cards lapsed at least ``threshold`` times, with their lapse count.

    Args:
        lapses: Lapses per card id within the window.
        section_of: A card's section id (None for a card the guide no longer has).
        threshold: Lapses that make a section worth re-reading.
    """
    per_section: dict[str, int] = {}
    for card_id, count in lapses.items():
        section_id = section_of(card_id)
        if section_id is not None:
            per_section[section_id] = per_section.get(section_id, 0) + count
    return {section_id: count for section_id, count in per_section.items() if count >= threshold}


def reread_note(lapses: int) -> str:
    """Why a section is offered for re-reading, in a sentence."""
    days = LAPSE_WINDOW.days
    return f"You forgot its cards {lapses} times in the last {days} days: re-reading the section may help."
