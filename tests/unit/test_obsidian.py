"""Unit tests for one Obsidian note's parts (studyguide/guides/obsidian.py): the Spaced Repetition
plugin's card syntax (cases taken from the plugin's own tests/unit/parser.test.ts), tags, front matter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.guides.obsidian import (
    front_matter_tags,
    inline_tags,
    parse_cards,
    parse_note,
    split_front_matter,
    to_cloze,
)


def cards(text: str) -> list[tuple[str, str, str]]:
    return [(c.type, c.front, c.back) for c in parse_cards(text)]


@pytest.mark.parametrize("text, expected", [
    ("Question::Answer", [("basic", "Question", "Answer")]),
    ("Question::Answer\n<!--SR:!2021-08-11,4,270-->", [("basic", "Question", "Answer")]),
    ("Question::Answer <!--SR:2021-08-11,4,270-->", [("basic", "Question", "Answer")]),
    ("Some text before\nQuestion ::Answer", [("basic", "Question", "Answer")]),
    ("#Title\n\nQ1::A1\nQ2:: A2", [("basic", "Q1", "A1"), ("basic", "Q2", "A2")]),
    ("Question:::Answer", [("reversed", "Question", "Answer")]),
    ("Question:::Answer\n<!--SR:!2021-08-11,4,270!2021-08-11,4,270-->", [("reversed", "Question", "Answer")]),
    ("#flashcards/science Q2::A2", [("basic", "Q2", "A2")]),
    ("Q2::A2 ^d7cee0", [("basic", "Q2", "A2")]),
    ("`code::not a card`", []),
    ("```\nInside::code\n```", []),
    ("<!-- Q::A -->\nReal::card", [("basic", "Real", "card")]),
])
def test_single_line_cards(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert cards(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Question\n?\nAnswer", [("basic", "Question", "Answer")]),
    ("Question\n? \nAnswer <!--SR:2021-08-11,4,270-->", [("basic", "Question", "Answer")]),
    ("Some text before\n\nQuestion\n?\nAnswer\non multiple lines\n\nText after",
     [("basic", "Question", "Answer\non multiple lines")]),
    ("Question\n??\nAnswer", [("reversed", "Question", "Answer")]),
    ("Line one\nline two\n??\nAnswer", [("reversed", "Line one\nline two", "Answer")]),
    ("?\nAnswer with no question", []),
    ("Question\n?\n```\ncode\n\nwith a blank line\n```",
     [("basic", "Question", "```\ncode\n\nwith a blank line\n```")]),
])
def test_multi_line_cards(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert cards(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("cloze ==deletion== test", [("cloze", "cloze {{c1::deletion}} test", "")]),
    ("cloze ==deletion== test\n<!--SR:2021-08-11,4,270-->", [("cloze", "cloze {{c1::deletion}} test", "")]),
    ("==this== is a ==deletion==\n", [("cloze", "{{c1::this}} is a {{c2::deletion}}", "")]),
    ("some text before\n\na deletion on\nsuch ==wow==\n\nmany text\nsuch surprise ==wow== more ==text==\n"
     "some text after\n\nHmm",
     [("cloze", "a deletion on\nsuch {{c1::wow}}", ""),
      ("cloze", "many text\nsuch surprise {{c1::wow}} more {{c2::text}}\nsome text after", "")]),
    ("srdf ==", []),
    ("lorem ipsum ==p\ndolor won==", []),
    ("lorem ipsum ==dolor won=", []),
    ("He announced the ==2;;quarantine;;a blockade== on ==1;;October 22==.",
     [("cloze", "He announced the {{c2::quarantine::a blockade}} on {{c1::October 22}}.", "")]),
])
def test_highlight_clozes(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert cards(text) == expected


def test_card_lines_count_from_the_top_of_the_file() -> None:
    note = parse_note("---\ntags: flashcards\n---\n\nQ::A\n")

    assert [c.line for c in note.cards] == [5]


def test_front_matter_is_split_by_the_plugins_rule() -> None:
    assert split_front_matter("---\ntags: a\n---\nbody") == ("tags: a", "body")
    assert split_front_matter("---\nno end\nbody") == ("", "---\nno end\nbody")
    assert split_front_matter("text\n---\nx\n---") == ("", "text\n---\nx\n---")


@pytest.mark.parametrize("front_matter, tags", [
    ("tags: [flashcards, history]", ["flashcards", "history"]),
    ("tags: flashcards, history", ["flashcards", "history"]),
    ("tags: flashcards history", ["flashcards", "history"]),
    ("tag: '#flashcards/people'", ["flashcards/people"]),
    ("title: x\ntags:\n  - flashcards\n  - \"people/soviet\"\nother: y\n  - not a tag",
     ["flashcards", "people/soviet"]),
    ("aliases: [a]\ntitle: tags", []),
])
def test_front_matter_tags(front_matter: str, tags: list[str]) -> None:
    assert front_matter_tags(front_matter) == tags


def test_inline_tags_skip_headings_code_links_and_numbers() -> None:
    body = ("# Heading\n#tag1 text #nested/tag and C# or &#39; or #123 or #2024a\n"
            "[[Note#Heading]] [x](#anchor) `#code`\n```\n#fenced\n```\n#last")

    assert inline_tags(body) == ["tag1", "nested/tag", "2024a", "last"]


@pytest.mark.parametrize("text, for_flashcards", [
    ("#flashcards\nQ::A", True),
    ("#flashcards/history\nQ::A", True),
    ("---\ntags: [flashcards]\n---\nQ::A", True),
    ("#flashcardsx\nQ::A", False),
    ("#history\nQ::A", False),
])
def test_only_the_flashcards_tag_or_its_sub_tags_make_a_flashcard_note(text: str, for_flashcards: bool) -> None:
    assert parse_note(text).for_flashcards is for_flashcards


def test_a_cloze_numbered_leaves_plain_highlights_alone() -> None:
    assert to_cloze("==1;;a== and ==b==") == "{{c1::a}} and ==b=="


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:?=#`\n <!-SR>^-~{}")), max_size=200))
def test_any_text_parses_to_cards_with_both_sides(text: str) -> None:
    for card in parse_note(text).cards:
        assert card.front.strip()
        assert card.type == "cloze" or card.back.strip()
