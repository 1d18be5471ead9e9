"""Import a CSV/TSV of cards by streaming it into a new guide database (issue 18).

The file is read twice, a chunk at a time: once for its digest, its encoding (the same
rules as ``tabular.decode_text``) and its line count (for progress), then row by row,
handing the cards to the database writer a batch at a time. At no point is the whole
file, or the whole guide, in memory: what is held is one batch of cards, the section
titles and the card ids taken (ids must be unique). All or nothing, as ``read_table``:
a bad row or a cancel leaves no file behind.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyguide.domain.changes import Changes
from studyguide.domain.guide import GuideInfo
from studyguide.guides.files import write_atomically
from studyguide.guides.markdown import GuideFormatError
from studyguide.guides.tabular import (
    PROGRESS_EVERY,
    Cancelled,
    Progress,
    SectionIds,
    _card,
    _check_text,
    _columns,
    _delimiter,
    _extra,
    card_id,
    check_cancelled,
    clean_back,
    clean_front,
)
from studyguide.store.stream_build import CardRow, write_streamed_guide

#: Cards handed to the writer at a time.
BATCH = 5000
_CHUNK = 1 << 20
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NOT_CP1252 = bytes((0x81, 0x8D, 0x8F, 0x90, 0x9D))


@dataclass(frozen=True, slots=True)
class Scanned:
    """What the first pass found: encoding, digest, lines, and a warning when not UTF-8."""

    encoding: str
    sha256: str
    lines: int
    warnings: tuple[str, ...]


def scan(path: Path, cancelled: Cancelled | None = None) -> Scanned:
    """One pass over the bytes: digest, line count and encoding, a chunk at a time.

    Raises:
        GuideFormatError: The file is empty or binary.
        ImportCancelledError: ``cancelled`` returned True.
    """
    sha, lines, blank = hashlib.sha256(), 0, True
    utf8 = codecs.getincrementaldecoder("utf-8")()
    bad_utf8: int | None = None  # the line where UTF-8 first failed
    cp1252 = True
    head = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            check_cancelled(cancelled)
            if not head:
                head = chunk[:65536]
            sha.update(chunk)
            blank = blank and not chunk.strip()
            if bad_utf8 is None:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError as error:
                    bad_utf8 = lines + chunk.count(b"\n", 0, max(error.start, 0)) + 1
            cp1252 = cp1252 and chunk.translate(None, _NOT_CP1252) == chunk
            lines += chunk.count(b"\n")
    if bad_utf8 is None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            bad_utf8 = lines + 1
    name = path.name
    if blank:
        raise GuideFormatError(f"{name} is empty")
    encoding, warnings = "utf-8", tuple[str, ...]()
    bom = next((enc for mark, enc in _BOMS if head.startswith(mark)), None)
    sample = head[:4096]
    if bom is not None:
        encoding = bom
    elif sample.count(0) > len(sample) // 4:
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    elif bad_utf8 is not None:
        encoding = "cp1252" if cp1252 else "latin-1"
        label = "Windows-1252" if cp1252 else "Latin-1"
        warnings = (f"{name} is not valid UTF-8 text (line {bad_utf8} is the first that is not), so it "
                    f"was read as {label}: check its accented letters and symbols.",)
    try:
        _check_text(head.decode(encoding, errors="ignore"), name)
    except UnicodeDecodeError:  # pragma: no cover - errors="ignore"
        raise GuideFormatError(f"{name} is not text") from None
    return Scanned(encoding=encoding, sha256=sha.hexdigest(), lines=max(lines, 1), warnings=warnings)


class TableRows:
    """The cards of a CSV/TSV, a batch at a time (``batches``), and then its sections."""

    def __init__(self, path: Path, scanned: Scanned, *, title: str, progress: Progress | None = None,
                 cancelled: Cancelled | None = None, batch: int = BATCH) -> None:
        self.path, self.scanned, self.title = path, scanned, title
        self.progress, self.cancelled, self.batch = progress, cancelled, batch
        self.ids = SectionIds()
        self.count = 0
        self.extra_rows = 0
        #: The most cards held at once (a batch: what a test checks).
        self.most_held = 0

    def batches(self) -> Iterator[list[CardRow]]:
        """Yield the cards in file order, ``batch`` at a time, as the writer's rows
        (id, section id, position, front, back).

        Raises:
            GuideFormatError: At the first bad row, naming its line, or when there is no card.
            ImportCancelledError: ``cancelled`` returned True.
        """
        name = self.path.name
        with self.path.open("r", encoding=self.scanned.encoding, newline="") as handle:
            delimiter = _delimiter(handle.read(65536), name)
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            try:
                yield from self._rows(reader)
            except csv.Error as error:
                kind = "TSV" if delimiter == "\t" else "CSV"
                raise GuideFormatError(f"{name} cannot be read as {kind}: {error}", reader.line_num) from None
        if not self.count:
            raise GuideFormatError(f"{name} has no cards (each row needs a front and a back)")

    def _rows(self, reader: Any) -> Iterator[list[CardRow]]:
        """The batches of ``reader``'s cards. A row of just a front and a back in the first two
        columns (nearly every row of a big file) takes the short way here; any other row, and any
        that would need a message, goes through ``tabular._card`` as ``read_table`` does. Both
        give the same card (a test compares them on arbitrary cells)."""
        total, size, ids, title = self.scanned.lines, self.batch, self.ids, self.title
        taken: set[str] = set()
        held: list[CardRow] = []
        columns: dict[str, int] | None = None
        two = False  # the columns are front, back (by default or by the header)
        default_section = ""
        line, count = 1, 0
        sha1, every = hashlib.sha1, PROGRESS_EVERY
        for row in reader:
            start, line = line, reader.line_num + 1
            if two and len(row) == 2:
                front, back = clean_front(row[0]), clean_back(row[1])
                if front and back:
                    if count % every == 0:
                        self._poll(line, start, total)
                    ident = "c-" + sha1(front.encode("utf-8")).hexdigest()[:12]
                    if ident in taken:
                        ident = card_id(front, taken)
                    else:
                        taken.add(ident)
                    if not default_section:
                        default_section = ids.get(title)
                    held.append((ident, default_section, count, front, back))
                    count += 1
                    if count % size == 0:
                        self.count = count
                        self.most_held = max(self.most_held, len(held))
                        yield held
                        held = []
                    continue
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _columns(row)
                if columns is not None:
                    two = columns["front"] == 0 and columns["back"] == 1
                    continue
                columns = {"front": 0, "back": 1, "section": 2, "tags": 3}
                two = True
            if count % every == 0:
                self._poll(line, start, total)
            card = _card(row, columns, start, ids, title, taken)
            held.append((card.id, card.section_id, count, card.front, card.back))
            count += 1
            if len(row) > 2 and _extra(row, columns):
                self.extra_rows += 1
            if count % size == 0:
                self.count = count
                self.most_held = max(self.most_held, len(held))
                yield held
                held = []
        self.count = count
        if held:
            self.most_held = max(self.most_held, len(held))
            yield held

    def _poll(self, line: int, start: int, total: int) -> None:
        check_cancelled(self.cancelled)
        if self.progress is not None:
            self.progress(min(line / total, 0.99), f"Reading line {start:,} of about {total:,}")


@dataclass(frozen=True, slots=True)
class StreamedImport:
    """What a streamed import wrote (and, once in the library, what changed)."""

    info: GuideInfo
    cards: int
    sections: int
    warnings: tuple[str, ...]
    source_sha256: str
    changes: Changes = Changes()


def import_table(path: Path, dest: Path, info: GuideInfo, *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None, batch: int = BATCH,
                 what: str = "the guide was not imported",
                 tap: Callable[[Sequence[CardRow]], None] | None = None) -> StreamedImport:
    """Stream the CSV/TSV at ``path`` into a new guide database at ``dest`` (atomically). ``tap`` is
    handed each batch of cards as the writer inserts it (the ranking index's ``Feed.add``).

    Raises:
        GuideFormatError: The file is empty, binary or malformed (nothing written).
        ImportCancelledError: ``cancelled`` returned True (nothing written).
        DiskFull: The disk is full (nothing written).
    """
    scanned = scan(path, cancelled)
    rows = TableRows(path, scanned, title=info.title, progress=progress, cancelled=cancelled, batch=batch)

    def write(tmp: Path) -> None:
        batches = rows.batches() if tap is None else _tapped(rows.batches(), tap)
        write_streamed_guide(tmp, info, batches, rows.ids.sections, source_sha256=scanned.sha256)
        check_cancelled(cancelled)

    write_atomically(dest, write, what=what)
    warnings = scanned.warnings
    if rows.extra_rows:
        warnings += (f"{rows.extra_rows} rows had extra columns; their text was added to the card's back.",)
    return StreamedImport(info=info, cards=rows.count, sections=len(rows.ids.by_title), warnings=warnings,
                          source_sha256=scanned.sha256)


def _tapped(batches: Iterable[list[CardRow]], tap: Callable[[Sequence[CardRow]], None]) -> Iterator[list[CardRow]]:
    for cards in batches:
        tap(cards)
        yield cards
