"""``markdown_to_plain`` skips the rules a text cannot match: it must give what running them all gives."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from studyguide.domain.rich_text import strip_tags
from studyguide.domain.text import markdown_to_plain

#: Every rule, always run (the function before its shortcut), as the reference.
_ALL_RULES = [
    (r"!\[([^\]]*)\]\([^)]*\)", r"\1", 0), (r"\[sound:[^\]\s]*\]", "", 0), (r"\[([^\]]*)\]\([^)]*\)", r"\1", 0),
    (r"^\s{0,3}#{1,6}\s+", "", re.MULTILINE), (r"^\s{0,3}>\s?", "", re.MULTILINE),
    (r"^\s*(?:[-*+]|\d+[.)])\s+", "", re.MULTILINE), (r"(\*\*|__)(.+?)\1", r"\2", 0),
    (r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", 0), (r"`([^`]*)`", r"\1", 0),
]


def _reference(text: str) -> str:
    text = strip_tags(text)
    for pattern, replacement, flags in _ALL_RULES:
        text = re.sub(pattern, replacement, text, flags=flags)
    return re.sub(r"\n{2,}", "\n", text).strip()


_MARKDOWN = st.lists(st.sampled_from(list("ab 1.)\n\t-*+_#>`[]()!<>/:u") + ["sound:", "<br>", "<u>", "**"]),
                     max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_MARKDOWN)
def test_skipping_rules_gives_what_every_rule_gives(text: str) -> None:
    assert markdown_to_plain(text) == _reference(text)


def test_each_mark_is_still_stripped() -> None:
    text = "# Head\n> quote\n- item\n3. three\n**bold** _em_ `code` [link](x) ![alt](media/a.png) [sound:a.mp3]"
    assert markdown_to_plain(text) == "Head\nquote\nitem\nthree\nbold em code link alt"
    assert markdown_to_plain("  plain words  ") == "plain words"


_OLD_QUICK_CHECK = re.compile(r"[<\[#>*+_`-]|^\s*\d|\n")  # one regex with alternatives: 3x slower


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=30) | _MARKDOWN.map(lambda t: t.replace("1", "\u0663")))
@example("\u2003\u0663 words")  # an Arabic-Indic digit after an em space
@example("\x1c7")
def test_the_quick_no_markup_check_says_what_the_old_regex_said(text: str) -> None:
    from studyguide.domain.text import _marked

    assert _marked(text) == (_OLD_QUICK_CHECK.search(text) is not None)
