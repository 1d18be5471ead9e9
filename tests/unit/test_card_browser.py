"""The card browser's service: card-state filters, sorting, rows (studyguide.search.cards)."""

from __future__ import annotations

import json
from datetime import timedelta

import fsrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.review.scheduler import Rating
from studyguide.search.query import parse_query


def _answer(library, card_id: str, rating: Rating) -> None:
    session = library.start_review("tiny")
    assert session.bring_to_front(card_id)
    session.reveal()
    session.answer(rating)


@pytest.fixture
def studied(library, clock):
    """where-signed: Good then Again after 10 days (a lapse); begins-with: Easy; who-wrote: new, suspended."""
    _answer(library, "where-signed", Rating.GOOD)
    _answer(library, "begins-with", Rating.EASY)
    clock.advance(days=1)
    _answer(library, "where-signed", Rating.GOOD)
    clock.advance(days=10)
    _answer(library, "where-signed", Rating.AGAIN)
    library.review.suspend("tiny", "who-wrote")
    clock.advance(hours=1)
    return library


def ids(library, text: str, **kw) -> list[str]:
    return [card for _, card in library.cards.find(text, **kw).keys]


def test_every_card_without_a_query(library) -> None:
    assert ids(library, "") == ["where-signed", "begins-with", "who-wrote"]


@pytest.mark.parametrize(("text", "expected"), [
    ("is:new", ["who-wrote"]),
    ("-is:new", ["where-signed", "begins-with"]),
    ("is:learn", ["where-signed"]),
    ("is:review", ["begins-with"]),
    ("is:suspended", ["who-wrote"]),
    ("-is:suspended", ["where-signed", "begins-with"]),
    ("is:lapsed", ["where-signed"]),
    ("lapses>0", ["where-signed"]),
    ("lapses=0", ["begins-with", "who-wrote"]),
    ("prop:reviews>=3", ["where-signed"]),
    ("is:due", ["where-signed", "begins-with"]),
    ("due:0", ["where-signed", "begins-with"]),
    ("rated:1", ["where-signed"]),
    ("rated:1:1", ["where-signed"]),
    ("rated:1:3", []),
    ("rated:30:3", ["where-signed"]),
    ("rated:30:4", ["begins-with"]),
    ("prop:ivl>=1", ["begins-with"]),
    ("prop:r<0.95", ["begins-with"]),
    ("prop:r>0.95", ["where-signed"]),
    ("treaty is:learn", ["where-signed"]),
    ("patience is:learn", []),
    ("section:second", ["who-wrote"]),
    ("kind:event is:new", []),
])
def test_card_state_filters(studied, text: str, expected: list[str]) -> None:
    assert ids(studied, text) == expected


def test_retrievability_is_fsrs_s(studied, clock) -> None:
    state = studied.progress.database.execute(
        "SELECT state FROM card_state WHERE card_id = 'begins-with'").fetchone()[0]
    card = fsrs.Card.from_dict(json.loads(state))
    expected = fsrs.Scheduler().get_card_retrievability(card, clock())
    [row] = studied.cards.rows([("tiny", "begins-with")])
    assert row.retrievability == pytest.approx(expected, abs=1e-9)
    assert row.state == "review" and row.reviews == 1 and row.lapses == 0
    assert row.interval == pytest.approx((card.due - card.last_review) / timedelta(days=1))
    assert row.stability == pytest.approx(card.stability)
    assert row.difficulty == pytest.approx(card.difficulty)


def test_rows_carry_state_and_counts(studied) -> None:
    rows = studied.cards.rows([("tiny", "who-wrote"), ("tiny", "where-signed"), ("tiny", "gone")])
    assert [r.card_id for r in rows] == ["who-wrote", "where-signed"]
    new, lapsed = rows
    assert (new.state, new.suspended, new.due, new.retrievability, new.reviews) == ("new", True, None, None, 0)
    assert (lapsed.state, lapsed.lapses, lapsed.reviews) == ("relearning", 1, 3)
    assert lapsed.section == "First steps" and lapsed.guide == "A Tiny Guide"
    assert lapsed.question == "Where was the treaty signed?"


@pytest.mark.parametrize("column", ["question", "due", "reviews", "lapses", "retrievability", "state",
                                    "section", "guide", "stability", "interval", "tags", "edited"])
def test_sorts_by_each_column_both_ways(studied, column: str) -> None:
    up = ids(studied, "", sort=column)
    down = ids(studied, "", sort=column, descending=True)
    assert sorted(up) == sorted(down) == sorted(["where-signed", "begins-with", "who-wrote"])
    assert down == up[::-1]


def test_sort_by_question_is_alphabetical(library) -> None:
    assert ids(library, "", sort="question") == ["begins-with", "where-signed", "who-wrote"]


def test_sort_by_reviews(studied) -> None:
    assert ids(studied, "", sort="reviews") == ["who-wrote", "begins-with", "where-signed"]


@pytest.mark.parametrize("text", ["is:zebra", "due:soon", "rated:0", "rated:3:9", "prop:ivl", "prop:foo>1",
                                  "prop:r<abc", "lapses>x"])
def test_bad_filters_say_why_and_are_not_searched(library, text: str) -> None:
    found = library.cards.find(text)
    assert found.problems and text.split(":")[0].split(">")[0] in found.problems[0]
    assert parse_query(text).filters.cards == ()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.lists(st.sampled_from(
    ["is:", "due:", "rated:", "prop:", "lapses", "ivl", "r", ">", "<=", "=", ":", "-", "1", "0.5", "new",
     "x", '"', "*", "OR", "tag:", "kind:card", "section:", "-1e9", "\x00", " "]), max_size=8).map("".join))
def test_any_query_never_crashes(library, text: str) -> None:
    found = library.cards.find(text)
    assert all(isinstance(p, str) and p for p in found.problems)
    library.cards.rows(found.keys[:5])


@pytest.mark.parametrize(("text", "expected"), [
    ("is:suspended", ["who-wrote"]),
    ("treaty is:learn", ["where-signed"]),
    ("treaty is:review", []),
    ("kind:card -is:new", ["where-signed", "begins-with"]),
    ("prop:r<0.95", ["begins-with"]),
])
def test_the_search_view_reads_card_state_filters_too(studied, text: str, expected: list[str]) -> None:
    hits = studied.search.search(text, limit=10).hits
    assert sorted(h.item_id for h in hits) == sorted(expected)
    assert all(h.kind == "card" for h in hits)


_FIELDS = {"ivl": "interval", "r": "retrievability", "s": "stability", "d": "difficulty", "lapses": "lapses",
           "reviews": "reviews"}
_COMPARE = {">": lambda a, b: a > b, "<": lambda a, b: a < b, ">=": lambda a, b: a >= b,
            "<=": lambda a, b: a <= b, "=": lambda a, b: a == b, "!=": lambda a, b: a != b}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prop=st.sampled_from(sorted(_FIELDS)), op=st.sampled_from(sorted(_COMPARE)),
       number=st.sampled_from([0, 0.5, 0.9, 0.99, 1, 2, 3, 5, 10]), negated=st.booleans())
def test_prop_filters_agree_with_the_rows_they_list(studied, prop: str, op: str, number: float,
                                                    negated: bool) -> None:
    rows = studied.cards.rows(studied.cards.find("").keys)

    def holds(row) -> bool:
        value = getattr(row, _FIELDS[prop])
        return value is not None and _COMPARE[op](value, number)

    expected = [r.card_id for r in rows if holds(r) != negated]
    assert ids(studied, f"{'-' if negated else ''}prop:{prop}{op}{number}") == expected
