"""Tags typed into one box (``domain.tag_entry``), and a guide's tags listed for completion (``ContentStore``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.tag_entry import change_summary, read_tags, word_at


def test_spaces_and_commas_separate_tags_and_a_repeat_counts_once() -> None:
    entry = read_tags(" exam, cold-war,,places  Exam\tcuba,")
    assert entry.tags == ("exam", "cold-war", "places", "cuba") and entry.problems == ()


def test_a_tag_over_64_characters_is_named_with_its_length() -> None:
    entry = read_tags("fine " + "y" * 65)
    assert entry.tags == ("fine",)
    assert entry.problems == ("\u201cyyyyyyyyyyyyyyyyyyyy\u2026\u201d is 65 characters long: a tag has at most 64.",)
    assert change_summary(entry, add=True, cards=2) == (entry.problems[0], False)


@given(st.text())
def test_any_text_reads_as_valid_tags_and_sentences(text: str) -> None:
    entry = read_tags(text)
    for tag in entry.tags:
        assert 1 <= len(tag) <= 64 and "," not in tag and not any(c.isspace() for c in tag)
    assert len({t.casefold() for t in entry.tags}) == len(entry.tags)
    assert all(problem.endswith("at most 64.") for problem in entry.problems)


@given(st.text(alphabet="ab ,\t"), st.integers(min_value=-2, max_value=12))
def test_the_word_at_the_cursor_is_between_separators(text: str, cursor: int) -> None:
    start, end = word_at(text, cursor)
    assert 0 <= start <= end <= len(text)
    assert all(c not in " ,\t" for c in text[start:end])


def test_what_is_said_for_adding_and_for_removing() -> None:
    assert change_summary(read_tags(""), add=True, cards=3) == ("Separate tags with spaces or commas.", False)
    assert change_summary(read_tags("a b"), add=True, cards=3) == ("Adds 2 tags: a, b.", True)
    assert change_summary(read_tags("x"), add=False, cards=1, on_cards=["a"]) == (
        "The card does not have \u201cx\u201d.", False)
    assert change_summary(read_tags("A x y"), add=False, cards=1200, on_cards=["a"]) == (
        "Removes 1 tag: A. None of the 1,200 cards has these tags: \u201cx\u201d, \u201cy\u201d.", True)


def test_a_guides_tags_are_listed_once_the_most_used_first(authoring, library) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    section = authoring.add_section(guide, "Alpha", tags=["Origins", "places"]).ids[0]
    for n in range(3):
        authoring.add_card(guide, section, f"Q{n}?", f"A{n}.", tags=["places", "exam"] if n else ["PLACES"])
    names = library.content(guide).tag_names()
    assert [n.casefold() for n in names] == ["places", "exam", "origins"]  # 4 uses, 2, 1; one spelling each
    assert library.content("tiny").tag_names() == ()  # the bundled guide has none
