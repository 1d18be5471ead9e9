"""Guessing a Quizlet export's custom separators for the import window (guides/quizlet_guess.py)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from studyguide.guides.quizlet import split
from studyguide.guides.quizlet_guess import guess_separators


@pytest.mark.parametrize("text, expected", [
    ("a :: b || c :: d || e :: f", (" :: ", "||")),
    ("Paris = France\nRome = Italy\nBerlin = Germany\n", (" = ", "\n")),
    ("apple|Apfel\n***\npear|Birne\n***\nplum|Pflaume", ("|", "\n***\n")),
    ("El gato - the cat\nEl perro - the dog", (" - ", "\n")),
    # a comma later in each definition is not the separator: the earliest cut is
    ("Kennedy -> president, 1961\nKhrushchev -> premier, 1958", (" -> ", "\n")),
])
def test_custom_separators_are_found(text: str, expected: tuple[str, str]) -> None:
    assert guess_separators(text) == expected


@pytest.mark.parametrize("text", ["Just some notes. Nothing here.\nAnother line of prose, with commas.",
                                  "one line ~ only", "", "no punctuation\nat all"])
def test_nothing_is_guessed_where_nothing_splits(text: str) -> None:
    assert guess_separators(text) is None


def test_a_long_export_is_checked_whole() -> None:
    rows = [f"term {n} ~ definition {n}" for n in range(20_000)]
    assert guess_separators("\n".join(rows)) == (" ~ ", "\n")
    rows[-1] = "a last row with no separator"
    assert guess_separators("\n".join(rows)) is None


_WORDS = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8)
_PHRASE = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)


@given(st.lists(st.tuples(_PHRASE, _PHRASE), min_size=2, max_size=12),
       st.sampled_from([" ~ ", " :: ", " = ", "|", " -> ", "\t", " - "]),
       st.sampled_from(["\n", "\n---\n", "\n***\n", " || ", ";;", "\n\n"]))
def test_an_export_with_any_of_these_separators_splits_back_into_its_cards(
        pairs: list[tuple[str, str]], term: str, row: str) -> None:
    assume(term.strip() not in row and row.strip() not in term)  # ("|" and " || ": no one could tell)
    text = row.join(f"{front}{term}{back}" for front, back in pairs)
    found = guess_separators(text)
    assert found is not None
    assert list(split(text, *found).rows) == pairs
