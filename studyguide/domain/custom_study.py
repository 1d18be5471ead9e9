"""Custom study (Anki's, plainly): which cards to study now, outside the day's schedule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class CustomKind(Enum):
    """What a custom study session draws."""

    AHEAD = "ahead"  #: cards falling due within the next N days, reviewed early
    MORE_NEW = "more_new"  #: today's new-card limit raised by N (today only): no session of its own
    SCOPE = "scope"  #: every card of a section, a tag or a search, due or not
    FORGOTTEN = "forgotten"  #: the cards rated Again today
    LOWEST = "lowest"  #: the N studied cards least likely to be recalled now


@dataclass(frozen=True, slots=True)
class CustomStudy:
    """One custom study choice.

    Attributes:
        kind: What to study.
        count: N days (``AHEAD``) or N cards (``MORE_NEW``, ``LOWEST``).
        section_id: ``SCOPE``: this section's cards.
        query: ``SCOPE``: the cards a search finds (``tag:NAME`` for a tag); used when no section.
        practice: Answers are not saved: the schedule and the review log are untouched.
    """

    kind: CustomKind
    count: int = 0
    section_id: str | None = None
    query: str = ""
    practice: bool = False

    def title(self, section_title: str = "") -> str:
        """How the reviewer names the session ("Custom study: ... (practice only)")."""
        if self.kind is CustomKind.AHEAD:
            what = f"ahead by {self.count} day{'s' * (self.count != 1)}"
        elif self.kind is CustomKind.FORGOTTEN:
            what = "forgotten today"
        elif self.kind is CustomKind.LOWEST:
            what = f"the {self.count} least likely recalled"
        elif self.section_id is not None:
            what = f"\u201c{section_title or self.section_id}\u201d"
        else:
            what = f"\u201c{self.query}\u201d"
        return f"Custom study: {what}" + (" \u00b7 practice only, nothing saved" if self.practice else "")

    def nothing_found(self) -> str:
        """Why a session of this choice has no card ("No card was answered Again today.")."""
        if self.kind is CustomKind.AHEAD:
            return f"No studied card falls due in the next {f'{self.count} days' if self.count != 1 else 'day'}."
        if self.kind is CustomKind.FORGOTTEN:
            return "No card was answered Again today."
        if self.kind is CustomKind.LOWEST:
            return ("No card has been answered yet: the least likely recalled are chosen among the cards "
                    "you have answered.")
        if self.section_id is not None:
            return "This section has no card to study."
        if self.query.startswith("tag:"):
            return f"No card of this guide has the tag \u201c{self.query[4:]}\u201d."
        return f"No card of this guide matches \u201c{self.query}\u201d."
