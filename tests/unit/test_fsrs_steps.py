"""The import's FSRS replay on plain numbers (``review.fsrs_steps``) gives what fsrs itself gives,
bit for bit, and writes states as ``json.dumps`` does."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import fsrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.review.fsrs_steps import Steps, dict_json, state_json

START = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
bounds = list(zip(fsrs.scheduler.LOWER_BOUNDS_PARAMETERS, fsrs.scheduler.UPPER_BOUNDS_PARAMETERS, strict=True))
parameters = st.one_of(st.just(fsrs.scheduler.DEFAULT_PARAMETERS),
                       st.tuples(*(st.floats(low, high) for low, high in bounds)))
step_lists = st.lists(st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m)), max_size=3)
answers = st.lists(st.tuples(st.integers(1, 4), st.integers(0, 200 * 86400 * 1000)), min_size=1, max_size=14)


def by_fsrs(scheduler: fsrs.Scheduler, answered: list[tuple[int, datetime]]) -> list[dict]:
    card, found = fsrs.Card(card_id=7), []
    for rating, when in answered:
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), when)
        found.append(card.to_dict())
    return found


def by_steps(scheduler: fsrs.Scheduler, answered: list[tuple[int, datetime]]) -> list[dict]:
    return [{"card_id": 7, "state": state, "step": step, "stability": stability, "difficulty": difficulty,
             "due": due.isoformat(), "last_review": last.isoformat()}
            for state, step, stability, difficulty, due, last in Steps(scheduler).replay(answered)]


@settings(max_examples=400, deadline=None)
@given(parameters, st.floats(0.7, 0.99), step_lists, step_lists, st.integers(1, 36500), answers)
def test_the_steps_give_what_fsrs_gives(weights, retention, learning, relearning, maximum, gaps) -> None:
    scheduler = fsrs.Scheduler(weights, desired_retention=retention, learning_steps=learning,
                               relearning_steps=relearning, maximum_interval=maximum, enable_fuzzing=False)
    when, answered = START, []
    for rating, gap_ms in gaps:
        when += timedelta(milliseconds=gap_ms)
        answered.append((rating, when))

    expected = by_fsrs(scheduler, answered)

    assert by_steps(scheduler, answered) == expected
    assert [state_json(*s.values()) for s in by_steps(scheduler, answered)] == [json.dumps(s) for s in expected]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["card_id", "state", "step", "stability", "difficulty", "due",
                                        "last_review", "x"]),
                       st.one_of(st.none(), st.integers(), st.floats(), st.text(), st.booleans())))
def test_any_dict_is_written_as_json_dumps_writes_it(state: dict) -> None:
    assert dict_json(state) == json.dumps(state)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**56), st.sampled_from([1, 2, 3]), st.one_of(st.none(), st.integers(0, 5)),
       st.one_of(st.none(), st.floats()), st.one_of(st.none(), st.floats()), st.text(), st.one_of(st.none(), st.text()))
def test_a_state_shaped_dict_is_written_as_json_dumps_writes_it(card_id, state, step, stability, difficulty, due,
                                                                 last) -> None:
    found = {"card_id": card_id, "state": state, "step": step, "stability": stability, "difficulty": difficulty,
             "due": due, "last_review": last}

    assert dict_json(found) == json.dumps(found)


def test_a_fuzzing_scheduler_is_refused() -> None:
    with pytest.raises(ValueError, match="unfuzzed"):
        Steps(fsrs.Scheduler())


@settings(deadline=None)
@given(st.one_of(st.none(), st.floats(), st.integers(-5, 5)), st.one_of(st.none(), st.floats()))
def test_a_state_s_numbers_are_written_as_json_dumps_writes_them(stability, difficulty) -> None:
    """Finite or not (``NaN``, ``Infinity``), as ``json.dumps`` writes them."""
    due = "2026-01-02T03:04:05+00:00"
    found = state_json(7, 2, None, stability, difficulty, due, None)

    assert found == json.dumps({"card_id": 7, "state": 2, "step": None, "stability": stability,
                                "difficulty": difficulty, "due": due, "last_review": None})
