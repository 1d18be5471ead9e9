"""A merge's rescheduling on plain numbers (``review.sync_reschedule``) gives what ``Scheduler.answer``
gives, bit for bit, from any state a device stored (made with any parameters, retention and steps)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.review.scheduler import Rating, Scheduler
from studyguide.review.sync_reschedule import exact_steps, rescheduler

START = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
bounds = list(zip(fsrs.scheduler.LOWER_BOUNDS_PARAMETERS, fsrs.scheduler.UPPER_BOUNDS_PARAMETERS, strict=True))
parameters = st.one_of(st.just(()), st.tuples(*(st.floats(low, high) for low, high in bounds)))
step_lists = st.lists(st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m)), max_size=4)
answers = st.lists(st.tuples(st.integers(1, 4), st.integers(-3600 * 1000, 200 * 86400 * 1000)), max_size=10)
offsets = st.sampled_from([timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])


def stored(weights, retention, learning, relearning, gaps) -> tuple[str | None, datetime]:
    """A state as another device stored it (JSON text, or None for a new card) and its last answer's time."""
    device = fsrs.Scheduler(weights or fsrs.scheduler.DEFAULT_PARAMETERS, desired_retention=retention,
                            learning_steps=learning, relearning_steps=relearning, enable_fuzzing=False)
    card, when = fsrs.Card(card_id=1, due=START), START
    if not gaps:
        return None, when
    for rating, gap_ms in gaps:
        when += timedelta(milliseconds=abs(gap_ms))
        card, _ = device.review_card(card, fsrs.Rating(rating), when)
    return json.dumps(card.to_dict()), when


@settings(max_examples=300, deadline=None)
@given(st.tuples(parameters, st.floats(0.7, 0.99), step_lists, step_lists), parameters, st.floats(0.7, 0.99),
       answers, st.integers(1, 4), st.integers(-86400 * 1000, 400 * 86400 * 1000), offsets)
def test_the_merge_reschedules_as_the_scheduler_does(device, weights, retention, gaps, rating, gap_ms,
                                                     offset) -> None:
    state, last = stored(*device, gaps)
    before = None if state is None else json.loads(state)
    at = (last + timedelta(milliseconds=gap_ms)).astimezone(offset)
    scheduler = Scheduler(desired_retention=retention, enable_fuzzing=False, parameters=weights)
    fast = rescheduler(lambda guide: exact_steps(desired_retention=retention, parameters=weights))

    expected = scheduler.answer(guide_id="g", card_id="c", state=before, rating=Rating(rating), now=at).state
    found = fast("g", "c", None if state is None else json.loads(state), rating, at)

    assert found == expected
    assert json.dumps(found) == json.dumps(expected)  # key order and float text too: states compare as text


@pytest.mark.parametrize("change", [{"stability": 0}, {"difficulty": 0.0}, {"step": None}, {"last_review": None},
                                    {"stability": 3}])
def test_odd_stored_states_read_as_fsrs_reads_them(change) -> None:
    card, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(fsrs.Card(card_id=5, due=START), fsrs.Rating.Good,
                                                                START)
    state = {**card.to_dict(), **change}
    at = START + timedelta(days=3)
    scheduler = Scheduler(enable_fuzzing=False)
    fast = rescheduler(lambda guide: exact_steps(desired_retention=0.9, parameters=()))

    assert fast("g", "c", dict(state), 3, at) == scheduler.answer(guide_id="g", card_id="c", state=dict(state),
                                                                  rating=Rating.GOOD, now=at).state


def test_an_invalid_phase_or_a_naive_time_is_refused_as_the_scheduler_refuses_it() -> None:
    fast = rescheduler(lambda guide: exact_steps(desired_retention=0.9, parameters=()))
    card = fsrs.Card(card_id=5, due=START).to_dict()
    with pytest.raises(ValueError):
        fast("g", "c", {**card, "state": 7}, 3, START)
    with pytest.raises(ValueError):
        fast("g", "c", None, 3, START.replace(tzinfo=None))


def test_the_steps_are_made_once_per_guide() -> None:
    asked: list[str] = []

    def steps_of(guide: str):
        asked.append(guide)
        return exact_steps(desired_retention=0.9, parameters=())

    fast = rescheduler(steps_of)
    for guide in ("a", "b", "a", "a", "b"):
        fast(guide, "c", None, 3, START)

    assert asked == ["a", "b"]
