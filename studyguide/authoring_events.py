"""Events of the authoring service: add, edit and delete, each an undoable operation (see ``authoring``)."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from studyguide.domain.card_types import AuthoringError, check_id, one_line, slug
from studyguide.domain.changes import Changes
from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import DateError
from studyguide.domain.guide import Event, Section
from studyguide.operations import Done, Op
from studyguide.store.authoring import GuideWriter

_CONTENT = Changes(content=True, search_index=True)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ItemStore(Generic[T]):
    """How one kind of authored item (a note, an event) is written and taken out of its guide."""

    put: Callable[[T], object]
    remove: Callable[[T], object]
    changes: Changes


def put_op(label: str, items: ItemStore[T], item: T, old: T | None) -> Op:
    """Write ``item`` (new when ``old`` is None, else replacing ``old``); its undo removes it or puts ``old`` back."""

    def apply(_: object) -> Done:
        items.put(item)
        undo = remove_op(label, items, item) if old is None else put_op(label, items, old, item)
        return Done(items.changes, undo=undo)

    return Op(label, apply=apply)


def remove_op(label: str, items: ItemStore[T], item: T) -> Op:
    """Take ``item`` out; its undo writes it back."""

    def apply(_: object) -> Done:
        items.remove(item)
        return Done(items.changes, undo=put_op(label, items, item, None))

    return Op(label, apply=apply)


@dataclass(frozen=True, slots=True)
class Added:
    """What an authoring call did: the ``Changes`` for the views, and the ids it made."""

    changes: Changes
    ids: tuple[str, ...] = ()


class EventAuthoring:
    """The event half of ``Authoring`` (which provides the writer, the section check and ``run``)."""

    def _writer(self, guide_id: str) -> GuideWriter:
        raise NotImplementedError

    def _section(self, guide_id: str, section_id: str) -> tuple[Section, tuple[str, ...]]:
        raise NotImplementedError

    def run(self, op: Op) -> Done:
        """Apply ``op`` and record it for Undo."""
        raise NotImplementedError

    def add_event(self, guide_id: str, section_id: str, title: str, when: str, description: str = "",
                  lane: str = "", id: str | None = None) -> Added:
        """Add an event; ``when`` is read by the fuzzy-date reader (``fall 1961``, ``44 BC``...)."""
        writer = self._writer(guide_id)
        self._section(guide_id, section_id)
        event = self._event(title, when, description, lane, section_id)
        ident = check_id(id) if id is not None else free_id(slug(title, fallback="event"), Taken(writer, "event"))
        if writer.id_taken("event", ident):
            raise AuthoringError(f"an event with the id {ident!r} exists")
        event = replace(event, id=ident, position=writer.next_position("events"))
        return Added(self.run(self._put_event_op("Add Event", guide_id, event, None)).changes, (ident,))

    def edit_event(self, guide_id: str, event_id: str, *, title: str | None = None, when: str | None = None,
                   description: str | None = None, lane: str | None = None) -> Added:
        """Change an event (its id stays)."""
        old = self._writer(guide_id).event(event_id)
        if old is None:
            raise AuthoringError(f"no event {event_id!r} in {guide_id!r}")
        new = self._event(old.title if title is None else title, when, old.description if description is None
                          else description, old.lane if lane is None else lane, old.section_id)
        new = replace(new, id=old.id, position=old.position, when=old.when if when is None else new.when)
        return Added(self.run(self._put_event_op("Edit Event", guide_id, new, old)).changes, (event_id,))

    def delete_event(self, guide_id: str, event_id: str) -> Added:
        """Delete an event (Undo puts it back)."""
        old = self._writer(guide_id).event(event_id)
        if old is None:
            raise AuthoringError(f"no event {event_id!r} in {guide_id!r}")
        return Added(self.run(self._remove_event_op("Delete Event", guide_id, old)).changes, (event_id,))

    @staticmethod
    def _event(title: str, when: str | None, description: str, lane: str, section_id: str) -> Event:
        title = one_line(title)
        if not title:
            raise AuthoringError("the event's title is empty")
        try:
            span = parse_when(when if when is not None else "1")
        except DateError as error:
            raise AuthoringError(str(error)) from error
        return Event(id="x", section_id=section_id, title=title, when=span, description=description,
                     lane=one_line(lane))

    def _event_store(self, guide_id: str) -> ItemStore[Event]:
        # The writer is looked up when the step runs: the guide may have been reopened since.
        return ItemStore(put=lambda e: self._writer(guide_id).put_event(e),
                         remove=lambda e: self._writer(guide_id).remove_event(e.id), changes=_CONTENT)

    def _put_event_op(self, label: str, guide_id: str, event: Event, old: Event | None) -> Op:
        return put_op(label, self._event_store(guide_id), event, old)

    def _remove_event_op(self, label: str, guide_id: str, event: Event) -> Op:
        return remove_op(label, self._event_store(guide_id), event)



def free_id(base: str, taken: Container[str], derived: Callable[[str], list[str]] | None = None) -> str:
    """``base`` or ``base-2``... the first free id (and whose derived card ids are free too)."""
    n = 1
    while True:
        ident = base if n == 1 else f"{base}-{n}"
        if ident not in taken and not (derived and any(c in taken for c in derived(ident))):
            return ident
        n += 1



class Taken:
    """The ids of one kind in use in a guide, asked one at a time (a guide may have 100,000 cards)."""

    def __init__(self, writer: GuideWriter, kind: str) -> None:
        self._writer = writer
        self._kind = kind

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self._writer.id_taken(self._kind, ident)
