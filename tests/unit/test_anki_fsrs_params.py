"""A card without Anki's memory state is replayed with the FSRS parameters of its deck's preset in Anki
(``fsrs_params_6``, else 5, else 4), or fsrs's defaults when its preset has none. The fixture
(scripts/make_anki_fsrs_fixture.py, made by Anki) has a deck on an optimized preset and one on the
stock preset, a card answered under SM-2 in each, in the current and the legacy package forms."""

from __future__ import annotations

import math
import sqlite3
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide.guides.anki_package import pick_collection, read_collection
from studyguide.guides.importing import read_file
from studyguide.review.imported import fsrs6_parameters, save_history
from studyguide.review.scheduler import Scheduler
from studyguide.store.anki import read_anki_collection

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
#: The optimized preset's parameters, as scripts/make_anki_fsrs_fixture.py set them in Anki.
OWN = (0.5, 2.0, 5.0, 12.0, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
       0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.3)


def replayed_with(parameters: tuple[float, ...], guide_id: str, card_id: str, reviews) -> dict:
    scheduler, state = Scheduler(enable_fuzzing=False, parameters=parameters), None
    for review in reviews:
        state = scheduler.answer(guide_id=guide_id, card_id=card_id, state=state, rating=review.rating,
                                 now=review.reviewed_at).state
    assert state is not None
    return state


@pytest.mark.parametrize("form", ["fsrs-params.apkg", "fsrs-params-legacy.apkg"])
def test_the_replay_uses_the_deck_presets_fsrs_parameters(library, form: str) -> None:
    result = read_file(FIXTURES / form)
    guide = result.guide.info.id
    ids = {card.front: card.id for card in result.guide.cards}
    states = {s.card_id: s for s in result.history.states}
    assert states[ids["Own preset"]].parameters == OWN
    assert states[ids["Stock preset"]].parameters == ()

    library.install_guide(result.guide)
    save_history(library.progress.path, guide_id=guide, history=result.history, now=NOW)
    for front, parameters in (("Own preset", OWN), ("Stock preset", ())):
        card = ids[front]
        reviews = [r for r in result.history.reviews if r.card_id == card]
        state = library.progress.card_state(guide, card)
        expected = replayed_with(parameters, guide, card, reviews)
        assert [r.rating for r in reviews] == [3, 1, 3] and state is not None
        assert (state.state["stability"], state.state["difficulty"]) == (expected["stability"],
                                                                           expected["difficulty"])
    own = library.progress.card_state(guide, ids["Own preset"])
    default = replayed_with((), guide, ids["Own preset"], [r for r in result.history.reviews
                                                           if r.card_id == ids["Own preset"]])
    assert own is not None and own.state["stability"] != default["stability"]  # the preset made a difference


def test_fsrs5_and_fsrs4_parameters_are_converted_as_anki_does() -> None:
    fsrs5 = OWN[:19]
    assert fsrs6_parameters(fsrs5) == (*fsrs5, 0.0, 0.5)
    fsrs4 = (0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61)
    converted = fsrs6_parameters(fsrs4)
    assert converted is not None and len(converted) == 21
    assert converted[4] == pytest.approx(6.81) and converted[5] == pytest.approx(0.44675014)
    assert converted[6] == pytest.approx(1.36) and converted[17:] == (0.0, 0.0, 0.0, 0.5)
    assert fsrs6_parameters(OWN) == OWN


def test_parameters_out_of_bounds_are_held_in_and_unreadable_ones_give_the_defaults() -> None:
    held = fsrs6_parameters((500.0, *OWN[1:]))
    assert held is not None and held[0] == 100.0 and held[1:] == OWN[1:]
    assert fsrs6_parameters(()) is None
    assert fsrs6_parameters(OWN[:20]) is None
    assert fsrs6_parameters((math.nan, *OWN[1:])) is None


def _collection_bytes(form: str) -> bytes:
    with zipfile.ZipFile(FIXTURES / form) as archive:
        by_name = {m.filename: m for m in archive.infolist()}
        return read_collection(archive, pick_collection(by_name, form), form)


@pytest.mark.parametrize(("form", "damage"), [
    ("fsrs-params-legacy.apkg", "ALTER TABLE col DROP COLUMN dconf"),
    ("fsrs-params-legacy.apkg", "UPDATE col SET dconf = '[1, 2'"),
    ("fsrs-params-legacy.apkg", "UPDATE col SET dconf = '{\"1\": {\"fsrsParams6\": 7}}'"),
    ("fsrs-params.apkg", "UPDATE deck_config SET config = x'0a'"),
    ("fsrs-params.apkg", "UPDATE deck_config SET config = x'30ffffffffffffffffff01'"),
    ("fsrs-params.apkg", "UPDATE decks SET kind = x'0aff'"),
])
def test_presets_that_cannot_be_read_give_the_defaults_never_a_failed_import(tmp_path: Path, form: str,
                                                                             damage: str) -> None:
    path = tmp_path / "c.anki2"
    path.write_bytes(_collection_bytes(form))
    db = sqlite3.connect(path)
    with db:
        db.execute(damage)
    db.close()

    collection = read_anki_collection(path.read_bytes())

    assert collection.deck_parameters == {} and len(collection.notes) == 2
