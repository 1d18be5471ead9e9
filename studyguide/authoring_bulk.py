"""Writing many cards of a user's guide at once (the card browser): move them to a section, add
or remove tags, delete them. Each is one operation whose undo takes the whole of it back.

Cards are written through the notes they come from (a reversed note makes two cards; moving one
moves both), each note written as the single-card edits write it; a note named twice is
written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import reduce
from typing import TYPE_CHECKING, Any

from studyguide.authoring_events import Added
from studyguide.domain.card_types import AuthoringError, Note, card_ids, clean_tags
from studyguide.domain.changes import Changes
from studyguide.operations import Done, Op

if TYPE_CHECKING:
    from studyguide.store.authoring import GuideWriter


def all_op(label: str, ops: Sequence[Op]) -> Op:
    """One operation doing ``ops`` in order; its undo takes them back in the reverse order."""
    def apply(_result: object) -> Done:
        dones = [op.apply(None) for op in ops]
        undos = [d.undo for d in reversed(dones) if d.undo is not None]
        return Done(reduce(lambda a, b: a | b, (d.changes for d in dones), Changes()), undo=all_op(label, undos))

    return Op(label, apply=apply)


class BulkAuthoring:
    """The bulk writes of ``Authoring`` (a mixin: it uses the writer and note operations there)."""

    def _writer(self, guide_id: str) -> GuideWriter:
        raise NotImplementedError

    def run(self, op: Op) -> Done:
        raise NotImplementedError

    def _section(self, guide_id: str, section_id: str) -> Any:
        raise NotImplementedError

    def _put_note_op(self, label: str, guide_id: str, note: Note, old: Note | None) -> Op:
        raise NotImplementedError

    def _remove_note_op(self, label: str, guide_id: str, note: Note) -> Op:
        raise NotImplementedError

    def _notes_of(self, guide_id: str, card_ids_: Sequence[str]) -> list[Note]:
        writer = self._writer(guide_id)
        notes: dict[str, Note] = {}
        for card_id in card_ids_:
            note = writer.note(writer.note_of(card_id) or card_id)
            if note is None:
                raise AuthoringError(f"no card {card_id!r} in {guide_id!r}")
            notes.setdefault(note.id, note)
        return list(notes.values())

    def edit_cards(self, guide_id: str, card_ids_: Sequence[str], *, section_id: str | None = None,
                   add_tags: Sequence[str] = (), remove_tags: Sequence[str] = ()) -> Added:
        """Move cards to a section and/or add and remove tags, as one undoable step.

        Raises:
            AuthoringError: A card or the section does not exist, or a tag is not valid; nothing is written.
        """
        if section_id is not None:
            self._section(guide_id, section_id)
        added = clean_tags(list(add_tags))
        removed = {t.casefold() for t in clean_tags(list(remove_tags))}
        ops = []
        for note in self._notes_of(guide_id, card_ids_):
            tags = tuple(t for t in note.tags if t.casefold() not in removed)
            tags += tuple(t for t in added if t.casefold() not in {x.casefold() for x in tags})
            new = replace(note, tags=tags, section_id=note.section_id if section_id is None else section_id)
            if new != note:
                ops.append(self._put_note_op("Edit Card", guide_id, new, note))
        done = self.run(all_op("Move Cards" if section_id is not None else "Change Tags", ops))
        return Added(done.changes, tuple(card_ids_))

    def delete_cards(self, guide_id: str, card_ids_: Sequence[str]) -> Added:
        """Delete cards (with the notes they come from, and so those notes' other cards), as one
        undoable step; their schedules stay in the progress database for Undo."""
        notes = self._notes_of(guide_id, card_ids_)
        done = self.run(all_op("Delete Cards", [self._remove_note_op("Delete Card", guide_id, n) for n in notes]))
        return Added(done.changes, tuple(c for n in notes for c in card_ids(n)))
