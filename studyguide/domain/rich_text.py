"""The rich text a card or section may hold: Markdown plus a few inline HTML tags, and nothing else.

Markdown says bold, italics, lists, tables, links and images. What it cannot say is
written as one of these inline tags, in exactly this form (what an Anki import writes,
see docs/rich-text.md):

- ``<u>``, ``<sub>``, ``<sup>`` and their closing tags;
- ``<br>`` (a line break inside a paragraph or a table cell);
- ``<span style="color:#rrggbb">`` or ``<span style="background-color:#rrggbb">`` and ``</span>``.

``safe_markup`` is what a view renders: every other ``<`` is escaped, so no other tag,
no attribute (``onerror``), no script, iframe, image or remote URL written as HTML
ever reaches the renderer. Pure: no I/O, no Qt.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*)?)(/?)>")
_SIMPLE = {"u", "sub", "sup", "br"}
_STYLE = re.compile(r'^\s+style="(color|background-color):(#[0-9a-f]{6})"$')


def allowed_tag(tag: str) -> bool:
    """Whether one tag (``<u>``, ``</span>``, ``<span style="color:#ff0000">``) is in the allowed set."""
    match = _TAG.fullmatch(tag)
    if match is None:
        return False
    closing, name, attributes, _self = match.groups()
    name = name.lower()
    if name in _SIMPLE:
        return not attributes.strip() and not (closing and name == "br")
    if name == "span":
        return bool(closing and not attributes) or (not closing and bool(_STYLE.match(attributes)))
    return False


def safe_markup(text: str) -> str:
    """``text`` with every ``<`` escaped (``&lt;``) except those opening an allowed tag."""
    out, last = [], 0
    for match in re.finditer(r"<", text):
        start = match.start()
        end = text.find(">", start)
        tag = text[start:end + 1] if end != -1 else ""
        if tag and allowed_tag(tag):
            continue
        out.append(text[last:start])
        out.append("&lt;")
        last = start + 1
    out.append(text[last:])
    return "".join(out)


def strip_tags(text: str) -> str:
    """``text`` without the allowed tags (``<br>`` becomes a line break), for plain-text uses."""
    if "<" not in text:
        return text
    broken = text.replace("<br>", "\n")
    if "<" not in broken:  # its only tags are <br> (most imported fields'): each is what the pattern makes of it
        return broken
    return _TAG.sub(lambda m: "\n" if m.group(2).lower() == "br" else "" if allowed_tag(m.group(0)) else m.group(0),
                    text)
