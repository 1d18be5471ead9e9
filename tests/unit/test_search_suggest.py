"""'Did you mean': corrections come from the guide's own words, and only when nothing matched."""

from __future__ import annotations

import pytest

from studyguide.search.suggest import allowed_distance, edit_distance


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("krushchev", "khrushchev", 1), ("treaty", "traety", 1), ("paris", "paris", 0), ("abc", "xyz", 3),
    ("", "ab", 2), ("patience", "patients", 2),
])
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 5) == distance == edit_distance(b, a, 5)


def test_edit_distance_stops_past_its_limit() -> None:
    assert edit_distance("khrushchev", "kennedy", 2) == 3
    assert edit_distance("a", "abcdef", 1) == 2


def test_longer_words_allow_more_edits() -> None:
    assert [allowed_distance(w) for w in ("cuba", "treaties", "negotiation")] == [1, 2, 3]


@pytest.mark.parametrize(("typed", "suggested"), [
    ("Krushchev", "Khrushchev"),  # as the guide writes it, capital and all
    ("krushchev letter", "Khrushchev letter"),
    ("traety ", "treaty "),
    ("negotiatoin ", "Negotiation "),  # the index keeps stems: "negoti" + a suffix
    ("Krushch", "Khrushchev"),  # the word being typed
    ("kind:card traety", "kind:card treaty"),  # filters are kept
])
def test_misspelt_words_get_a_suggestion(library, typed: str, suggested: str) -> None:
    result = library.search.search(typed, as_you_type=True)

    assert result.hits == ()
    assert result.suggestion == suggested
    assert library.search.search(suggested).hits


@pytest.mark.parametrize("typed", ["treaty", "zzzzzz", "xq", "kind:event traety", "-traety", "1234567", ""])
def test_no_suggestion_when_something_matches_or_nothing_is_close(library, typed: str) -> None:
    # "kind:event traety": "treaty" is a word of the guide, but no event has it.
    assert library.search.search(typed).suggestion is None


def test_suggestions_can_be_turned_off(library) -> None:
    assert library.search.search("Krushchev", suggest=False).suggestion is None


def test_command_line_prints_the_suggestion(tmp_path, capsys) -> None:
    from studyguide.cli import main

    assert main(["--library", str(tmp_path), "search", "Krushchev"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No matches. Did you mean: Khrushchev" in captured.err


def test_a_guide_without_a_vocabulary_table_still_searches_and_suggests(content_db, make_library) -> None:
    import sqlite3

    # A guide built before the vocabulary table existed (content format 2).
    with sqlite3.connect(content_db) as conn:
        conn.execute("DROP TABLE search_terms")
    library = make_library()

    assert {h.item_id for h in library.search.search("Khrush", as_you_type=True).hits} == {"second", "who-wrote"}
    assert library.search.search("Krushchev").suggestion == "Khrushchev"
