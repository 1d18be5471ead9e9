"""Compaction of a device's own journal: many small old segments rewritten as one, nothing lost.

A year of study is thousands of small segments. A device may rewrite ITS OWN old segments into
one compacted segment (format 3): a new number above all its others, written atomically like
any segment, whose header lists the segments it replaces and how many entries each holds
(``parts``). Its entries keep the keys they had, (device, replaced segment, index), so a device
that applied some of the old segments applies only the entries it lacks, each exactly once; a
reader recognises the old segments as replaced and never reads them again. Only then, and only
by the device that wrote them, are the old files removed (a sync tool removes them elsewhere, or
a copy made by hand keeps them: either way they are skipped). No device ever removes another's
files. A StudyGuide that reads only formats 1-2 leaves a compacted segment for later ("update
StudyGuide"), while it still applies any old segment that is still there. See docs/sync.md.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import sqlite_utils

from studyguide.domain.journal import JournalEntry, segment_name
from studyguide.store import schema
from studyguide.store.journal_files import (
    Segment,
    SegmentUnreadable,
    decode_segment,
    encode_segment,
    journal_root,
    read_segment,
    segment_files,
    write_segment,
)
from studyguide.store.transactions import immediate


def split(segment: Segment) -> list[tuple[int, tuple[JournalEntry, ...]]]:
    """A segment's entries by the segment they belong to: (number, entries), in order."""
    if not segment.parts:
        return [(segment.number, segment.entries)]
    found, start = [], 0
    for number, count in segment.parts:
        found.append((number, segment.entries[start:start + count]))
        start += count
    return found


def expand(segment: Segment, known: set[int]) -> list[Segment]:
    """What to apply of a segment read from the folder: a plain one as it is; a compacted one as the
    segments it replaces that are not ``known`` here, then itself holding no entries (so it is known)."""
    if not segment.parts:
        return [segment]
    replaced = [Segment(segment.device_id, segment.device_name, number, entries)
                for number, entries in split(segment) if number not in known]
    return [*replaced, Segment(segment.device_id, segment.device_name, segment.number, ())]


def compact(folder: Path, device_id: str, device_name: str, *, numbers: list[int], into: int,
            written_at: str) -> int:
    """Rewrite this device's segments ``numbers`` as one compacted segment ``into``, then remove their
    files (and any other file of a segment it replaces: one a copy by hand brought back); returns
    how many segments it replaces (0: not now, as one of them cannot be read whole).

    Raises:
        StoreUnavailable: The folder cannot be written (nothing was removed then).
    """
    files = segment_files(folder, device_id)
    parts: dict[int, tuple[JournalEntry, ...]] = {}
    for number in numbers:
        try:
            segment, _ = read_segment(files[number], device_id, number)
        except (SegmentUnreadable, KeyError):  # a file damaged or gone meanwhile: compacted another time
            return 0
        for part, entries in split(segment):
            parts.setdefault(part, entries)  # a segment replaced twice (compacted again) counts once
        if segment.parts:  # a compacted one is replaced too (holding none of its own): never read again
            parts.setdefault(number, ())
    order = sorted(parts)
    data = encode_segment(device_id=device_id, device_name=device_name, number=into,
                          entries=[e.to_json() for n in order for e in parts[n]], written_at=written_at,
                          parts=tuple((n, len(parts[n])) for n in order))
    if not write_segment(folder, device_id, into, data):
        return 0  # a file of that number is there already: never overwritten
    try:  # in place and whole before anything it replaces goes
        decode_segment((journal_root(folder) / device_id / segment_name(into)).read_bytes(), device_id=device_id,
                       number=into)
    except (OSError, SegmentUnreadable):
        return 0
    for number, paths in segment_files(folder, device_id).items():
        if number in parts:
            for path in paths:
                with contextlib.suppress(OSError):  # gone already, or not ours to remove: skipped by readers
                    path.unlink()
    return len(order)


def record_compacted(db: sqlite_utils.Database, device_id: str, number: int, written_at: str) -> None:
    """Record this device's compacted segment ``number`` as written (its entries keep their keys)."""
    with immediate(db):
        db.execute(f"INSERT OR REPLACE INTO [{schema.SYNC_SEGMENTS}] (device, segment, entries, applied_at) "
                   "VALUES (?, ?, 0, ?)", [device_id, number, written_at])
