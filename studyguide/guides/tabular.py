"""Read CSV and TSV lists of cards (Quizlet, spreadsheets, Anki's text export) into a guide.

Columns are front, back, then an optional section and tags; a header row naming
them is recognised but not required. The encoding (UTF-8 with or without BOM,
UTF-16, Latin-1/Windows-1252) and the delimiter (tab, comma, semicolon, bar) are
detected. Reading is all-or-nothing: the first bad row raises
``GuideFormatError`` naming its line, and no partial guide is returned.

Helpers that make any text safe to keep as a card (``clean_front``,
``clean_back``) live here too, because every importer needs them.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from studyguide.domain.errors import ImportCancelledError
from studyguide.domain.guide import Card, Guide, GuideInfo, Section
from studyguide.guides.markdown import GuideFormatError, slugify

#: Text files larger than this are refused with a message (monkeypatched in tests).
MAX_TEXT_BYTES = 100 * 1024 * 1024
#: CSV and TSV files may be larger: a million cards is about 130 MB (issue 18).
MAX_TABLE_BYTES = 1024 * 1024 * 1024
#: Progress is reported every this many rows.
PROGRESS_EVERY = 2000

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

_HEADER_NAMES = {
    "front": {"front", "question", "term", "q", "prompt", "word"},
    "back": {"back", "answer", "definition", "a", "meaning", "response"},
    "section": {"section", "deck", "chapter", "topic", "category"},
    "tags": {"tags", "tag", "labels"},
}
_RESERVED_LINE = re.compile(r"^(#\s|##\s+(cards|events)\s*$)", re.IGNORECASE)
_ID_SUFFIX = re.compile(r"\{#[^}]*\}\s*$")
_VALID_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_cancelled(cancelled: Cancelled | None) -> None:
    """Raise ``ImportCancelledError`` when the user asked to stop."""
    if cancelled is not None and cancelled():
        raise ImportCancelledError("The import was cancelled; nothing was saved.")


def check_size(size: int, name: str, limit: int | None = None) -> None:
    """Refuse a file over the size limit, with a message saying both sizes."""
    limit = MAX_TEXT_BYTES if limit is None else limit
    if size > limit:
        raise GuideFormatError(
            f"{name} is {size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB limit for this kind of file; "
            "split it into smaller files"
        )


def decode_text(data: bytes, name: str, *, warnings: list[str] | None = None) -> str:
    """Decode a text file's bytes, detecting its encoding.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then UTF-16 without a
    BOM is recognised by its zero bytes; then UTF-8; then Windows-1252, then Latin-1.
    Falling back from UTF-8 is never silent: ``warnings`` gets a sentence naming the
    line where UTF-8 failed.

    Raises:
        GuideFormatError: If the file is empty or looks binary.
    """
    if not data.strip():
        raise GuideFormatError(f"{name} is empty")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), name)
            except UnicodeDecodeError as error:
                raise GuideFormatError(f"{name} is not valid {encoding} (byte {error.start})") from None
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:
        zeros_odd = sample[1::2].count(0)
        encoding = "utf-16-le" if zeros_odd > sample[0::2].count(0) else "utf-16-be"
        try:
            return _check_text(data.decode(encoding), name)
        except UnicodeDecodeError:
            raise GuideFormatError(f"{name} is a binary file, not text") from None
    not_utf8 = None
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = _check_text(data.decode(encoding), name)
        except UnicodeDecodeError as error:
            not_utf8 = not_utf8 or error
            continue
        if not_utf8 is not None and warnings is not None:
            line = data.count(b"\n", 0, not_utf8.start) + 1
            label = "Windows-1252" if encoding == "cp1252" else "Latin-1"
            warnings.append(f"{name} is not valid UTF-8 text (line {line} is the first that is not), so it "
                            f"was read as {label}: check its accented letters and symbols.")
        return text
    raise GuideFormatError(f"{name} is not text")  # pragma: no cover - latin-1 decodes anything


def _check_text(text: str, name: str) -> str:
    """Refuse text full of control characters (a binary file with a text extension)."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in sample or controls > max(8, len(sample) // 50):
        raise GuideFormatError(f"{name} is a binary file, not text")
    if not text.strip():
        raise GuideFormatError(f"{name} is empty")
    return text


def clean_front(text: str) -> str:
    """A card front that the Markdown guide format keeps exactly: one line, trimmed."""
    text = " ".join(text.split())
    if "{#" not in text:
        return text
    # A trailing "{#...}" would be read back as the card's id.
    return _ID_SUFFIX.sub(lambda m: "\\" + m.group(0), text)


def clean_back(text: str) -> str:
    """A card back that the guide format keeps exactly: no blank or reserved lines."""
    if "\n" not in text and "\r" not in text:  # one line (most cards): trimmed, escaped if reserved
        text = text.strip()
        return "\\" + text if _RESERVED_LINE.match(text) else text
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line.strip()]
    if lines:
        lines[0] = lines[0].lstrip()
    return "\n".join("\\" + line if _RESERVED_LINE.match(line) else line for line in lines)


def valid_id(text: str) -> bool:
    """True for an id the guide format accepts (lowercase letters, digits, hyphens)."""
    return bool(_VALID_ID.match(text))


def card_id(front: str, taken: set[str]) -> str:
    """A stable id from the card's front, so a re-import keeps its review history."""
    base = "c-" + hashlib.sha1(front.encode("utf-8")).hexdigest()[:12]
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


