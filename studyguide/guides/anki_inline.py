"""Anki fields of inline tags only, converted without ``anki_html``'s converter object.

Most fields of most decks hold only inline tags (bold, italics, underline, sub- and superscript,
spans, ``div``, ``br``, images): ``anki_html`` splits such a field with one pattern and hands the
pieces to ``convert_inline``, which takes the converter's steps on the same list of pieces, so
even its quirks are the same (``tests/unit/test_anki_html_simple.py`` compares the two). The
text helpers both use (escapes, the finish) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "strike": "~~", "del": "~~"}
_TAGGED = {"u": "u", "ins": "u", "sub": "sub", "sup": "sup"}
#: Each inline tag's opening and closing marks; any other tag (a span without a style) has none.
_MARKS = {**{tag: (mark, mark) for tag, mark in _INLINE.items()},
          **{tag: (f"<{name}>", f"</{name}>") for tag, name in _TAGGED.items()}}
_NO_MARKS = ("", "")
_SPACES = re.compile(r"\s+")
_TRAILING_BREAKS = re.compile(r"(<br>\s*)+$")
_LEADING_BREAKS = re.compile(r"^(\s*<br>)+")
_LINE_END_SPACES = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_ESCAPE = re.compile(r"([\\`*_\[\]<>~])")
_LINE_START = re.compile(r"^(\s*)([-+#>]|\d+[.)])", re.MULTILINE)


def _escape(text: str) -> str:
    """``_ESCAPE``'s characters escaped; the text itself when it has none (most: a search is a ninth of a sub)."""
    return _ESCAPE.sub(r"\\\1", text) if _ESCAPE.search(text) else text


def _escape_line_start(text: str) -> str:
    """The first line starting like a list item, heading or quote (``_LINE_START``) escaped."""
    match = _LINE_START.search(text)
    return text if match is None else f"{text[:match.start()]}{match[1]}\\{match[2]}{text[match.end():]}"


def _finish(text: str, dropped: int) -> tuple[str, int]:
    text = text.strip()
    # Stripped, the text has breaks at an end only if it starts or ends with one (``\s`` is what strip takes).
    if text.endswith("<br>"):
        text = _TRAILING_BREAKS.sub("", text)
    if text.startswith("<br>"):
        text = _LEADING_BREAKS.sub("", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n\n", _LINE_END_SPACES.sub("\n", text))
    return text.strip(), dropped


def _close(out: list[str], opener: str, closing: str) -> list[str]:
    """``_Converter.close_marker`` on ``out``."""
    text = "".join(out)
    stripped = text.rstrip()
    if opener and stripped.endswith(opener):
        return [stripped[:-len(opener)], text[len(stripped):]]
    return [stripped, closing, text[len(stripped):]]


def _close_tag(out: list[str], closers: list[tuple[str, str, str]], name: str) -> list[str]:
    """``_Converter.handle_endtag`` of an inline tag: its marks, and those opened inside it, closed."""
    for found in range(len(closers) - 1, -1, -1):
        if closers[found][0] == name:
            for _tag, opener, closing in reversed(closers[found:]):
                out = _close(out, opener, closing)
            del closers[found:]
            break
    return out


def convert_inline(parts: list[str | None], image: Callable[[str], str | None], *, plain: bool,
                   escapes: bool) -> tuple[str, int]:
    """What ``anki_html._Converter`` makes of a field of inline tags (``parts``: split by ``_SIMPLE_TAG``).

    ``plain``: the field holds no no-break space, no character ``str.isprintable`` refuses and no
    two spaces in a row, so no text needs its spaces folded; ``escapes``: its text may hold a
    character ``_ESCAPE`` escapes (False: none does). Both only skip work that would change nothing.
    """
    out: list[str] = []
    closers: list[tuple[str, str, str]] = []
    open_from = opened_to = -1
    dropped = 0
    emitted = False  # any(out): a piece that is not empty was written
    newline = False  # an image's Markdown held a line break (else the text never ends with one)
    last, index = len(parts) - 1, 0
    while True:
        data = parts[index]
        if data:  # text: _Converter.handle_data
            if not plain:
                data = data.replace("\xa0", " ")
                if not data.isprintable() or "  " in data:  # only " " is printable whitespace: nothing to fold else
                    data = _SPACES.sub(" ", data)
            if escapes and _ESCAPE.search(data):
                data = _ESCAPE.sub(r"\\\1", data)
            if data[:1] == " " and opened_to == len(out) and open_from < opened_to:
                out.insert(open_from, " ")
                data = data.lstrip()
                emitted = True
            if not emitted or newline and "".join(out).endswith("\n"):
                stripped = data.lstrip()
                if stripped:
                    data = _escape_line_start(stripped)
            out.append(data)
            emitted = emitted or data != ""
        if index == last:
            break
        closed, opened, src, slash = parts[index + 1], parts[index + 2], parts[index + 3], parts[index + 4]
        index += 5
        name = (closed or opened or "").lower()
        if name == "div":  # opening or closing (<div/> both: the second adds nothing): _Converter.line_break
            tail = "".join(out).rstrip(" ")
            if tail and not tail.endswith(("\n", "<br>")):
                out.append("<br>")
        elif closed:  # its marks (and those opened inside it) closed; </br>, </img>: none
            if closers and closers[-1][0] == name:  # the last opened (most): _close_tag's one step, here
                _tag, opener, closing = closers.pop()
                text = "".join(out)
                stripped = text.rstrip()
                if opener and stripped.endswith(opener):
                    out = [stripped[:-len(opener)], text[len(stripped):]]
                    emitted = any(out)
                else:
                    out = [stripped, closing, text[len(stripped):]]
                    emitted = emitted or closing != ""
            else:
                out = _close_tag(out, closers, name)
                emitted = any(out)
        elif name == "br":  # (<br/>: its closing finds no marks)
            out.append("<br>")
            emitted = True
        elif name == "img":
            src = (src or "").strip()
            markdown = image(src) if src else None
            if markdown is None:
                dropped += 1
            else:
                out.append(markdown)
                emitted = emitted or markdown != ""
                newline = newline or "\n" in markdown
        else:  # _Converter.open_inline, with no attributes (a span or font without any marks nothing)
            open_from = len(out)
            opener, closing = _MARKS.get(name, _NO_MARKS)
            if opener:
                out.append(opener)
                emitted = True
            closers.append((name, opener, closing))
            opened_to = len(out)
            if slash:  # <b/>: HTMLParser's handle_startendtag, closed at once
                out = _close_tag(out, closers, name)
                emitted = any(out)
    for _tag, opener, closing in reversed(closers):
        out = _close(out, opener, closing)
    return _finish("".join(out), dropped)
