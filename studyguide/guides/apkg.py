"""Read Anki packages (``.apkg``, ``.colpkg``) into a guide, safely.

``anki_package`` opens the zip (every collection form current Anki writes, the media map
as protobuf or JSON, bombs refused); ``store.anki`` queries the collection. Here each
Anki note becomes one of our notes, by the shape of its note type (names are
translated, so they are not trusted):

- Basic: one card. Type in the answer: a typed-answer card.
- Basic (and reversed card), Basic (optional reversed card): both cards when Anki made
  both (the optional reverse only when its field was filled), else one.
- Cloze: one card per number, hints shown, the answer highlighted (``domain.card_types``).
- Any other note type: the first field is the front, the rest the back; a warning names it.

Fields are HTML: ``anki_html`` makes them safe rich text. Decks become sections named
with their path below the package's one top deck (which names the guide); tags come in as
tags. Media and review history are gathered by ``anki_media`` and ``anki_history``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyguide.domain.card_types import AuthoringError, checked, expand, ids_of
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.guide import Card, Guide, GuideInfo, Note
from studyguide.domain.imported_history import ImportedHistory
from studyguide.domain.media import MediaFile
from studyguide.domain.stats import plural
from studyguide.guides import anki_history, anki_media
from studyguide.guides.anki_export import SECTIONS_MEMBER, own_ids, own_note_id
from studyguide.guides.anki_html import html_to_markdown
from studyguide.guides.anki_package import (
    MAX_UNCOMPRESSED_BYTES,
    PackageSource,
    media_files,
    member_name_is_safe,
    pick_collection,
    read_collection,
    read_member,
)
from studyguide.guides.markdown import GuideFormatError
from studyguide.guides.tabular import Cancelled, Progress, SectionIds, check_cancelled, check_size, valid_id
from studyguide.store.anki import AnkiCollection, AnkiCollectionError, read_anki_collection
from studyguide.store.media import StagedMedia, discard, stage_media

#: Largest package accepted.
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
_TAG_CHARS = re.compile(r"[\s,]+")
#: A field as our own export writes it (``anki_export.field_html``): escaped text, ``<br>`` and images.
_OWN_HTML = re.compile(r'(?:[^<]|<br>|<img src="[^"<>]*" alt="[^"<>]*">)*\Z')


@dataclass(frozen=True, slots=True)
class AnkiImport:
    """What a package holds, ready to save.

    Attributes:
        guide: The guide (notes, the cards they make, sections, media).
        warnings: What was dropped or kept differently.
        history: Reviews and card states (None when the package has none).
        staged: Its media files being written into the library (``read_anki``'s ``media_into``).
    """

    guide: Guide
    warnings: list[str]
    history: ImportedHistory | None
    staged: StagedMedia | None = None


def html_to_text(value: str) -> str:
    """An Anki field as safe rich text (images and remote links dropped)."""
    return html_to_markdown(value)[0]


def read_package(path: Path, *, guide_id: str, title: str, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> tuple[Guide, list[str]]:
    """Read an Anki package into a guide; returns the guide and warnings (see ``read_anki``)."""
    found = read_anki(path, guide_id=guide_id, title=title, progress=progress, cancelled=cancelled)
    return found.guide, found.warnings


def read_anki(path: Path, *, guide_id: str, title: str, progress: Progress | None = None,
              cancelled: Cancelled | None = None, media_into: Path | None = None) -> AnkiImport:
    """Read an Anki package: its notes, media and review history.

    ``media_into`` (a library's guides folder; the command line's import, which saves what it reads):
    the media files are read first and written into a new folder there while the notes are read
    (``stage_media``; ``AnkiImport.staged``, removed if the read fails).

    Raises:
        GuideFormatError: For a damaged, unsafe or unsupported package, naming the note when
            one note is the problem.
    """
    name = path.name
    check_size(path.stat().st_size, name, MAX_PACKAGE_BYTES)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise GuideFormatError(f"{name} is not a complete zip archive (truncated or damaged download?)") from None
    except (NotImplementedError, ValueError, EOFError) as error:  # a damaged entry of its list of members
        raise GuideFormatError(f"{name} is damaged or uses a zip feature StudyGuide cannot read ({error}); "
                               "not imported") from None
    source, staged = PackageSource(path), None
    try:
        with archive:
            members = archive.infolist()
            unsafe = [m.filename for m in members if not member_name_is_safe(m.filename)]
            if unsafe:
                raise GuideFormatError(f"{name} contains an unsafe path {unsafe[0]!r}; not imported")
            if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
                raise GuideFormatError(f"{name} expands past {MAX_UNCOMPRESSED_BYTES // 2**20} MB (a zip bomb?); "
                                       "not imported")
            by_name = {m.filename: m for m in members}
            collection_info = pick_collection(by_name, name)
            gathered = anki_media.Gatherer(media_files(archive, by_name, name, source))
            if media_into is not None:  # first: the files are written while everything else is read
                staged = _stage(gathered, media_into, cancelled)
            if progress is not None:
                progress(0.05, "Reading the Anki collection")
            data = read_collection(archive, collection_info, name)
            own_sections = _own_sections(archive, by_name.get(SECTIONS_MEMBER), name)
        check_cancelled(cancelled)
        try:
            collection = read_anki_collection(data, interrupted=cancelled)
        except AnkiCollectionError as error:
            check_cancelled(cancelled)
            raise GuideFormatError(f"{name}: its collection is damaged or not an Anki collection ({error})") from None
        del data
        top = {deck.split("::")[0] for deck in collection.deck_of.values() if deck and deck != "Default"}
        if len(top) == 1:
            title = top.pop()
        guide, warnings, card_of = _notes_to_guide(collection, gathered, guide_id=guide_id, title=title, name=name,
                                                   progress=progress, cancelled=cancelled, own_sections=own_sections)
        if progress is not None:
            progress(0.9, "Reading the images and sounds")
        guide, media_warnings = gathered.finish(guide, cancelled=cancelled)
        history = anki_history.gather(collection, card_of)
    except BaseException:
        discard(staged)
        raise
    finally:
        source.close()
    return AnkiImport(guide=guide, warnings=media_warnings + warnings, history=history, staged=staged)


def _stage(gathered: anki_media.Gatherer, folder: Path, cancelled: Cancelled | None) -> StagedMedia | None:
    """Every media file of the package read, checked and handed to ``stage_media`` (None: none, or the
    library cannot be written, which the import that saves then says)."""
    files = gathered.read_all(cancelled=cancelled)
    try:
        return stage_media(folder, [MediaFile(name=n, data=d) for n, d in files.items()], named=True)
    except StoreUnavailable:
        return None


def note_kind(model: dict[str, Any], field_names: list[str]) -> str:
    """``basic``, ``typein``, ``reversed`` (a reversing type), ``cloze`` or ``unknown``, by its shape."""
    if model.get("type") == 1:
        return "cloze"
    templates = [t for t in model.get("tmpls", []) if isinstance(t, dict)]
    questions = [str(t.get("qfmt", "")) for t in templates]
    if len(templates) == 1 and len(field_names) == 2:
        return "typein" if "{{type:" in questions[0] else "basic"
    if len(templates) == 2 and len(field_names) in (2, 3) and field_names[0] in questions[0].lower() \
            and field_names[1] in questions[1].lower():
        return "reversed"
    return "unknown"


def _tags(text: str) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for tag in text.split():
        tag = _TAG_CHARS.sub("_", tag)[:64]
        if tag:
            seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def _own_sections(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, name: str) -> dict[str, tuple[str, str]]:
    """Our export's ``SECTIONS_MEMBER``: (section id, title) by deck name; {} when it is missing or not ours."""
    if info is None:
        return {}
    try:
        found = json.loads(read_member(archive, info, 16 * 1024 * 1024, name=name)).get("sections", {})
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, AttributeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {deck: (pair[0], pair[1]) for deck, pair in found.items() if isinstance(pair, list) and len(pair) == 2
            and all(isinstance(part, str) for part in pair) and valid_id(pair[0])}


def _notes_to_guide(collection: AnkiCollection, gathered: anki_media.Gatherer, *, guide_id: str, title: str,
                    name: str, progress: Progress | None, cancelled: Cancelled | None,
                    own_sections: dict[str, tuple[str, str]],
                    ) -> tuple[Guide, list[str], dict[tuple[int, int], str]]:
    """The guide, warnings, and our card id of each Anki (note id, template ord) imported."""
    sections, taken = SectionIds(), set[str]()
    notes: list[tuple[str, str, str, str, str, tuple[str, ...], list[int]]] = []  # Note's fields and cloze numbers
    shapes: dict[Any, tuple[dict[str, Any], list[str], list[int], str]] = {}  # by note type id
    paths: dict[str, str] = {}  # by deck name
    skipped, unknown, card_of = 0, dict[str, int](), dict[tuple[int, int], str]()
    tag_sets: dict[str, tuple[str, ...]] = {}  # by the note's tags text
    ords: dict[int, set[int]] = {}
    for card in collection.cards:
        ords.setdefault(card[1], set()).add(card[3])
    total = len(collection.notes)
    for number, (nid, guid, flds, tags, mid) in enumerate(collection.notes, 1):
        if number % 1000 == 0:
            check_cancelled(cancelled)
            if progress is not None:
                progress(0.1 + 0.8 * number / total, f"Reading note {number:,} of {total:,}")
        shape = shapes.get(mid)
        if shape is None:  # the note type checked, its field names, our own export's fields among them, its kind
            model = collection.models.get(str(mid))
            if not isinstance(model, dict):
                raise GuideFormatError(f"note {number} uses a note type missing from {name}")
            if not isinstance(model.get("flds", []), list):
                raise GuideFormatError(f"note {number} uses a note type whose field list (flds) is not a list: "
                                       "this is not a valid Anki collection")
            names = [str(f.get("name", "")).lower() for f in model.get("flds", []) if isinstance(f, dict)]
            # Our own exports carry the section and the stable card id in fields of their own.
            own = [i for i, n in enumerate(names) if n in ("section", "studyguide id") and i > 1]
            shape = shapes[mid] = (model, names, own,
                                   note_kind(model, [n for i, n in enumerate(names) if i not in own]))
        model, names, own, kind = shape
        if not isinstance(flds, str) or not isinstance(tags, (str, type(None))):
            wrong = flds if not isinstance(flds, str) else tags
            raise GuideFormatError(f"note {number} holds {type(wrong).__name__} instead of text "
                                   f"{'fields' if wrong is flds else 'tags'}: this is not a valid Anki collection")
        fields, tags = flds.split("\x1f"), tags or ""
        named = dict(zip(names, fields, strict=False)) if own else {}
        deck = collection.deck_of.get(nid) or title
        path = paths.get(deck)
        if path is None:  # each deck's path below the package's top deck, once
            path = paths[deck] = deck.split("::", 1)[1] if "::" in deck and deck.split("::")[0] == title else deck
        # Our own exports: the note's id in its GUID, its section's id and title by its deck in
        # SECTIONS_MEMBER (gone once Anki wrote the package again); older ones: all in two fields.
        mine = own_note_id(str(guid)) if not own else ""
        preferred, section_title = own_sections.get(deck, ("", path.replace("::", " / "))) if mine else ("", "")
        if own:
            section_title = html.unescape(named.get("section", ""))
        base, preferred = own_ids(named.get("studyguide id", ""), tags) if own else (mine, preferred)
        section_id = sections.get(" ".join(section_title.split()) or path or title, preferred)
        if own:
            fields = [f for i, f in enumerate(fields) if i not in own]
        base = base or "a-" + hashlib.sha1(str(guid).encode("utf-8")).hexdigest()[:12]
        # Our own export wrote each field as html.escape(text) with "\n" as <br>, its images as
        # <img src="NAME" alt="ALT"> and its sounds as [sound:NAME]: undone exactly (Gatherer.own).
        # A field edited in Anki since (any other tag) is Anki's HTML, converted as any other.
        converted = [gathered.own(f) if (own or mine) and _OWN_HTML.match(f) else gathered.convert(f) for f in fields]
        front = converted[0] if converted else ""
        if kind == "cloze" or len(converted) == 2:  # the back: its one field ("\n\n".join of it, if not blank)
            back = converted[1] if len(converted) > 1 and converted[1].strip() else ""
        else:
            back = "\n\n".join(f for f in converted[1:] if f.strip())
        if kind == "reversed":
            # Anki made the reverse card (for the optional one: its field was filled).
            reverse = 1 in ords[nid] if nid in ords else len(fields) < 3 or bool(html_to_text(fields[2]).strip())
            kind = "reversed" if reverse else "basic"
            back = converted[1] if len(converted) > 1 else ""
        elif kind == "unknown":
            unknown[str(model.get("name", "?"))] = unknown.get(str(model.get("name", "?")), 0) + 1
            kind = "basic"
        ident = base
        n = 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        note_tags = tag_sets.get(tags)
        if note_tags is None:  # each distinct tags text read once (most decks have few: 10,000 notes, 5 here)
            note_tags = tag_sets[tags] = _tags(tags)
        front, back = front.strip(), back.strip()
        try:  # checked and its card ids made now; the note and its cards once their positions are known
            numbers = checked(kind, front, back)
        except AuthoringError:
            skipped += 1
            continue
        ids = ids_of(ident, kind, numbers)
        taken.add(ident)
        taken.update(ids)
        notes.append((ident, section_id, kind, front, back, note_tags, numbers))
        for card_id in ids:  # (a basic or type-in note's one card: template 0)
            card_of[(nid, 0 if kind == "basic" or kind == "typein" else _anki_ord(kind, card_id, ident))] = card_id
    if not notes:
        raise GuideFormatError(f"{name} has no notes with both a front and a back")
    warnings = ([f"{plural(skipped, 'note')} with an empty front or back {'was' if skipped == 1 else 'were'} "
                 "skipped."] if skipped else [])
    warnings += [f"{count} note{'s' if count != 1 else ''} of the note type \u201c{model_name}\u201d, which "
                 "StudyGuide does not know, came in as basic cards: the first field is the front, the rest "
                 "the back." for model_name, count in unknown.items()]
    order = {ident: i for i, ident in enumerate(sections.by_title.values())}
    notes.sort(key=lambda note: order[note[1]])  # stable: Anki's order within a section
    made, cards = list[Note](), list[Card]()
    for position, (ident, section_id, kind, front, back, note_tags, numbers) in enumerate(notes):
        # Each note and card made once, in place (positional: test_apkg.py checks Note's fields are these).
        note = Note(ident, section_id, kind, front, back, note_tags, position)
        made.append(note)
        cards += expand(note, position=len(cards), numbers=numbers)  # (checked above)
    info = GuideInfo(id=guide_id, title=title, description=f"Imported from the Anki package {name}.")
    guide = Guide(info=info, sections=sections.sections(), cards=tuple(cards), notes=tuple(made))
    return guide, warnings, card_of


def _anki_ord(kind: str, card_id: str, note_id: str) -> int:
    """The Anki template (or cloze number - 1) that made our card ``card_id``."""
    if kind == "reversed" and card_id.endswith("-reversed"):
        return 1
    if kind == "cloze":
        return int(card_id[len(note_id) + 2:]) - 1
    return 0
