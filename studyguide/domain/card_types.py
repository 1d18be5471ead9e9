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

import re

from studyguide.domain.guide import Card, Note

#: The card types, by the name the command line and the API take.
CARD_TYPES = ("basic", "reversed", "cloze", "typein")
#: Other spellings accepted for a type.
TYPE_ALIASES = {"basic-and-reversed": "reversed", "basic_and_reversed": "reversed", "type-in": "typein",
                "type": "typein"}
CLOZE = re.compile(r"\{\{c(?P<n>\d{1,3})::(?P<answer>.*?)(?:::(?P<hint>.*?))?\}\}", re.DOTALL)
#: What a hidden cloze shows without a hint.
HIDDEN = "[...]"
_TAG = re.compile(r"^[^\s,]{1,64}$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


__all__ = ["CARD_TYPES", "AuthoringError", "Note", "card_ids", "card_type", "check", "check_id", "clean_tags",
           "cloze_numbers", "cloze_side", "expand", "one_line", "slug", "unique_id"]


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


def expand(note: Note, *, position: int = 0) -> list[Card]:
    """The cards of ``note``, positioned from ``position``.

    Raises:
        AuthoringError: A cloze note without a deletion, or a note without a front or back.
    """
    check(note)
    if note.type == "cloze":
        extra = f"\n\n{note.back}" if note.back.strip() else ""
        sides = [(cloze_side(note.front, n, answer=False), cloze_side(note.front, n, answer=True) + extra)
                 for n in cloze_numbers(note.front)]
    elif note.type == "reversed":
        sides = [(note.front, note.back), (note.back, note.front)]
    else:
        sides = [(note.front, note.back)]
    return [Card(id=card_id, section_id=note.section_id, front=front, back=back, position=position + i)
            for i, (card_id, (front, back)) in enumerate(zip(card_ids(note), sides, strict=True))]


def check(note: Note) -> None:
    """Refuse a note that cannot make a card.

    Raises:
        AuthoringError: Why.
    """
    card_type(note.type)
    if not note.front.strip():
        raise AuthoringError("the front is empty")
    if note.type == "cloze":
        if not cloze_numbers(note.front):
            raise AuthoringError("a cloze needs at least one deletion, written {{c1::answer}}")
    elif not note.back.strip():
        raise AuthoringError("the back is empty")


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
