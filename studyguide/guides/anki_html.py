"""Anki's HTML fields as safe rich text: Markdown, plus the inline tags of ``domain.rich_text``.

Kept: bold, italics, strike-through, lists and tables as Markdown; underline, sub- and
superscript, line breaks and text and background colours as the allowed inline tags;
images as ``![](media/NAME)`` when the package holds them (through ``image``).
Dropped: scripts, styles, iframes, objects, every attribute but a colour (so every
event handler), remote images and the targets of links (their text is kept), and any
other tag (its text is kept). Nothing is fetched: only names of the package's own
files are ever kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from studyguide.guides.anki_inline import (
    _INLINE,
    _SPACES,
    _TAGGED,
    _escape,
    _escape_line_start,
    _finish,
    convert_inline,
)

#: Elements dropped with everything inside them.
_DROPPED = {"script", "style", "iframe", "object", "embed", "video", "audio", "svg", "math", "noscript",
            "template", "head", "title", "canvas", "select", "textarea", "button"}
_BLOCKS = {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header",
           "footer", "dl", "dt", "dd", "center"}
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})")
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_NAMED = {"black": "000000", "white": "ffffff", "red": "ff0000", "green": "008000", "blue": "0000ff",
          "yellow": "ffff00", "orange": "ffa500", "purple": "800080", "gray": "808080", "grey": "808080",
          "brown": "a52a2a", "pink": "ffc0cb", "navy": "000080", "teal": "008080", "maroon": "800000",
          "olive": "808000", "lime": "00ff00", "aqua": "00ffff", "cyan": "00ffff", "fuchsia": "ff00ff",
          "magenta": "ff00ff", "silver": "c0c0c0"}
#: Tags the parser treats no differently from any other (no raw-text content as in ``script``):
#: a field holding only these, with no attribute but an image's ``src`` and no character
#: reference, is split into them by one pattern instead of ``HTMLParser`` (the same calls; with the
#: compiled patterns, 18,000 fields of the benchmark deck: 0.27 s -> 0.16 s of CPU).
_SIMPLE_TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "sub", "sup", "br", "div",
                          "p", "span", "font", "img", "ul", "ol", "li"})
_SIMPLE_TAG = re.compile(r'<(?:/([a-zA-Z][a-zA-Z0-9]*)|([a-zA-Z][a-zA-Z0-9]*)(?: src="([^"<>&]*)")?( ?/)?)>')


def colour(value: str) -> str | None:
    """``#rrggbb`` from a CSS colour (``#f00``, ``rgb(255, 0, 0)``, ``red``), or None."""
    value = value.strip().lower()
    if match := _RGB.match(value):
        parts = [min(int(p), 255) for p in match.groups()]
        return "#" + "".join(f"{p:02x}" for p in parts)
    if match := _HEX.match(value):
        digits = match.group(1).lower()
        return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))
    return f"#{_NAMED[value]}" if value in _NAMED else None


def _style_colours(style: str) -> list[tuple[str, str]]:
    found = []
    for declaration in style.split(";"):
        prop, _, value = declaration.partition(":")
        prop = prop.strip().lower()
        if prop in ("color", "background-color", "background") and (hex_value := colour(value)):
            found.append(("color" if prop == "color" else "background-color", hex_value))
    return found


