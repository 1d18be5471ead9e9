"""Fitted parameters per guide: stored with the progress, a guide's own schedule its cards, others
use the settings' set (the learner's for all guides, or fsrs's defaults)."""

from __future__ import annotations

import pytest
from simulated_learner import TRUE_PARAMETERS

from studyguide.domain.review import ReviewSettings
from studyguide.review.scheduler import Rating

FOR_ALL = tuple(w * 1.01 if i != 2 else 4.0 for i, w in enumerate(TRUE_PARAMETERS))


def _first_stability(library) -> float:
    session = library.start_review("tiny")
    card_id = session.current.card.id
    session.reveal()
    session.answer(Rating.GOOD)  # a new card's first stability after Good is parameter w2
    return library.progress.card_state("tiny", card_id).state["stability"]


def test_a_guides_own_parameters_schedule_its_cards_and_are_kept(make_library):
    library = make_library()
    library.review.save_settings(ReviewSettings(parameters=FOR_ALL))
    library.review.set_guide_parameters("tiny", TRUE_PARAMETERS)
    reopened = make_library()  # kept with the progress
    assert reopened.review.guide_parameters("tiny") == pytest.approx(TRUE_PARAMETERS)
    assert reopened.review.parameters_for("tiny") == pytest.approx(TRUE_PARAMETERS)
    assert reopened.review.parameters_for("other") == pytest.approx(FOR_ALL)  # no own set: the shared one
    assert reopened.review.guide_parameters("other") is None
    assert _first_stability(reopened) == pytest.approx(TRUE_PARAMETERS[2])


def test_without_its_own_a_guide_uses_the_shared_set_again(library):
    library.review.save_settings(ReviewSettings(parameters=FOR_ALL))
    library.review.set_guide_parameters("tiny", TRUE_PARAMETERS)
    library.review.set_guide_parameters("tiny", None)
    assert library.review.guide_parameters("tiny") is None
    assert _first_stability(library) == pytest.approx(FOR_ALL[2])


def test_optimize_judges_a_guides_fit_against_the_set_it_uses(library, monkeypatch):
    import studyguide.review.service as service

    seen = {}
    monkeypatch.setattr(service, "optimize", lambda log, *, current, **_kw: seen.setdefault("current", current))
    library.review.set_guide_parameters("tiny", TRUE_PARAMETERS)
    library.review.optimize("tiny")
    assert seen.pop("current") == pytest.approx(TRUE_PARAMETERS)
    library.review.optimize(None)  # all guides' reviews: judged against the shared set
    assert seen.pop("current") == ()


def test_a_damaged_value_is_left_out(library):
    from studyguide.store.settings import GUIDE_PARAMETERS

    library.progress.database.table("settings").upsert({"key": f"{GUIDE_PARAMETERS}tiny", "value": "[1, 2"},
                                                       pk="key")
    library.review.reload()
    assert library.review.guide_parameters("tiny") is None and library.review.parameters_for("tiny") == ()
