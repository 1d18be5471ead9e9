"""Unit tests for studyguide.domain.ordering: dealing events with a certain order, and scoring."""

from __future__ import annotations

import random

import pytest

from studyguide.domain.dates import parse_span
from studyguide.domain.guide import Event
from studyguide.domain.ordering import deal, right_order, score


def _event(event_id: str, when: str, position: int = 0) -> Event:
    return Event(id=event_id, section_id="s", title=event_id, when=parse_span(when), position=position)


GUIDE = [
    _event("batista", "1959", 0),
    _event("bay-of-pigs", "1961-04-17", 1),
    _event("fall-request", "1961-fall", 2),
    _event("approval", "1962-04-12", 3),
    _event("october", "1962-10", 4),  # overlaps every October 1962 day
    _event("discovered", "1962-10-16", 5),
    _event("thirteen-days", "1962-10-16 .. 1962-10-28", 6),
    _event("quarantine", "1962-10-22", 7),
    _event("agrees", "1962-10-28", 8),
    _event("treaty", "1963-08-05", 9),
]


def _overlap(a: Event, b: Event) -> bool:
    return a.when.first() < b.when.last() and b.when.first() < a.when.last()


@pytest.mark.parametrize("seed", range(30))
def test_deal_gives_four_to_six_events_whose_order_is_certain(seed: int) -> None:
    dealt = deal(GUIDE, rng=random.Random(seed))

    assert 4 <= len(dealt) <= 6
    assert len({e.id for e in dealt}) == len(dealt)
    for i, a in enumerate(dealt):
        for b in dealt[i + 1 :]:
            assert not _overlap(a, b), (a.id, b.id)
    assert [e.id for e in dealt] != [e.id for e in right_order(dealt)], "a deal must not come already sorted"


def test_deal_is_repeatable_with_the_same_seed_and_varies_with_another() -> None:
    first = [e.id for e in deal(GUIDE, rng=random.Random(7))]
    again = [e.id for e in deal(GUIDE, rng=random.Random(7))]
    others = {tuple(e.id for e in deal(GUIDE, rng=random.Random(seed))) for seed in range(10)}

    assert first == again
    assert len(others) > 1


def test_deal_with_too_few_distinct_dates_deals_what_it_can_or_nothing() -> None:
    three = [_event("a", "1959"), _event("b", "1960"), _event("c", "1960-05")]
    assert {e.id for e in deal(three, rng=random.Random(1), count=5)} in ({"a", "b"}, {"a", "c"})
    assert deal([_event("a", "1959")], rng=random.Random(1)) == []
    assert deal([], rng=random.Random(1)) == []


def test_right_order_is_by_date_including_bce_and_approximate_dates() -> None:
    events = [_event("rome", "-44"), _event("c1950", "c. 1950"), _event("marathon", "-490"), _event("y2k", "2000")]
    assert [e.id for e in right_order(events)] == ["marathon", "rome", "c1950", "y2k"]


def test_score_of_the_right_order_is_perfect() -> None:
    dealt = [GUIDE[3], GUIDE[0], GUIDE[9], GUIDE[1]]
    result = score(["batista", "bay-of-pigs", "approval", "treaty"], dealt)

    assert result.perfect
    assert (result.in_place, result.total, result.pairs_right, result.pairs_total) == (4, 4, 6, 6)
    assert result.summary() == "All 4 in the right order!"


def test_score_counts_places_and_pairs() -> None:
    dealt = [GUIDE[3], GUIDE[0], GUIDE[9], GUIDE[1]]
    # Right: batista, bay-of-pigs, approval, treaty. Two swapped in the middle.
    result = score(["batista", "approval", "bay-of-pigs", "treaty"], dealt)

    assert result.placed_right == (True, False, False, True)
    assert (result.in_place, result.pairs_right) == (2, 5)
    assert result.correct == ("batista", "bay-of-pigs", "approval", "treaty")
    assert result.summary() == "2 of 4 in the right place; 5 of 6 pairs in the right order"

    reversed_result = score(["treaty", "approval", "bay-of-pigs", "batista"], dealt)
    assert (reversed_result.in_place, reversed_result.pairs_right) == (0, 0)


def test_score_refuses_an_answer_that_is_not_the_dealt_events() -> None:
    dealt = [GUIDE[0], GUIDE[1]]
    with pytest.raises(ValueError):
        score(["batista"], dealt)
    with pytest.raises(ValueError):
        score(["batista", "treaty"], dealt)
