"""Fitting the learner's own FSRS-6 parameters: items from the log, the held-out split, refusal, the service."""

from __future__ import annotations

from datetime import timedelta

import fsrs_rs_python as fsrs_rs
import pytest
from simulated_learner import START, TRUE_PARAMETERS, simulate

from studyguide.domain.optimization import MIN_REVIEWS, Metrics, Optimization, OptimizationCancelled
from studyguide.domain.review import ReviewSettings
from studyguide.review.optimizer import (
    default_parameters,
    evaluate,
    optimize,
    split_by_time,
    training_items,
)
from studyguide.review.scheduler import Rating, Scheduler


def _close(a: Metrics | None, b: Metrics) -> bool:
    assert a is not None
    return a.log_loss == pytest.approx(b.log_loss, rel=1e-5) and a.rmse == pytest.approx(b.rmse, rel=1e-5)


def test_items_predict_only_reviews_a_day_or_more_apart_with_same_day_steps_in_history():
    day = timedelta(days=1)
    log = [("a", START, 1), ("a", START + timedelta(minutes=10), 3), ("a", START + 2 * day, 3),
           ("a", START + 2 * day + timedelta(hours=1), 1), ("a", START + 7 * day, 3),
           ("b", START + 3 * day, 3)]  # b's only answer predicts nothing
    items = training_items(log)
    assert [when for when, _ in items] == [START + 2 * day, START + 7 * day]
    assert [len(item.reviews) for _, item in items] == [3, 5]
    assert [item.long_term_review_cnt() for _, item in items] == [1, 2]


def test_the_held_out_split_is_the_latest_fifth_by_time():
    items = training_items(simulate(TRUE_PARAMETERS, cards=60, seed=1))
    train, test = split_by_time(items)
    assert len(test) == round(len(items) * 0.2) and len(train) + len(test) == len(items)
    times = sorted(when for when, _ in items)
    cutoff = times[len(train)]
    held = {id(item) for item in test}
    assert all((when >= cutoff) for when, item in items if id(item) in held)


def test_too_little_history_is_refused_with_the_reason():
    log = simulate(TRUE_PARAMETERS, cards=30, seed=2)
    result = optimize(log)
    assert 0 < result.reviews < MIN_REVIEWS
    assert result.refused.startswith(f"Only {result.reviews} of your reviews")
    assert f"at least {MIN_REVIEWS}" in result.refused
    assert result.parameters == () and not result.better


def test_fitting_gives_21_parameters_and_compares_both_sets_on_the_held_out_reviews():
    log = simulate(TRUE_PARAMETERS, cards=400, seed=3)
    seen = []
    result = optimize(log, progress=lambda fraction, label: seen.append(fraction))
    assert result.refused == "" and result.reviews >= MIN_REVIEWS
    assert len(result.parameters) == 21
    _, test = split_by_time(training_items(log))
    assert result.held_out == len(test) and result.train + result.held_out == result.reviews
    # fsrs-rs sums in parallel: the same evaluation may differ in the 8th digit.
    assert _close(result.current, evaluate(default_parameters(), test))
    assert _close(result.fitted, evaluate(result.parameters, test))
    # These answers come from a memory unlike the defaults: the fitted set predicts them better.
    assert result.better and result.fitted.log_loss < result.current.log_loss
    assert 0.7 <= result.optimal_retention <= 0.99
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_the_current_parameters_are_what_the_fitted_set_is_judged_against():
    log = simulate(TRUE_PARAMETERS, cards=400, seed=3)
    _, test = split_by_time(training_items(log))
    result = optimize(log, current=TRUE_PARAMETERS)
    assert _close(result.current, evaluate(TRUE_PARAMETERS, test))


def test_better_only_when_the_log_loss_is_lower():
    worse = Optimization(reviews=500, parameters=default_parameters(), fitted=Metrics(0.40, 0.02),
                         current=Metrics(0.39, 0.05))
    assert not worse.better
    assert Optimization(reviews=500, fitted=Metrics(0.38, 0.05), current=Metrics(0.39, 0.02)).better


def test_cancelling_stops_it():
    with pytest.raises(OptimizationCancelled):
        optimize(simulate(TRUE_PARAMETERS, cards=400, seed=3), cancelled=lambda: True)


def test_the_defaults_are_the_same_in_both_packages():
    import fsrs
    assert default_parameters() == pytest.approx(fsrs.scheduler.DEFAULT_PARAMETERS, abs=1e-6)
    assert len(fsrs_rs.DEFAULT_PARAMETERS) == 21


def test_the_scheduler_uses_the_learners_parameters():
    now = START + timedelta(days=30)
    state = {"card_id": 1, "state": 2, "step": None, "stability": 10.0, "difficulty": 5.0,
             "due": now.isoformat(), "last_review": (now - timedelta(days=10)).isoformat()}
    default = Scheduler(enable_fuzzing=False).preview(guide_id="g", card_id="c", state=state, now=now)
    own = Scheduler(enable_fuzzing=False, parameters=TRUE_PARAMETERS).preview(guide_id="g", card_id="c",
                                                                                state=state, now=now)
    assert own[Rating.GOOD] != default[Rating.GOOD]


def test_parameters_are_saved_and_the_review_uses_them_after_a_restart(make_library):
    make_library().review.save_settings(ReviewSettings(parameters=TRUE_PARAMETERS))
    library = make_library()
    assert library.review.settings.parameters == pytest.approx(TRUE_PARAMETERS)
    session = library.start_review("tiny")
    card_id = session.current.card.id
    session.reveal()
    session.answer(Rating.GOOD)
    # A new card's first stability after Good is parameter w2: 6.0 here, 2.3065 by default.
    assert library.progress.card_state("tiny", card_id).state["stability"] == pytest.approx(TRUE_PARAMETERS[2])


def test_a_guide_is_fitted_on_its_own_answers_only(library, clock):
    for number in range(3):  # three answers in the tiny guide: far too few
        session = library.start_review("tiny")
        session.reveal()
        session.answer(Rating.GOOD)
        clock.advance(days=number + 1)
    assert library.review.optimize("tiny").refused
    assert library.review.optimize("elsewhere").reviews == 0


def test_the_log_is_read_per_guide_or_for_all_card_by_card(library):
    from studyguide.store.review_log import answer_log
    state = {"card_id": 1, "state": 2, "step": None, "stability": 3.0, "difficulty": 5.0,
             "due": START.isoformat(), "last_review": START.isoformat()}
    for guide, card, days, rating in [("g1", "b", 0, 3), ("g1", "a", 1, 1), ("g2", "a", 2, 3), ("g1", "b", 3, 4)]:
        library.progress.record_answer(guide_id=guide, card_id=card, rating=rating,
                                       reviewed_at=START + timedelta(days=days), new_state=state, due=START,
                                       previous_state=None)
    g1 = answer_log(library.progress.path, "g1")
    assert g1 == [("g1\x00a", START + timedelta(days=1), 1), ("g1\x00b", START, 3),
                  ("g1\x00b", START + timedelta(days=3), 4)]
    assert len(answer_log(library.progress.path)) == 4
    assert answer_log(library.progress.path, "g3") == []