class _Converter(HTMLParser):
    def __init__(self, image: Callable[[str], str | None]) -> None:
        super().__init__(convert_charrefs=True)
        self.image = image
        self.dropped_remote = 0
        self.out: list[str] = []
        self.closers: list[tuple[str, str, str]] = []  # (tag, what opened it, what closes it)
        self.skip = 0
        self.skip_tag = ""
        self.lists: list[list[int]] = []  # per open list: [ordered, next number]
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.saved: list[list[str]] = []
        self.open_from = self.opened_to = -1  # the marks just opened (a space after them moves before)

    # Output helpers ------------------------------------------------------------------
    def emit(self, text: str) -> None:
        self.out.append(text)

    def text_so_far(self) -> str:
        return "".join(self.out)

    def line_break(self) -> None:
        tail = self.text_so_far().rstrip(" ")
        if tail and not tail.endswith(("\n", "<br>")):
            self.emit("<br>")

    def paragraph(self) -> None:
        if self.cell is not None:
            self.line_break()
        elif self.text_so_far().strip():
            self.emit("\n\n")

    # Parser callbacks ---------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += tag == self.skip_tag
            return
        if tag in _DROPPED:
            self.skip, self.skip_tag = 1, tag
            return
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag == "br":
            self.emit("<br>")
        elif tag == "img":
            src = attributes.get("src", "").strip()
            markdown = self.image(src) if src else None
            if markdown is None:
                self.dropped_remote += 1
            else:
                self.emit(markdown)
        elif tag in ("ul", "ol"):
            self.paragraph() if not self.lists else self.emit("\n")
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            if self.lists:
                depth, current = len(self.lists) - 1, self.lists[-1]
                if not self.text_so_far().endswith("\n"):
                    self.emit("\n")
                self.emit("   " * depth + (f"{current[1]}. " if current[0] else "- "))
                current[1] += 1
        elif tag == "table":
            self.paragraph()
            self.tables.append([])
        elif tag == "tr":
            if self.tables:
                self.tables[-1].append([])
        elif tag in ("td", "th"):
            if self.tables and self.cell is None:
                self.saved.append(self.out)
                self.out, self.cell = [], []
        elif tag == "hr":
            self.paragraph()
            self.emit("---\n\n")
        elif tag in _BLOCKS:
            self.line_break() if tag == "div" else self.paragraph()
        else:
            self.open_inline(tag, attributes)

    def open_inline(self, tag: str, attributes: dict[str, str]) -> None:
        closing, before = "", len(self.text_so_far())
        self.open_from = len(self.out)
        if tag in _INLINE:
            self.emit(_INLINE[tag])
            closing = _INLINE[tag]
        elif tag in _TAGGED:
            self.emit(f"<{_TAGGED[tag]}>")
            closing = f"</{_TAGGED[tag]}>"
        elif tag in ("span", "font"):
            found = _style_colours(attributes.get("style", ""))
            if tag == "font" and (hex_value := colour(attributes.get("color", ""))):
                found.append(("color", hex_value))
            style = attributes.get("style", "").replace(" ", "").lower()
            for prop, value in dict(found).items():
                self.emit(f'<span style="{prop}:{value}">')
                closing = "</span>" + closing
            for marker, wanted in (("**", "font-weight:bold"), ("*", "font-style:italic")):
                if wanted in style:
                    self.emit(marker)
                    closing = marker + closing
            if "text-decoration:underline" in style or "text-decoration-line:underline" in style:
                self.emit("<u>")
                closing = "</u>" + closing
        self.closers.append((tag, self.text_so_far()[before:], closing))
        self.opened_to = len(self.out)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag == self.skip_tag
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
                self.emit("\n" if self.lists else "\n\n")
        elif tag in ("td", "th"):
            if self.cell is not None and self.tables and self.tables[-1]:
                self.tables[-1][-1].append("".join(self.out).strip().replace("\n", "<br>").replace("|", "\\|"))
                self.out, self.cell = self.saved.pop(), None
        elif tag == "table":
            if self.tables:
                self.emit_table(self.tables.pop())
        elif tag in _BLOCKS:
            self.line_break() if tag == "div" else self.paragraph()
        else:
            for index in range(len(self.closers) - 1, -1, -1):
                if self.closers[index][0] == tag:
                    for _tag, opener, closing in reversed(self.closers[index:]):
                        self.close_marker(opener, closing)
                    del self.closers[index:]
                    break

    def close_marker(self, opener: str, closing: str) -> None:
        """Close an inline mark after the text's trailing spaces; an empty one is taken out."""
        text = self.text_so_far()
        stripped = text.rstrip()
        if opener and stripped.endswith(opener):
            self.out = [stripped[:-len(opener)], text[len(stripped):]]
        else:
            self.out = [stripped, closing, text[len(stripped):]]

    def emit_table(self, rows: list[list[str]]) -> None:
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        self.emit("\n".join(lines) + "\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\xa0", " ")
        data = _SPACES.sub(" ", data)
        data = _escape(data)
        if data[:1] == " " and self.opened_to == len(self.out) and self.open_from < self.opened_to:
            self.out.insert(self.open_from, " ")
            data = data.lstrip()
        text = self.text_so_far()
        if (not text or text.endswith("\n")) and data.lstrip():
            data = _escape_line_start(data.lstrip())
        self.emit(data)


