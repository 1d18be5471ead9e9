"""The sync journal's pure parts: entries, segment names, conflict copies, and the merged replay.

Each device writes its own append-only journal into the sync folder as immutable segment files
(``store/journal_files.py``); every device applies the others' entries. An entry is known
everywhere by ``(device, segment, index)``. Card state is derived by replaying every answer of a
card in time order (``replay``): an answer keeps the outcome its device recorded when it was
scheduled from the same state, and is scheduled again from the merged state when it was not.
See docs/sync.md.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NamedTuple

from studyguide.domain.card_events import CARD_EVENT_KINDS, JournalCardEvent, card_event_from_json
from studyguide.domain.journal_content import CONTENT_FIELDS

#: Where a library's journal lives inside the user's sync folder.
JOURNAL_FOLDER = "StudyGuide-sync"
#: The newest segment format this app writes and reads (2: the card browser's forget and set-due
#: entries, a guide's own parameters, versions of the user's own guides; 3: a compacted segment,
#: replacing older ones of its device). A segment is written in the oldest format that holds its
#: entries (``segment_format``).
SEGMENT_VERSION = 3
COMPACTED_FORMAT = 3
#: A segment's file name: ``segment-00000001.jsonl.zst`` (its number, 1, 2, ...).
SEGMENT_NAME = re.compile(r"^segment-(\d{8})\.jsonl\.zst$")
#: A copy a sync tool made of a segment it saw change twice: Syncthing's
#: ``segment-00000001.jsonl.sync-conflict-20250101-101010-ABCDEFG.zst``, Dropbox's
#: ``segment-00000001 (Ann's conflicted copy 2025-01-01).jsonl.zst``, Nextcloud's
#: ``segment-00000001 (conflicted copy 2025-01-01 101010).jsonl.zst``, ``... (Case Conflict)``.
CONFLICT_COPY = re.compile(r"^segment-(\d{8})\b.*conflict.*\.zst$", re.IGNORECASE)

# The entries and answers of a merge are tuples, not frozen dataclasses: a year of answers makes
# a hundred thousand of each, and a frozen dataclass is several times slower to build.

#: An entry's identity in every library: (device id, segment number, index in the segment).
EntryKey = tuple[str, int, int]


def segment_name(number: int) -> str:
    """The file name of segment ``number`` (1, 2, ...)."""
    return f"segment-{number:08d}.jsonl.zst"


def segment_number(name: str) -> tuple[int, bool] | None:
    """(number, is a sync tool's conflict copy) for a segment's file name, or None for any other
    file (a temporary file being written, a note the user left)."""
    match = SEGMENT_NAME.match(name)
    if match:
        return int(match.group(1)), False
    match = CONFLICT_COPY.match(name)
    if match:
        return int(match.group(1)), True
    return None


class JournalAnswer(NamedTuple):
    """One answer as journaled: its card, rating and time, and the states its device scheduled it
    from and to (JSON text of ``fsrs.Card.to_dict()``, kept as text: it is stored as it came;
    previous None for a new card)."""

    guide_id: str
    card_id: str
    rating: int
    reviewed_at: str
    duration_ms: int | None
    previous_state: str | None
    new_state: str

    def to_json(self) -> dict[str, Any]:
        """The entry as a segment line's object."""
        return {"k": "answer", "g": self.guide_id, "c": self.card_id, "r": self.rating, "t": self.reviewed_at,
                "d": self.duration_ms, "p": self.previous_state, "n": self.new_state}


@dataclass(frozen=True, slots=True)
class JournalUndo:
    """An answer taken back (by Undo): the entry of that answer, on whichever device it was made."""

    target: EntryKey

    def to_json(self) -> dict[str, Any]:
        """The entry as a segment line's object."""
        return {"k": "undo", "of": list(self.target)}


#: The learner's own changes to a card that travel, each a versioned item (see ``JournalField``).
CARD_FIELDS = ("front", "back", "suspended")
#: The review settings travel the same way, as the fields of the item (SETTINGS_ITEM, SETTINGS_ITEM).
SETTINGS_FIELDS = ("desired_retention", "new_per_day", "fsrs_parameters")
SETTINGS_ITEM = ""
#: A guide's own fitted FSRS parameters (JSON text, None: the settings' ones) travel as the field of
#: the item (guide id, GUIDE_ITEM). Two fits made offline are no conflict: the latest version wins
#: (by its time, then its key), as every device orders them the same (docs/sync.md).
GUIDE_FIELDS = ("guide_fsrs_parameters",)
GUIDE_ITEM = ""
LATEST_WINS = frozenset(GUIDE_FIELDS)
_FIELDS = frozenset(CARD_FIELDS + SETTINGS_FIELDS + GUIDE_FIELDS + CONTENT_FIELDS)


class JournalField(NamedTuple):
    """A new version of one of the learner's changes to a card (its wording, or its suspension).

    Each version names the versions it replaces (those its device had when it was made). A field's
    value is its one version that no other replaces; two such versions (two devices changed it
    offline) are a conflict: both are kept, and the learner picks one (a new version replacing both).
    """

    guide_id: str
    card_id: str
    field: str
    value: str | int | None
    replaces: tuple[EntryKey, ...]
    at: str

    def to_json(self) -> dict[str, Any]:
        """The entry as a segment line's object."""
        return {"k": "field", "g": self.guide_id, "c": self.card_id, "f": self.field, "v": self.value,
                "r": [list(key) for key in self.replaces], "t": self.at}


JournalEntry = JournalAnswer | JournalUndo | JournalField | JournalCardEvent

#: The fields format 1 carries: a segment of answers, undos and these is written as format 1, so an
#: older StudyGuide still applies it; one with anything newer tells it to update.
_FORMAT_1_FIELDS = frozenset(CARD_FIELDS + SETTINGS_FIELDS)


def segment_format(entries: Iterable[dict[str, Any]]) -> int:
    """The oldest segment format that holds these entries (``to_json`` objects)."""
    for entry in entries:
        kind = entry["k"]
        if kind not in ("answer", "undo", "field") or (kind == "field" and entry["f"] not in _FORMAT_1_FIELDS):
            return 2
    return 1


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A change two devices made to the same card offline: every version kept, for the learner to pick.

    Attributes:
        versions: (device name, value, when) of each version, oldest first.
    """

    guide_id: str
    card_id: str
    field: str
    versions: tuple[tuple[str, str | int | None, str], ...]


_RATINGS = frozenset((1, 2, 3, 4))
_iso, _tuple = datetime.fromisoformat, tuple.__new__
_answer_fields = operator.itemgetter("g", "c", "r", "t", "d", "p", "n")


class EntryFormatError(ValueError):
    """A segment line that is not an entry this app knows how to apply."""


def entry_from_json(value: object) -> JournalEntry:
    """An entry from a segment line's object.

    Raises:
        EntryFormatError: The object is not a well-formed entry.
    """
    if not isinstance(value, dict):
        raise EntryFormatError("an entry is a JSON object")
    try:
        kind = value["k"]
        if kind == "answer":  # a year of these in one merge: read each value once
            guide, card, rating, at, duration, previous, new = fields = _answer_fields(value)
            if (rating not in _RATINGS or type(new) is not str or type(guide) is not str or type(card) is not str
                    or not (previous is None or type(previous) is str)
                    or not (duration is None or type(duration) is int)):
                raise EntryFormatError("an answer has a card, a rating 1-4, states as JSON text and a duration")
            _iso(at)
            return _tuple(JournalAnswer, fields)  # no __new__ frame
        if kind == "undo":
            device, segment, index = value["of"]
            return JournalUndo((str(device), int(segment), int(index)))
        if kind == "field":
            field, item = value["f"], value["v"]
            if field not in _FIELDS or not (item is None or isinstance(item, str | int)):
                raise EntryFormatError(f"an unknown field {field!r} or value")
            return JournalField(str(value["g"]), str(value["c"]), field, item,
                                tuple((str(d), int(s), int(i)) for d, s, i in value["r"]), str(value["t"]))
        if kind in CARD_EVENT_KINDS:  # the card browser's Forget and Set Due Date
            return card_event_from_json(value)
    except (KeyError, TypeError, ValueError) as error:
        raise EntryFormatError(f"a damaged entry ({error})") from error
    raise EntryFormatError(f"an entry of the unknown kind {value.get('k')!r}")


class LoggedAnswer(NamedTuple):
    """An answer in the merged log, as ``replay`` reads it.

    Attributes:
        row: Its row in the local review log (any unique number in pure use).
        origin: Its entry key (the tie-break after the time: devices in id order).
        reviewed_at: When it was given (ISO 8601 with its offset).
    """

    row: int
    guide_id: str
    card_id: str
    rating: int
    reviewed_at: str
    origin: EntryKey
    previous_state: str | None
    new_state: str

    @property
    def moment(self) -> datetime:
        """When it was given, as a timezone-aware time (naive text is read as UTC)."""
        moment = datetime.fromisoformat(self.reviewed_at)
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)

    def order(self) -> tuple[str, EntryKey]:
        """Its place in the merged log: its UTC time as text (ISO text of one offset sorts as the
        times do, and answers are saved in UTC: only others are converted), then its entry key."""
        at = self.reviewed_at
        return (at if at.endswith("+00:00") else self.moment.astimezone(timezone.utc).isoformat()), self.origin


#: Schedules an answer again: (guide id, card id, state before or None, rating, time) -> new state.
Reschedule = Callable[[str, str, dict[str, Any] | None, int, datetime], dict[str, Any]]


class Replayed(NamedTuple):
    """An answer's states once replayed: changed when its recorded ones no longer follow."""

    answer: LoggedAnswer
    previous_state: str | None
    new_state: str

    @property
    def changed(self) -> bool:
        """True when the replay gave other states than the ones logged."""
        return (self.previous_state, self.new_state) != (self.answer.previous_state, self.answer.new_state)


def replay_card(answers: Iterable[LoggedAnswer], reschedule: Reschedule) -> list[Replayed]:
    """Replay one card's answers in time order (then by entry key).

    An answer keeps the outcome recorded with it when it was scheduled from the state the
    replay reached; otherwise (another device's answer came between) it is scheduled again.
    States are compared as text: every state is ``json.dumps`` of fsrs's dict, so equal states
    are equal text (were one written otherwise, the answer would only be scheduled again, the
    same way on every device).
    """
    state: str | None = None
    replayed = []
    group = list(answers)
    for answer in sorted(group, key=LoggedAnswer.order) if len(group) > 1 else group:
        if answer.previous_state == state:  # the text fsrs's dict gives, key order and all
            new = answer.new_state
        else:
            before = None if state is None else json.loads(state)
            new = json.dumps(reschedule(answer.guide_id, answer.card_id, before, answer.rating, answer.moment))
        replayed.append(Replayed(answer, state, new))
        state = new
    return replayed


def replay(answers: Iterable[LoggedAnswer], reschedule: Reschedule) -> dict[tuple[str, str], list[Replayed]]:
    """Replay a merged log, card by card (``replay_card``); keyed by (guide id, card id)."""
    by_card: dict[tuple[str, str], list[LoggedAnswer]] = {}
    for answer in answers:
        by_card.setdefault((answer.guide_id, answer.card_id), []).append(answer)
    return {key: replay_card(group, reschedule) for key, group in by_card.items()}


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device seen in the sync folder: its id, its readable name, what of it was merged and when."""

    device_id: str
    name: str
    segments: int
    last_merged_at: datetime | None
    this_device: bool = False


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What ``studyguide sync --status`` and the window's status line say."""

    folder: str | None
    device_id: str
    device_name: str
    devices: tuple[DeviceStatus, ...]
    waiting: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """The outcome of one sync.

    Attributes:
        written: Segments of this device written into the folder.
        applied: Other devices' segments applied.
        answers_applied: Answers they added; undos_applied: answers they took back.
        fields_applied: The learner's card changes (wording, suspension), settings and guide parameters they brought.
        card_events_applied: The card browser's forgets and set-due dates they brought.
        conflicts: Changes two devices made to one card, waiting for the learner to pick one.
        from_devices: Readable names of the devices applied from.
        skipped: One sentence per segment left for later (incomplete, damaged, newer app).
        conflict_copies: Sync tools' conflict copies seen (their content was applied at most once).
        write_error: Why this device's new segment could not be written (kept for the next sync).
        guides_written: The user's own guides this sync wrote into, made or deleted (to reopen).
        compacted: This device's segments rewritten as one compacted segment by this sync.
    """

    written: int = 0
    applied: int = 0
    answers_applied: int = 0
    undos_applied: int = 0
    fields_applied: int = 0
    card_events_applied: int = 0
    conflicts: int = 0
    from_devices: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    conflict_copies: int = 0
    write_error: str | None = None
    guides_written: tuple[str, ...] = ()
    compacted: int = 0
