"""Anki's HTML fields as safe rich text (guides/anki_html.py) and the allowed tags (domain/rich_text.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.domain.rich_text import allowed_tag, safe_markup, strip_tags
from studyguide.guides.anki_html import html_to_markdown


def convert(value: str) -> str:
    return html_to_markdown(value, image=lambda src: f"![](media/{src})" if "/" not in src else None)[0]


@pytest.mark.parametrize("html, markdown", [
    ("<b>bold</b> <i>it</i> <u>under</u>", "**bold** *it* <u>under</u>"),
    ("H<sub>2</sub>O x<sup>2</sup>", "H<sub>2</sub>O x<sup>2</sup>"),
    ('<span style="color: rgb(255, 0, 0);">red</span>', '<span style="color:#ff0000">red</span>'),
    ('<font color="#00f">blue</font>', '<span style="color:#0000ff">blue</span>'),
    ('<span style="background-color: yellow">marked</span>', '<span style="background-color:#ffff00">marked</span>'),
    ("one<br>two<div>three</div>", "one<br>two<br>three"),
    ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
    ("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b"),
    ("<table><tr><td>a|b</td><td>c<br>d</td></tr><tr><td>e</td><td>f</td></tr></table>",
     "| a\\|b | c<br>d |\n|---|---|\n| e | f |"),
    ("<b> spaced </b>out", "**spaced** out"),
    ("a<b></b>b", "ab"),
    ("2*3 &lt;b&gt;", "2\\*3 \\<b\\>"),
    ('<img src="map.png" onerror="alert(1)">', "![](media/map.png)"),
    ('<img src="http://127.0.0.1:9/x.png">', ""),
    ('<a href="http://127.0.0.1:9/" onclick="x()">text</a>', "text"),
    ("<script>alert(1)</script><iframe src='http://x'></iframe><style>b{}</style>ok", "ok"),
])
def test_anki_html_becomes_markdown_and_allowed_tags(html: str, markdown: str) -> None:
    assert convert(html) == markdown


def test_remote_images_are_counted_as_dropped() -> None:
    assert html_to_markdown('<img src="https://example.org/a.png"><img src="b.png">')[1] == 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="<&", blacklist_categories=("Cs",))))
def test_plain_text_takes_the_fast_path_with_the_same_result(value: str) -> None:
    fast = html_to_markdown(value)[0]
    slow = html_to_markdown(value + "<span></span>")[0]  # a tag: through the parser

    assert fast == slow


_html = st.recursive(
    st.text(alphabet="ab <>&;\"'=/*_#-1.\n"),
    lambda inner: st.builds(lambda tag, attr, body: f"<{tag}{attr}>{body}</{tag}>",
                            st.sampled_from(["b", "i", "u", "sub", "sup", "span", "font", "div", "li", "ul", "ol",
                                             "table", "tr", "td", "script", "iframe", "img", "a", "p", "x-y"]),
                            st.sampled_from(["", ' style="color:red"', ' onerror="alert(1)"', ' src="http://h/x"',
                                             ' color="#123456"', ' style="font-weight:bold"']),
                            inner),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_html)
def test_whatever_the_html_only_allowed_tags_come_out(value: str) -> None:
    out = convert(value)
    tags = re.findall(r"(?<!\\)<[^<>]*>", out)

    assert all(allowed_tag(tag) for tag in tags), tags
    assert "onerror" not in out and "http" not in out and "script" not in out.replace("\\", "")


@pytest.mark.parametrize("text, shown", [
    ("<u>x</u> <script>y</script>", "<u>x</u> &lt;script>y&lt;/script>"),
    ('<span style="color:#ff0000">r</span>', '<span style="color:#ff0000">r</span>'),
    ('<span style="color:red" onclick="x">r</span>', '&lt;span style="color:red" onclick="x">r</span>'),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
    ("a < b", "a &lt; b"),
])
def test_safe_markup_escapes_every_tag_but_the_allowed_ones(text: str, shown: str) -> None:
    assert safe_markup(text) == shown


def test_strip_tags_keeps_the_words_and_breaks() -> None:
    assert strip_tags('a<br><u>b</u> <span style="color:#ff0000">c</span> <x>') == "a\nb c <x>"


def test_search_text_has_no_tags() -> None:
    from studyguide.domain.text import markdown_to_plain

    assert markdown_to_plain('Nikita <u>Khrushchev</u><br>H<sub>2</sub>O <span style="color:#ff0000">red</span>') == \
        "Nikita Khrushchev\nH2O red"
