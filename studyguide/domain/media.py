"""Media a guide may hold (images and sounds): what the bytes are, and the name they are stored under.

Pure: no I/O. A file's kind is read from its first bytes (its "magic"), never from its
name, and a name whose extension says something else is refused. SVG is not accepted at
all: it is XML that can carry scripts and references to remote files.

Stored names are content-addressed: ``<cleaned stem of the hint>-<16 hex digits of the
SHA-256 of the bytes>.<true extension>`` (``map-of-cuba-3f2a9c01b4de7788.png``), so the
same bytes under the same hint are stored once, and a name never stands for two
different files. Markdown refers to them as ``![alt](media/NAME)`` (images) and with
Anki's ``[sound:NAME]`` (sounds); see docs/storage.md.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: The most a media file may weigh: 100 MiB.
MAX_BYTES = 100 * 1024 * 1024
#: How many bytes ``sniff`` needs to tell every kind apart.
SNIFF_BYTES = 16
#: Hex digits of the SHA-256 kept in a stored name.
HASH_DIGITS = 16
#: What Markdown writes before a stored name to show an image: ``![alt](media/NAME)``.
MEDIA_PREFIX = "media/"
_STEM_LIMIT = 40
#: A stored name: plain ASCII, no folder, no leading dot, a known extension.
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}\.(png|jpg|jpeg|gif|webp|mp3|ogg|wav|m4a|mp4)$")
_HASHED = re.compile(r"^(?P<stem>.*?)-?(?P<hash>[0-9a-f]{" + str(HASH_DIGITS) + r"})$")
#: A reference to a guide's image in Markdown: ``![alt](media/NAME)`` (an optional "title" is allowed).
IMAGE_REFERENCE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?media/(?P<name>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
#: Anki's reference to a sound: ``[sound:NAME]``.
SOUND_REFERENCE = re.compile(r"\[sound:(?P<name>[^\]\s]+)\]")


class MediaKind(enum.Enum):
    """A kind of media file StudyGuide keeps; the value is its usual extension."""

    PNG = "png"
    JPEG = "jpg"
    GIF = "gif"
    WEBP = "webp"
    MP3 = "mp3"
    OGG = "ogg"
    WAV = "wav"
    M4A = "m4a"

    @property
    def extensions(self) -> tuple[str, ...]:
        """Every extension a name of this kind may have (lowercase, without the dot)."""
        return _EXTENSIONS[self]

    @property
    def is_image(self) -> bool:
        """True for a picture (shown with ``![alt](media/NAME)``)."""
        return self in (MediaKind.PNG, MediaKind.JPEG, MediaKind.GIF, MediaKind.WEBP)

    @property
    def is_sound(self) -> bool:
        """True for a sound (written ``[sound:NAME]``, as Anki does)."""
        return not self.is_image


_EXTENSIONS = {
    MediaKind.PNG: ("png",), MediaKind.JPEG: ("jpg", "jpeg", "jpe"), MediaKind.GIF: ("gif",),
    MediaKind.WEBP: ("webp",), MediaKind.MP3: ("mp3",), MediaKind.OGG: ("ogg", "oga", "opus"),
    MediaKind.WAV: ("wav",), MediaKind.M4A: ("m4a", "mp4", "m4b", "aac"),
}
#: The extensions a stored name may keep from its hint (others become the kind's usual one).
_SAFE_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "webp", "mp3", "ogg", "wav", "m4a", "mp4")
#: Extensions of files that are never media here, whatever their bytes (SVG can hold scripts).
_REFUSED = {"svg", "svgz", "html", "htm", "xhtml", "xml", "js"}


class MediaError(ValueError):
    """A file that cannot be kept as a guide's media; the message names the file and says why.

    Attributes:
        name: The file's name as given.
        reason: Why, without the name.
    """

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name or 'the file'}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A media file that travels with a guide being imported or exported.

    ``name`` is its stored name (``stored_name``); the bytes are in ``data``, or in the file
    at ``path`` (read only when the guide is saved, so large files need not sit in memory).
    """

    name: str
    data: bytes | None = None
    path: Path | None = None


def _is_mp3_frame(head: bytes) -> bool:
    # An MPEG audio frame header: 11 sync bits, a version that is not "reserved" (01) and a
    # layer that is not "reserved" (00). ADTS AAC (layer 00) and JPEG (FF D8) fail this.
    if len(head) < 3 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer, bitrate = (head[1] >> 3) & 3, (head[1] >> 1) & 3, head[2] >> 4
    return version != 1 and layer != 0 and bitrate != 15


def sniff(data: bytes) -> MediaKind | None:
    """What the bytes are, read from their first bytes (``SNIFF_BYTES`` are enough); None if unknown."""
    head = data[:SNIFF_BYTES]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return MediaKind.JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return MediaKind.GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return MediaKind.WEBP
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return MediaKind.WAV
    if head.startswith(b"OggS"):
        return MediaKind.OGG
    if head.startswith(b"ID3") or _is_mp3_frame(head):
        return MediaKind.MP3
    if head[4:8] == b"ftyp":
        return MediaKind.M4A
    return None


def base_name(name: str) -> str:
    """The last part of a path with ``/`` or ``\\`` between folders: ``PurePosixPath(name.replace("\\", "/")).name``
    without the path object (a fifth of the time; a stored name is worked out from its hint twice a file)."""
    if "/" not in name and "\\" not in name:  # a plain file name (the common case)
        return "" if name == "." else name
    for part in reversed(name.replace("\\", "/").split("/")):
        if part and part != ".":  # (a path drops empty and "." parts)
            return part
    return ""


