"""Writing guides: new guides, editable copies, sections, cards and events, each an undoable operation.

Qt-free. Every write is an ``Op`` whose ``Done`` carries the ``Op`` that takes it back (see
``studyguide.operations``): the window runs them through its ``OperationRunner``; the API
and the command line through ``Authoring.run``, which records them on a Qt-free
``UndoStack``. Input is checked before anything is written: a bad title, card or date
raises ``AuthoringError`` with the reason and changes nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from studyguide.authoring_bulk import BulkAuthoring
from studyguide.authoring_events import Added, EventAuthoring, ItemStore, Taken, free_id, put_op, remove_op
from studyguide.authoring_wording import Wording, learner_wording, replace_wording_op, with_wording
from studyguide.domain.card_types import (
    AuthoringError,
    Note,
    card_ids,
    card_type,
    check,
    check_id,
    clean_tags,
    one_line,
    slug,
)
from studyguide.domain.changes import Changes
from studyguide.domain.guide import Event, GuideInfo, Section
from studyguide.guides.files import write_atomically
from studyguide.library import Library
from studyguide.operations import Done, Op, UndoStack
from studyguide.store.authoring import GuideWriter, make_writable, set_meta, write_empty_guide
from studyguide.store.media import copy_media

__all__ = ["Added", "Authoring", "AuthoringError"]

_CONTENT = Changes(content=True, search_index=True)
_CARDS = Changes(content=True, search_index=True, due_counts=True)


class Authoring(BulkAuthoring, EventAuthoring):
    """The authoring service over a library.

    Args:
        library: The open library (its guides are reloaded when one is added or removed).
        history: The undo history to record on (a new one by default).
    """

    def __init__(self, *, library: Library, history: UndoStack | None = None) -> None:
        self.library = library
        self.history = history if history is not None else UndoStack()
        self._writers: dict[str, GuideWriter] = {}
        #: Runs each operation instead of ``run``'s own history (the window's ``OperationRunner``).
        self.runner: Callable[[Op], Done] | None = None
        #: Called with the id of a guide an undo or a redo brings back (New Guide redone): a window shows it.
        self.restored: Callable[[str], None] | None = None

    def close(self) -> None:
        """Close the guides' write connections."""
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    # Running and undoing ---------------------------------------------------------------

    def run(self, op: Op) -> Done:
        """Apply ``op`` (and its slow part, here on this thread) and record it for Undo."""
        if self.runner is not None:
            return self.runner(op)
        done = op.apply(op.work(None) if op.work is not None else None)
        self.history.record(op.label, done, op)
        return done

    def undo(self) -> Changes:
        """Take back the newest step (nothing when there is none)."""
        step = self.history.pop_undo()
        if step is None:
            return Changes()
        done = step.reverse.apply(None)
        self.history.undone(step, done)
        return done.changes

    def redo(self) -> Changes:
        """Do again the step undone last (nothing when there is none)."""
        step = self.history.pop_redo()
        if step is None:
            return Changes()
        done = step.reverse.apply(None)
        self.history.redone(step, done)
        return done.changes

    def _writer(self, guide_id: str) -> GuideWriter:
        """The write connection of a user's guide.

        Raises:
            AuthoringError: No such guide, or it is the bundled guide (read-only).
        """
        if guide_id not in {g.id for g in self.library.guides()}:
            raise AuthoringError(f"no guide {guide_id!r}")
        if not self.library.is_user_guide(guide_id):
            raise AuthoringError(f"the guide {guide_id!r} is read-only: make an editable copy of it first")
        writer = self._writers.get(guide_id)
        path = self.library.content(guide_id).path
        if writer is None or writer.path != path or writer.replaced():  # (a sync may make a guide again)
            self._forget(guide_id)
            make_writable(path)  # an imported guide becomes writable on its first edit
            writer = self._writers[guide_id] = GuideWriter(path=path, clock=self.library.clock)
        return writer

    def _forget(self, guide_id: str) -> None:
        writer = self._writers.pop(guide_id, None)
        if writer is not None:
            writer.close()

    # Guides ----------------------------------------------------------------------------

    def new_guide(self, title: str, subject: str = "", id: str | None = None) -> Added:
        """Make an empty guide; its id is ``id`` or one made from the title."""
        title = one_line(title)
        if not title:
            raise AuthoringError("the guide's title is empty")
        taken = {g.id for g in self.library.guides()}
        guide_id = check_id(id) if id is not None else free_id(slug(title, fallback="guide"), taken)
        if guide_id in taken or (self.library.guides_folder / f"{guide_id}.sqlite").exists():
            raise AuthoringError(f"a guide with the id {guide_id!r} exists")
        info = GuideInfo(id=guide_id, title=title, subject=one_line(subject))
        dest = self.library.guides_folder / f"{guide_id}.sqlite"

        def write(_: object) -> Done:
            write_atomically(dest, lambda tmp: write_empty_guide(tmp, info), what="the guide was not made")
            return Done(self.library.reload_guides(), undo=self._delete_op(guide_id, "New Guide"))

        return Added(self.run(Op("New Guide", apply=write)).changes, (guide_id,))

    def make_editable_copy(self, guide_id: str) -> Added:
        """Copy the bundled guide into the user's guides with the same id and card ids, so the
        progress (kept by guide and card id) stays; the copy takes the bundled guide's place."""
        if guide_id not in {g.id for g in self.library.guides()}:
            raise AuthoringError(f"no guide {guide_id!r}")
        if self.library.is_user_guide(guide_id):
            raise AuthoringError(f"the guide {guide_id!r} is already yours to edit")
        source = self.library.content(guide_id).path
        dest = self.library.guides_folder / f"{guide_id}.sqlite"

        def copy(tmp: Path) -> None:
            shutil.copyfile(source, tmp)
            make_writable(tmp)
            set_meta(tmp, {"copied_from": "bundled"})

        def write(_: object) -> Done:
            copy_media(source, dest)  # none in the bundled guide today; its media first, then the guide
            write_atomically(dest, copy, what="the copy was not made")
            return Done(self.library.reload_guides(), undo=self._delete_op(guide_id, "Make an Editable Copy"))

        return Added(self.run(Op("Make an Editable Copy", apply=write)).changes, (guide_id,))

    def _delete_op(self, guide_id: str, label: str) -> Op:
        def delete(_: object) -> Done:
            self._forget(guide_id)
            return Done(self.library.delete_guide(guide_id), undo=self._restore_op(guide_id, label))

        return Op(label, apply=delete)

    def _restore_op(self, guide_id: str, label: str) -> Op:
        def restore(_: object) -> Done:
            done = Done(self.library.restore_guide(guide_id), undo=self._delete_op(guide_id, label))
            if self.restored is not None:
                self.restored(guide_id)
            return done

        return Op(label, apply=restore)

    def add_media(self, guide_id: str, data: bytes | Path, name_hint: str = "") -> str:
        """Store an image or a sound (bytes, or a file copied in chunks) in a user's guide's media
        folder; return its stored name, for ``![alt](media/NAME)`` or ``[sound:NAME]``.

        Not an operation of its own: the edit that inserts the reference is the undoable step
        (a file an undone edit added stays in the folder, unreferenced).

        Raises:
            AuthoringError: No such guide, or it is read-only.
            MediaError: Not a known image or sound, a name that says otherwise, or over 100 MB.
        """
        self._writer(guide_id)
        media = self.library.media(guide_id)
        if isinstance(data, Path):
            return media.add_file(data, name_hint or None)
        return media.add(data, name_hint)

    def counts(self, guide_id: str) -> tuple[int, int, int]:
        """(sections, cards, events) of a guide."""
        content = self.library.content(guide_id)
        return len(content.section_titles()), content.card_count(), len(content.events())

    # Sections --------------------------------------------------------------------------

    def add_section(self, guide_id: str, title: str, body: str = "", tags: Sequence[str] = (),
                    id: str | None = None) -> Added:
        """Add a section at the end of a guide."""
        writer = self._writer(guide_id)
        title = one_line(title)
        if not title:
            raise AuthoringError("the section's title is empty")
        ident = check_id(id) if id is not None else free_id(slug(title, fallback="section"), Taken(writer, "section"))
        if writer.id_taken("section", ident):
            raise AuthoringError(f"a section with the id {ident!r} exists")
        section = Section(id=ident, title=title, body=body, position=writer.next_position("sections"))
        done = self.run(self._put_section_op("Add Section", guide_id, section, clean_tags(list(tags)), None))
        return Added(done.changes, (ident,))

    def rename_section(self, guide_id: str, section_id: str, title: str) -> Added:
        """Give a section a new title (its id stays)."""
        old = self._section(guide_id, section_id)
        title = one_line(title)
        if not title:
            raise AuthoringError("the section's title is empty")
        new = (replace(old[0], title=title), old[1])
        return Added(self.run(self._put_section_op("Rename Section", guide_id, *new, old)).changes, (section_id,))

    def edit_section(self, guide_id: str, section_id: str, *, body: str | None = None,
                     tags: Sequence[str] | None = None, sources: Sequence[str] | None = None,
                     burst: object = None) -> Added:
        """Change a section's body, tags or sources.

        Consecutive edits with the same ``burst`` (the autosaves of one spell of typing) are one
        undo step, which puts back the text from before the first (see ``operations.Done``).
        """
        old = self._section(guide_id, section_id)
        section = replace(old[0], body=old[0].body if body is None else body,
                          sources=old[0].sources if sources is None else tuple(sources))
        new_tags = old[1] if tags is None else clean_tags(list(tags))
        op = self._put_section_op("Edit Section", guide_id, section, new_tags, old,
                                   burst=None if burst is None else (guide_id, section_id, burst))
        return Added(self.run(op).changes, (section_id,))

    def _section(self, guide_id: str, section_id: str) -> tuple[Section, tuple[str, ...]]:
        found = self._writer(guide_id).section(section_id)
        if found is None:
            raise AuthoringError(f"no section {section_id!r} in {guide_id!r}")
        return found

    def _put_section_op(self, label: str, guide_id: str, section: Section, tags: tuple[str, ...],
                        old: tuple[Section, tuple[str, ...]] | None, *, burst: object = None) -> Op:
        def apply(_: object) -> Done:
            self._writer(guide_id).put_section(section, tags)
            undo = (self._remove_section_op(label, guide_id, section.id) if old is None
                    else self._put_section_op(label, guide_id, *old, (section, tags)))
            return Done(_CONTENT, undo=undo, burst=burst)

        return Op(label, apply=apply)

    def _remove_section_op(self, label: str, guide_id: str, section_id: str) -> Op:
        def apply(_: object) -> Done:
            writer = self._writer(guide_id)
            kept = writer.section(section_id)
            notes = writer.notes(section_id)
            events = self.library.content(guide_id).events(section_id)
            writer.remove_section(section_id)
            return Done(_CARDS, undo=self._restore_section_op(label, guide_id, kept, notes, events))

        return Op(label, apply=apply)

    def _restore_section_op(self, label: str, guide_id: str, kept: tuple[Section, tuple[str, ...]] | None,
                            notes: list[Note], events: list[Event]) -> Op:
        def apply(_: object) -> Done:
            writer = self._writer(guide_id)
            if kept is not None:
                writer.put_section(*kept)
            for note in notes:
                writer.put_note(note)
            for event in events:
                writer.put_event(event)
            return Done(_CARDS, undo=self._remove_section_op(label, guide_id, kept[0].id) if kept else None)

        return Op(label, apply=apply)

    def delete_section(self, guide_id: str, section_id: str) -> Added:
        """Delete a section with its cards and events (Undo puts them back, ids and all)."""
        self._section(guide_id, section_id)
        return Added(self.run(self._remove_section_op("Delete Section", guide_id, section_id)).changes)

    def move_section(self, guide_id: str, section_id: str, index: int) -> Added:
        """Move a section to ``index`` in the guide's order (clamped)."""
        writer = self._writer(guide_id)
        order = writer.section_ids()
        if section_id not in order:
            raise AuthoringError(f"no section {section_id!r} in {guide_id!r}")
        new = [s for s in order if s != section_id]
        new.insert(max(0, min(index, len(new))), section_id)
        return Added(self.run(self._order_op(guide_id, new, order)).changes)

    def _order_op(self, guide_id: str, order: list[str], old: list[str]) -> Op:
        def apply(_: object) -> Done:
            self._writer(guide_id).order_sections(order)
            return Done(Changes(content=True), undo=self._order_op(guide_id, old, order))

        return Op("Move Section", apply=apply)

    # Cards -----------------------------------------------------------------------------

    def add_card(self, guide_id: str, section_id: str, front: str, back: str, type: str = "basic",
                 tags: Sequence[str] = (), id: str | None = None) -> Added:
        """Add a note and the cards it makes; ``Added.ids`` are the card ids."""
        writer = self._writer(guide_id)
        self._section(guide_id, section_id)
        kind = card_type(type)
        note = Note(id="x", section_id=section_id, type=kind, front=front, back=back, tags=clean_tags(list(tags)),
                    position=writer.next_position("notes"))
        check(note)
        if id is not None:
            ident = check_id(id)
            if writer.id_taken("card", ident):
                raise AuthoringError(f"a card with the id {ident!r} exists")
        else:
            ident = free_id(slug(front, fallback="card"), Taken(writer, "card"),
                            lambda i: card_ids(replace(note, id=i)))
        note = replace(note, id=ident)
        clash = [c for c in card_ids(note) if writer.id_taken("card", c)]
        if clash:
            raise AuthoringError(f"a card with the id {clash[0]!r} exists")
        done = self.run(self._put_note_op("Add Card", guide_id, note, None))
        return Added(done.changes, tuple(card_ids(note)))

    def edit_card(self, guide_id: str, card_id: str, *, front: str | None = None, back: str | None = None,
                  type: str | None = None, tags: Sequence[str] | None = None,
                  section_id: str | None = None) -> Added:
        """Change the note a card was made from; cards that remain keep their ids and schedules."""
        writer = self._writer(guide_id)
        old = writer.note(writer.note_of(card_id) or card_id)
        if old is None:
            raise AuthoringError(f"no card {card_id!r} in {guide_id!r}")
        if section_id is not None:
            self._section(guide_id, section_id)
        worded = learner_wording(self.library.card_edits(guide_id), card_ids(old))
        base = with_wording(old, worded)
        note = replace(base, front=base.front if front is None else front, back=base.back if back is None else back,
                       type=old.type if type is None else card_type(type),
                       tags=old.tags if tags is None else clean_tags(list(tags)),
                       section_id=old.section_id if section_id is None else section_id)
        check(note)
        mine = set(card_ids(old))
        clash = [c for c in card_ids(note) if c not in mine and writer.id_taken("card", c)]
        if clash:
            raise AuthoringError(f"a card with the id {clash[0]!r} exists")
        return Added(self.run(self._edit_note_op(guide_id, note, old, worded)).changes, tuple(card_ids(note)))

    def _edit_note_op(self, guide_id: str, note: Note, old: Note, worded: dict[str, Wording]) -> Op:
        if not worded:
            return self._put_note_op("Edit Card", guide_id, note, old)
        return replace_wording_op(put_note=lambda n: self._writer(guide_id).put_note(n),
                                  set_text=lambda c, f, b: self.library.review.set_card_text(guide_id, c, front=f,
                                                                                             back=b),
                                  note=note, old=old, worded=worded, changes=_CARDS)

    def _note_store(self, guide_id: str) -> ItemStore[Note]:
        # The writer is looked up when the step runs: the guide may have been reopened since.
        return ItemStore(put=lambda n: self._writer(guide_id).put_note(n),
                         remove=lambda n: self._writer(guide_id).remove_note(n.id), changes=_CARDS)

    def _put_note_op(self, label: str, guide_id: str, note: Note, old: Note | None) -> Op:
        return put_op(label, self._note_store(guide_id), note, old)

    def _remove_note_op(self, label: str, guide_id: str, note: Note) -> Op:
        return remove_op(label, self._note_store(guide_id), note)

    def delete_card(self, guide_id: str, card_id: str) -> Added:
        """Delete the note a card was made from, and so all its cards (their schedules are kept
        in the progress database: Undo brings the cards back with them)."""
        writer = self._writer(guide_id)
        note = writer.note(writer.note_of(card_id) or card_id)
        if note is None:
            raise AuthoringError(f"no card {card_id!r} in {guide_id!r}")
        return Added(self.run(self._remove_note_op("Delete Card", guide_id, note)).changes, tuple(card_ids(note)))

    def card_type_of(self, guide_id: str, card_id: str) -> str:
        """A card's type (``typein`` cards are answered by typing); ``basic`` for a built guide's cards."""
        if not self.library.is_user_guide(guide_id):
            return "basic"
        return self._writer(guide_id).card_type(card_id) or "basic"

    def notes(self, guide_id: str, section_id: str | None = None) -> list[Note]:
        """A user's guide's notes (what was written, with types and tags), in guide order."""
        return self._writer(guide_id).notes(section_id)

    def note_as_read(self, guide_id: str, card_id: str) -> Note | None:
        """The note a card of a user's guide was made from, with the learner's own wording of it
        (E before the editable copy; see ``authoring_wording``), or None."""
        writer = self._writer(guide_id)
        note = writer.note(writer.note_of(card_id) or card_id)
        return None if note is None else with_wording(
            note, learner_wording(self.library.card_edits(guide_id), card_ids(note)))

    def section_tags(self, guide_id: str, section_id: str) -> tuple[str, ...]:
        """A section's tags."""
        return self._section(guide_id, section_id)[1]

