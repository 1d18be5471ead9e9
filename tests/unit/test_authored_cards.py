"""A guide's cards are seen to be its notes' cards (``store.authored._notes_cards``) without expanding
each note again, and exactly when the plain way (every note expanded, the built cards read back,
``_built_from``) says so: any other guide, or an edited card, falls back to the plain way."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from studyguide.domain.card_types import AuthoringError, expand
from studyguide.domain.guide import Card, Guide, GuideInfo, Note, Section
from studyguide.store import authored
from studyguide.store.guide_meta import write_guide_database

_TEXT = st.one_of(st.sampled_from(["Paris", "France", "Paris ", "{{c1::Paris}} is in {{c2::France::a country}}",
                                   "{{c3::x}}", "a\nb", "{{c1::a}} {{c1::b}}"]),
                  st.sampled_from(["", " ", "{{c0::none}}"]))
_NOTE = st.tuples(st.sampled_from(["basic", "reversed", "typein", "cloze", "Basic", "basic-and-reversed", "type"]),
                  _TEXT, _TEXT, st.sampled_from(["s1", "s2"]))
#: What may be done to the notes' cards: nothing, or one card changed, dropped, added, moved.
_EDIT = st.tuples(st.sampled_from(["none", "front", "back", "id", "section", "drop", "add", "swap"]),
                  st.integers(0, 50))


def _cards_of(notes: list[Note], edit: tuple[str, int]) -> list[Card] | None:
    try:
        cards = [card for note in notes for card in expand(note)]
    except AuthoringError:
        return None
    kind, where = edit
    if kind == "none" or not cards:
        return cards
    at = where % len(cards)
    card = cards[at]
    if kind == "drop":
        return cards[:at] + cards[at + 1:]
    if kind == "add":
        return [*cards, replace(card, id=f"{card.id}-more")]
    if kind == "swap":
        return cards[at:] + cards[:at]
    changed = {"front": {"front": card.front + "!"}, "back": {"back": card.back + "!"},
               "id": {"id": f"{card.id}x"}, "section": {"section_id": "s3"}}[kind]
    return [*cards[:at], replace(card, **changed), *cards[at + 1:]]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_NOTE, min_size=1, max_size=5), _EDIT)
@example([("basic", "a", "b", "s1"), ("reversed", "Paris", "France", "s1")], ("front", 2))  # a reverse card edited
@example([("reversed", "Paris", "France", "s1")], ("back", 1))
def test_the_cards_are_the_notes_cards_when_the_plain_way_says_so(drawn: list, edit: tuple[str, int]) -> None:
    notes = [Note(id=f"n{i}", section_id=section, type=kind, front=front, back=back, tags=("t",), position=i)
             for i, (kind, front, back, section) in enumerate(drawn)]
    cards = _cards_of(notes, edit)
    if cards is None:  # a note that makes no card (its cards its fields, as if it did): either way refuses it
        own = [Card(id=i, section_id=n.section_id, front=f, back=b) for n in notes for i, f, b in (
            ((n.id, n.front, n.back), (f"{n.id}-reversed", n.back, n.front)) if n.type == "reversed"
            else ((n.id, n.front, n.back),))]
        guide = Guide(info=GuideInfo(id="g", title="G"), notes=tuple(notes), cards=tuple(own))
        try:
            found = authored._notes_cards(guide)
        except AuthoringError:
            return
        assert found is None
        return
    cards = [replace(card, position=i) for i, card in enumerate(cards)]  # as an import numbers them
    guide = Guide(info=GuideInfo(id="g", title="G"), cards=tuple(cards), notes=tuple(notes),
                  sections=(Section(id="s1", title="One", body=""), Section(id="s2", title="Two", body=""),
                            Section(id="s3", title="Three", body="")))
    found = authored._notes_cards(guide)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "g.sqlite")
        if len({c.id for c in cards}) < len(cards):  # the build refuses it: the plain way never runs
            assert found is None
            return
        write_guide_database(path, guide)
        made = authored._made(notes)
        plain = authored._built_from(path, made)
    if found is not None:
        assert plain
        assert [(c.id, c.section_id, c.front, c.back, n) for c, n in found] == [
            (c.id, c.section_id, c.front, c.back, n) for c, n in made]
    elif edit[0] == "none":
        raise AssertionError("the notes' own cards, in order, were not seen to be theirs")
