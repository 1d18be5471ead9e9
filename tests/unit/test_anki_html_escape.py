"""The conversion's escapes (``guides/anki_html.py``: ``_escape``, ``_escape_line_start``) are the
substitutions they stand for, searched first so a text without anything to escape is not rebuilt."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from studyguide.guides import anki_html

_TEXT = st.lists(st.one_of(st.sampled_from(["\\", "`", "*", "_", "[", "]", "<", ">", "~", "-", "+", "#", "1.", "22)",
                                            " ", "\n", "\t", "\xa0", "a", "word"]), st.text(max_size=4)),
                 max_size=20).map("".join)


@given(_TEXT)
def test_the_escape_is_the_substitution(text: str) -> None:
    assert anki_html._escape(text) == re.sub(r"([\\`*_\[\]<>~])", r"\\\1", text)


@given(_TEXT)
def test_the_line_start_escape_is_the_first_substitution(text: str) -> None:
    expected = re.compile(r"^(\s*)([-+#>]|\d+[.)])", re.MULTILINE).sub(
        lambda m: m.group(1) + "\\" + m.group(2), text, count=1)
    assert anki_html._escape_line_start(text) == expected


_CONVERTED = st.lists(st.sampled_from(["<br>", "<br>", " ", "\n", "\t", "\xa0", "\u2003", "\x1c", "a", "b c", "**"]),
                      max_size=14).map("".join)


@given(_CONVERTED, st.integers(0, 3))
def test_the_finish_takes_off_the_breaks_at_the_ends_as_the_patterns_do(text: str, dropped: int) -> None:
    stripped = text.strip()
    if "<br>" in stripped:
        stripped = re.sub(r"^(\s*<br>)+", "", re.sub(r"(<br>\s*)+$", "", stripped))
    if "\n" in stripped:
        stripped = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", stripped))
    assert anki_html._finish(text, dropped) == (stripped.strip(), dropped)
