"""Checking an imported media file: what its bytes are, against its name, and its size.

A seam for the Anki import until the guide media API (``domain.media``) lands: the same
rules (a file is what its first bytes say, its name must agree, at most 100 MB, no SVG),
with stored names ``<stem>-<16 hex of its SHA-256>.<ext>``. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

MAX_BYTES = 100 * 1024 * 1024
_KINDS = {"png": ("png",), "jpg": ("jpg", "jpeg", "jpe"), "gif": ("gif",), "webp": ("webp",), "mp3": ("mp3",),
          "ogg": ("ogg", "oga", "opus"), "wav": ("wav",), "m4a": ("m4a", "mp4", "m4b", "aac")}


class MediaRejected(ValueError):
    """A file not kept; the message names it and says why."""


def _kind(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE"):
        return "webp" if head[8:12] == b"WEBP" else "wav"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"ID3") or (len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
                                   and (head[1] >> 1) & 3 != 0):
        return "mp3"
    if head[4:8] == b"ftyp":
        return "m4a"
    return None


def too_large(size: int, name: str) -> None:
    """Refuse a file over 100 MB (``MediaRejected``)."""
    if size > MAX_BYTES:
        raise MediaRejected(f"{name}: {size / 2**20:.0f} MB is over the 100 MB a media file may weigh")


def keep_name(data: bytes, name: str) -> str:
    """The stored name of ``data`` (``map-3f2a9c01b4de7788.png``).

    Raises:
        MediaRejected: It is no image or sound we show, or its name says another kind.
    """
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    kind = _kind(data[:16])
    if kind is None or ext in ("svg", "svgz"):
        raise MediaRejected(f"{name}: not an image or a sound StudyGuide can show")
    if ext and ext not in _KINDS[kind]:
        raise MediaRejected(f"{name}: the name says .{ext} but the file is a {kind.upper()}")
    stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(name).stem.lower()).strip("-")[:40].strip("-") or "media"
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}.{ext if ext in _KINDS[kind] else kind}"
