"""Drawing the few inline tags a card may hold (``domain.rich_text``) in a rendered Markdown document.

Qt's Markdown importer is not given HTML (it would render any tag, and it loses the rest of a
text after a ``<br>``). Instead each allowed tag is swapped for a private-use marker before
the Markdown is read (``encode``), and ``apply`` then gives the text between an opening and a
closing marker its format (underline, sub- or superscript, a text or background colour),
turns each ``<br>`` into a line break and removes the markers. Every other tag is left as the
text it is, and shown as written.

Given the colours of the card it is drawn on (``readable_on``: its background and text), a text colour
under 3:1 against the card (dark blue on the dark theme's card, yellow on the light one's) is moved towards
the text colour until it reaches 4.5:1; a readable one is drawn as the author chose it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a text without tags (the first frame's) needs none of them
    from PySide6.QtGui import QColor, QTextCharFormat, QTextDocument

from studyguide.domain.rich_text import allowed_tag

_TAG = re.compile(r"<[^<>]*>")
_MARKER = re.compile("\ue010(\\d+)\ue011")
_STYLE = re.compile(r'style="(color|background-color):(#[0-9a-f]{6})"')
#: An author's colour under this contrast against the card is changed (WCAG's floor for large text), ...
_UNREADABLE = 3.0
#: ... to this one (WCAG AA for text).
_READABLE = 4.5


def has_tags(text: str) -> bool:
    """Whether ``text`` holds one of the allowed tags."""
    return any(allowed_tag(tag) for tag in _TAG.findall(text))


def encode(text: str) -> tuple[str, list[str]]:
    """``text`` with each allowed tag replaced by a marker, and the tags (lowercase) in marker order."""
    tags: list[str] = []

    def marker(match: re.Match[str]) -> str:
        if not allowed_tag(match.group(0)):
            return match.group(0)
        tags.append(match.group(0).lower())
        return f"\ue010{len(tags) - 1}\ue011"

    return _TAG.sub(marker, text), tags


def readable(colour: QColor, background: QColor, text: QColor) -> QColor:
    """``colour``, or if it is under 3:1 against ``background``, moved towards ``text`` until it reaches 4.5:1."""
    from studyguide.ui.focus_ring import contrast, towards

    if contrast(colour, background) >= _UNREADABLE:
        return colour
    return towards(colour, text, _READABLE, background, 20)


def _format(tag: str, readable_on: tuple[QColor, QColor] | None = None) -> QTextCharFormat:
    from PySide6.QtGui import QColor, QTextCharFormat

    form = QTextCharFormat()
    name = tag.strip("<>/").split()[0]
    if name == "u":
        form.setFontUnderline(True)
    elif name in ("sub", "sup"):
        form.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript if name == "sub"
                                  else QTextCharFormat.VerticalAlignment.AlignSuperScript)
    elif (style := _STYLE.search(tag)) is not None:
        if style.group(1) == "color":
            colour = QColor(style.group(2))
            form.setForeground(colour if readable_on is None else readable(colour, *readable_on))
        else:
            form.setBackground(QColor(style.group(2)))
    return form


def apply(document: QTextDocument, tags: list[str], readable_on: tuple[QColor, QColor] | None = None) -> None:
    """Format the text between markers as their tags say (a text colour readable on ``readable_on``: the
    card's background and text colours), then take the markers out."""
    if not tags:
        return
    from PySide6.QtGui import QTextCursor

    found: list[tuple[int, int, str]] = []  # (position, length, tag), in document order
    block = document.begin()
    while block.isValid():
        for match in _MARKER.finditer(block.text()):
            index = int(match.group(1))
            if index < len(tags):
                found.append((block.position() + match.start(), match.end() - match.start(), tags[index]))
        block = block.next()
    cursor = QTextCursor(document)
    opened: dict[str, list[tuple[int, str]]] = {}
    for position, length, tag in found:
        name = tag.strip("<>/").split()[0]
        if name == "br":
            continue
        if not tag.startswith("</"):
            opened.setdefault(name, []).append((position + length, tag))
        elif opened.get(name):
            start, opening = opened[name].pop()
            cursor.setPosition(start)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(_format(opening, readable_on))
    for position, length, tag in reversed(found):  # from the end: earlier positions stay valid
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        if tag.startswith("<br"):
            cursor.insertText("\u2028")
        else:
            cursor.removeSelectedText()
