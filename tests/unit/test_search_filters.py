"""Filters in the query language (kind:, section:, guide:, before:, after:), parsed and searched."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.search.engine import SearchEngine, strip_marks
from studyguide.search.query import MIN_PREFIX, Filters, Term, parse_query

# --- parsing --------------------------------------------------------------------------------


def test_kind_filter_is_read_and_not_searched_as_a_word() -> None:
    query = parse_query("kind:card treaty ")

    assert query.terms == (Term(("treaty",)),)
    assert query.filters == Filters(kinds=("card",))
    assert query.match() == '({title body} : ("treaty")) AND (kind : ("card"))'


@pytest.mark.parametrize(("typed", "kinds"), [
    ("kind:cards", ("card",)), ("KIND:Flashcard", ("card",)), ("kind:notes", ("section",)),
    ("kind:event,card", ("event", "card")),
])
def test_kind_names_people_guess(typed: str, kinds: tuple[str, ...]) -> None:
    assert parse_query(typed).filters.kinds == kinds


def test_unknown_filter_values_are_plain_words() -> None:
    assert parse_query("kind:zebra ").terms == (Term(("kind", "zebra")),)
    assert parse_query("before:soon ").terms == (Term(("before", "soon")),)
    assert parse_query("section: ").terms == (Term(("section",)),)
    assert parse_query("kind:zebra ").filters == Filters()


def test_section_filter_takes_words_or_a_quoted_name() -> None:
    assert parse_query("section:blockade x ").filters.sections == (("blockade",),)
    query = parse_query('section:"Khrushchev\'s letters" missiles', as_you_type=True)
    assert query.filters.sections == (("khrushchev", "s", "letters"),)
    assert query.terms == (Term(("missiles",), prefix=True),)


def test_dates_keep_the_narrowest_bound() -> None:
    filters = parse_query("before:1962 before:1970 after:1950 after:1955").filters

    assert (filters.before, filters.after) == (1962, 1955)
    assert filters.wanted_kinds() == ("event",)


def test_dates_asked_of_cards_match_nothing() -> None:
    assert parse_query("kind:card before:1962").filters.wanted_kinds() == ("none",)


def test_negated_filters_exclude() -> None:
    query = parse_query("-kind:card -section:first paris ")

    assert query.filters.not_kinds == ("card",)
    assert query.filters.not_sections == (("first",),)
    assert query.match() == ('({title body} : ("paris")) NOT (kind : "card") '
                             'NOT (section : ("first"*))')


def test_a_filter_ends_the_word_being_typed() -> None:
    assert parse_query("khrushchev kind:card").terms == (Term(("khrushchev",)),)


def test_short_last_words_are_not_prefixes() -> None:
    assert parse_query("k", as_you_type=True).terms == (Term(("k",)),)
    assert parse_query("x" * MIN_PREFIX, as_you_type=True).terms[0].prefix


def test_guide_filter_matches_id_or_title() -> None:
    filters = parse_query("guide:tiny").filters

    assert filters.accepts_guide("tiny", "Anything")
    assert parse_query("guide:TINY").filters.accepts_guide("x", "A Tiny Guide")
    assert not filters.accepts_guide("other", "Other")
    assert not parse_query("-guide:tiny").filters.accepts_guide("tiny", "A Tiny Guide")


# --- searching ------------------------------------------------------------------------------


def _found(library, text: str) -> set[tuple[str, str]]:
    return {(h.kind, h.item_id) for h in library.search.search(text).hits}


def test_kind_filter_keeps_only_that_kind(library) -> None:
    assert _found(library, "treaty ") == {("card", "where-signed"), ("section", "first")}
    assert _found(library, "kind:card treaty ") == {("card", "where-signed")}
    assert _found(library, "kind:section treaty ") == {("section", "first")}
    assert _found(library, "-kind:card treaty ") == {("section", "first")}


def test_two_kinds_at_once(library) -> None:
    assert {k for k, _ in _found(library, "kind:card,event the ")} == {"card", "event"}


def test_kind_alone_lists_that_kind(library) -> None:
    assert _found(library, "kind:card") == {("card", "where-signed"), ("card", "begins-with"),
                                             ("card", "who-wrote")}


def test_section_filter_matches_the_section_title(library) -> None:
    # "Second steps" holds Khrushchev's letter, its card and two events.
    assert _found(library, "section:second") == {
        ("section", "second"), ("card", "who-wrote"), ("event", "day-event"), ("event", "period-event")}
    assert _found(library, "section:second letter ") == {("section", "second"), ("card", "who-wrote")}
    assert _found(library, "-section:second letter ") == set()


def test_before_and_after_select_events_by_date(library) -> None:
    assert _found(library, "before:1962") == {("event", "year-event"), ("event", "season-event")}
    assert _found(library, "before:1961") == {("event", "year-event")}
    assert _found(library, "after:1961") == {("event", "day-event"), ("event", "period-event")}
    assert _found(library, "after:1959 before:1962") == {("event", "season-event")}
    assert _found(library, "after:1962") == set()


def test_dates_combine_with_words(library) -> None:
    assert _found(library, "before:1962 fall") == {("event", "season-event")}


def test_guide_filter(library) -> None:
    assert _found(library, "guide:tiny treaty ")
    assert _found(library, "guide:other treaty ") == set()


def test_filter_only_hits_show_their_text_without_marks(library) -> None:
    (hit,) = [h for h in library.search.search("kind:card section:second").hits]

    assert hit.title == strip_marks(hit.title) == "Who wrote the letter?"


# --- properties -----------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "kind:card", "kind:event", "kind:section", "kind:cards,event", "-kind:card", "kind:", "kind:zebra",
    "section:first", "section:second", '-section:"second steps"', 'section:"', "guide:tiny", "guide:nope",
    "-guide:tiny", "before:1962", "after:1961", "before:-5", "after:x", "before:99999", "treaty", "the",
    "khrush", '"thirteen days"', "-paris", "OR", '"', "🙂", "a", "letter",
])


def _event_span(library, event_id: str) -> tuple[float, float]:
    event = next(e for e in library.content("tiny").events() if e.id == event_id)
    return event.when.first(), event.when.last()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=6).map(" ".join))
def test_every_hit_obeys_the_filters(library, text: str) -> None:
    result = library.search.search(text, limit=50)
    filters = result.query.filters
    sections = {s.id: s.title.lower() for s in library.content("tiny").sections()}
    for hit in result.hits:
        kinds = filters.wanted_kinds()
        assert not kinds or hit.kind in kinds
        assert hit.kind not in filters.not_kinds
        title_words = sections[hit.section_id].split()
        for name in filters.sections:  # every word of the name is in the title (up to stemming)
            assert all(any(t.startswith(w[:4]) for t in title_words) for w in name)
        for name in filters.not_sections:
            assert not all(any(t.startswith(w[:4]) for t in title_words) for w in name)
        if filters.before is not None:
            assert _event_span(library, hit.item_id)[0] < filters.before
        if filters.after is not None:
            assert _event_span(library, hit.item_id)[1] > filters.after + 1
        assert filters.accepts_guide(hit.guide_id, hit.guide_title)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from('kindsectiongubefoar:"-, 0123456789'), max_size=40))
def test_filter_like_noise_never_raises(library, text: str) -> None:
    assert len(library.search.search(text, limit=5).hits) <= 5


def test_engine_with_no_guides_finds_nothing() -> None:
    assert SearchEngine(guides=[]).search("kind:card treaty").hits == ()
