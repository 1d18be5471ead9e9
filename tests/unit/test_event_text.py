"""An event said as one sentence, with its date's precision in words (the timeline's list twin)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.dates import DateSpan, FuzzyDate, parse_span
from studyguide.domain.event_text import event_sentence, spoken_span
from studyguide.domain.guide import Event


@pytest.mark.parametrize(("source", "words"), [
    ("1959", "1959"),
    ("1961-fall", "fall 1961"),
    ("1962-05", "May 1962"),
    ("1962-10-22", "October 22, 1962"),
    ("c. 1950", "about 1950"),
    ("-44", "44 BCE"),
    ("1962-10-16 .. 1962-10-28", "October 16 to 28, 1962"),
    ("1962-10-16 .. 1962-11-02", "October 16 to November 2, 1962"),
    ("1961-04 .. 1962", "April 1961 to 1962"),
    ("c. 1950 .. 1955", "about 1950 to 1955"),
])
def test_a_date_is_said_with_the_precision_it_has(source, words):
    assert spoken_span(parse_span(source)) == words


def test_the_sentence_names_date_title_lane_and_section():
    event = Event(id="castro-requests-arms", section_id="the-missiles", title="Castro asks for larger arms",
                  when=parse_span("1961-fall"), lane="Cuba")
    assert (event_sentence(event, section_title="The decision to send missiles")
            == "fall 1961, Castro asks for larger arms, Cuba lane, part of The decision to send missiles")
    # No lane and no section: only what is known is said.
    bare = Event(id="e", section_id="s", title="Talks", when=parse_span("1962-05"))
    assert event_sentence(bare) == "May 1962, Talks"


_dates = st.builds(lambda year, kind, month, day, season, approx: FuzzyDate(
    year=year, month=month if kind in ("month", "day") else None, day=day if kind == "day" else None,
    season=season if kind == "season" else None, approximate=approx),
    st.integers(-3000, 3000).filter(bool), st.sampled_from(["year", "season", "month", "day"]),
    st.integers(1, 12), st.integers(1, 28), st.sampled_from(["spring", "summer", "fall", "winter"]), st.booleans())


@given(_dates, st.one_of(st.none(), _dates))
def test_any_date_is_said_without_dashes_and_names_its_year(start, end):
    if end is not None and end.end() <= start.start():
        start, end = end, start
    if end is not None and end.end() <= start.start():
        end = None
    span = DateSpan(start, end)
    words = spoken_span(span)
    assert "\u2013" not in words and "c. " not in words  # a screen reader says "to" and "about"
    assert str(abs(start.year)) in words
    assert words.startswith("about ") == start.approximate
