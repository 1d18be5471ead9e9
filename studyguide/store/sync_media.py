"""Media of travelling guides in the sync folder: immutable files named by the SHA-256 of their bytes.

A version of a section or note that refers to images or sounds carries their stored names with the
SHA-256 of each; the sending device copies each file into ``StudyGuide-sync/media/<sha256>`` (written
once, atomically, never changed) before the segment that refers to it. A receiving device applies
that segment only once each file is there whole: its bytes hash to its name, and they are the image
or sound their stored name says (``domain.media``'s checks); then it copies them into the guide's own
media folder under their stored names.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from studyguide.domain.journal import JournalEntry, JournalField
from studyguide.domain.journal_content import CONTENT_FIELDS, MEDIA_KEY
from studyguide.domain.media import MediaError, MediaFile, stored_name
from studyguide.store.journal_files import MEDIA_FOLDER, TEMP_PREFIX, folder_error, journal_root
from studyguide.store.media import GuideMedia


def media_root(folder: Path) -> Path:
    """Where the travelling guides' media live in the sync folder."""
    return journal_root(folder) / MEDIA_FOLDER


def hashes_of(media: GuideMedia, names: Iterable[str]) -> dict[str, str]:
    """The SHA-256 of each named file of a guide's media (names it does not have are left out)."""
    found = {}
    for name in names:
        path = media.path(name)
        if path is None:
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
        found[name] = digest.hexdigest()
    return found


def export(folder: Path, media: GuideMedia, hashes: dict[str, str]) -> None:
    """Copy these files of a guide's media into the sync folder (those not there yet), each atomically.

    Raises:
        StoreUnavailable: The folder is missing, read-only or full.
    """
    root = media_root(folder)
    for name, digest in hashes.items():
        target, source = root / digest, media.path(name)
        if target.exists() or source is None:
            continue
        temp = root / f"{TEMP_PREFIX}{os.getpid()}-{time.time_ns()}"
        try:
            root.mkdir(parents=True, exist_ok=True)
            with open(source, "rb") as reader, open(temp, "xb") as out:
                for chunk in iter(lambda: reader.read(1 << 20), b""):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except OSError as error:
            temp.unlink(missing_ok=True)
            raise folder_error(error, folder) from error


def _wanted(entries: Iterable[JournalEntry]) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, JournalField) and entry.field in CONTENT_FIELDS and isinstance(entry.value, str):
            wanted.update(_media_of(entry.value))
    return wanted


def _media_of(value: str) -> dict[str, str]:
    import json

    loaded = json.loads(value)
    media = loaded.get(MEDIA_KEY) if isinstance(loaded, dict) else None
    return {str(k): str(v) for k, v in media.items()} if isinstance(media, dict) else {}


def missing(folder: Path, entries: Iterable[JournalEntry]) -> str | None:
    """Why a segment's media are not all in the folder whole (None: they are)."""
    for name, digest in _wanted(entries).items():
        try:
            data = (media_root(folder) / digest).read_bytes()
        except OSError:
            return f"its media file {name} has not arrived yet"
        if hashlib.sha256(data).hexdigest() != digest:
            return f"its media file {name} is incomplete or damaged"
        try:
            if stored_name(data, name) != name:
                return f"its media file {name} is not what its name says"
        except MediaError as error:
            return f"its media file {name} was refused ({error})"
    return None


def bring_in(folder: Path, media: GuideMedia, value: str) -> None:
    """Copy the media a version refers to from the sync folder into a guide's media (checked again:
    ``GuideMedia.put`` takes only a file whose stored name is its own)."""
    for name, digest in _media_of(value).items():
        if media.path(name) is None:
            media.put(MediaFile(name=name, data=(media_root(folder) / digest).read_bytes()))
