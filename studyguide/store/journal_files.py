"""Segment files of the sync journal: their format, written once atomically, read back checked.

A segment is zstd-compressed JSON lines (a content-checksummed frame of known size): a header
line (format, version, device id and name, segment number, entry count, SHA-256 of the entry
lines), then one entry per line. It is written to a temporary file in the device's folder,
fsynced, renamed into place (the folder fsynced too), and never modified afterwards: a file
sync tool then only ever copies whole, immutable files. A reader refuses anything short,
damaged, renamed, or from a newer version, and the caller tries it again next time.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zstandard

from studyguide.domain.errors import DiskFull, ReadOnlyLocation, StoreUnavailable
from studyguide.domain.journal import (
    COMPACTED_FORMAT,
    JOURNAL_FOLDER,
    SEGMENT_VERSION,
    EntryFormatError,
    JournalEntry,
    entry_from_json,
    segment_format,
    segment_name,
    segment_number,
)

FORMAT = "studyguide-journal"
#: A segment never expands past this (a damaged or hostile frame must not fill the memory).
MAX_SEGMENT_BYTES = 1 << 30
#: Bytes written at a time.
CHUNK = 1 << 18
#: Temporary files start with this; readers never look at them.
TEMP_PREFIX = ".writing-"
#: The folder of the travelling guides' media inside the journal (``store/sync_media.py``): no device's.
MEDIA_FOLDER = "media"


class SegmentUnreadable(Exception):
    """A segment that cannot be applied now: incomplete, damaged, or from a newer app.

    Attributes:
        newer: True when a newer StudyGuide wrote it (an upgrade is needed to apply it).
    """

    def __init__(self, message: str, *, newer: bool = False) -> None:
        super().__init__(message)
        self.newer = newer


@dataclass(frozen=True, slots=True)
class Segment:
    """A segment read back: whose, which, and its entries in order.

    Attributes:
        parts: For a compacted segment (``store/journal_compaction.py``), the segments it replaces
            and how many of its entries each holds, in order: (segment number, entries). Its
            entries are known by those segments' keys, never by its own number.
    """

    device_id: str
    device_name: str
    number: int
    entries: tuple[JournalEntry, ...]
    parts: tuple[tuple[int, int], ...] = ()


def journal_root(folder: Path) -> Path:
    """The journal's folder inside the user's sync folder."""
    return folder / JOURNAL_FOLDER


def encode_segment(*, device_id: str, device_name: str, number: int, entries: list[dict[str, Any]],
                   written_at: str, parts: tuple[tuple[int, int], ...] = ()) -> bytes:
    """A segment's bytes (entries as ``JournalEntry.to_json`` objects; ``parts`` for a compacted one)."""
    body = b"".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for e in entries)
    header: dict[str, Any] = {
        "format": FORMAT, "version": COMPACTED_FORMAT if parts else segment_format(entries), "device": device_id,
        "name": device_name, "segment": number, "entries": len(entries), "sha256": hashlib.sha256(body).hexdigest(),
        "written_at": written_at}
    if parts:
        header["parts"] = [list(part) for part in parts]
    raw = json.dumps(header, ensure_ascii=False).encode() + b"\n" + body
    return zstandard.ZstdCompressor(level=3, write_checksum=True, write_content_size=True).compress(raw)


def decode_segment(data: bytes, *, device_id: str, number: int) -> Segment:
    """Check and read a segment's bytes (expected to be segment ``number`` of ``device_id``).

    Raises:
        SegmentUnreadable: Short, damaged, another segment's, or written by a newer app.
    """
    try:
        size = zstandard.frame_content_size(data)
        if size < 0 or size > MAX_SEGMENT_BYTES:
            raise SegmentUnreadable("it does not say its size, or is too large")
        raw = zstandard.ZstdDecompressor().decompress(data, max_output_size=size)
    except zstandard.ZstdError as error:
        raise SegmentUnreadable(f"it is incomplete or damaged ({error})") from error
    start = raw.find(b"\n")  # the header's line; the entries' lines follow (53 MB for a year: not copied)
    if start < 0:
        raw, start = raw + b"\n", len(raw)
    body = memoryview(raw)[start + 1:]
    try:
        header = json.loads(raw[:start])
    except ValueError as error:
        raise SegmentUnreadable("its header is damaged") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SegmentUnreadable("it is not a StudyGuide journal segment")
    version = header.get("version")
    if not isinstance(version, int) or version > SEGMENT_VERSION:
        raise SegmentUnreadable(f"a newer StudyGuide wrote it (segment format {version}; this one reads up to "
                                f"{SEGMENT_VERSION}): update StudyGuide to merge it", newer=True)
    if header.get("device") != device_id or header.get("segment") != number:
        raise SegmentUnreadable("its header names another device or segment (a file moved or renamed)")
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise SegmentUnreadable("its checksum does not match (damaged)")
    text = bytearray(raw)  # one JSON array: "[" for the header's newline, "]" for the last line's, commas between
    del text[:start]
    text[0] = 0x5B
    if len(text) > 1 and text[-1] == 0x0A:
        text[-1] = 0x5D
    else:
        text.append(0x5D)
    try:  # a hundred thousand lines parse in one call
        entries = tuple(map(entry_from_json, json.loads(text.replace(b"\n", b","))))
    except (ValueError, EntryFormatError) as error:
        raise SegmentUnreadable(f"an entry is damaged ({error})") from error
    if len(entries) != header.get("entries"):
        raise SegmentUnreadable("it holds fewer entries than its header says")
    try:  # a compacted segment: the segments it replaces, each with its count of entries
        parts = tuple((int(n), int(c)) for n, c in header.get("parts") or ())
    except (TypeError, ValueError) as error:
        raise SegmentUnreadable("its list of the segments it replaces is damaged") from error
    if parts and (sum(c for _, c in parts) != len(entries) or any(n >= number or c < 0 for n, c in parts)):
        raise SegmentUnreadable("its list of the segments it replaces does not match its entries")
    return Segment(device_id, str(header.get("name") or device_id), number, entries, parts)


