"""``strip_tags`` on text whose only tags are ``<br>`` (most imported fields) replaces them without its
pattern: the same text as the pattern gives, whatever else the text holds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from studyguide.domain.rich_text import _TAG, allowed_tag, strip_tags


def _by_the_pattern(text: str) -> str:
    """``strip_tags`` as it was: every tag through the pattern."""
    return _TAG.sub(lambda m: "\n" if m.group(2).lower() == "br" else "" if allowed_tag(m.group(0)) else m.group(0),
                    text)


_TEXT = st.lists(st.sampled_from(["<br>", "<BR>", "</br>", "<br/>", "<", ">", "br", "u", "<u>", "</u>", " ", "\n",
                                  "a", "/", '="', "<span style=\"color:#ff0000\">", "</span>"]),
                 max_size=12).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
@example("<<br>")
@example("<u<br>>")
@example("a<br>b")
def test_only_breaks_are_replaced_as_the_pattern_replaces_them(text: str) -> None:
    assert strip_tags(text) == _by_the_pattern(text)
