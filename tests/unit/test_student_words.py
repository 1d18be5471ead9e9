"""Sentences a new student meets early: the optimizer before any review counts, a filter with no number.

"Only 0 of your reviews came a day or more after…" and "lapses>: nothing is not a number" were read as
nonsense by a student trying the app in the first week."""

from __future__ import annotations

from studyguide.domain.optimization import MIN_REVIEWS
from studyguide.review.optimizer import optimize
from studyguide.search.card_filters import parse_card_filter


def test_the_optimizer_before_any_counting_review_says_none_not_only_0():
    result = optimize([])
    assert result.reviews == 0
    assert result.refused == ("None of your reviews came a day or more after the card's previous one yet; "
                              f"fitting your own parameters needs at least {MIN_REVIEWS}, so the defaults stay.")


def test_a_filter_with_its_number_missing_asks_for_one():
    assert parse_card_filter("lapses>") == "lapses>: write a number after it (lapses>2)"
    assert parse_card_filter("prop:ivl>") == "prop:ivl>: write a number after it (prop:ivl>2)"
    assert parse_card_filter("lapses>x") == "lapses>x: x is not a number"
