"""What an author writes (a note) and the cards it becomes: basic, reversed, cloze, type-in.

Pure functions, no I/O. A note has a stable id; its cards' ids are derived from it so a
card keeps its id (and so its schedule, which is keyed by card id) across edits:

- ``basic`` and ``typein``: one card, ``<id>``;
- ``reversed``: ``<id>`` (front -> back) and ``<id>-reversed`` (back -> front);
- ``cloze``: one card per cloze number, ``<id>-c1``, ``<id>-c2``... Changing the numbers
  of a cloze keeps the ids, and so the schedules, of the numbers that remain.

Cloze syntax is Anki's: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``.
"""

from __future__ import annotations

import bisect
import re

from studyguide.domain.guide import Card, Note

#: The card types, by the name the command line and the API take.
CARD_TYPES = ("basic", "reversed", "cloze", "typein")
#: Other spellings accepted for a type.
TYPE_ALIASES = {"basic-and-reversed": "reversed", "basic_and_reversed": "reversed", "type-in": "typein",
                "type": "typein"}
CLOZE = re.compile(r"\{\{c(?P<n>\d{1,9})::(?P<answer>.*?)(?:::(?P<hint>.*?))?\}\}", re.DOTALL)
#: What a hidden cloze shows without a hint.
HIDDEN = "[...]"
#: A cloze note longer than this shows each card the text around its deletion, not the whole
#: note (so a note with thousands of deletions makes its cards in linear time, not quadratic).
WHOLE_NOTE_CHARS = 2000
CLOZE_CONTEXT = 300
_TAG = re.compile(r"^[^\s,]{1,64}$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MEDIA = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)|\[sound:[^\]]*\]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: What a card's id adds to its note's (``ids_of``): "-reversed", "-c2".
_SIBLING_SUFFIX = re.compile(r"-(?:reversed|c\d+)$")


__all__ = ["CARD_TYPES", "AuthoringError", "Note", "card_ids", "card_type", "check", "check_id", "checked",
           "clean_tags", "cloze_numbers", "cloze_side", "expand", "ids_of", "one_line", "slug", "unique_id"]


class AuthoringError(ValueError):
    """Input the author must change (an empty title, a cloze without a deletion, a bad date)."""


def card_type(name: str) -> str:
    """The canonical type for ``name``.

    Raises:
        AuthoringError: An unknown type.
    """
    key = name.strip().lower()
    key = TYPE_ALIASES.get(key, key)
    if key not in CARD_TYPES:
        raise AuthoringError(f"unknown card type {name!r}: use one of {', '.join(CARD_TYPES)}")
    return key


def clean_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tags without repeats (case-insensitively) or surrounding spaces.

    Raises:
        AuthoringError: A tag that is empty, holds a space or a comma, or is over 64 characters.
    """
    seen: dict[str, str] = {}
    for tag in tags:
        tag = tag.strip()
        if not _TAG.match(tag):
            raise AuthoringError(f"tag {tag!r} must be 1 to 64 characters without spaces or commas")
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def cloze_numbers(text: str) -> list[int]:
    """The distinct cloze numbers of ``text``, in increasing order."""
    return sorted({int(m["n"]) for m in CLOZE.finditer(text) if int(m["n"]) > 0})


def cloze_side(text: str, number: int, *, answer: bool) -> str:
    """The question (``answer=False``) or answer side of card ``number`` of a cloze.

    Other deletions show their answer; deletion ``number`` shows ``[hint]`` or ``[...]`` on the
    question and its answer in bold on the answer side.
    """

    def replace(match: re.Match[str]) -> str:
        if int(match["n"]) != number:
            return match["answer"]
        if answer:
            return f"**{match['answer']}**"
        return f"[{match['hint']}]" if match["hint"] else HIDDEN

    return CLOZE.sub(replace, text)


def card_ids(note: Note) -> list[str]:
    """The ids of the cards ``note`` becomes."""
    if note.type == "reversed":
        return [note.id, f"{note.id}-reversed"]
    if note.type == "cloze":
        return [f"{note.id}-c{n}" for n in cloze_numbers(note.front)]
    return [note.id]


def expand(note: Note, *, position: int = 0, numbers: list[int] | None = None) -> list[Card]:
    """The cards of ``note``, positioned from ``position``.

    ``numbers``: what ``checked`` gave for this note's type, front and back (an import that checked
    each note, and made its ids, before it knew its position): the note is not checked again.

    Raises:
        AuthoringError: A cloze note without a deletion, or a note without a front or back.
    """
    if numbers is None:
        numbers = _checked(note)
    if note.type == "cloze":
        extra = f"\n\n{note.back}" if note.back.strip() else ""
        if len(note.front) > WHOLE_NOTE_CHARS:
            sides = [(q, a + extra) for q, a in _windowed_sides(note.front)]
        else:
            sides = [(q, a + extra) for q, a in _whole_sides(note.front, numbers)]
        ids = [f"{note.id}-c{n}" for n in numbers]
    elif note.type == "reversed":
        sides, ids = [(note.front, note.back), (note.back, note.front)], [note.id, f"{note.id}-reversed"]
    else:
        sides, ids = [(note.front, note.back)], [note.id]
    return [Card(id=card_id, section_id=note.section_id, front=front, back=back, position=position + i)
            for i, (card_id, (front, back)) in enumerate(zip(ids, sides, strict=True))]


def _whole_sides(text: str, numbers: list[int]) -> list[tuple[str, str]]:
    """``cloze_side``'s question and answer of each of ``numbers`` (``cloze_numbers(text)``), the
    deletions found once for all of them (a cloze's cards were a third of an Anki import's notes' time)."""
    pieces: list[str] = []  # the text before each deletion
    deletions: list[tuple[int, str, str, str]] = []  # (number, answer, as hidden, as answered)
    at = 0
    for match in CLOZE.finditer(text):
        pieces.append(text[at:match.start()])
        at = match.end()
        answer, hint = match["answer"], match["hint"]
        deletions.append((int(match["n"]), answer, f"[{hint}]" if hint else HIDDEN, f"**{answer}**"))
    tail = text[at:]
    sides = []
    for number in numbers:
        question: list[str] = []
        shown: list[str] = []
        for piece, (n, answer, hidden, answered) in zip(pieces, deletions, strict=True):
            question += (piece, hidden if n == number else answer)
            shown += (piece, answered if n == number else answer)
        sides.append(("".join(question) + tail, "".join(shown) + tail))
    return sides


def check(note: Note) -> None:
    """Refuse a note that cannot make a card.

    Raises:
        AuthoringError: Why.
    """
    _checked(note)


def _checked(note: Note) -> list[int]:
    return checked(note.type, note.front, note.back)


def checked(type_: str, front: str, back: str) -> list[int]:
    """``check`` of a note of this type, front and back; the cloze numbers of a cloze ([] for any other).

    Raises:
        AuthoringError: Why the note cannot make a card.
    """
    card_type(type_)
    if not front.strip():  # a cloze has a text, no front (as the Add Card dialog names its field)
        raise AuthoringError("the text is empty" if type_ == "cloze" else "the front is empty")
    if type_ == "cloze":
        numbers = cloze_numbers(front)
        if not numbers:
            raise AuthoringError("a cloze needs at least one deletion, written {{c1::answer}}")
        return numbers
    if not back.strip():
        raise AuthoringError("the back is empty")
    return []


def ids_of(note_id: str, type_: str, numbers: list[int]) -> list[str]:
    """``card_ids`` of a note with this id and type, its cloze numbers (``checked``'s) given."""
    if type_ == "reversed":
        return [note_id, f"{note_id}-reversed"]
    if type_ == "cloze":
        return [f"{note_id}-c{n}" for n in numbers]
    return [note_id]


def note_of(card_id: str) -> str:
    """The id of the note ``card_id`` comes from, by ``ids_of``'s rule (its siblings share it)."""
    return _SIBLING_SUFFIX.sub("", card_id)


def one_line(text: str) -> str:
    """A title or a lane as stored: one line, single spaces, no control characters."""
    return " ".join(_CONTROL.sub(" ", text).split())


def check_id(ident: str) -> str:
    """``ident`` if it is a valid id (lowercase letters, digits and single hyphens).

    Raises:
        AuthoringError: It is not.
    """
    if not _ID.match(ident) or len(ident) > 80:
        raise AuthoringError(f"id {ident!r} must be lowercase letters, digits and hyphens (at most 80)")
    return ident


def slug(text: str, *, fallback: str = "item", limit: int = 40) -> str:
    """An id made from ``text``: lowercase ASCII words joined by hyphens, at most ``limit`` long."""
    text = _MEDIA.sub(lambda m: m["alt"] or "", text)  # an image counts by its alt text, a sound not at all
    words = re.sub(r"[^a-z0-9]+", "-", CLOZE.sub(lambda m: m["answer"], text).lower()).strip("-")
    return words[:limit].strip("-") or fallback


def unique_id(base: str, taken: set[str] | frozenset[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... the first not in ``taken``."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _windowed_sides(text: str) -> list[tuple[str, str]]:
    """Each number's question and answer of a long cloze, showing about ``CLOZE_CONTEXT``
    characters either side of its deletions (``…`` where text was cut)."""
    matches = [m for m in CLOZE.finditer(text) if int(m["n"]) > 0]
    by_number: dict[int, list[re.Match[str]]] = {}
    for match in matches:
        by_number.setdefault(int(match["n"]), []).append(match)
    starts, ends = [m.start() for m in matches], [m.end() for m in matches]
    sides = []
    for number in sorted(by_number):
        first, last = by_number[number][0], by_number[number][-1]
        end = last.end() if last.end() - first.start() <= 4 * CLOZE_CONTEXT else first.end()
        window, cut_left, cut_right = _window(text, first.start(), end, starts, ends)
        left, right = "\u2026 " if cut_left else "", " \u2026" if cut_right else ""
        sides.append((left + cloze_side(window, number, answer=False) + right,
                      left + cloze_side(window, number, answer=True) + right))
    return sides


def _window(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> tuple[str, bool, bool]:
    """``text[start:end]`` widened by ``CLOZE_CONTEXT`` characters either side, never cutting a
    cloze (``starts``/``ends`` of every cloze, in order), an HTML tag or a word.

    Returns:
        The window, and whether text was cut off on its left and on its right.
    """
    low, high = max(0, start - CLOZE_CONTEXT), min(len(text), end + CLOZE_CONTEXT)
    inside = bisect.bisect_right(starts, low) - 1
    if inside >= 0 and ends[inside] > low:
        low = starts[inside]
    elif low > 0:  # in plain text: step past a cut tag, else to the next word
        after = bisect.bisect_left(starts, low)
        limit = min(start, starts[after]) if after < len(starts) else start
        opened, closed = text.find("<", low, limit), text.find(">", low, limit)
        space = text.find(" ", low, min(limit, low + 40))
        low = closed + 1 if closed != -1 and (opened == -1 or closed < opened) else space + 1 if space != -1 else low
    inside = bisect.bisect_left(ends, high)
    if inside < len(starts) and starts[inside] < high:
        high = ends[inside]
    elif high < len(text):
        limit = max(end, ends[inside - 1]) if inside > 0 else end
        opened, closed = text.rfind("<", limit, high), text.rfind(">", limit, high)
        space = text.rfind(" ", max(limit, high - 40), high)
        high = opened if opened > closed else space if space != -1 else high
    return text[low:high], low > 0, high < len(text)
