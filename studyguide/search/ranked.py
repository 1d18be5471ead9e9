"""A parsed query as a query of the library's ranking index (``store.ranking``).

Words must be in an item's title or body (each field scored by bm25 on its own, the
title's score boosted: each text is indexed once); a phrase is a phrase in one of them; a
word typed as a prefix stands for itself and the ``MAX_EXPANSION`` indexed terms it
starts that are found in most items (or, when it starts none, for the indexed stems
it starts with: "negotia" for "negoti"). Filters become conditions on the
document's fields, or sets of documents found in SQLite (tags, card states).
Nothing here parses text with tantivy: any input is safe.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from studyguide.search.query import Query, Term
from studyguide.store import ranking_query as qb
from studyguide.store.ranking import RankingIndex

#: Most indexed terms a prefix being typed stands for (the most frequent ones).
MAX_EXPANSION = 20
#: A typed prefix also stands for the indexed stems it starts with, down to this many letters shorter.
_SHORTER = 5


#: Items of the library: (guide id, kind, item ids) groups.
Items = tuple[tuple[str, str, tuple[str, ...]], ...]
#: The ids of a guide's sections from their documents' keys (``search_docs.section_ids`` on its database).
SectionIds = Callable[[str, Sequence[int]], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Restrictions:
    """What the engine found in SQLite for the query's filters: documents kept or left out.

    ``guides`` None means every guide; ``kept``: only items in each of these sets (one per tag
    or card-state filter); ``excluded``: the guides' own rows of these items never match (the
    learner's edits of them do); ``left_out``: these items never match.
    """

    guides: tuple[str, ...] | None = None
    kept: tuple[Items, ...] = ()
    excluded: Items = ()
    left_out: Items = field(default_factory=tuple)


def _scored(field_terms: Sequence[str]) -> qb.Query:
    """Words (a phrase when several) in the title or the body, the title's score boosted."""
    return qb.words(field_terms, qb.TITLE_BOOST)


def expansion(index: RankingIndex, word: str) -> list[str]:
    """The indexed terms a word typed as a prefix stands for, besides its own stem."""
    typed = qb.folded(word)
    if len(typed) != 1:
        return []
    prefix = typed[0]
    found = index.completions(prefix, MAX_EXPANSION)
    if found:
        return found
    shorter = [prefix[:n] for n in range(len(prefix) - 1, max(len(prefix) - _SHORTER, 2) - 1, -1)]
    return [stem for stem in shorter if index.has_term(stem)][:1]


def _term(index: RankingIndex, term: Term, prefixes: bool, expanded: dict[str, list[str]]) -> qb.Query | None:
    """One term's query, or None when it has no indexed word (it can match nothing)."""
    words = qb.stems(" ".join(term.words))
    if not words:
        return None
    if not (prefixes and term.prefix and len(term.words) == 1 and len(words) == 1):
        return _scored(words)
    word = term.words[0]
    if word not in expanded:
        expanded[word] = expansion(index, word)
    alternatives = list(dict.fromkeys([words[0], *expanded[word]]))
    return qb.combine(should=[_scored([t]) for t in alternatives])


def _in_sections(index: RankingIndex, words: Sequence[str], section_ids: SectionIds) -> qb.Query:
    """The documents of the sections whose title has these words, the last one as a prefix: the sections
    found by their own documents, then every item tagged with their ids."""
    found = index.keys(qb.combine(must=[qb.kinds(["section"]), qb.phrase_prefix("title", words)]))
    parts = [qb.in_sections(guide_id, ids) for guide_id, keys in found.items() if (ids := section_ids(guide_id, keys))]
    return qb.combine(should=parts) if parts else qb.nothing()


def build(index: RankingIndex, query: Query, restrictions: Restrictions, *, prefixes: bool, section_ids: SectionIds,
          expanded: dict[str, list[str]] | None = None) -> qb.Query | None:
    """The ranking query for ``query`` (with prefixes expanded when ``prefixes``), or None if nothing can match.
    ``section_ids``: what a ``section:`` filter needs of each guide's database.
    ``expanded``: each prefix's expansion (``expansion``), filled as they are found (read again by the caller)."""
    expanded = {} if expanded is None else expanded
    must: list[qb.Query] = []
    must_not: list[qb.Query] = []
    group: list[qb.Query] = []
    open_group = False
    for term in query.terms:
        if term.negated:
            words = qb.stems(" ".join(term.words))
            if words:
                must_not.append(qb.words(words))
            continue
        built = _term(index, term, prefixes, expanded)
        if built is not None:
            group.append(built)
        open_group = term.or_next
        if not open_group:
            if not group:
                return None  # a word that can match nothing, ANDed
            must.append(group[0] if len(group) == 1 else qb.combine(should=group))
            group = []
    if group:
        must.append(group[0] if len(group) == 1 else qb.combine(should=group))
    filters = query.filters
    wanted = filters.wanted_kinds()
    if "none" in wanted:
        return None
    if wanted:
        must.append(qb.kinds(wanted))
    if filters.not_kinds:
        must_not.append(qb.kinds(filters.not_kinds))
    for name in filters.sections:
        words = qb.stems(" ".join(name))
        if not words:
            return None
        must.append(_in_sections(index, words, section_ids))
    for name in filters.not_sections:
        words = qb.stems(" ".join(name))
        if words:
            must_not.append(_in_sections(index, words, section_ids))
    if filters.before is not None:
        must.append(qb.below("start", float(filters.before)))
    if filters.after is not None:
        must.append(qb.above("end", float(filters.after + 1)))
    if restrictions.guides is not None:
        if not restrictions.guides:
            return None
        must.append(qb.guides(restrictions.guides))
    for kept in restrictions.kept:
        if not kept:
            return None
        must.append(qb.combine(should=[qb.items(g, k, ids) for g, k, ids in kept]))
    must_not += [qb.items(g, k, ids, edits=False) for g, k, ids in restrictions.excluded]
    must_not += [qb.items(g, k, ids) for g, k, ids in restrictions.left_out]
    has_words = any(not t.negated for t in query.terms)
    if not must or (not has_words and not filters.narrows_items):
        return None
    return qb.combine(must=must, must_not=must_not)
