"""Write a guide out: to the Markdown guide format, to CSV, to Quizlet's text, or to an Anki package.

Markdown is the lossless format (importing the export gives the same guide); the images
and sounds it refers to are written beside it, in a ``media/`` folder (``guide_media``).
CSV keeps the cards (front, back, section) and reads back into the same cards.
Quizlet's text (``.txt``) keeps each card's front and back, split by the separators chosen.
The Anki package is made with ``genanki`` (``anki_export``): Anki's stock note types,
a subdeck per section, tags, images and sounds, optionally the review history; each
note's GUID derived from the guide and note ids so that re-exporting updates notes in
Anki instead of duplicating them. Every file is written to a
temporary name and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.domain.review import CardEdit
from studyguide.domain.study_history import StudyHistory
from studyguide.guides import quizlet
from studyguide.guides.anki_export import (
    SECTIONS_MEMBER,
    build_package,
    schedule_rows,
    sections_member,
    suspended_cards,
)
from studyguide.guides.files import write_atomically
from studyguide.guides.guide_media import MEDIA_FOLDER, export_media, referenced
from studyguide.guides.markdown import write_guide
from studyguide.guides.note_edits import edited_notes
from studyguide.guides.tabular import clean_back, clean_front
from studyguide.store.anki import write_package

FORMATS = ("md", "csv", "apkg", "quizlet")
#: The file extension of each format (by default, the format is the extension).
EXTENSIONS = {"md": "md", "csv": "csv", "apkg": "apkg", "quizlet": "txt"}
_NOT_EXPORTED = "the guide was not exported"


def to_markdown(guide: Guide) -> str:
    """The guide in the Markdown guide format."""
    return write_guide(guide)


def to_csv(guide: Guide) -> str:
    """The guide's cards as CSV with a header row: front, back, section."""
    titles = {s.id: s.title for s in guide.sections}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["front", "back", "section"])
    for card in guide.cards:
        writer.writerow([card.front, card.back, titles.get(card.section_id, "")])
    return out.getvalue()


def to_apkg(guide: Guide, dest: Path, *, suspended: Iterable[str] = (), history: StudyHistory | None = None,
            now: datetime | None = None) -> Path:
    """Write the guide as an Anki package at ``dest`` (see ``anki_export``): Anki's own note types,
    a subdeck per section, tags, images and sounds, and with ``history`` the cards' scheduling
    and the review log; ``suspended`` cards are suspended in Anki too. ``now``: the notes'
    modification time (default: the system's time)."""
    package = build_package(guide)
    cards, reviews = schedule_rows(guide, history) if history is not None else ([], [])
    stopped = suspended_cards(guide, suspended)
    wanted = set(referenced(guide))
    media = [(f.name, f.path) for f in guide.media if f.name in wanted and f.path is not None]
    extra = {SECTIONS_MEMBER: sections_member(guide)}
    return write_atomically(dest, lambda tmp: write_package(package, tmp, media, cards=cards, reviews=reviews,
                                                            suspended=stopped, extra=extra,
                                                            now=now.timestamp() if now else None),
                            what=_NOT_EXPORTED)


def with_edits(guide: Guide, edits: Mapping[str, CardEdit]) -> Guide:
    """The guide with the learner's wording of the cards they edited (made safe for every format);
    a user's guide has it in its notes too (``note_edits``)."""
    if not any(e.front is not None or e.back is not None for e in edits.values()):
        return guide
    if guide.notes:
        return edited_notes(guide, edits)
    cards = []
    for card in guide.cards:
        edit = edits.get(card.id)
        if edit is not None and (edit.front is not None or edit.back is not None):
            card = replace(card, front=clean_front(edit.front or "") or card.front,
                           back=clean_back(edit.back or "") or card.back)
        cards.append(card)
    return replace(guide, cards=tuple(cards))


def format_of(dest: Path) -> str | None:
    """The format a file name asks for by its extension (``.txt`` is Quizlet's text), or None."""
    ext = dest.suffix.lower().lstrip(".")
    return next((fmt for fmt, known in EXTENSIONS.items() if known == ext), None)


def export_guide(guide: Guide, fmt: str, dest: Path, *, edits: Mapping[str, CardEdit] | None = None,
                 separators: tuple[str, str] = ("\t", "\n"), history: StudyHistory | None = None,
                 now: datetime | None = None) -> Path:
    """Write ``guide`` to ``dest`` in ``fmt`` (``md``, ``csv``, ``apkg`` or ``quizlet``).

    Args:
        guide: The guide as built.
        fmt: ``md``, ``csv``, ``apkg`` or ``quizlet``.
        dest: The file to write (replaced all at once).
        edits: The learner's card edits by card id: exports show the cards as they study them.
        separators: For ``quizlet``: between term and definition, and between rows.
        history: For ``apkg``: the review log and card states to include (None: none).
        now: For ``apkg``: the notes' modification time (Anki updates its notes from newer ones).

    Raises:
        ValueError: For an unknown format.
        DiskFull: The disk is full (no partial file is left).
        OSError: If the file cannot be written.
    """
    guide = with_edits(guide, edits or {})
    fmt = format_of(Path(f"x.{fmt}")) or fmt  # an extension names its format too (txt: Quizlet's text)
    if fmt == "md":
        export_media(guide, dest.parent / MEDIA_FOLDER)  # first: the guide never names a file not there
        return write_atomically(dest, lambda tmp: tmp.write_text(to_markdown(guide), encoding="utf-8"),
                                what=_NOT_EXPORTED)
    if fmt == "csv":
        # UTF-8 with a BOM, so spreadsheet programs read accents correctly.
        return write_atomically(dest, lambda tmp: tmp.write_text(to_csv(guide), encoding="utf-8-sig", newline=""),
                                what=_NOT_EXPORTED)
    if fmt == "apkg":
        suspended = [card_id for card_id, edit in (edits or {}).items() if edit.suspended]
        return to_apkg(guide, dest, suspended=suspended, history=history, now=now)
    if fmt == "quizlet":
        text, _changed = quizlet.to_text(guide, *separators)
        return write_atomically(dest, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""),
                                what=_NOT_EXPORTED)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
