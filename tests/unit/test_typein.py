"""Typed answers compared with the answer (``domain.typein``), as Anki shows them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.typein import Run, compare


def test_a_right_answer_is_all_ok():
    result = compare("  Havana ", "Havana")
    assert result.correct
    assert result.typed == (Run("ok", "Havana"),)
    assert result.expected == (Run("ok", "Havana"),)


def test_wrong_and_missing_characters_are_marked():
    result = compare("Havanna", "Havana")  # one n too many
    assert not result.correct
    assert result.typed == (Run("ok", "Havan"), Run("wrong", "n"), Run("ok", "a"))
    assert result.expected == (Run("ok", "Havana"),)

    result = compare("Hvana", "Havana")  # an a left out
    assert result.typed == (Run("ok", "H"), Run("missing", "a"), Run("ok", "vana"))
    assert result.expected == (Run("ok", "H"), Run("missing", "a"), Run("ok", "vana"))

    result = compare("Havonа", "Havana")  # two wrong characters (the last a Cyrillic а)
    assert [r.kind for r in result.typed] == ["ok", "wrong", "ok", "wrong"]
    assert "".join(r.text for r in result.expected if r.kind == "missing") == "aa"


def test_nothing_typed_shows_the_whole_answer_missing():
    result = compare("", "Khrushchev")
    assert result.typed == (Run("missing", "Khrushchev"),)
    assert result.expected == (Run("missing", "Khrushchev"),)
    assert not result.correct


@given(st.text(max_size=30), st.text(min_size=1, max_size=30))
def test_runs_rebuild_both_texts(typed, answer):
    result = compare(typed, answer)
    assert "".join(r.text for r in result.typed if r.kind != "missing") == typed.strip()
    assert "".join(r.text for r in result.expected) == answer.strip()
    assert result.correct == (typed.strip() == answer.strip())
    assert all(r.text for r in (*result.typed, *result.expected))  # no empty runs
    assert all(a.kind != b.kind for a, b in zip(result.typed, result.typed[1:], strict=False))
