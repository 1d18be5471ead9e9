"""Unit tests for studyguide.guides.markdown: reading, errors with line numbers, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide import paths
from studyguide.domain.dates import parse_span
from studyguide.domain.guide import Guide
from studyguide.guides.markdown import GuideFormatError, read_guide, slugify, write_guide

TINY = Path(__file__).parent.parent / "data" / "tiny-guide.md"
FRONT = "---\nid: test\ntitle: Test\n---\n"


@pytest.fixture(scope="module")
def tiny() -> Guide:
    return read_guide(TINY.read_text(encoding="utf-8"))


def test_tiny_guide_info(tiny: Guide) -> None:
    assert tiny.info.id == "tiny"
    assert tiny.info.title == "A Tiny Guide"
    assert tiny.info.subject == "Testing"
    assert tiny.info.description.startswith("Three sections")


def test_tiny_guide_counts(tiny: Guide) -> None:
    assert [s.id for s in tiny.sections] == ["first", "second", "third"]
    assert [c.id for c in tiny.cards] == ["where-signed", "begins-with", "who-wrote"]
    assert [e.id for e in tiny.events] == [
        "year-event",
        "season-event",
        "day-event",
        "period-event",
    ]
    assert [s.position for s in tiny.sections] == [0, 1, 2]
    assert [c.position for c in tiny.cards] == [0, 1, 2]
    assert [e.position for e in tiny.events] == [0, 1, 2, 3]


def test_tiny_guide_sources(tiny: Guide) -> None:
    assert [s.sources for s in tiny.sections] == [("The test suite",), ("Another source",), ()]


def test_tiny_guide_section_links(tiny: Guide) -> None:
    assert [c.section_id for c in tiny.cards] == ["first", "first", "second"]
    assert [e.section_id for e in tiny.events] == ["first", "first", "second", "second"]


def test_tiny_guide_cards_and_events_content(tiny: Guide) -> None:
    assert tiny.cards[0].front == "Where was the treaty signed?"
    assert tiny.cards[0].back == "In Paris."
    assert [e.lane for e in tiny.events] == ["North", "South", "North", "South"]
    assert tiny.events[1].when == parse_span("1961-fall")
    assert tiny.events[3].when == parse_span("1962-10-16 .. 1962-10-28")
    assert tiny.events[3].title == "A period"
    assert tiny.events[3].description == "Thirteen days."


def test_tiny_guide_body_markdown_is_preserved(tiny: Guide) -> None:
    first = tiny.sections[0]

    assert "*patience*" in first.body
    assert "- one point\n- another point" in first.body
    assert "## Cards" not in first.body and "Q:" not in first.body
    assert tiny.sections[2].body.startswith("A section with no cards")


def test_card_answer_can_span_lines_and_ids_are_generated() -> None:
    guide = read_guide(FRONT + "\n# Only One\n\n## Cards\n\nQ: Why?\nA: Because\nof this.\n")

    (card,) = guide.cards
    assert guide.sections[0].id == "only-one"
    assert card.back == "Because\nof this."
    assert card.id.startswith("only-one-")
    assert (
        read_guide(FRONT + "\n# Only One\n\n## Cards\n\nQ: Why?\nA: Other\n").cards[0].id == card.id
    )


def test_fenced_heading_stays_in_the_body() -> None:
    guide = read_guide(FRONT + "\n# Code\n\n```\n# not a section\n```\n")

    assert len(guide.sections) == 1
    assert "# not a section" in guide.sections[0].body


def test_slugify() -> None:
    assert slugify("The Bay of Pigs, 1961!") == "the-bay-of-pigs-1961"
    assert slugify("???") == "item"


def _error(text: str) -> GuideFormatError:
    with pytest.raises(GuideFormatError) as info:
        read_guide(text)
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param("# Title\n", 1, "front matter", id="missing-front-matter"),
        pytest.param("---\ntitle: T\n---\n# S\n", 1, "id", id="missing-id"),
        pytest.param("---\nid: t\n---\n# S\n", 1, "title", id="missing-title"),
        pytest.param("---\nid: t\ntitle: T\n# S\n", 1, "closed", id="unclosed-front-matter"),
        pytest.param("---\nid: Bad Id\ntitle: T\n---\n# S\n", 1, "id", id="invalid-guide-id"),
        pytest.param(
            FRONT + "\nStray text\n# S\n", 6, "before the first", id="text-before-section"
        ),
        pytest.param(FRONT + "# S {#Bad_Id}\n", 5, "id", id="invalid-section-id"),
        pytest.param(
            FRONT + "# S\n\n## Cards\n\nQ: Question only?\n", 9, "A:", id="card-without-answer"
        ),
        pytest.param(
            FRONT + "# S\n\n## Cards\n\nNot a question\nA: x\n", 9, "Q:", id="card-without-q"
        ),
        pytest.param(
            FRONT + "# S\n\n## Cards\n\nQ: One {#same}\nA: 1\n\nQ: Two {#same}\nA: 2\n",
            12,
            "already used on line 9",
            id="duplicate-card-id",
        ),
        pytest.param(
            FRONT + "# S\n\n## Events\n\nEvent: 1962-13 | Bad month\n", 9, "month", id="bad-date"
        ),
        pytest.param(
            FRONT + "# S\n\n## Events\n\nEvent: 1962 Title without bar\n",
            9,
            "Event:",
            id="event-without-bar",
        ),
        pytest.param(
            FRONT + "# S\n\n## Events\n\nEvent: 1962 | Ok {#UPPER}\n",
            9,
            "id",
            id="invalid-event-id",
        ),
        pytest.param(FRONT + "# A {#x}\n# B {#x}\n", 6, "already used", id="duplicate-section-id"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    error = _error(text)

    assert error.line == line
    assert str(error).startswith(f"line {line}: ")
    assert words in error.reason


def test_guide_without_sections_is_an_error() -> None:
    assert "Section" in str(_error(FRONT))


@pytest.mark.parametrize("path", [TINY, paths.bundled_guide_source()], ids=["tiny", "bundled"])
def test_write_then_read_round_trips(path: Path) -> None:
    guide = read_guide(path.read_text(encoding="utf-8"))

    text = write_guide(guide)

    assert read_guide(text) == guide
    assert write_guide(read_guide(text)) == text


def test_crlf_source_reads_like_lf() -> None:
    text = TINY.read_text(encoding="utf-8")

    assert read_guide(text.replace("\n", "\r\n")) == read_guide(text)


lines = st.sampled_from(
    [
        "---",
        "id: x",
        "title: T",
        "# Heading",
        "# H {#h}",
        "## Cards",
        "## Events",
        "Q: q?",
        "A: a",
        "Q: q {#c}",
        "Event: 1962 | E",
        "Event: 1962-10-16 .. 1962-10-28 | P {#p}",
        "Event: soon | x",
        "Lane: North",
        "Source: s",
        "```",
        "",
        "text",
        "Event: 1962-02-30 | x",
        "# {#}",
        "Q: {#Bad}",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(st.one_of(lines, st.text(max_size=20))).map("\n".join)))
def test_any_text_gives_a_guide_or_a_format_error(text: str) -> None:
    try:
        guide = read_guide(text)
    except GuideFormatError as error:
        assert error.line >= 0
    else:
        assert isinstance(guide, Guide)
        assert guide.sections
