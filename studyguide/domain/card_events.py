"""The card browser's Forget and Set Due Date in the sync journal, and their place in the merged replay.

A forget or a set-due date is an event at a moment, like an answer: it travels as an entry
(``forget`` / ``due``) and is replayed with the answers in time order (then by entry key). A
forget makes the card new from that moment (its answers stay in the log); a set-due date
replaces the due date of the state the replay reached (a new card stays new). An answer
given after either keeps its recorded outcome when it was scheduled from that state, and is
scheduled again otherwise, as any answer of the merged log. See docs/sync.md.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, NamedTuple

#: The entry kinds of the card browser's writes.
FORGET, SET_DUE = "forget", "due"
CARD_EVENT_KINDS = (FORGET, SET_DUE)


class JournalCardEvent(NamedTuple):
    """A forget or a set-due date as journaled: its card, when, and the due date set (None for a forget)."""

    guide_id: str
    card_id: str
    kind: str
    at: str
    due: str | None

    def to_json(self) -> dict[str, Any]:
        """The entry as a segment line's object."""
        entry: dict[str, Any] = {"k": self.kind, "g": self.guide_id, "c": self.card_id, "t": self.at}
        if self.kind == SET_DUE:
            entry["due"] = self.due
        return entry


def card_event_from_json(value: dict[str, Any]) -> JournalCardEvent:
    """A forget or set-due entry from a segment line's object.

    Raises:
        KeyError, TypeError, ValueError: It is not well formed (the caller names it damaged).
    """
    kind, guide, card, at = value["k"], value["g"], value["c"], value["t"]
    if kind not in CARD_EVENT_KINDS or not all(type(v) is str for v in (guide, card, at)):
        raise ValueError("a forget or set-due entry has a card and a time")
    datetime.fromisoformat(at)
    due = None
    if kind == SET_DUE:
        due = value["due"]
        if type(due) is not str:
            raise TypeError("a set-due entry has a due date")
        datetime.fromisoformat(due)
    return JournalCardEvent(guide, card, kind, at, due)


class CardEvent(NamedTuple):
    """A forget or set-due date in the merged log, as the replay reads it.

    Attributes:
        origin: Its entry key (device, segment, index), the tie-break after the time.
    """

    guide_id: str
    card_id: str
    kind: str
    at: str
    due: str | None
    origin: tuple[str, int, int]

    def order(self) -> tuple[str, tuple[str, int, int]]:
        """Its place in the merged log, as ``LoggedAnswer.order``: UTC time as text, then its key."""
        at = self.at
        if not at.endswith("+00:00"):
            moment = datetime.fromisoformat(at)
            at = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).isoformat()
        return at, self.origin

    def apply(self, state: str | None) -> str | None:
        """The card's state after this event, from its state before (JSON text, None: new).

        A state is ``json.dumps`` of fsrs's dict, key order kept, so the text an answer given
        after the event records as its previous state is exactly this.
        """
        if self.kind == FORGET or state is None:
            return None
        return json.dumps({**json.loads(state), "due": self.due})
