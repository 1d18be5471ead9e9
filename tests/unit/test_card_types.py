"""Card types: what a note becomes (pure; issue 15)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.card_types import (
    AuthoringError,
    Note,
    card_ids,
    card_type,
    checked,
    clean_tags,
    cloze_numbers,
    cloze_side,
    expand,
    ids_of,
    slug,
    unique_id,
)

# Words that cannot be read as cloze syntax, and never contain one another's letters by chance.
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8)


def note(type_: str, front: str, back: str = "back") -> Note:
    return Note(id="n", section_id="s", type=type_, front=front, back=back)


def test_basic_and_typein_make_one_card_with_the_note_id() -> None:
    assert [c.id for c in expand(note("basic", "Q", "A"))] == ["n"]
    assert [(c.id, c.front, c.back) for c in expand(note("typein", "Q", "A"))] == [("n", "Q", "A")]


def test_reversed_makes_two_cards_the_second_swapped() -> None:
    cards = expand(note("reversed", "Havana", "Capital of Cuba"))

    assert [(c.id, c.front, c.back) for c in cards] == [("n", "Havana", "Capital of Cuba"),
                                                         ("n-reversed", "Capital of Cuba", "Havana")]


def test_cloze_makes_a_card_per_number_hiding_only_its_own() -> None:
    text = "{{c1::Kennedy}} met {{c2::Khrushchev::Soviet leader}} in {{c1::Vienna}}"
    cards = expand(note("cloze", text, "extra"))

    assert [c.id for c in cards] == ["n-c1", "n-c2"]
    assert cards[0].front == "[...] met Khrushchev in [...]"
    assert cards[0].back == "**Kennedy** met Khrushchev in **Vienna**\n\nextra"
    assert cards[1].front == "Kennedy met [Soviet leader] in Vienna"


@given(st.lists(st.tuples(st.integers(1, 30), _word, st.one_of(st.none(), _word)), min_size=1, max_size=6),
       st.lists(_word, max_size=6))
def test_any_cloze_makes_one_card_per_distinct_number(deletions: list[tuple[int, str, str | None]],
                                                      filler: list[str]) -> None:
    parts = [f"{{{{c{n}::{a}{'::' + h if h else ''}}}}}" for n, a, h in deletions]
    text = " ".join(p for pair in zip(parts, [*filler, *[""] * len(parts)], strict=False) for p in pair)
    numbers = sorted({n for n, _, _ in deletions})

    cards = expand(note("cloze", text))

    assert cloze_numbers(text) == numbers
    assert [c.id for c in cards] == [f"n-c{n}" for n in numbers]
    for card, number in zip(cards, numbers, strict=True):
        assert "{{" not in card.front and "{{" not in card.back
        for n, answer, hint in deletions:
            if n == number:
                assert f"**{answer}**" in card.back
                assert (f"[{hint}]" if hint else "[...]") in card.front
    assert cloze_side(text, 999, answer=False) == cloze_side(text, 999, answer=True)


@given(st.sets(st.integers(1, 9), min_size=1), st.sets(st.integers(1, 9), min_size=1))
def test_changing_cloze_numbers_keeps_the_ids_of_those_that_remain(before: set[int], after: set[int]) -> None:
    old = card_ids(note("cloze", " ".join(f"{{{{c{n}::w{n}}}}}" for n in before)))
    new = card_ids(note("cloze", " ".join(f"{{{{c{n}::w{n}}}}}" for n in after)))

    assert set(old) & set(new) == {f"n-c{n}" for n in before & after}


@pytest.mark.parametrize(("front", "back", "type_", "reason"), [
    ("", "A", "basic", "front is empty"),
    ("Q", " ", "reversed", "back is empty"),
    ("no deletion here", "", "cloze", "at least one deletion"),
    ("Q", "A", "multiple-choice", "unknown card type"),
])
def test_a_note_that_cannot_make_a_card_is_refused_with_the_reason(front: str, back: str, type_: str,
                                                                   reason: str) -> None:
    with pytest.raises(AuthoringError, match=reason):
        expand(note(type_, front, back))


def test_type_names_and_tags() -> None:
    assert card_type("Basic-and-Reversed") == "reversed" and card_type("type-in") == "typein"
    assert clean_tags([" cold-war", "Cold-War", "people"]) == ("cold-war", "people")
    with pytest.raises(AuthoringError, match="without spaces"):
        clean_tags(["two words"])


@given(st.text(max_size=60), st.sets(st.text(alphabet="abc-", max_size=6), max_size=10))
def test_ids_are_slugs_and_never_taken(text: str, taken: set[str]) -> None:
    base = slug(text)
    ident = unique_id(base, taken)

    assert ident not in taken and ident.startswith(base)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in base) and len(base) <= 40


_CLOZE_PIECES = st.lists(st.one_of(
    st.sampled_from(["{{c", "::", "}}", "{{c1::", "{{c2::", "{{c0::", "{{c10::", "}", "{", ":", "c", "1", "2", " ",
                     "\n", "[", "]", "*", "x", "hint", "é"]),
    st.tuples(st.integers(0, 12), st.text(max_size=4), st.one_of(st.none(), st.text(max_size=4))).map(
        lambda d: f"{{{{c{d[0]}::{d[1]}{'' if d[2] is None else '::' + d[2]}}}}}")), max_size=14).map("".join)


@given(_CLOZE_PIECES, st.sampled_from(["", " ", "extra"]))
def test_a_cloze_is_expanded_as_cloze_side_shows_each_number(text: str, back: str) -> None:
    """``expand`` finds a short cloze's deletions once for all its cards: the sides ``cloze_side`` gives."""
    try:
        cards = expand(note("cloze", text, back))
    except AuthoringError:
        assert not text.strip() or not cloze_numbers(text)
        return
    extra = f"\n\n{back}" if back.strip() else ""
    assert [(c.id, c.front, c.back, c.position) for c in cards] == [
        (f"n-c{n}", cloze_side(text, n, answer=False), cloze_side(text, n, answer=True) + extra, i)
        for i, n in enumerate(cloze_numbers(text))]


@given(_CLOZE_PIECES, st.sampled_from(["", " ", "back", "{{c1::x}}"]),
       st.sampled_from(["basic", "reversed", "cloze", "typein", " Basic", "other"]))
def test_a_note_checked_beforehand_expands_as_one_checked_by_expand(front: str, back: str, type_: str) -> None:
    """An import checks each note and makes its ids (``checked``, ``ids_of``) before it knows its
    position, then expands it with the cloze numbers it got (``numbers``): the same cards and ids."""
    made = note(type_, front, back)
    try:
        plain = expand(made, position=3)
    except (AuthoringError, ValueError) as error:
        try:
            checked(type_, front, back)
        except (AuthoringError, ValueError) as again:
            assert str(again) == str(error)
            return
        raise AssertionError("checked let a note through that expand refuses") from error
    numbers = checked(type_, front, back)
    assert ids_of("n", type_, numbers) == card_ids(made) == [c.id for c in plain]
    assert expand(made, position=3, numbers=numbers) == plain