def extension(name: str) -> str:
    """The lowercase extension of a file name, without the dot ('' when it has none): ``PurePosixPath``'s
    ``suffix`` of ``base_name``."""
    base = base_name(name)
    dot = base.rfind(".")
    return base[dot + 1:].lower() if 0 < dot < len(base) - 1 else ""


def check_kind(data: bytes, name: str) -> MediaKind:
    """The kind of ``data``, checked against ``name``'s extension (a name without one is fine).

    Raises:
        MediaError: The bytes are no known image or sound, the name says it is another kind
            of file (a PNG named ``x.jpg``), or it is an SVG.
    """
    ext = extension(name)
    if ext in _REFUSED:
        raise MediaError(name, f"{ext.upper()} files are not shown (they can hold scripts and remote links)")
    kind = sniff(data)
    if kind is None:
        raise MediaError(name, "not an image or a sound StudyGuide can show "
                               "(PNG, JPEG, GIF, WebP; MP3, Ogg, WAV, M4A)")
    if ext and ext not in kind.extensions:
        raise MediaError(name, f"the name says .{ext} but the file is a {kind.name} "
                               f"(rename it .{kind.value})")
    return kind


def check_size(size: int, name: str) -> None:
    """Refuse a file over ``MAX_BYTES``.

    Raises:
        MediaError: It is too large.
    """
    if size > MAX_BYTES:
        raise MediaError(name, f"{size / 1024 / 1024:.0f} MB is over the {MAX_BYTES // 1024 // 1024} MB a "
                               "media file may weigh")


def clean_stem(name_hint: str, fallback: str = "media", limit: int | None = _STEM_LIMIT) -> str:
    """The hint's file name without folder or extension, as lowercase ASCII words joined by hyphens."""
    base = base_name(name_hint)
    ext = extension(base)
    if ext:
        base = base[: -len(ext) - 1]
    ascii_text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return stem[:limit].strip("-") or fallback


def name_for(digest: str, kind: MediaKind, name_hint: str = "") -> str:
    """The stored name of a file whose SHA-256 is ``digest`` (hex): see ``stored_name``."""
    ext = extension(name_hint)
    ext = ext if ext in kind.extensions and ext in _SAFE_EXTENSIONS else kind.value
    short = digest[:HASH_DIGITS]
    fallback = "image" if kind.is_image else "sound"
    stem = clean_stem(name_hint, fallback, limit=None)  # whole, so a stored name's hash is seen
    hashed = _HASHED.match(stem)
    if hashed is not None and hashed["hash"] == short:  # already a stored name of these bytes
        stem = hashed["stem"]
    stem = stem[:_STEM_LIMIT].strip("-") or fallback
    return f"{stem}-{short}.{ext}"


def stored_name(data: bytes, name_hint: str = "") -> str:
    """The name ``data`` is stored under: ``<stem>-<hash>.<ext>`` (see the module's docstring).

    The same bytes and hint always give the same name, and a stored name given back as the
    hint gives itself (``stored_name(d, stored_name(d, h)) == stored_name(d, h)``).

    Raises:
        MediaError: As ``check_kind`` and ``check_size``.
    """
    check_size(len(data), name_hint)
    kind = check_kind(data, name_hint)
    import hashlib  # (about 2 ms to import: not on the way to a window)

    return name_for(hashlib.sha256(data).hexdigest(), kind, name_hint)


def is_safe_name(name: str) -> bool:
    """True for a plain stored name: no folder, no ``..``, no leading dot, a known extension."""
    return bool(_SAFE_NAME.match(name)) and ".." not in name


def image_markdown(name: str, alt: str = "") -> str:
    """The Markdown that shows a stored image: ``![alt](media/NAME)``."""
    alt = " ".join(re.sub(r"[\[\]\\]", " ", alt).split())
    return f"![{alt}]({MEDIA_PREFIX}{name})"


def sound_markdown(name: str) -> str:
    """The reference to a stored sound, Anki's way: ``[sound:NAME]``."""
    return f"[sound:{name}]"


def referenced_names(text: str) -> list[str]:
    """The stored names a Markdown text refers to (images and sounds), in order, once each."""
    found = [m["name"] for m in IMAGE_REFERENCE.finditer(text)] + [m["name"] for m in SOUND_REFERENCE.finditer(text)]
    return list(dict.fromkeys(found))


def rename_references(text: str, names: dict[str, str]) -> str:
    """``text`` with each reference to a name in ``names`` (``media/OLD``, ``[sound:OLD]``) renamed."""
    if not names:
        return text
    text = IMAGE_REFERENCE.sub(lambda m: m[0].replace(f"media/{m['name']}", f"media/{names[m['name']]}", 1)
                               if m["name"] in names else m[0], text)
    return SOUND_REFERENCE.sub(lambda m: f"[sound:{names[m['name']]}]" if m["name"] in names else m[0], text)


def media_name(url: str) -> str | None:
    """The stored name in an image's URL (``media/NAME``), or None for anything else.

    Only a relative ``media/NAME`` with a safe name counts: ``http:``, ``file:``, ``data:``,
    absolute paths, ``..`` and other folders give None.
    """
    if not url.startswith(MEDIA_PREFIX):
        return None
    name = url[len(MEDIA_PREFIX):]
    return name if is_safe_name(name) else None
