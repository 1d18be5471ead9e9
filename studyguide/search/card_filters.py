"""Parse the card-state filters of the query language (pure, never raises).

``is:new``, ``is:learn``, ``is:review``, ``is:due``, ``is:suspended``, ``is:lapsed``;
``due:N`` (studied cards due within N days, overdue ones included), ``rated:N`` or
``rated:N:RATING`` (answered in the last N days, with that rating: 1 Again ... 4 Easy),
``added:N`` (added in the last N days, ``store.card_added``), ``edited:N`` (text changed
by the learner in the last N days), ``lapses>N``
(any of ``< <= = != >= >``, also ``reviews``), ``prop:ivl>N`` (interval in days),
``prop:r<0.8`` (retrievability now), ``prop:s``/``prop:d`` (stability, difficulty),
``prop:due<N`` (days until due). A leading ``-`` negates. A filter with a value that makes
no sense (``is:zebra``, ``due:soon``) is not searched at all: it comes back as a message
saying why, for the view or the command line to show.
"""

from __future__ import annotations

import math
import re

from studyguide.domain.card_filter import IS_NAMES, OPERATORS, PROPS, CardFilter

_NAMED = re.compile(r"(is|due|rated|added|edited):(.*)", re.IGNORECASE | re.DOTALL)
_COUNTED = re.compile(r"(lapses|reviews|reps)(>=|<=|!=|>|<|=|:)(.*)", re.IGNORECASE | re.DOTALL)
_PROP = re.compile(r"prop:(.*)", re.IGNORECASE | re.DOTALL)
_OP = "|".join(re.escape(o) for o in OPERATORS)
_PROP_BODY = re.compile(rf"([a-z]+)({_OP})(.*)", re.IGNORECASE | re.DOTALL)
#: Most days a day filter reads back (about 100 years).
MAX_DAYS = 36500


def _days(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{1,5}", text) and int(text) <= MAX_DAYS else None


def _number(text: str) -> float | None:
    if not re.fullmatch(r"-?\d{1,9}(\.\d{1,9})?|-?\.\d{1,9}", text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def parse_card_filter(chunk: str, negated: bool = False) -> CardFilter | str | None:
    """Read one word of a query as a card-state filter.

    Args:
        chunk: The word, without its leading ``-``.
        negated: It had a leading ``-``.

    Returns:
        The filter; a message saying what is wrong with it (``is:zebra``); or None when
        the word is no card-state filter at all.
    """
    named = _NAMED.fullmatch(chunk)
    if named:
        name, value = named.group(1).casefold(), named.group(2).strip().casefold()
        if name == "is":
            if value not in IS_NAMES:
                return f"is:{value} is not a card state (is: takes {', '.join(sorted(set(IS_NAMES.values())))})"
            return CardFilter("is", IS_NAMES[value], negated=negated)
        if name == "rated":
            days_text, _, rating_text = value.partition(":")
            days = _days(days_text)
            if days is None or days < 1:
                return f"rated:{value}: give a number of days from 1, then :1 to :4 for a rating (rated:7:1)"
            if rating_text and rating_text not in ("1", "2", "3", "4"):
                return f"rated:{value}: the rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)"
            return CardFilter("rated", number=days, rating=int(rating_text) if rating_text else None,
                              negated=negated)
        days = _days(value)
        if days is None:
            return f"{name}:{value}: give a number of days ({name}:7)"
        return CardFilter(name, number=days, negated=negated)
    counted = _COUNTED.fullmatch(chunk)
    if counted:
        return _prop(counted.group(1).casefold(), counted.group(2), counted.group(3), chunk, negated)
    prop = _PROP.fullmatch(chunk)
    if prop:
        body = _PROP_BODY.fullmatch(prop.group(1).strip())
        if body is None:
            return f"{chunk}: write prop:NAME, a comparison and a number (prop:ivl>10, prop:r<0.8)"
        return _prop(body.group(1).casefold(), body.group(2), body.group(3), chunk, negated)
    return None


def _prop(name: str, op: str, value: str, chunk: str, negated: bool) -> CardFilter | str:
    if name not in PROPS:
        return f"{chunk}: {name} is not a card property (prop: takes ivl, r, s, d, due, lapses, reviews)"
    number = _number(value.strip())
    if not value.strip():  # "lapses>" said "nothing is not a number"
        return f"{chunk}: write a number after it ({chunk}2)"
    if number is None:
        return f"{chunk}: {value.strip()} is not a number"
    return CardFilter("prop", PROPS[name], op="=" if op == ":" else op, number=number, negated=negated)
