"""What the authoring views (editors, Add Card, the browser's bulk edits) need of the core: the
writes of a user's guide, as a Protocol (``authoring.Authoring`` satisfies it). Re-exported by
``ui.services``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from studyguide.domain.guide import Note


class AuthoringLike(Protocol):
    """Writing a user's guide (``authoring.Authoring``); each write is an operation of the window's
    runner (``runner``), and each returns an ``Added`` (``.changes``, ``.ids``)."""

    runner: Any
    restored: Any  # called with a guide's id when an undo or redo brings the guide back

    def add_section(self, guide_id: str, title: str, body: str = "", tags: Sequence[str] = (),
                    id: str | None = None) -> Any: ...

    def rename_section(self, guide_id: str, section_id: str, title: str) -> Any: ...

    def edit_section(self, guide_id: str, section_id: str, *, body: str | None = None,
                     tags: Sequence[str] | None = None, sources: Sequence[str] | None = None,
                     burst: object = None) -> Any: ...

    def delete_section(self, guide_id: str, section_id: str) -> Any: ...

    def move_section(self, guide_id: str, section_id: str, index: int) -> Any: ...

    def add_event(self, guide_id: str, section_id: str, title: str, when: str, description: str = "",
                  lane: str = "", id: str | None = None) -> Any: ...

    def edit_event(self, guide_id: str, event_id: str, *, title: str | None = None, when: str | None = None,
                   description: str | None = None, lane: str | None = None) -> Any: ...

    def new_guide(self, title: str, subject: str = "", id: str | None = None) -> Any: ...

    def make_editable_copy(self, guide_id: str) -> Any: ...

    def add_card(self, guide_id: str, section_id: str, front: str, back: str, type: str = "basic",
                 tags: Sequence[str] = (), id: str | None = None) -> Any: ...

    def edit_card(self, guide_id: str, card_id: str, *, front: str | None = None, back: str | None = None,
                  type: str | None = None, tags: Sequence[str] | None = None,
                  section_id: str | None = None) -> Any: ...

    def card_type_of(self, guide_id: str, card_id: str) -> str: ...

    def edit_cards(self, guide_id: str, card_ids_: Sequence[str], *, section_id: str | None = None,
                   add_tags: Sequence[str] = (), remove_tags: Sequence[str] = ()) -> Any: ...

    def delete_cards(self, guide_id: str, card_ids_: Sequence[str]) -> Any: ...

    def add_media(self, guide_id: str, data: bytes | Path, name_hint: str = "") -> str: ...

    def notes(self, guide_id: str, section_id: str | None = None) -> list[Note]: ...

    def section_tags(self, guide_id: str, section_id: str) -> tuple[str, ...]: ...

    def note_as_read(self, guide_id: str, card_id: str) -> Note | None: ...
