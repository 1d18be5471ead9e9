"""Unit tests for studyguide.search: query parsing and ranked search through the library."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.search.engine import MARK_END, MARK_START, strip_marks
from studyguide.search.query import MAX_TERMS, Term, parse_query

# --- parse_query ----------------------------------------------------------------------------


def test_words_are_anded_and_the_last_is_a_prefix_as_you_type() -> None:
    query = parse_query("Cuba missile", as_you_type=True)

    assert query.terms == (Term(("cuba",)), Term(("missile",), prefix=True))
    assert query.fts() == '"cuba" AND "missile"*'


def test_a_complete_word_is_no_prefix_unless_starred() -> None:
    assert parse_query("cuba blockade").terms == (Term(("cuba",)), Term(("blockade",)))
    assert parse_query("block* cuba").terms == (Term(("block",), prefix=True), Term(("cuba",)))
    assert parse_query("-block* cuba").fts() == '("cuba") NOT "block"*'


def test_trailing_space_ends_the_prefix() -> None:
    assert parse_query("cuba missile ", as_you_type=True).fts() == '"cuba" AND "missile"'


def test_quoted_phrase_is_one_term_without_prefix() -> None:
    query = parse_query('"thirteen days"')

    assert query.terms == (Term(("thirteen", "days")),)
    assert query.fts() == '"thirteen days"'


def test_minus_excludes_a_term() -> None:
    query = parse_query("-soviet cuba", as_you_type=True)

    assert query.terms[0] == Term(("soviet",), negated=True)
    assert query.fts() == '("cuba"*) NOT "soviet"'
    assert query.highlight_words() == ["cuba"]


def test_only_negative_terms_match_nothing() -> None:
    query = parse_query("-soviet")

    assert query.is_empty
    assert query.fts() is None


def test_or_joins_two_terms() -> None:
    assert (
        parse_query("kennedy OR khrushchev missiles ").fts()
        == '("kennedy" OR "khrushchev") AND "missiles"'
    )


def test_lowercase_or_is_a_word() -> None:
    assert parse_query("this or that ").fts() == '"this" AND "or" AND "that"'


def test_dangling_or_is_ignored() -> None:
    assert parse_query("cuba OR").fts() == '"cuba"'
    assert parse_query("OR cuba ").fts() == '"cuba"'


def test_hyphenated_word_is_a_phrase() -> None:
    assert parse_query("cold-war ").terms == (Term(("cold", "war")),)


@pytest.mark.parametrize(
    "text",
    [
        '"(',
        '"unbalanced',
        "AND",
        "*",
        "-",
        "--",
        "OR",
        "🙂",
        "NEAR(a b)",
        "a:b",
        "^x",
        "'",
        '""',
        "",
        " ",
        "\x00",
        "col:*",
        "x" * 10_000,
        "word " * 10_000,
        '"' * 999,
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    query = parse_query(text)

    assert query.fts() is None or isinstance(query.fts(), str)
    assert len(query.terms) <= MAX_TERMS


def test_unbalanced_quote_reads_to_the_end_as_a_phrase_being_typed() -> None:
    assert parse_query('"bay of pig', as_you_type=True).terms == (Term(("bay", "of", "pig"), prefix=True),)
    assert parse_query('"bay of pigs"').terms == (Term(("bay", "of", "pigs")),)


def test_punctuation_only_gives_an_empty_query() -> None:
    for text in ['"(', "*", "-", "🙂", "  "]:
        assert parse_query(text).fts() is None


def test_none_is_an_empty_query() -> None:
    assert parse_query(None).fts() is None  # type: ignore[arg-type]


# --- SearchEngine through the library -------------------------------------------------------


def _hits(library, text: str, limit: int = 50, *, as_you_type: bool = False):
    return library.search.search(text, limit=limit, as_you_type=as_you_type).hits


def test_stemming_finds_other_word_forms(library) -> None:
    hits = _hits(library, "negotiate ")

    assert ("section", "first") in {(h.kind, h.item_id) for h in hits}


def test_prefix_of_the_last_word_matches(library) -> None:
    hits = _hits(library, "Khrush", as_you_type=True)

    assert {(h.kind, h.item_id) for h in hits} == {("section", "second"), ("card", "who-wrote")}
    assert _hits(library, "Khrush ", as_you_type=True) == ()
    assert _hits(library, "Khrush") == ()  # the command line: a complete word
    assert len(_hits(library, "Khrush*")) == 2


def test_titles_rank_above_bodies(library) -> None:
    hits = _hits(library, "treaty ")

    # The card's question (a title) has the word; the section has it only in its body.
    assert [(h.kind, h.item_id) for h in hits] == [("card", "where-signed"), ("section", "first")]
    assert hits[0].score < hits[1].score


def test_hits_carry_kind_guide_and_section(library) -> None:
    (hit,) = _hits(library, '"thirteen days"')

    assert hit.kind == "event"
    assert hit.item_id == "period-event"
    assert hit.section_id == "second"
    assert hit.guide_id == "tiny"
    assert hit.guide_title == "A Tiny Guide"
    assert strip_marks(hit.title) == "A period"


def test_section_hit_names_itself_as_section(library) -> None:
    section = next(h for h in _hits(library, "paris ") if h.kind == "section")

    assert section.item_id == section.section_id == "first"


def test_snippet_marks_the_matched_word(library) -> None:
    section = next(h for h in _hits(library, "paris ") if h.kind == "section")

    assert f"{MARK_START}Paris{MARK_END}" in section.snippet
    assert "Paris" in strip_marks(section.snippet) and MARK_START not in strip_marks(
        section.snippet
    )


def test_title_marks_the_matched_word(library) -> None:
    card = next(h for h in _hits(library, "treaty ") if h.kind == "card")

    assert card.title == f"Where was the {MARK_START}treaty{MARK_END} signed?"


def test_excluded_word_removes_hits(library) -> None:
    assert {h.item_id for h in _hits(library, "treaty -paris")} == set()
    assert {h.item_id for h in _hits(library, "the -khrushchev ")} >= {"where-signed"}
    assert "who-wrote" not in {h.item_id for h in _hits(library, "the -khrushchev ")}


def test_limit_is_respected(library) -> None:
    assert len(_hits(library, "the ")) > 2
    assert len(_hits(library, "the ", limit=2)) == 2
    assert _hits(library, "the ", limit=0) == ()


def test_search_returns_the_parsed_query(library) -> None:
    result = library.search.search("Khrush", as_you_type=True)

    assert result.query.highlight_words() == ["khrush"]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(), limit=st.integers(min_value=-1, max_value=10))
def test_any_text_searches_without_raising(library, text: str, limit: int) -> None:
    result = library.search.search(text, limit=limit)

    assert len(result.hits) <= max(limit, 0)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "OR",
                "AND",
                "NOT",
                "*",
                "(",
                ")",
                "treaty",
                "khrush",
                " ",
                "NEAR",
                ":",
                "^",
                "🙂",
                "paris",
                "x",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_operator_soup_searches_without_raising(library, text: str) -> None:
    assert len(library.search.search(text, limit=5).hits) <= 5


def test_a_word_being_typed_finds_its_stem(library) -> None:
    # "negotiation" is indexed as the Porter stem "negoti": "negotia" is not a prefix of it.
    for typed in ("nego", "negoti", "negotia", "negotiati", "negotiatio", "negotiation"):
        assert ("section", "first") in {(h.kind, h.item_id) for h in _hits(library, typed, as_you_type=True)}, typed


def test_a_prefix_stands_for_the_indexed_terms_it_covers(library) -> None:
    from studyguide.search.engine import MAX_EXPANSION
    from studyguide.search.ranked import expansion

    library.search.search("warm up")  # the ranking index is built on the first search
    ranking = library.search._ranking
    assert expansion(ranking, "negotia") == ["negoti"]
    assert 0 < len(expansion(ranking, "the")) <= MAX_EXPANSION
