"""Opening an Anki package (``.apkg``, ``.colpkg``): its collection and its media, safely.

A package is a zip. Which collection it holds depends on the Anki that wrote it:

- ``collection.anki21b``: Anki 2.1.50 and later, the default; an SQLite database
  (schema 18) compressed with zstd. Beside it sits a stub ``collection.anki2`` that only
  says "please update Anki", which is ignored.
- ``collection.anki21``: "Support older Anki versions" ticked (schema 11).
- ``collection.anki2``: Anki 2.0 and genanki (schema 11).

The ``media`` member maps the zip's numbered members (``0``, ``1``...) to file names:
in current packages as a protobuf ``MediaEntries`` message compressed with zstd (each
media member is then zstd-compressed too); in older ones as JSON (``{"0": "a.png"}``).

Nothing is extracted to disk; member names are never used as paths. Every member is
read under a budget: a zip member or a zstd frame that expands past its limit is refused
as a bomb, whatever it claims its size to be.
"""

from __future__ import annotations

import json
import lzma
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import zstandard

from studyguide.guides.markdown import GuideFormatError
from studyguide.store import protowire

#: Largest total uncompressed size read from a package.
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
#: A member (or zstd frame) that expands more than this many times is treated as a bomb.
MAX_RATIO = 200
#: The stub collection that current packages carry for old Ankis, and the other non-media members.
NOT_MEDIA = ("collection.anki2", "collection.anki21", "collection.anki21b", "media", "meta")
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
#: A zip member's local header: its magic, flags, method, and the sizes of its name and extra field
#: (version, times, CRC and sizes skipped: the central directory's are the ones checked, as zipfile does).
_LOCAL_HEADER = struct.Struct("<4s2xHH12x4xHH")
#: Flags only ``zipfile`` handles (or refuses): encrypted (1), patched data (32), strong encryption (64).
_FLAGS_FOR_ZIPFILE = 0x1 | 0x20 | 0x40
_decompressors = threading.local()


@dataclass(frozen=True, slots=True)
class PackageMedia:
    """One media file of a package, read only when asked.

    Attributes:
        name: Its file name, as the notes refer to it.
        size: Its size as stored in the zip (uncompressed; zstd-compressed in current packages).
        read: Returns its bytes (decompressed), under the bomb budget.
    """

    name: str
    size: int
    read: Callable[[], bytes]


class PackageSource:
    """The package file, opened again (once) when its media are read after the import's first pass.

    ``close()`` it when the media are saved (or the import is dropped). Thread-safe.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._archive: zipfile.ZipFile | None = None
        self._file: BinaryIO | None = None  # the package read directly, for its stored members
        self._lock = threading.Lock()

    def read(self, info: zipfile.ZipInfo, *, name: str) -> bytes:
        """A member's bytes, under ``read_member``'s budget. A stored (uncompressed) member, as current
        Anki writes its media, is read straight from the file, its local header and CRC-32 checked
        as ``zipfile`` checks them (whose reader costs three times as much a member: 2,000 images,
        13 ms); any other, or one that fails a check, is read by ``read_member``, which says what
        is wrong with it."""
        data = self._stored(info)
        return data if data is not None else read_member(self.archive(), info, MAX_UNCOMPRESSED_BYTES, name=name)

    def _stored(self, info: zipfile.ZipInfo) -> bytes | None:
        if (info.compress_type != zipfile.ZIP_STORED or info.flag_bits & _FLAGS_FOR_ZIPFILE
                or info.compress_size != info.file_size or info.file_size > MAX_UNCOMPRESSED_BYTES):
            return None
        with self._lock:
            try:
                if self._file is None:
                    self._file = open(self.path, "rb")  # noqa: SIM115 - closed by close()
                file = self._file
                file.seek(info.header_offset)
                header = file.read(_LOCAL_HEADER.size)
                if len(header) != _LOCAL_HEADER.size:
                    return None
                magic, flags, method, name_size, extra_size = _LOCAL_HEADER.unpack(header)
                raw_name = file.read(name_size)
                if (magic != b"PK\x03\x04" or method != zipfile.ZIP_STORED or flags & _FLAGS_FOR_ZIPFILE
                        or raw_name.decode("utf-8" if flags & 0x800 else "cp437") != info.orig_filename):
                    return None
                file.seek(extra_size, 1)
                data = file.read(info.compress_size)
            except (OSError, UnicodeDecodeError):
                return None
        return data if len(data) == info.compress_size and zlib.crc32(data) == info.CRC else None

    def archive(self) -> zipfile.ZipFile:
        """The open zip (opened on first use)."""
        with self._lock:
            if self._archive is None:
                self._archive = zipfile.ZipFile(self.path)
            return self._archive

    def close(self) -> None:
        """Close the zip (and the file) if it was opened."""
        with self._lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None
            if self._file is not None:
                self._file.close()
                self._file = None


def member_name_is_safe(name: str) -> bool:
    """Whether a zip member's name is a plain relative name (no ``..``, no drive, not absolute)."""
    parts = name.replace("\\", "/").split("/")
    return not (name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]))


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, *, name: str = "") -> bytes:
    """Read one member fully in memory, stopping as soon as it passes ``budget`` or the ratio."""
    if info.flag_bits & 0x1:  # zipfile would ask for a password (RuntimeError)
        raise GuideFormatError(f"{name or 'the package'}: {info.filename} is password-protected; not imported")
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > budget or size > max(info.compress_size, 1) * MAX_RATIO + (1 << 20):
                    raise GuideFormatError(
                        f"{info.filename} expands far beyond its compressed size (a zip bomb?); not imported")
                chunks.append(chunk)
    except NotImplementedError:  # a compression method zipfile has no decoder for
        raise GuideFormatError(f"{name or 'the package'}: {info.filename} is compressed in a way StudyGuide "
                               "cannot read; not imported") from None
    # A damaged compressed stream (zlib, lzma), header or name, or a short file.
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error, lzma.LZMAError, UnicodeDecodeError) as error:
        raise GuideFormatError(f"{name or 'the package'} is damaged ({error}); not imported") from None
    return b"".join(chunks)


