"""Documents not yet committed to the ranking index, matched and scored as tantivy scores them.

A commit of the index on disk costs about 50 ms (docs/authoring.md): an edit's documents are
committed on a thread of their own (``ranking_commit``), and a search that comes first covers
them itself. The disk index's documents of the changed items are left out of its hits (a
``MustNot``), and the items' new documents (a handful) are matched and scored here, in Python,
against the same query: its ``node`` (``ranking_query.Query``) says what it is made of.

Scores use the disk index's own statistics (documents, each term's document count, each
field's average length: ``Statistics``), tantivy's BM25 (k1 1.2, b 0.75, field lengths
quantised to one byte as tantivy does) and its float32 arithmetic. So a pending document
ranks among the disk's hits exactly as tantivy would rank a document of the committed index
with those statistics (``tests/unit/test_ranking_pending.py`` compares the two on random
documents and queries). A query this module cannot score raises ``Unscorable``, and the search
waits for the commit instead: date ranges (``before:``/``after:``), whose score tantivy drops in a
segment where every document is in range, and section prefixes.
"""

from __future__ import annotations

import bisect
import json
import math
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import tantivy

from studyguide.store import ranking_query as qb
from studyguide.store.ranking_query import ANALYSER, SCHEMA, Query
from studyguide.store.search_docs import Doc

K1, B = 1.2, 0.75
_STARTS = "etaoinsrhlcdumpfgwybvkxjqz0123456789"
_ANALYSED = ("text", "title", "section")
#: tantivy's field lengths on one byte (``fieldnorm/code.rs``): exact to 40, then coarser.
_NORMS = (list(range(41)) + [42, 44, 46, 48, 50, 52, 54, 56, 60, 64, 68, 72, 76, 80, 84, 88, 96, 104, 112, 120, 128,
                             136, 144, 152, 168, 184, 200, 216, 232, 248, 264, 280, 312, 344, 376, 408, 440, 472,
                             504, 536, 600, 664, 728, 792, 856, 920, 984, 1048, 1176, 1304, 1432, 1560, 1688, 1816,
                             1944, 2072, 2328, 2584, 2840, 3096, 3352, 3608, 3864, 4120, 4632, 5144, 5656, 6168,
                             6680, 7192, 7704, 8216, 9240, 10264, 11288, 12312, 13336, 14360, 15384, 16408])


def _f32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def quantised(length: int) -> int:
    """A field's length as tantivy keeps it (the largest table value not above it)."""
    if length >= _NORMS[-1]:
        return _NORMS[-1] if length < 18456 else length  # (longer fields: beyond any item here)
    return _NORMS[bisect.bisect_right(_NORMS, length) - 1]


@dataclass(frozen=True, slots=True)
class PendingDoc:
    """One document of a guide's item, as the index will hold it once committed."""

    guide_id: str
    gnum: int
    rowid: int
    kind: str
    item: str
    #: Each field's terms by position (a position tantivy left out, a word over 64 bytes: absent).
    positions: dict[str, dict[int, str]]
    lengths: dict[str, int]
    start: float | None
    end: float | None


def pending_doc(guide_id: str, gnum: int, doc: Doc) -> PendingDoc:
    """``doc`` (``search_docs.documents``) as ``ranking._add_rows`` indexes it (a guide's own row)."""
    key, kind, title, body, item_id, section_id, start, end = doc
    positions = {name: {t.position: t.text for t in ANALYSER.pre_tokenize(text or "").tokens}
                 for name, text in (("title", title), ("body", body))}
    tags = [qb.tag_guide(guide_id), qb.tag_kind(kind), qb.tag_item(item_id)]
    positions["tag"] = dict(enumerate(tags + ([qb.tag_section(section_id)] if section_id else [])))
    return PendingDoc(guide_id, gnum, key, kind, item_id, positions,
                      {name: len(found) for name, found in positions.items()},
                      None if start is None else float(start), None if end is None else float(end))


class Statistics:
    """The BM25 statistics of one searcher of the index (read once each, as asked)."""

    def __init__(self, searcher: tantivy.Searcher, probes: dict[str, str] | None = None) -> None:
        self._searcher = searcher
        self._probes = {} if probes is None else probes  # a word each field held (kept by the index)
        self._docs: int | None = None
        self._averages: dict[str, float] = {}
        self._frequencies: dict[tuple[str, str], int] = {}

    def doc_freq(self, field: str, term: str) -> int:
        key = (field, term)
        if key not in self._frequencies:
            self._frequencies[key] = int(self._searcher.doc_freq(field, term))
        return self._frequencies[key]

    def _explained(self, field: str, terms: Iterable[str]) -> dict[str, float] | None:
        """N (documents, deleted ones too, as tantivy counts them) and the field's average length, as
        tantivy explains a hit of a word the field holds (None: it holds none)."""
        probe = self._probes.get(field)
        term = next((t for t in [*([probe] if probe else []), *terms] if self.doc_freq(field, t)), None)
        for start in _STARTS if term is None else ():  # (a prefix of many words takes long: one letter)
            found = self._searcher.terms_with_prefix(field, start, limit=1)
            if found:
                term = str(found[0][0])
                break
        if term is None:
            return None
        self._probes[field] = term
        query = tantivy.Query.term_query(SCHEMA, field, term)
        hits = self._searcher.search(query, 1, count=False).hits
        if not hits:
            return None
        values: dict[str, float] = {}

        def walk(node: dict[str, object]) -> None:
            text = str(node.get("description", ""))
            if text.startswith(("N,", "avgdl")):
                values[text.split(",")[0]] = float(str(node["value"]))
            for child in node.get("details", []) or []:  # type: ignore[attr-defined]
                walk(child)

        walk(json.loads(query.explain(self._searcher, hits[0][1]).to_json()))
        return values

    def docs(self) -> int | None:
        """Documents in the index, deleted ones not yet merged away included (tantivy's N), as the
        first explanation read (``average``) gave it (None: none read yet)."""
        return self._docs

    def average(self, field: str, terms: Iterable[str]) -> float:
        """The field's average length (0: unknown, as no document holds any of ``terms`` there)."""
        if field not in self._averages:
            found = self._explained(field, terms)
            if not found or "avgdl" not in found or "N" not in found:
                return 0.0
            self._averages[field] = _f32(found["avgdl"])
            self._docs = int(found["N"])
        return self._averages[field]


