"""The ranking index, following a user's guide edit by edit, finds what the guide's text holds (issues 15, 18)."""

from __future__ import annotations

import sqlite3

import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.library import Library
from studyguide.store import ranking_query as qb
from studyguide.store.search_docs import documents
from tests.unit.authoring_steps import guide_being_written, take_step

_WORDS = st.lists(st.sampled_from("cuba havana missile blockade kennedy khrushchev treaty fall summit zebra".split()),
                  min_size=1, max_size=4).map(" ".join)
_STEP = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["basic", "reversed", "cloze", "typein"]), _WORDS, _WORDS),
    st.tuples(st.just("edit"), st.integers(0, 9), _WORDS, _WORDS),
    st.tuples(st.just("delete"), st.integers(0, 9), st.just(""), st.just("")),
    st.tuples(st.just("rename"), st.just(""), _WORDS, st.just("")),
    st.tuples(st.just("event"), st.just(""), _WORDS, st.sampled_from(["1961", "fall 1962", "44 BC"])),
    st.tuples(st.just("undo"), st.just(""), st.just(""), st.just("")),
    st.tuples(st.just("redo"), st.just(""), st.just(""), st.just("")),
)


_VOCABULARY = "cuba havana missile blockade kennedy khrushchev treaty fall summit zebra start index".split()


def _consistent(library: Library, guide: str) -> None:
    """Every word finds, in the guide, exactly the items whose text (read from SQLite) has it."""
    db = sqlite_utils.Database(sqlite3.connect(library.content(guide).path))
    try:
        docs = [(kind, item, set(qb.stems(f"{title}\n{body}"))) for _, kind, title, body, item, *_ in documents(db)]
    finally:
        db.close()
    for word in _VOCABULARY:
        (stem,) = qb.stems(word)
        expected = {(kind, item) for kind, item, stems in docs if stem in stems}
        hits = library.search.search(f"{word} guide:{guide}", limit=10_000).hits
        assert {(h.kind, h.item_id) for h in hits if h.guide_id == guide} == expected, word


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_STEP, max_size=14))
def test_any_edits_leave_the_index_as_a_rebuild_would(steps: list[tuple[str, object, str, str]]) -> None:
    with guide_being_written("Index") as (library, authoring, guide, section):
        for step in steps:
            take_step(library, authoring, guide, section, step)
            _consistent(library, guide)
