"""Fields of plain tags are split by one pattern instead of ``HTMLParser``: the Markdown must be the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.guides import anki_html, anki_inline
from studyguide.guides.anki_html import html_to_markdown

_TAGS = ["b", "B", "strong", "i", "em", "u", "ins", "s", "del", "sub", "sup", "div", "p", "span", "font", "ul", "ol",
         "li", "table", "td", "script", "style", "a", "h1"]
_PIECES = st.one_of(
    st.sampled_from(["word", " ", "  ", "\n", "\xa0", "*", "_", "1.", "- ", "#", ">", "`", "[x]", "~", "|", "&amp;",
                     "&", "<", "a > b", "é"]),
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<br>", "<br/>", "<br />", "<BR>", '<img src="a.png">', '<img src="">', '<img src="b.png"/>',
                     '<img src="http://x/y.png">', '<img alt="a" src="a.png">', '<span style="color:red">',
                     "<b >", "</b >", "<!-- c -->"]),
)
_FIELDS = st.lists(_PIECES, max_size=25).map("".join)
#: Fields of inline tags only (``anki_html._convert_inline``'s).
_INLINE = ["b", "B", "strong", "i", "em", "u", "ins", "s", "strike", "del", "sub", "sup", "div", "span", "font"]
_INLINE_FIELDS = st.lists(st.one_of(
    st.sampled_from(["word", " ", "  ", "\n", "\xa0", "*", "**", "_", "1.", "- ", "#", ">", "`", "[x]", "~", "\\",
                     "é", "<br>", "<br/>", "</br>", '<img src="a.png">', '<img src=" b.png ">', '<img src="">',
                     "<img>", '<img src="http://x/y.png"/>', '<b src="a.png">']),
    st.sampled_from(_INLINE).map(lambda t: f"<{t}>"),
    st.sampled_from(_INLINE).map(lambda t: f"</{t}>"),
    st.sampled_from(_INLINE).map(lambda t: f"<{t}/>"),
), max_size=25).map("".join)


def _image(src: str) -> str | None:
    return f"![](media/{src})" if src in ("a.png", "b.png") else None


@settings(max_examples=3000, deadline=None)
@given(_FIELDS)
def test_the_pattern_gives_what_the_parser_gives(field: str) -> None:
    assert anki_html._convert(field, _image, simple=True) == anki_html._convert(field, _image, simple=False)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_INLINE_FIELDS, _FIELDS))
def test_the_inline_path_gives_what_the_converter_gives(field: str) -> None:
    assert anki_html._convert(field, _image, simple=False) == anki_html._convert(field, _image, simple=True)
    assert anki_html._convert(field, _image, simple=True) == anki_html._convert(field, _image, simple=True,
                                                                                inline=False)


def test_typical_fields_take_the_pattern(monkeypatch) -> None:
    fields = ["Question <b>1</b> about the crisis?", 'Answer<br><i>with a detail</i><br/><img src="a.png">']
    expected = [html_to_markdown(f, image=_image) for f in fields]

    def refuse(*_args: object) -> None:
        raise AssertionError("HTMLParser was used")

    monkeypatch.setattr(anki_html._Converter, "feed", refuse)
    monkeypatch.setattr(anki_html, "_feed_simple", refuse)  # the inline path: no converter at all
    assert [html_to_markdown(f, image=_image) for f in fields] == expected == [
        ("Question **1** about the crisis?", 0), ("Answer<br>*with a detail*<br>![](media/a.png)", 0)]


def _image_with_breaks(src: str) -> str | None:
    """Markdown for an image that ends or starts lines (so a text after it may start one)."""
    return {"a.png": "![](media/a.png)\n", "b.png": "\n"}.get(src.strip())


@settings(max_examples=3000, deadline=None)
@given(_INLINE_FIELDS)
def test_the_inline_path_skips_only_work_that_changes_nothing(field: str) -> None:
    """``convert_inline`` skips folding spaces and escaping for a field that needs neither, and looks
    for a line start after the first text only once an image's Markdown held a line break: the
    converter's Markdown, and what it makes with nothing skipped."""
    for image in (_image, _image_with_breaks):
        fast = anki_html._convert(field, image, simple=True)
        assert fast == anki_html._convert(field, image, simple=False)
        parts = anki_html._SIMPLE_TAG.split(field)
        if "&" not in field and len(parts) // 5 == field.count("<"):
            assert anki_inline.convert_inline(parts, image, plain=False, escapes=True) == \
                anki_html._convert(field, image, simple=False)
