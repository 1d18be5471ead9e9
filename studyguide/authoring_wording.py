"""A learner's own wording of a card meets the author's edit of it (issue 15).

E in the reviewer on the bundled guide keeps the learner's wording in the progress database
(it cannot change the guide). After "Make an Editable Copy" the same card is the user's to
edit; that wording would otherwise hide every later edit in the reviewer and in search
(``tag:NAME`` too). So an edit of the card starts from the learner's wording and then
takes its place: the wording is cleared in the same undoable step, and Undo puts it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from studyguide.domain.changes import Changes
from studyguide.domain.guide import Note
from studyguide.domain.review import CardEdit
from studyguide.operations import Done, Op

#: A card's learner wording: (front, back), None where the guide's text is kept.
Wording = tuple[str | None, str | None]


def learner_wording(edits: Mapping[str, CardEdit], card_ids: Iterable[str]) -> dict[str, Wording]:
    """The learner's wording of those of ``card_ids`` that have one."""
    return {c: (e.front, e.back) for c in card_ids if (e := edits.get(c)) is not None
            and (e.front is not None or e.back is not None)}


def with_wording(note: Note, worded: Mapping[str, Wording]) -> Note:
    """``note`` as the learner reads its card: for a basic or type-in note, whose one card's
    front and back are the note's, the learner's wording; other notes as they are."""
    front, back = worded.get(note.id, (None, None))
    if note.type not in ("basic", "typein"):
        return note
    return replace(note, front=front or note.front, back=back or note.back)


def replace_wording_op(*, put_note: Callable[[Note], object],
                       set_text: Callable[[str, str | None, str | None], object], note: Note, old: Note,
                       worded: Mapping[str, Wording], changes: Changes) -> Op:
    """Write ``note`` and clear the learner's wording of its cards; the undo puts both back."""

    def apply(_: object) -> Done:
        put_note(note)
        for card_id in worded:
            set_text(card_id, None, None)
        return Done(changes, undo=Op("Edit Card", apply=put_back))

    def put_back(_: object) -> Done:
        put_note(old)
        for card_id, (front, back) in worded.items():
            set_text(card_id, front, back)
        return Done(changes, undo=Op("Edit Card", apply=apply))

    return Op("Edit Card", apply=apply)
