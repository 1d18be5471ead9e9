"""Read Anki packages (``.apkg``, ``.colpkg``) into a guide, safely.

A package is a zip holding ``collection.anki2`` (SQLite: ``notes.flds`` split by
``\\x1f``, note types in ``col.models`` JSON) and media. Nothing is extracted to
disk: members are read in memory under a size budget (zip bombs), member names
are never used as paths (``../`` entries are refused), and a truncated or
damaged zip gets a clear message. Basic notes become one card; cloze notes one
card per cloze number. HTML is turned into plain text (bold and italics kept as
Markdown); media are skipped and counted. The newer zstd-compressed
``collection.anki21b`` format is named in a "not supported" message.

The collection is a foreign SQLite file read once into memory; no StudyGuide
store is involved, so its few queries live here rather than in ``store/``.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
import zipfile
from pathlib import Path

from studyguide.domain.guide import Card, Guide, GuideInfo
from studyguide.guides.markdown import GuideFormatError
from studyguide.guides.tabular import (
    Cancelled,
    Progress,
    SectionIds,
    check_cancelled,
    check_size,
    clean_back,
    clean_front,
    in_section_order,
    valid_id,
)
from studyguide.store.anki import AnkiCollectionError, read_anki_collection

#: Largest package accepted, and largest total uncompressed size read from it.
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
#: A member that expands more than this many times is treated as a zip bomb.
MAX_RATIO = 200

#: A note longer than this shows each cloze card the text around its cloze, not the whole note.
WHOLE_NOTE_CHARS = 2000
CLOZE_CONTEXT = 300

_CLOZE = re.compile(r"\{\{c(\d{1,9})::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_MEDIA = re.compile(r"<img\b[^>]*>|\[sound:[^\]]*\]", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Plain text from an Anki field: tags dropped, breaks kept, bold/italic as Markdown."""
    value = re.sub(r"<(script|style)\b.*?</\1\s*>", "", value, flags=re.IGNORECASE | re.DOTALL)
    value = re.sub(r"<br\s*/?>|</(div|p|li|tr|h\d)\s*>", "\n", value, flags=re.IGNORECASE)
    value = re.sub(r"</?(b|strong)\s*>", "**", value, flags=re.IGNORECASE)
    value = re.sub(r"</?(i|em)\s*>", "*", value, flags=re.IGNORECASE)
    value = _TAG.sub("", value)
    value = html.unescape(value).replace("\xa0", " ")
    return re.sub(r"(?<!\*)\*\*\s*\*\*(?!\*)", "", value)  # empty <b></b>


