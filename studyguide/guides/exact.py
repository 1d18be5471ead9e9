"""Format 2's exact form: text the plain guide format cannot carry is written as JSON on one line.

The plain format reads a card, an event or a section body line by line: a blank line ends a
card, spaces at the ends of lines are dropped, a line starting ``# `` starts a section, and
``Type:``, ``Tags:``, ``A:`` or ``Lane:`` at a line's start are keywords. Text a user writes
in the app may hold any of these. ``plain_*`` say whether a text reads back as written in
the plain form (they mirror ``markdown._Reader``); when one does not, the writer puts the
whole item on one line as a JSON object (``Card: {...}``, ``Event: {...}``, ``Section: {...}``),
which reads back exactly. What needs no escaping stays plain and readable.
"""

from __future__ import annotations

import json
import re
from typing import Any

from studyguide.domain.errors import GuideFormatError

#: Headings that switch a section to its cards or events.
RESERVED = {"## cards": "cards", "## events": "events"}
#: Characters that are never written plainly: control characters other than tab (a NUL
#: makes the file look binary, a CR is read as a line break) and Unicode line separators.
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_FENCES = ("```", "~~~")
_CARD_KEYS = ("type:", "tags:", "a:", "card:")


def breaks_block(line: str) -> bool:
    """A line that ends a card or an event's block: blank, a section heading or a reserved heading."""
    text = line.strip()
    return not text or line.startswith("# ") or text.lower() in RESERVED


def _clean(text: str) -> bool:
    return _UNSAFE_CHARACTER.search(text) is None


def plain_line(text: str) -> bool:
    """One line with nothing for the reader to strip (a title, a source, a lane)."""
    return "\n" not in text and text == text.strip() and _clean(text)


def plain_question(text: str) -> bool:
    """A card's front reads back from ``Q: ...`` lines (each line kept, stripped)."""
    lines = text.split("\n")
    return _clean(text) and all(line == line.strip() and not breaks_block(line) for line in lines) and not any(
        line.lower().startswith(_CARD_KEYS) for line in lines[1:])


def plain_answer(text: str) -> bool:
    """A card's back reads back from ``A: ...`` and the lines after it."""
    lines = text.split("\n")
    return _clean(text) and text == text.strip() and lines[0] == lines[0].strip() and all(
        line == line.rstrip() and not breaks_block(line) for line in lines[1:])


def plain_description(text: str) -> bool:
    """An event's description reads back from the lines under its ``Event:`` line."""
    if not text:
        return True
    lines = text.split("\n")
    return _clean(text) and not lines[0].lower().startswith("lane:") and all(
        line == line.strip() and not breaks_block(line) for line in lines)


def plain_body(text: str) -> bool:
    """A section body reads back from the lines under its heading: no heading or keyword of the
    format at a line's start outside a code fence, every fence closed, nothing to strip."""
    if not text:
        return True
    if not _clean(text) or text != text.strip():
        return False
    lines = text.split("\n")
    if lines[0].lower().startswith(("source:", "tags:", "section:")):
        return False
    in_fence = False
    for line in lines:
        if line.strip().startswith(_FENCES):
            in_fence = not in_fence
        if not in_fence and (line.startswith("# ") or line.strip().lower() in RESERVED):
            return False
    return not in_fence


def dumps(item: dict[str, Any]) -> str:
    """``item`` as one line of JSON, readable (accents kept) and free of line separators."""
    return _UNSAFE_CHARACTER.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(item, ensure_ascii=False))


def loads(text: str, line: int, keys: dict[str, type]) -> dict[str, Any]:
    """The JSON object of an exact line, with each of ``keys`` of its type.

    Raises:
        GuideFormatError: Not a JSON object, or a key missing or of another type.
    """
    try:
        item = json.loads(text)
    except ValueError as error:
        raise GuideFormatError(f"the JSON after the keyword does not read: {error}", line) from None
    if not isinstance(item, dict):
        raise GuideFormatError("the JSON after the keyword must be an object", line)
    for key, kind in keys.items():
        if not isinstance(item.get(key), kind):
            raise GuideFormatError(f"the JSON object needs {key!r} ({kind.__name__})", line)
    if not all(isinstance(v, str) for key in ("tags", "sources") for v in item.get(key, [])):
        raise GuideFormatError("tags and sources are lists of strings", line)
    return item
