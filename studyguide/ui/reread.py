"""Re-read what you keep forgetting: the reviewer's quiet link and the section list's marker."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from studyguide.domain.forgetting import MARKER, reread_note
from studyguide.domain.passage import source_passage

if TYPE_CHECKING:
    from studyguide.ui.services import ReaderServices

__all__ = ["CARD", "MARKER", "follow_source_link", "passage_of", "source_line"]

#: Between the section and the card in a "Re-read" link.
CARD = "?card="


def source_line(section_id: str, title: str, lapses: int | None, *, card_id: str = "") -> tuple[str, str]:
    """The reviewer's "From <section>" line, with "Re-read <section>" when its cards keep lapsing.

    "From" opens the reader at the section; "Re-read" at the passage the card comes from
    (``reread:<section>?card=<card>``, see ``follow_source_link``). Returns (rich text, tooltip).
    """
    link = html.escape(section_id, quote=True)
    text = f"From <a href='section:{link}'>{html.escape(title)}</a>"
    if not lapses:
        return text, ""
    card = html.escape(f"{section_id}{CARD}{card_id}", quote=True)
    return (text + f" &nbsp;\u00b7&nbsp; <a href='reread:{card}'>Re-read <i>{html.escape(title)}</i></a>",
            reread_note(lapses))


def follow_source_link(link: str, reread: Callable[[str, str], object], section: Callable[[str], object]) -> None:
    """A click on the reviewer's source line: "Re-read" first says which card's passage to show
    (``reread(section id, card id)``), then both open the section (``section(section id)``)."""
    kind, _, target = link.partition(":")
    section_id, _, card_id = target.partition(CARD)
    if kind == "reread":
        reread(section_id, card_id)
    section(section_id)


def passage_of(library: ReaderServices, guide_id: str, section_id: str, card_id: str) -> str:
    """The sentence of the section that the card comes from ("" when none is found: the section's top)."""
    content = library.content(guide_id)
    section, card = content.section(section_id), next((c for c in content.cards(section_id) if c.id == card_id), None)
    if section is None or card is None:
        return ""
    return source_passage(card.front, card.back, section.body) or ""