def folder_error(error: OSError, folder: Path) -> StoreUnavailable:
    """The sentence for a sync folder the machine does not let us use."""
    if error.errno == errno.ENOSPC:
        return DiskFull(f"The disk of the sync folder {folder} is full: nothing was written there. "
                        "Free some space and sync again.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyLocation(f"The sync folder {folder} cannot be written (read-only or not yours). "
                                "Choose another folder, or make it writable.")
    if error.errno == errno.ENOENT:
        return StoreUnavailable(f"The sync folder {folder} is missing (a disk or USB stick not plugged in, or "
                                "the folder moved). Plug it in or choose the folder again.")
    return StoreUnavailable(f"The sync folder {folder} cannot be used: {error.strerror or error}.")


def check_folder(folder: Path) -> None:
    """Raise a ``StoreUnavailable`` unless ``folder`` is an existing folder.

    Raises:
        StoreUnavailable: It is missing or not a folder.
    """
    if folder.exists() and not folder.is_dir():  # (was said to be "missing (a USB stick not plugged in…)")
        raise StoreUnavailable(f"The sync folder {folder} is a file, not a folder. Choose the folder again.")
    if not folder.is_dir():
        raise folder_error(OSError(errno.ENOENT, "missing"), folder)


def write_segment(folder: Path, device_id: str, number: int, data: bytes) -> bool:
    """Write segment ``number`` of ``device_id`` atomically; False when it is already there (it is
    never rewritten).

    Raises:
        StoreUnavailable: The folder is missing, read-only or full; no segment file is left.
    """
    check_folder(folder)
    target = journal_root(folder) / device_id / segment_name(number)
    if target.exists():
        return False
    temp = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{time.time_ns()}-{target.name}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "xb") as out:
            for start in range(0, len(data), CHUNK):  # a kill may land between any two writes
                out.write(data[start:start + CHUNK])
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        _sync_folder(target.parent)
    except OSError as error:
        with contextlib.suppress(OSError):  # never made (a read-only folder), or the disk is gone
            temp.unlink(missing_ok=True)
        raise folder_error(error, folder) from error
    return True


def _sync_folder(path: Path) -> None:
    """Make a rename in ``path`` durable (not possible on every system: then skipped)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems (and Windows) cannot fsync a folder; the rename still happened
    finally:
        os.close(handle)


def remove_stale_temporaries(folder: Path, device_id: str, *, older_than: float = 3600.0) -> int:
    """Remove this device's temporary files left by a killed write (older than an hour)."""
    removed = 0
    for temp in (journal_root(folder) / device_id).glob(f"{TEMP_PREFIX}*"):
        try:
            if time.time() - temp.stat().st_mtime > older_than:
                temp.unlink()
                removed += 1
        except OSError:
            continue  # gone meanwhile, or not ours to remove: harmless either way
    return removed


def devices_in(folder: Path) -> list[str]:
    """The ids of the devices with a journal in the folder.

    Raises:
        StoreUnavailable: The folder cannot be read.
    """
    check_folder(folder)
    root = journal_root(folder)
    try:
        return sorted(p.name for p in root.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p.name != MEDIA_FOLDER)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise folder_error(error, folder) from error


def segment_files(folder: Path, device_id: str) -> dict[int, list[Path]]:
    """A device's segment files by number: the segment itself first, then any conflict copies."""
    found: dict[int, list[tuple[bool, str, Path]]] = {}
    try:
        names = os.listdir(journal_root(folder) / device_id)
    except OSError:
        return {}
    for name in names:
        parsed = segment_number(name)
        if parsed is not None:
            found.setdefault(parsed[0], []).append((parsed[1], name, journal_root(folder) / device_id / name))
    return {number: [p for _, _, p in sorted(copies)] for number, copies in found.items()}


def read_segment(paths: list[Path], device_id: str, number: int) -> tuple[Segment, int]:
    """Read segment ``number`` from the first of its copies that is whole; returns it and how many
    of the copies were sync tools' conflict copies.

    Raises:
        SegmentUnreadable: No copy is whole (the first copy's reason is given).
    """
    problems: list[SegmentUnreadable] = []
    conflicts = sum(1 for p in paths if segment_number(p.name) == (number, True))
    for path in paths:
        try:
            return decode_segment(path.read_bytes(), device_id=device_id, number=number), conflicts
        except OSError as error:
            problems.append(SegmentUnreadable(f"it cannot be read ({error.strerror})"))
        except SegmentUnreadable as error:
            problems.append(error)
    newer = [p for p in problems if p.newer]
    raise newer[0] if newer else problems[0] if problems else SegmentUnreadable("it is missing")


def highest_segment(folder: Path, device_id: str) -> int:
    """The highest segment number of a device in the folder (0 when it has none)."""
    return max(segment_files(folder, device_id), default=0)
