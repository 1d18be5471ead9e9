"""Choosing "Put these in order" sets from the events' dates, and marking an order (domain.drills)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import SEASONS, DateSpan, FuzzyDate, Precision
from studyguide.domain.drills import Verdict, grade_order, inversions, order_drills, precision_of
from studyguide.domain.guide import Event

dates = st.one_of(
    st.integers(1955, 1965).map(lambda y: DateSpan(FuzzyDate(y))),
    st.tuples(st.integers(1955, 1965), st.sampled_from(sorted(SEASONS))).map(
        lambda t: DateSpan(FuzzyDate(t[0], season=t[1]))),
    st.tuples(st.integers(1955, 1965), st.integers(1, 12)).map(lambda t: DateSpan(FuzzyDate(t[0], t[1]))),
    st.tuples(st.integers(1955, 1965), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: DateSpan(FuzzyDate(*t))),
)
WIDTH = {Precision.DAY: 1 / 365.25, Precision.MONTH: 1 / 12, Precision.SEASON: 0.25, Precision.YEAR: 1.0}
event_lists = st.lists(dates, max_size=30).map(
    lambda spans: [Event(f"e{i}", "s", f"Event {i}", when, position=i) for i, when in enumerate(spans)])


@given(event_lists, st.randoms())
def test_sets_are_small_clearly_ordered_disjoint_and_chosen_from_the_dates_alone(events, rnd) -> None:
    drills = order_drills(events)
    by_id = {e.id: e for e in events}
    seen: set[str] = set()
    for drill in drills:
        assert 3 <= len(drill.event_ids) <= 4
        chosen = [by_id[i] for i in drill.event_ids]
        # One period: half a year, or twice the coarsest date's precision (two years for years).
        coarsest = max(WIDTH[precision_of(e.when)] for e in chosen)
        assert chosen[-1].when.last() - chosen[0].when.first() <= max(0.5, 2 * coarsest) + 1e-9
        for earlier, later in zip(chosen, chosen[1:], strict=False):
            # Never two events whose dates overlap within their precision ("fall 1961", "October 1961").
            assert later.when.first() >= earlier.when.last() - 1e-9
        assert not seen & set(drill.event_ids)
        seen |= set(drill.event_ids)
    assert len({d.id for d in drills}) == len(drills)
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert order_drills(shuffled) == drills


def test_overlapping_precisions_are_never_asked_against_each_other() -> None:
    texts = ["fall 1961", "October 1961", "1961", "September 2, 1961", "November 1961", "December 1961",
             "January 1962", "August 1961"]
    events = [Event(f"e{i}", "s", t, parse_when(t), position=i) for i, t in enumerate(texts)]
    drills = order_drills(events)
    for drill in drills:
        assert not {"e0", "e1"} <= set(drill.event_ids)  # fall 1961 and October 1961
        assert not {"e0", "e2"} <= set(drill.event_ids)  # fall 1961 and 1961
    assert drills and drills[0].id.startswith("drill-order-1961-")


def test_sets_come_from_one_period_not_across_years() -> None:
    """A crisis's events: the days of October 1962 make sets of their own; events years apart
    are never asked against each other."""
    texts = ["1959", "February 1960", "April 17, 1961", "October 1961", "April 12, 1962", "May 24, 1962",
             "September 4, 1962", "October 14, 1962", "October 16, 1962", "October 22, 1962", "October 24, 1962",
             "October 26, 1962", "October 28, 1962", "November 20, 1962", "June 20, 1963", "August 5, 1963"]
    events = [Event(f"e{i}", "s", t, parse_when(t), position=i) for i, t in enumerate(texts)]
    by_id = {e.id: e for e in events}
    drills = order_drills(events)
    spans = [by_id[d.event_ids[-1]].when.last() - by_id[d.event_ids[0]].when.first() for d in drills]
    assert drills and max(spans) <= 0.5
    assert [by_id[i].title for i in drills[1].event_ids] == ["October 14, 1962", "October 16, 1962",
                                                             "October 22, 1962", "October 24, 1962"]


def test_a_drills_id_follows_its_events_not_the_rest_of_the_guide() -> None:
    texts = ["October 14, 1962", "October 16, 1962", "October 22, 1962", "October 28, 1962"]
    events = [Event(f"e{i}", "s", t, parse_when(t), position=i) for i, t in enumerate(texts)]
    renamed = [Event(e.id, "other", "New title", e.when, position=9 - e.position) for e in events]
    assert order_drills(events) == order_drills(renamed) and len(order_drills(events)) == 1


@given(st.permutations(range(5)))
def test_the_rating_counts_pairs_the_wrong_way_round(order) -> None:
    correct = [f"e{i}" for i in range(5)]
    placed = [f"e{i}" for i in order]
    wrong = sum(1 for i in range(5) for j in range(i + 1, 5) if order[i] > order[j])
    assert inversions(correct, placed) == wrong
    assert grade_order(correct, placed) is (Verdict.GOOD if wrong == 0 else Verdict.HARD if wrong == 1
                                             else Verdict.AGAIN)


@given(st.integers(3, 5), st.data())
def test_one_neighbouring_swap_is_hard(size, data) -> None:
    correct = [f"e{i}" for i in range(size)]
    at = data.draw(st.integers(0, size - 2))
    placed = list(correct)
    placed[at], placed[at + 1] = placed[at + 1], placed[at]
    assert grade_order(correct, correct) is Verdict.GOOD
    assert grade_order(correct, placed) is Verdict.HARD
