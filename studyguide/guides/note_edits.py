"""The learner's card edits carried back into the notes that make the cards (for exports).

An edit (``CardEdit``) is the wording of one *card* as the learner studies it; a user's guide
stores *notes* (``domain.card_types``). Each edit goes back into its note:

- basic, type-in: the card's front and back are the note's;
- reversed: the forward card's front and back are the note's, the reverse card's are the
  note's back and front (both edited: the reverse card's edit is applied last);
- cloze: the edited answer side holds the card's hidden words in ``**bold**`` (as the card
  showed them); they become that number's deletions again (keeping its hint when the words
  are unchanged), and each other number's deletion is found again by its words. The note's
  extra text (after a blank line) is the answer's last paragraph when the note had one.
  An answer side without bold words cannot say what to hide: the note is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from studyguide.domain.card_types import CLOZE, AuthoringError, expand
from studyguide.domain.guide import Card, Guide, Note
from studyguide.domain.review import CardEdit

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def _edited(edit: CardEdit | None) -> bool:
    return edit is not None and (edit.front is not None or edit.back is not None)


def edited_notes(guide: Guide, edits: Mapping[str, CardEdit]) -> Guide:
    """The guide with each edited card's wording in its note, and its cards made again from the notes."""
    if not guide.notes or not any(_edited(e) for e in edits.values()):
        return guide
    notes = []
    for note in guide.notes:
        changed = _apply(note, edits)
        try:
            expand(changed)
        except AuthoringError:  # an edit that leaves the note without a card: keep the note as written
            changed = note
        notes.append(changed)
    made = [card for note in notes for card in expand(note)]
    positions = {card.id: card.position for card in guide.cards}
    cards = tuple(Card(id=c.id, section_id=c.section_id, front=c.front, back=c.back,
                       position=positions.get(c.id, c.position)) for c in made)
    return replace(guide, notes=tuple(notes), cards=tuple(sorted(cards, key=lambda c: c.position)))


def _apply(note: Note, edits: Mapping[str, CardEdit]) -> Note:
    if note.type == "cloze":
        for match in sorted({int(m["n"]) for m in CLOZE.finditer(note.front) if int(m["n"]) > 0}):
            edit = edits.get(f"{note.id}-c{match}")
            if edit is not None and edit.back:
                note = _cloze(note, match, edit.back)
        return note
    forward = edits.get(note.id)
    if forward is not None and _edited(forward):
        note = replace(note, front=(forward.front or note.front).strip(), back=(forward.back or note.back).strip())
    reverse = edits.get(f"{note.id}-reversed") if note.type == "reversed" else None
    if reverse is not None and _edited(reverse):
        note = replace(note, front=(reverse.back or note.front).strip(), back=(reverse.front or note.back).strip())
    return note


def _cloze(note: Note, number: int, answer: str) -> Note:
    """``note`` rewritten from the edited answer side of its card ``number``."""
    answer = answer.strip()
    extra = note.back
    if note.back.strip() and "\n\n" in answer:
        answer, extra = answer.rsplit("\n\n", 1)
    if not _BOLD.search(answer):
        return note
    hints = {(int(m["n"]), m["answer"]): m["hint"] for m in CLOZE.finditer(note.front)}

    def hidden(match: re.Match[str]) -> str:
        words = match.group(1)
        hint = hints.get((number, words))
        return f"{{{{c{number}::{words}{'::' + hint if hint else ''}}}}}"

    text = _BOLD.sub(hidden, answer)
    for match in CLOZE.finditer(note.front):
        other = int(match["n"])
        if other == number or other <= 0:
            continue
        deletion = match[0]
        start = _outside_clozes(text, match["answer"])
        if start is not None:
            text = text[:start] + deletion + text[start + len(match["answer"]):]
    return replace(note, front=text, back=extra.strip())


def _outside_clozes(text: str, words: str) -> int | None:
    """Where ``words`` first occur in ``text`` outside a deletion, or None."""
    if not words:
        return None
    spans = [(m.start(), m.end()) for m in CLOZE.finditer(text)]
    start = text.find(words)
    while start != -1:
        if not any(a <= start < b for a, b in spans):
            return start
        start = text.find(words, start + 1)
    return None
