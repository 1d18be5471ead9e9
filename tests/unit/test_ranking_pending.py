"""Pending documents are matched and scored in Python exactly as tantivy matches and scores them
(``store.ranking_pending``): random documents in an index, random queries from the builders."""

from __future__ import annotations

import math

import pytest
import tantivy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.store import ranking_query as qb
from studyguide.store.ranking import _add_rows
from studyguide.store.ranking_pending import Statistics, Unscorable, pending_doc, quantised, score

_VOCABULARY = "cuba havana missile missiles blockade kennedy fall falls summit zebra".split()
_WORD = st.sampled_from(_VOCABULARY)
_TEXT = st.lists(st.one_of(_WORD, _WORD, _WORD, st.just("x" * 70), st.just("Café")), max_size=45).map(" ".join)
_DOC = st.tuples(st.sampled_from(["section", "card", "event"]), st.sampled_from(["", "s1", "s2"]), _TEXT, _TEXT,
                 st.one_of(st.none(), st.integers(-50, 2000).map(float)))


def _phrase(words: list[str]) -> list[str]:
    return qb.stems(" ".join(words))


def _leaf() -> st.SearchStrategy[qb.Query]:
    words = st.lists(_WORD, min_size=1, max_size=3).map(_phrase)
    return st.one_of(
        words.map(lambda w: qb.phrase("body", w)),
        words.map(lambda w: qb.phrase("title", w)),
        words.map(lambda w: qb.words(w, qb.TITLE_BOOST)),
        words.map(qb.words),
        st.lists(st.sampled_from(["section", "card", "event"]), min_size=1, max_size=2).map(qb.kinds),
        st.lists(st.sampled_from(["g1", "g2"]), min_size=1, max_size=2).map(qb.guides),
        st.sampled_from(["g1", "g2"]).map(lambda g: qb.term("tag", qb.tag_guide(g))),
        st.sampled_from(["section", "card"]).map(lambda k: qb.term("tag", qb.tag_kind(k))),
        st.sampled_from(["s1", "s2"]).map(lambda s: qb.in_sections("g1", [s])),
        st.sampled_from(["i0", "i1", "i2"]).map(lambda i: qb.items("g2", "card", [i], edits=False)),
        st.integers(0, 2000).map(lambda v: qb.below("start", float(v))),
        st.integers(0, 2000).map(lambda v: qb.above("end", float(v))),
    )


_QUERY = st.recursive(_leaf(), lambda inner: st.tuples(st.lists(inner, max_size=3), st.lists(inner, max_size=3),
                                                       st.lists(inner, max_size=1)).map(
    lambda t: qb.combine(must=t[0], should=t[1], must_not=t[2])), max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_DOC, min_size=1, max_size=12), st.lists(_QUERY, min_size=1, max_size=4))
def test_python_scores_every_document_as_tantivy_does(docs: list[tuple[str, str, str, str, float | None]],
                                                      queries: list[qb.Query]) -> None:
    index = tantivy.Index(qb.SCHEMA)
    index.register_tokenizer(qb.ANALYSER_NAME, qb.ANALYSER)
    writer = index.writer(15_000_000, 1)
    rows = [(n, kind, title, body, f"i{n}", section, start, start if start is None else start + 3)
            for n, (kind, section, title, body, start) in enumerate(docs)]
    for n, row in enumerate(rows):
        _add_rows(writer, f"g{n % 2 + 1}", n % 2 + 1, [row], edit=False)  # type: ignore[list-item]
    writer.commit()
    index.reload()
    searcher = index.searcher()
    stats = Statistics(searcher)
    pending = [pending_doc(f"g{n % 2 + 1}", 2 * (n % 2 + 1), row) for n, row in enumerate(rows)]  # type: ignore[arg-type]
    for query in queries:
        result = searcher.search(query.tantivy, len(rows), count=True)
        refs = searcher.fast_field_values("ref", [a for _, a in result.hits])
        found = {qb.unref(int(r or 0))[1]: s for (s, _), r in zip(result.hits, refs, strict=True)}
        try:
            ours = {d.rowid: s for d in pending if (s := score(query, d, stats)) is not None}
        except Unscorable:
            continue
        assert set(ours) == set(found), query.node
        for rowid, value in found.items():
            assert math.isclose(ours[rowid], value, rel_tol=2e-6, abs_tol=1e-6), (query.node, rowid, ours[rowid], value)


@pytest.mark.parametrize("length", [0, 1, 40, 41, 42, 43, 100, 16408, 16409])
def test_field_lengths_are_quantised_as_tantivy_keeps_them(length: int) -> None:
    assert quantised(length) <= length
    assert quantised(quantised(length)) == quantised(length)
