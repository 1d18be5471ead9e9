"""Bulk writes of the card browser (studyguide.authoring_bulk): move, tag, delete many cards as one
undoable step, seen by the card browser's query (tag:, section:)."""

from __future__ import annotations

import pytest

from studyguide.authoring import AuthoringError


@pytest.fixture
def guide(authoring) -> tuple[str, str, str, list[str]]:
    guide = authoring.new_guide("My Notes").ids[0]
    first = authoring.add_section(guide, "Alpha").ids[0]
    second = authoring.add_section(guide, "Beta").ids[0]
    cards = [authoring.add_card(guide, first, f"Question {n}?", f"Answer {n}.", tags=["old"]).ids[0]
             for n in range(3)]
    reversed_ids = authoring.add_card(guide, first, "Front", "Back", type="reversed").ids
    return guide, first, second, [*cards, *reversed_ids]


def ids(library, text: str, guide: str) -> list[str]:
    return [card for _, card in library.cards.find(text, guide_id=guide).keys]


def test_move_cards_to_a_section_in_one_step(authoring, library, guide) -> None:
    guide_id, _first, second, cards = guide
    authoring.edit_cards(guide_id, [cards[0], cards[3]], section_id=second)  # a reversed note moves whole
    rows = {r.card_id: r.section_id for r in library.cards.rows([(guide_id, c) for c in cards])}
    assert rows == {cards[0]: second, cards[1]: rows[cards[1]], cards[2]: rows[cards[2]], cards[3]: second,
                    cards[4]: second}
    assert rows[cards[1]] != second
    assert sorted(ids(library, "section:beta", guide_id)) == sorted([cards[0], cards[3], cards[4]])
    authoring.undo()
    assert ids(library, "section:beta", guide_id) == []
    authoring.redo()
    assert len(ids(library, "section:beta", guide_id)) == 3


def test_add_and_remove_tags_in_one_step(authoring, library, guide) -> None:
    guide_id, _first, _second, cards = guide
    authoring.edit_cards(guide_id, cards[:2], add_tags=["exam", "hard"], remove_tags=["OLD"])
    assert ids(library, "tag:exam", guide_id) == cards[:2]
    assert ids(library, "tag:old", guide_id) == [cards[2]]
    assert library.cards.rows([(guide_id, cards[0])])[0].tags == ("exam", "hard")
    authoring.undo()
    assert ids(library, "tag:exam", guide_id) == []
    assert ids(library, "tag:old", guide_id) == cards[:3]


def test_delete_cards_in_one_step_and_undo(authoring, library, guide) -> None:
    guide_id, _first, _second, cards = guide
    authoring.delete_cards(guide_id, [cards[0], cards[4]])  # the reversed note's two cards go together
    assert ids(library, "", guide_id) == cards[1:3]
    authoring.undo()
    assert sorted(ids(library, "", guide_id)) == sorted(cards)


def test_a_bad_card_or_section_changes_nothing(authoring, library, guide) -> None:
    guide_id, _first, _second, cards = guide
    with pytest.raises(AuthoringError):
        authoring.edit_cards(guide_id, [cards[0], "nope"], add_tags=["x"])
    with pytest.raises(AuthoringError):
        authoring.edit_cards(guide_id, cards[:1], section_id="nope")
    assert ids(library, "tag:x", guide_id) == []
