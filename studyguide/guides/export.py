"""Write a guide out: to the Markdown guide format, to CSV, to Quizlet's text, or to an Anki package.

Markdown is the lossless format (importing the export gives the same guide); the images
and sounds it refers to are written beside it, in a ``media/`` folder (``guide_media``).
CSV keeps the cards (front, back, section) and reads back into the same cards.
Quizlet's text (``.txt``) keeps each card's front and back, split by the separators chosen.
The Anki package is made with ``genanki``: one deck, a basic note per card (its images
as ``<img>`` tags, their files in the package's media),
each note's GUID derived from the guide and card ids so that re-exporting
updates notes in Anki instead of duplicating them. Every file is written to a
temporary name and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.domain.media import is_safe_name
from studyguide.domain.review import CardEdit
from studyguide.guides import quizlet
from studyguide.guides.files import write_atomically
from studyguide.guides.guide_media import MEDIA_FOLDER, export_media, referenced
from studyguide.guides.markdown import write_guide
from studyguide.guides.tabular import clean_back, clean_front
from studyguide.store.anki import write_package

FORMATS = ("md", "csv", "apkg", "quizlet")
#: The file extension of each format (by default, the format is the extension).
EXTENSIONS = {"md": "md", "csv": "csv", "apkg": "apkg", "quizlet": "txt"}
#: Stable Anki ids for StudyGuide's note type (Anki matches note types by id).
_MODEL_ID = 1_607_392_319
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


def _anki_id(*parts: str) -> int:
    """A positive 31-bit id from text, stable across runs (Anki wants ints < 2**63)."""
    return int(hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF | 1 << 30


_ESCAPED_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(media/(?P<name>[a-z0-9][a-z0-9_.-]*)\)")


def _field(text: str) -> str:
    """Anki fields are HTML: escape the text and keep its line breaks; an image of the guide,
    ``![alt](media/NAME)``, becomes ``<img src="NAME" alt="alt">`` (sounds keep Anki's ``[sound:NAME]``)."""
    escaped = html.escape(text).replace("\n", "<br>")
    return _ESCAPED_IMAGE.sub(lambda m: f'<img src="{m["name"]}" alt="{m["alt"]}">'
                              if is_safe_name(m["name"]) else m[0], escaped)


def to_apkg(guide: Guide, dest: Path) -> Path:
    """Write the guide's cards as an Anki package at ``dest``.

    Each card becomes a basic note with the fields Front, Back, Section and StudyGuide ID
    (so importing the package back keeps card ids, and so review progress), in a deck
    named after the guide, tagged with its section id.
    """
    import genanki  # 50 ms to import (yaml, chevron): loaded only when exporting to Anki

    model = genanki.Model(
        _MODEL_ID, "StudyGuide Basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Section"}, {"name": "StudyGuide ID"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<br><small>{{Section}}</small>"}],
    )
    deck = genanki.Deck(_anki_id("deck", guide.info.id), guide.info.title)
    titles = {s.id: s.title for s in guide.sections}
    for card in guide.cards:
        deck.add_note(genanki.Note(
            model=model,
            fields=[_field(card.front), _field(card.back), _field(titles.get(card.section_id, "")), card.id],
            guid=genanki.guid_for(guide.info.id, card.id),
            tags=[card.section_id],
        ))
    wanted = set(referenced(guide))
    media = [(f.name, f.path) for f in guide.media if f.name in wanted and f.path is not None]
    return write_atomically(dest, lambda tmp: write_package(genanki.Package(deck), tmp, media), what=_NOT_EXPORTED)


def with_edits(guide: Guide, edits: Mapping[str, CardEdit]) -> Guide:
    """The guide with the learner's wording of the cards they edited (made safe for every format)."""
    if not any(e.front is not None or e.back is not None for e in edits.values()):
        return guide
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
                 separators: tuple[str, str] = ("\t", "\n")) -> Path:
    """Write ``guide`` to ``dest`` in ``fmt`` (``md``, ``csv``, ``apkg`` or ``quizlet``).

    Args:
        guide: The guide as built.
        fmt: ``md``, ``csv``, ``apkg`` or ``quizlet``.
        dest: The file to write (replaced all at once).
        edits: The learner's card edits by card id: exports show the cards as they study them.
        separators: For ``quizlet``: between term and definition, and between rows.

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
        return to_apkg(guide, dest)
    if fmt == "quizlet":
        text, _changed = quizlet.to_text(guide, *separators)
        return write_atomically(dest, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""),
                                what=_NOT_EXPORTED)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