def _member_name_is_safe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return not (name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one member fully in memory, stopping as soon as it passes ``budget``."""
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > budget or size > max(info.compress_size, 1) * MAX_RATIO + (1 << 20):
                raise GuideFormatError(
                    f"{info.filename} expands far beyond its compressed size (a zip bomb?); not imported"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def read_package(path: Path, *, guide_id: str, title: str, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> tuple[Guide, list[str]]:
    """Read an Anki package into a guide.

    Returns:
        The guide and warnings (media skipped, note types not understood).

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
    with archive:
        members = archive.infolist()
        unsafe = [m.filename for m in members if not _member_name_is_safe(m.filename)]
        if unsafe:
            raise GuideFormatError(f"{name} contains an unsafe path {unsafe[0]!r}; not imported")
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            raise GuideFormatError(f"{name} expands past {MAX_UNCOMPRESSED_BYTES // 2**20} MB (a zip bomb?); "
                                   "not imported")
        by_name = {m.filename: m for m in members}
        collection = by_name.get("collection.anki21")
        if collection is None and "collection.anki21b" not in by_name:
            collection = by_name.get("collection.anki2")
        if collection is None:
            # Newer exports also hold a stub collection.anki2 that only says "please update Anki".
            if "collection.anki21b" in by_name:
                raise GuideFormatError(
                    f"{name} uses Anki's newer compressed format (collection.anki21b, zstd), which is not "
                    "supported. In Anki, export again with 'Support older Anki versions' ticked")
            raise GuideFormatError(f"{name} has no collection.anki2: it is not an Anki package")
        if progress is not None:
            progress(0.05, "Reading the Anki collection")
        try:
            data = _read_member(archive, collection, MAX_UNCOMPRESSED_BYTES)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise GuideFormatError(f"{name} is damaged ({error}); not imported") from None
        media_count = max(len([m for m in members if m.filename not in
                               ("collection.anki2", "collection.anki21", "collection.anki21b", "media",
                                "meta")]), 0)
    check_cancelled(cancelled)
    notes, models, deck_names = _load_collection(data, name, cancelled)
    top = {deck.split("::")[0] for deck in deck_names.values() if deck and deck != "Default"}
    if len(top) == 1:
        title = top.pop()
    guide, warnings = _notes_to_guide(notes, models, deck_names, guide_id=guide_id, title=title, name=name,
                                      progress=progress, cancelled=cancelled)
    if media_count or guide_media(notes):
        warnings.insert(0, f"{max(media_count, guide_media(notes))} media files (images, sounds) were skipped.")
    return guide, warnings


def guide_media(notes: list[tuple]) -> int:
    """How many media references the notes' fields hold."""
    return sum(len(_MEDIA.findall(row[2])) for row in notes)


def _load_collection(data: bytes, name: str,
                     cancelled: Cancelled | None) -> tuple[list[tuple], dict, dict[int, str]]:
    """Notes (id, guid, flds, tags, mid), note types by id, and the deck name of each note."""
    try:
        collection = read_anki_collection(data, interrupted=cancelled)
    except AnkiCollectionError as error:
        check_cancelled(cancelled)
        raise GuideFormatError(f"{name}: its collection is damaged or not an Anki collection ({error})") from None
    return collection.notes, collection.models, collection.deck_of


def _notes_to_guide(notes: list[tuple], models: dict, deck_of: dict, *, guide_id: str, title: str,
                    name: str, progress: Progress | None, cancelled: Cancelled | None) -> tuple[Guide, list[str]]:
    sections, cards, taken, skipped = SectionIds(), list[Card](), set[str](), 0
    for number, (nid, guid, flds, tags, mid) in enumerate(notes, 1):
        if number % 1000 == 0:
            check_cancelled(cancelled)
            if progress is not None:
                progress(0.1 + 0.8 * number / len(notes), f"Reading note {number:,} of {len(notes):,}")
        model = models.get(str(mid))
        if not isinstance(model, dict):
            raise GuideFormatError(f"note {number} uses a note type missing from {name}")
        if not isinstance(model.get("flds", []), list):
            raise GuideFormatError(f"note {number} uses a note type whose field list (flds) is not a list: "
                                   "this is not a valid Anki collection")
        if not isinstance(flds, str) or not isinstance(tags, (str, type(None))):
            wrong = flds if not isinstance(flds, str) else tags
            raise GuideFormatError(f"note {number} holds {type(wrong).__name__} instead of text "
                                   f"{'fields' if wrong is flds else 'tags'}: this is not a valid Anki collection")
        fields, tags = flds.split("\x1f"), tags or ""
        names = [str(f.get("name", "")).lower() for f in model.get("flds", []) if isinstance(f, dict)]
        named = dict(zip(names, fields, strict=False))
        # Our own exports carry the section and the stable card id in fields of their own.
        own = [i for i, n in enumerate(names) if n in ("section", "studyguide id") and i > 1]
        deck = (deck_of.get(nid) or title).split("::")[-1] or title
        preferred = tags.split()[0] if "studyguide id" in named and tags.split() else ""
        section_id = sections.get(clean_front(html_to_text(named.get("section", ""))) or deck, preferred)
        fields = [f for i, f in enumerate(fields) if i not in own]
        base = named.get("studyguide id", "") if valid_id(named.get("studyguide id", "")) else ""
        base = base or "a-" + hashlib.sha1(str(guid).encode("utf-8")).hexdigest()[:12]
        if model.get("type") == 1:
            new = _cloze_cards(fields[0], fields[1:], base, section_id)
        else:
            front = clean_front(html_to_text(fields[0])) if fields else ""
            back = clean_back(html_to_text("\n".join(f for f in fields[1:] if f.strip())))
            new = [Card(id=base, section_id=section_id, front=front, back=back)] if front and back else []
        if not new:
            skipped += 1
            continue
        for card in new:
            ident, n = card.id, 2
            while ident in taken:
                ident, n = f"{card.id}-{n}", n + 1
            taken.add(ident)
            cards.append(Card(id=ident, section_id=card.section_id, front=card.front, back=card.back,
                              position=len(cards)))
    if not cards:
        raise GuideFormatError(f"{name} has no notes with both a front and a back")
    warnings = [f"{skipped} notes with an empty front or back were skipped."] if skipped else []
    info = GuideInfo(id=guide_id, title=title, description=f"Imported from the Anki package {name}.")
    return Guide(info=info, sections=sections.sections(), cards=in_section_order(sections, cards)), warnings


def _cloze_cards(text: str, extra: list[str], base: str, section_id: str) -> list[Card]:
    """One card per cloze number: the front hides that number, the back shows the text.

    A short note is shown whole on every card, as Anki does. In a long one each card
    shows the part around its cloze (about ``CLOZE_CONTEXT`` characters either side),
    so a note with thousands of clozes is read in linear time, not quadratic.
    """
    matches = list(_CLOZE.finditer(text))
    by_number: dict[int, list[re.Match]] = {}
    for match in matches:
        by_number.setdefault(int(match.group(1)), []).append(match)
    back_extra = "\n".join(html_to_text(f) for f in extra if f.strip())
    whole = len(text) <= WHOLE_NOTE_CHARS
    full = clean_back(html_to_text(_CLOZE.sub(lambda m: m.group(2), text))) if whole else ""
    starts, ends = [m.start() for m in matches], [m.end() for m in matches]
    cards = []
    for number in sorted(by_number):
        def hide(match: re.Match, n: int = number) -> str:
            if int(match.group(1)) != n:
                return match.group(2)
            return f"[{match.group(3)}]" if match.group(3) else "[\u2026]"

        if whole:
            front, back = clean_front(html_to_text(_CLOZE.sub(hide, text))), full
        else:
            first, last = by_number[number][0], by_number[number][-1]
            end = last.end() if last.end() - first.start() <= 4 * CLOZE_CONTEXT else first.end()
            window, cut_left, cut_right = _window(text, first.start(), end, starts, ends)
            dots_left, dots_right = "\u2026 " if cut_left else "", " \u2026" if cut_right else ""
            front = clean_front(dots_left + html_to_text(_CLOZE.sub(hide, window)) + dots_right)
            back = clean_back(dots_left + html_to_text(_CLOZE.sub(lambda m: m.group(2), window)) + dots_right)
        back = clean_back(back + ("\n" + back_extra if back_extra else ""))
        if front and back:
            cards.append(Card(id=f"{base}-c{number}", section_id=section_id, front=front, back=back))
    return cards


def _window(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> tuple[str, bool, bool]:
    """``text[start:end]`` widened by ``CLOZE_CONTEXT`` characters either side, never cutting a
    cloze (``starts``/``ends`` of every cloze, in order), an HTML tag or a word.

    Returns:
        The window, and whether text was cut off on its left and on its right.
    """
    low, high = max(0, start - CLOZE_CONTEXT), min(len(text), end + CLOZE_CONTEXT)
    inside = bisect.bisect_right(starts, low) - 1
    if inside >= 0 and ends[inside] > low:
        low = starts[inside]
    elif low > 0:  # in plain text: step past a cut tag, else to the next word
        after = bisect.bisect_left(starts, low)
        limit = min(start, starts[after]) if after < len(starts) else start
        opened, closed = text.find("<", low, limit), text.find(">", low, limit)
        space = text.find(" ", low, min(limit, low + 40))
        low = closed + 1 if closed != -1 and (opened == -1 or closed < opened) else space + 1 if space != -1 else low
    inside = bisect.bisect_left(ends, high)
    if inside < len(starts) and starts[inside] < high:
        high = ends[inside]
    elif high < len(text):
        limit = max(end, ends[inside - 1]) if inside > 0 else end
        opened, closed = text.rfind("<", limit, high), text.rfind(">", limit, high)
        space = text.rfind(" ", max(limit, high - 40), high)
        high = opened if opened > closed else space if space != -1 else high
    return text[low:high], low > 0, high < len(text)
