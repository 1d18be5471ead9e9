"""A tiny reader of the protobuf wire format, for the few small messages in Anki files.

Anki stores a package's media map (``MediaEntries``), its ``meta`` (``PackageMetadata``)
and, in a current collection, each note type's and template's settings as protobuf
messages. We need a handful of their fields, so a reader of the wire format (about
sixty lines) does instead of the ``protobuf`` package and generated code (a 1.5 MB
dependency, and its generated classes would have to follow Anki's ``.proto`` files).
Unknown fields are skipped, as protobuf itself does; damaged bytes raise ``ProtoError``.
"""

from __future__ import annotations

from collections.abc import Iterator


class ProtoError(ValueError):
    """The bytes are not a well-formed protobuf message."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ProtoError("a number runs past the end of the message")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ProtoError("a number is longer than 64 bits")


def fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """Each (field number, value) of a message, in order: an int for numbers, bytes for the rest.

    Raises:
        ProtoError: Damaged bytes (a length past the end, an unknown wire type).
    """
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
            yield number, value
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise ProtoError("a field runs past the end of the message")
            yield number, data[pos:pos + length]
            pos += length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            if pos + size > len(data):
                raise ProtoError("a field runs past the end of the message")
            yield number, int.from_bytes(data[pos:pos + size], "little")
            pos += size
        else:
            raise ProtoError(f"unknown wire type {wire}")


def message(data: bytes) -> dict[int, list[int | bytes]]:
    """Every field of a message, by number (a repeated field has several values)."""
    found: dict[int, list[int | bytes]] = {}
    for number, value in fields(data):
        found.setdefault(number, []).append(value)
    return found


def text(found: dict[int, list[int | bytes]], number: int, default: str = "") -> str:
    """A string field's last value (protobuf keeps the last), or ``default``."""
    values = [v for v in found.get(number, ()) if isinstance(v, bytes)]
    return values[-1].decode("utf-8", "replace") if values else default


def number(found: dict[int, list[int | bytes]], field: int, default: int = 0) -> int:
    """A number field's last value, or ``default``."""
    values = [v for v in found.get(field, ()) if isinstance(v, int)]
    return values[-1] if values else default