def html_to_markdown(value: str, *, image: Callable[[str], str | None] = lambda _src: None) -> tuple[str, int]:
    """Anki field HTML as safe rich text (see the module's docstring).

    Args:
        value: The field's HTML.
        image: Gives the Markdown for an image's ``src`` (a name in the package), or None to drop it.

    Returns:
        The text, and how many images were dropped (remote, or not in the package).
    """
    if "<" not in value and "&" not in value:  # plain text (most cloze and answer fields): no parser
        return _escape_line_start(_escape(" ".join(value.split()))), 0
    return _convert(value, image, simple=True)


def _convert(value: str, image: Callable[[str], str | None], *, simple: bool, inline: bool = True,
             ) -> tuple[str, int]:
    if simple and inline and "&" not in value:
        parts = _SIMPLE_TAG.split(value)  # text, then each tag's four groups and the text after it
        tags = len(parts) // 5
        names = parts[1::5] + parts[2::5]
        if tags == value.count("<") and (set(names) <= _INLINE_AS_SPLIT
                                         or {(n or "").lower() for n in names} <= _INLINE_NAMES):
            # Each tag has one ">": any other is text's, escaped as _ESCAPE's other characters are.
            escapes = _ESCAPED_BESIDE_ANGLES.search(value) is not None or value.count(">") != tags
            plain = "\xa0" not in value and "  " not in value and value.isprintable()
            return convert_inline(parts, image, plain=plain, escapes=escapes)
    converter = _Converter(image)
    if not (simple and _feed_simple(converter, value)):
        converter.feed(value)
        converter.close()
    while converter.cell is not None and converter.saved:  # an unclosed cell
        converter.out, converter.cell = converter.saved.pop(), None
    for _tag, opener, closing in reversed(converter.closers):
        converter.close_marker(opener, closing)
    return _finish(converter.text_so_far(), converter.dropped_remote)


def _feed_simple(converter: _Converter, value: str) -> bool:
    """Give ``converter`` the calls ``HTMLParser`` would for a field of ``_SIMPLE_TAGS`` only
    (see there); False, having called nothing, for any other field."""
    if "&" in value:
        return False
    tags = list(_SIMPLE_TAG.finditer(value))
    if len(tags) != value.count("<") or any((t[1] or t[2]).lower() not in _SIMPLE_TAGS for t in tags):
        return False
    at = 0
    for tag in tags:
        if tag.start() > at:
            converter.handle_data(value[at:tag.start()])
        at = tag.end()
        if tag[1]:
            converter.handle_endtag(tag[1].lower())
            continue
        name = tag[2].lower()
        converter.handle_starttag(name, [] if tag[3] is None else [("src", tag[3])])
        if tag[4]:  # <br/>: HTMLParser's handle_startendtag
            converter.handle_endtag(name)
    if at < len(value):
        converter.handle_data(value[at:])
    return True


#: Tags that only mark text inline (and ``div``, a line break here): a field of these alone, split by
#: ``_SIMPLE_TAG``, is converted by ``anki_inline.convert_inline`` (the benchmark deck's 18,000 fields:
#: 0.45 s -> 0.1 s of CPU).
_INLINE_TAGS = _SIMPLE_TAGS - {"p", "ul", "ol", "li"}
_INLINE_NAMES = _INLINE_TAGS | {""}  # "": the closing group of an opening tag, and the other way round
_INLINE_AS_SPLIT = _INLINE_TAGS | {None}  # (the names as the pattern gives them, lowercase)
#: What ``_ESCAPE`` escapes but ``<`` and ``>`` (every ``<`` of an inline field opens a tag).
_ESCAPED_BESIDE_ANGLES = re.compile(r"[\\`*_\[\]~]")