def unzstd(data: bytes, what: str, *, budget: int = MAX_UNCOMPRESSED_BYTES) -> bytes:
    """Decompress zstd ``data`` as a stream, refusing it once it passes ``budget`` or the ratio.

    The frame's own size field is not trusted: the output is counted as it comes.

    Raises:
        GuideFormatError: Not zstd, damaged, or a bomb.
    """
    limit = min(budget, max(len(data), 1) * MAX_RATIO + (1 << 20))
    chunks, size = [], 0
    decompressor = getattr(_decompressors, "one", None)
    if decompressor is None:  # one per thread (they are not thread-safe): making one per media file
        decompressor = _decompressors.one = zstandard.ZstdDecompressor()  # cost 3 times the decompression
    try:
        with decompressor.stream_reader(data, read_across_frames=True) as reader:
            while chunk := reader.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise GuideFormatError(
                        f"{what} expands past {limit // 2**20} MB when decompressed (a zstd bomb?); not imported")
                chunks.append(chunk)
    except zstandard.ZstdError as error:
        raise GuideFormatError(f"{what} is damaged (zstd: {error}); not imported") from None
    return b"".join(chunks)


def pick_collection(by_name: dict[str, zipfile.ZipInfo], name: str) -> zipfile.ZipInfo:
    """The member holding the real collection: ``anki21b``, else ``anki21``, else ``anki2``."""
    for member in ("collection.anki21b", "collection.anki21", "collection.anki2"):
        if member in by_name:
            return by_name[member]
    raise GuideFormatError(f"{name} has no collection.anki2: it is not an Anki package")


def read_collection(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """The collection's SQLite bytes (decompressed from zstd for ``collection.anki21b``)."""
    data = read_member(archive, info, MAX_UNCOMPRESSED_BYTES, name=name)
    if info.filename == "collection.anki21b" or data[:4] == _ZSTD_MAGIC:
        data = unzstd(data, f"{name}'s collection")
    if not data.startswith(b"SQLite format 3\x00"):
        raise GuideFormatError(f"{name}: its {info.filename} is damaged or cut short (not an SQLite database); "
                               "not imported")
    return data


def media_files(archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], name: str,
                source: PackageSource) -> list[PackageMedia]:
    """The package's media files, by the names the notes use (nothing is read yet).

    Raises:
        GuideFormatError: The media map is damaged.
    """
    listed_at = by_name.get("media")
    if listed_at is None:
        return []
    raw = read_member(archive, listed_at, 64 * 1024 * 1024, name=name)
    compressed = raw[:4] == _ZSTD_MAGIC
    pairs: list[tuple[str, str]] = []
    if compressed:
        try:
            entries = protowire.message(unzstd(raw, f"{name}'s media list", budget=64 * 1024 * 1024))
            for index, entry in enumerate(entries.get(1, [])):
                found = protowire.message(entry if isinstance(entry, bytes) else b"")
                member = str(protowire.number(found, 255, index))
                pairs.append((member, protowire.text(found, 1)))
        except protowire.ProtoError as error:
            raise GuideFormatError(f"{name}'s media list is damaged ({error}); not imported") from None
    else:
        try:
            listed = json.loads(raw.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise GuideFormatError(f"{name}'s media list is not valid JSON ({error}); not imported") from None
        if not isinstance(listed, dict):
            raise GuideFormatError(f"{name}'s media list is not a JSON object; not imported")
        pairs = [(str(k), v) for k, v in listed.items() if isinstance(v, str)]
    found_media = []
    for member, file_name in pairs:
        info = by_name.get(member)
        if info is None or not file_name or "/" in file_name or "\\" in file_name or file_name in (".", ".."):
            continue

        def read(info: zipfile.ZipInfo = info, file_name: str = file_name) -> bytes:
            data = source.read(info, name=name)
            return unzstd(data, file_name) if compressed and data[:4] == _ZSTD_MAGIC else data

        found_media.append(PackageMedia(name=file_name, size=info.file_size, read=read))
    return found_media
