"""What a mutation changed, so each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Changes:
    """Flags returned by every service method that writes.

    Attributes:
        content: Guide content (sections, cards, events) changed.
        guides: The set of guides changed (added, removed, renamed).
        progress: Review history or card state changed.
        due_counts: The number of cards due changed.
        search_index: The full-text index changed.
    """

    content: bool = False
    guides: bool = False
    progress: bool = False
    due_counts: bool = False
    search_index: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))
