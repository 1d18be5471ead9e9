"""Plain text from Markdown, for search snippets and anything that shows no markup."""

from __future__ import annotations

import re

from studyguide.domain.rich_text import strip_tags

#: (what every match holds: one of these one or two strings; none: a list marker's character, see
#: ``_MARKS``), pattern, replacement): a rule whose strings are not in the text (as the rules before
#: left it) cannot match and is skipped (24,000 imported fields: 0.17 s -> 0.10 s of CPU).
_RULES: list[tuple[tuple[str, ...], re.Pattern[str], str]] = [
    (("[",), re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (("[",), re.compile(r"\[sound:[^\]\s]*\]"), ""),  # Anki's sounds: nothing to read
    (("[",), re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (("#",), re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE), ""),  # heading marks
    ((">",), re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),  # block quotes
    ((), re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # list markers
    (("**", "__"), re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    # emphasis: its mark first, then what may not come before it (``(?<![\w*])[*_]``, whose lookbehind
    # is tried at every character: 24,000 imported fields 48 -> 30 ms)
    (("*", "_"), re.compile(r"[*_](?<![\w*][*_])(?!\s)(.+?)(?<!\s)[*_](?![\w*])"), r"\1"),
    (("`",), re.compile(r"`([^`]*)`"), r"\1"),  # code
]
_BLANK_LINES = re.compile(r"\n{2,}")
#: Any character a list marker needs (its rule runs only when one is there).
_MARKS = frozenset("-*+0123456789")
#: Text with none of these characters, and no digit first, has no markup at all (most imported cards):
#: returned as it is, trimmed. One character class, without an alternative, is scanned three times as
#: fast (200,000 card fields: 0.17 -> 0.055 s; the ranking index reads every field through here).
_MARKUP = re.compile(r"[<\[#>*+_`\n-]")


def _marked(text: str) -> bool:
    """Whether ``markdown_to_plain`` may change more than the surrounding white space of ``text``."""
    return _MARKUP.search(text) is not None or text.lstrip()[:1].isdecimal()


def markdown_to_plain(text: str) -> str:
    """Strip common Markdown markup, keeping the words a reader sees.

    Args:
        text: Markdown.

    Returns:
        The text with markup removed and runs of blank lines collapsed.
    """
    if not _marked(text):
        return text.strip()
    text = strip_tags(text)  # colours, underline, sub/sup, <br> (an imported Anki card's)
    marked = not _MARKS.isdisjoint(text)
    for needed, pattern, replacement in _RULES:
        if (needed[0] in text or needed[-1] in text) if needed else marked:
            text = pattern.sub(replacement, text)
    return _BLANK_LINES.sub("\n", text).strip() if "\n" in text else text.strip()