class SectionIds:
    """Hands out section ids (slugs of titles, made unique) in first-seen order."""

    def __init__(self) -> None:
        self.by_title: dict[str, str] = {}
        self.used: set[str] = set()

    def get(self, title: str, preferred: str = "") -> str:
        """The id of the section with this title, creating it (as ``preferred`` if free) on first use."""
        if title not in self.by_title:
            base = preferred if _VALID_ID.match(preferred) and preferred not in self.used else slugify(title)
            ident, n = base, 2
            while ident in self.used:
                ident, n = f"{base}-{n}", n + 1
            self.used.add(ident)
            self.by_title[title] = ident
        return self.by_title[title]

    def sections(self) -> tuple[Section, ...]:
        """The sections, in first-seen order, with empty bodies."""
        return tuple(Section(id=ident, title=title, body="", position=i)
                     for i, (title, ident) in enumerate(self.by_title.items()))


def _delimiter(text: str, name: str) -> str:
    if name.lower().endswith(".tsv") or name.lower().endswith(".tab"):
        return "\t"
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters="\t,;|").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max("\t,;|", key=first.count) if any(d in first for d in "\t,;|") else "\t"


def _columns(row: list[str]) -> dict[str, int] | None:
    """Column positions named by a header row, or None if ``row`` is not a header."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = cell.strip().lower()
        for column, names in _HEADER_NAMES.items():
            if key in names and column not in found:
                found[column] = index
    return found if {"front", "back"} <= found.keys() else None


def read_table(text: str, *, name: str, guide_id: str, title: str,
               progress: Progress | None = None, cancelled: Cancelled | None = None) -> tuple[Guide, list[str]]:
    """Read a CSV or TSV of cards.

    Args:
        text: The decoded file.
        name: The file name, for messages and the delimiter (``.tsv``).
        guide_id: Id for the new guide.
        title: Title for the new guide (and its default section).
        progress: Called with a fraction done and a label now and then.
        cancelled: Polled between rows; when it returns True the read stops.

    Returns:
        The guide and a list of warnings (things kept differently, never lost).

    Raises:
        GuideFormatError: At the first bad row, naming its line.
        ImportCancelledError: If ``cancelled`` returned True.
    """
    delimiter = _delimiter(text, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    sections, cards, taken, warnings = SectionIds(), list[Card](), set[str](), list[str]()
    default_section = title
    extra_rows = 0
    total = max(text.count("\n"), 1)
    try:
        for start, line, row, columns in card_rows(reader):
            if len(cards) % PROGRESS_EVERY == 0:
                check_cancelled(cancelled)
                if progress is not None:
                    progress(min(line / total, 0.99), f"Reading line {start:,} of about {total:,}")
            card = _card(row, columns, start, sections, default_section, taken)
            cards.append(card)
            if len(row) > 2 and _extra(row, columns):
                extra_rows += 1
    except csv.Error as error:
        raise GuideFormatError(f"{name} cannot be read as {'TSV' if delimiter == chr(9) else 'CSV'}: "
                               f"{error}", reader.line_num) from None
    if not cards:
        raise GuideFormatError(f"{name} has no cards (each row needs a front and a back)")
    if extra_rows:
        warnings.append(f"{extra_rows} rows had extra columns; their text was added to the card's back.")
    return Guide(info=GuideInfo(id=guide_id, title=title, subject="", description=f"Imported from {name}."),
                 sections=sections.sections(), cards=in_section_order(sections, cards)), warnings


def card_rows(reader: Any) -> Iterator[tuple[int, int, list[str], dict[str, int]]]:
    """The rows of a ``csv.reader`` that hold a card, as (the row's first line, the next row's line,
    the row, its columns): empty rows skipped, and a first row that names its columns read as the
    header (else the columns are front, back, section, tags)."""
    columns: dict[str, int] | None = None
    line = 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _columns(row)
            if columns is not None:
                continue
            columns = {"front": 0, "back": 1, "section": 2, "tags": 3}
        yield start, line, row, columns


def in_section_order(sections: SectionIds, cards: list[Card]) -> tuple[Card, ...]:
    """Cards grouped by section (first-seen order), as the guide format stores them."""
    order = {ident: i for i, ident in enumerate(sections.by_title.values())}
    ranked = sorted(cards, key=lambda c: order[c.section_id])  # stable: file order within a section
    return tuple(Card(id=c.id, section_id=c.section_id, front=c.front, back=c.back, position=i)
                 for i, c in enumerate(ranked))


def _extra(row: list[str], columns: dict[str, int]) -> list[str]:
    """The text of the cells of no known column (past the first two)."""
    known = columns.values()
    return [c.strip() for i, c in enumerate(row) if i > 1 and i not in known and c.strip()]


def _card(row: list[str], columns: dict[str, int], line: int, sections: SectionIds,
          default_section: str, taken: set[str]) -> Card:
    def cell(column: str) -> str:
        index = columns.get(column)
        return row[index] if index is not None and index < len(row) else ""

    front, back = clean_front(cell("front")), clean_back(cell("back"))
    if not front or not back:
        missing = "front" if not front else "back"
        raise GuideFormatError(f"this row has no {missing} (a card needs a front and a back; "
                               f"found {len(row)} column{'s' if len(row) != 1 else ''})", line)
    extra = _extra(row, columns) if len(row) > 2 else []
    if extra:
        back = clean_back("\n".join([back, *extra]))
    section_title = clean_front(cell("section"))
    if not section_title and cell("tags").strip():
        # No section column: the first tag groups cards (Anki's "Deck::Sub" tags included).
        section_title = clean_front(cell("tags").split()[0].replace("::", " / ").replace("_", " "))
    section_id = sections.get(section_title or default_section)
    return Card(id=card_id(front, taken), section_id=section_id, front=front, back=back,
                position=len(taken) - 1)