class Unscorable(Exception):
    """The query has a part this module does not score (the search waits for the commit)."""


def _idf(frequency: int, docs: int) -> float:
    x = _f32(_f32(float(max(docs - frequency, 0)) + 0.5) / _f32(frequency + 0.5))
    return _f32(math.log(_f32(1.0 + x)))


def _bm25(stats: Statistics, field: str, terms: Sequence[str], frequency: int, doc: PendingDoc) -> float:
    average = stats.average(field, [*terms, *doc.positions[field].values()])
    docs = stats.docs()
    if average <= 0 or docs is None:
        raise Unscorable(field)  # none of these words on disk: (rare) the commit is waited for
    if len(terms) == 1:
        idf = _idf(stats.doc_freq(field, terms[0]), docs)
    else:
        idf = 0.0
        for term in terms:
            idf = _f32(idf + _idf(stats.doc_freq(field, term), docs))
    weight = _f32(idf * _f32(1.0 + K1))
    norm = _f32(K1 * _f32(_f32(1.0 - B) + _f32(_f32(B * float(quantised(doc.lengths[field]))) / average)))
    tf = float(frequency)
    return _f32(weight * _f32(tf / _f32(tf + norm)))


def _phrase_count(positions: dict[int, str], words: Sequence[str], *, prefix: bool = False) -> int:
    count = 0
    for start, first in positions.items():
        if first != words[0] and not (prefix and len(words) == 1 and first.startswith(words[0])):
            continue
        ok = True
        for offset, word in enumerate(words[1:], 1):
            found = positions.get(start + offset)
            last = prefix and offset == len(words) - 1
            if found is None or not (found.startswith(word) if last else found == word):
                ok = False
                break
        count += ok
    return count


def score(query: Query, doc: PendingDoc, stats: Statistics) -> float | None:
    """The score tantivy would give ``doc`` for ``query`` with these statistics, or None if it does not match.

    Raises:
        Unscorable: The query has a part not scored here.
    """
    node = query.node
    if node[0] == "all":
        return 1.0
    if node[0] == "bool" and node[1] == (("all",),) and not node[2]:  # all but the must_not
        must_not = node[3]
        assert isinstance(must_not, tuple)
        return None if any(_score(n, doc, stats) is not None for n in must_not) else 1.0
    return _score(node, doc, stats)


def _score(node: tuple[object, ...], doc: PendingDoc, stats: Statistics) -> float | None:
    kind = node[0]
    if kind == "all":  # nested: tantivy drops its score where it matches a whole segment
        raise Unscorable(str(kind))
    if kind == "none":
        return None
    if kind == "term":
        field, value = str(node[1]), str(node[2])
        frequency = sum(1 for t in doc.positions.get(field, {}).values() if t == value)
        return _bm25(stats, field, [value], frequency, doc) if frequency else None
    if kind == "terms":
        field, values = str(node[1]), node[2]
        assert isinstance(values, frozenset)
        return 1.0 if any(t in values for t in doc.positions.get(field, {}).values()) else None
    if kind == "phrase":
        field, words = str(node[1]), list(node[2])  # type: ignore[call-overload]
        frequency = _phrase_count(doc.positions.get(field, {}), words)
        return _bm25(stats, field, words, frequency, doc) if frequency else None
    if kind == "boost":
        inner = _score(node[1], doc, stats)  # type: ignore[arg-type]
        return None if inner is None else _f32(inner * float(node[2]))  # type: ignore[arg-type]
    if kind == "bool":
        must, should, must_not = node[1], node[2], node[3]
        assert isinstance(must, tuple) and isinstance(should, tuple) and isinstance(must_not, tuple)
        if any(_score(n, doc, stats) is not None for n in must_not):
            return None
        total = 0.0
        for n in must:
            found = _score(n, doc, stats)
            if found is None:
                return None
            total = _f32(total + found)
        matched = False
        for n in should:
            found = _score(n, doc, stats)
            if found is not None:
                matched = True
                total = _f32(total + found)
        return total if (must or matched) else None
    raise Unscorable(str(kind))
