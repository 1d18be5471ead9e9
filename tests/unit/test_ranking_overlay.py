"""A search while an edit's commit is still on its way covers the edit exactly (``store.ranking_commit``).

The background commit is held back, so every search below runs with the edits pending: its hits
and counts must be those of an index rebuilt from SQLite, and its top k and order those of
BM25 with the disk index's statistics over every document SQLite holds (the Python scorer is
checked against tantivy itself in ``test_ranking_pending``). Then the held commits run and the
same searches find the same items through the disk index alone.
"""

from __future__ import annotations

import math
import sqlite3

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.library import Library
from studyguide.search import ranked
from studyguide.search.query import parse_query
from studyguide.store.ranking import RankingIndex
from studyguide.store.ranking_pending import PendingDoc, Statistics, pending_doc, score
from studyguide.store.search_docs import documents
from tests.unit.authoring_steps import guide_being_written, take_step

_WORDS = st.lists(st.sampled_from("cuba havana missile blockade kennedy khrushchev treaty fall summit zebra".split()),
                  min_size=1, max_size=4).map(" ".join)
_STEP = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["basic", "reversed", "cloze"]), _WORDS, _WORDS),
    st.tuples(st.just("edit"), st.integers(0, 9), _WORDS, _WORDS),
    st.tuples(st.just("delete"), st.integers(0, 9), st.just(""), st.just("")),
    st.tuples(st.just("rename"), st.just(""), _WORDS, st.just("")),
    st.tuples(st.just("undo"), st.just(""), st.just(""), st.just("")),
)
_QUERIES = ["cuba", "missile", "zebra", "kennedy summit", '"missile blockade"', "zebra OR treaty", "cuba -missile",
            "kennedy card:", "khru"]


def _held(index: RankingIndex) -> None:
    """The background commit, held back: the changes stay pending."""
    with index._lock:
        index._pending.busy = False
        index._work.notify_all()


def _documents(library: Library) -> list[PendingDoc]:
    """Every document SQLite holds, as the index holds it."""
    docs = []
    for guide_id in [g.id for g in library.guides()]:
        db = sqlite_utils.Database(sqlite3.connect(library.content(guide_id).path))
        try:
            docs += [pending_doc(guide_id, 0, doc) for doc in documents(db)]
        finally:
            db.close()
    return docs


def _check(library: Library, docs: list[PendingDoc], text: str, limit: int) -> None:
    query = parse_query(text, as_you_type=text == "khru")
    built = ranked.build(library.ranking, query, ranked.Restrictions(), prefixes=True, section_ids=lambda g, k: ())
    if built is None:
        return
    found, total = library.ranking.search(built, limit)
    stats = Statistics(library.ranking._ready()[1])
    expected = {(d.guide_id, d.rowid): value for d in docs if (value := score(built, d, stats)) is not None}
    assert total == len(expected), text
    assert len(found) == min(limit, len(expected)), text
    assert all(a.score >= b.score for a, b in zip(found, found[1:], strict=False)), text
    shown = {(f.guide_id, f.rowid) for f in found}
    for hit in found:
        assert math.isclose(expected[(hit.guide_id, hit.rowid)], hit.score, rel_tol=2e-6), (text, hit)
    lowest = min((f.score for f in found), default=math.inf)
    assert all(value <= lowest * (1 + 2e-6) for key, value in expected.items() if key not in shown), text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_STEP, min_size=1, max_size=10))
def test_searches_with_edits_pending_rank_as_the_index_with_them_would(
        steps: list[tuple[str, object, str, str]]) -> None:
    with pytest.MonkeyPatch.context() as patch, guide_being_written("Pending") as (library, authoring, guide, section):
        library.search.search("cuba")
        library.ranking.flush()
        patch.setattr(RankingIndex, "_commit_pending", _held)
        for step in steps:
            take_step(library, authoring, guide, section, step)
            library.search.search("zebra")  # reads the change into the pending documents
            docs = _documents(library)
            for text in _QUERIES:
                _check(library, docs, text, 3)
                _check(library, docs, text, 10_000)
        patch.undo()
        library.ranking.flush()
        assert not library.ranking._pending
        for text in _QUERIES:
            _check(library, _documents(library), text, 10_000)
