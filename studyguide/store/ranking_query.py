"""The ranking index's documents and queries: its fields, its analyser, and query builders.

``studyguide.search`` composes queries from these builders; it never asks tantivy to parse
text, so no input can be read as query syntax. See ``store.ranking`` for the index itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import tantivy

#: How much more a word in a title weighs than the same word in a body (FTS5's weights were 8 to 1).
TITLE_BOOST = 2.0
ANALYSER_NAME = "studyguide"


class Query:
    """A query of the ranking index: tantivy's own, and the builder's description of it
    (``node``), by which ``ranking_pending`` matches and scores documents not yet committed."""

    __slots__ = ("node", "tantivy")

    def __init__(self, query: tantivy.Query, node: tuple[object, ...]) -> None:
        self.tantivy, self.node = query, node


def _analyser(stem: bool = True) -> tantivy.TextAnalyzer:
    # As FTS5's porter unicode61 remove_diacritics: words of letters and digits, folded, stemmed.
    builder = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(64))
               .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()))
    return (builder.filter(tantivy.Filter.stemmer("english")) if stem else builder).build()


def _schema() -> tantivy.Schema:
    # Few stored bytes: what a hit needs comes back from fast fields (its guide's number and its
    # FTS5 rowid); ``item`` is indexed only, to find an item's document (edits, filters).
    builder = tantivy.SchemaBuilder()
    for name in ("guide", "kind", "origin", "item"):
        builder.add_text_field(name, tokenizer_name="raw")
    builder.add_unsigned_field("rowid", indexed=True, fast=True)
    builder.add_unsigned_field("gnum", fast=True)
    builder.add_text_field("text", tokenizer_name=ANALYSER_NAME)
    builder.add_text_field("title", tokenizer_name=ANALYSER_NAME)
    builder.add_text_field("section", tokenizer_name=ANALYSER_NAME)
    builder.add_float_field("start", indexed=True, fast=True)
    builder.add_float_field("end", indexed=True, fast=True)
    return builder.build()


SCHEMA = _schema()
ANALYSER = _analyser()
FOLDER = _analyser(stem=False)


def items(guide_id: str, kind: str, item_ids: Iterable[str], *, edits: bool | None = None) -> Query:
    """The documents of these items of one guide (``edits``: only the learner's edits, or only
    the guide's own rows; None: both)."""
    must = [term("guide", guide_id), term("kind", kind), terms("item", item_ids)]
    if edits is not None:
        must.append(term("origin", "e" if edits else "g"))
    return combine(must=must)


def stems(text: str) -> list[str]:
    """The terms the index holds for ``text`` (folded, stemmed), in order."""
    return list(ANALYSER.analyze(text))


def folded(text: str) -> list[str]:
    """The words of ``text`` folded as the index folds them, not stemmed (a prefix being typed)."""
    return list(FOLDER.analyze(text))


# Query builders (search/ composes them; it never parses text with tantivy) -----------

def term(field: str, value: str) -> Query:
    return Query(tantivy.Query.term_query(SCHEMA, field, value), ("term", field, value))


def terms(field: str, values: Iterable[str]) -> Query:
    values = list(values)
    return Query(tantivy.Query.term_set_query(SCHEMA, field, values), ("terms", field, frozenset(values)))


def phrase(field: str, words: Sequence[str]) -> Query:
    if len(words) == 1:
        return term(field, words[0])
    return Query(tantivy.Query.phrase_query(SCHEMA, field, list(words)), ("phrase", field, tuple(words)))


def phrase_prefix(field: str, words: Sequence[str]) -> Query:
    return Query(tantivy.Query.phrase_prefix_query(SCHEMA, field, list(words)), ("prefix", field, tuple(words)))


def boost(query: Query, by: float) -> Query:
    return Query(tantivy.Query.boost_query(query.tantivy, by), ("boost", query.node, by))


def below(field: str, value: float) -> Query:
    return Query(tantivy.Query.range_query(SCHEMA, field, tantivy.FieldType.Float, None, value, include_upper=False),
                 ("below", field, value))


def above(field: str, value: float) -> Query:
    return Query(tantivy.Query.range_query(SCHEMA, field, tantivy.FieldType.Float, value, None, include_lower=False),
                 ("above", field, value))


def combine(must: Sequence[Query] = (), should: Sequence[Query] = (), must_not: Sequence[Query] = ()) -> Query:
    """All of ``must``, none of ``must_not``; ``should`` adds to the score (or, alone, one must match)."""
    must = list(must)
    if not must and not should:
        must.append(Query(tantivy.Query.all_query(), ("all",)))
    clauses = ([(tantivy.Occur.Must, q.tantivy) for q in must] + [(tantivy.Occur.Should, q.tantivy) for q in should]
               + [(tantivy.Occur.MustNot, q.tantivy) for q in must_not])
    return Query(tantivy.Query.boolean_query(clauses), ("bool", tuple(q.node for q in must),
                                                        tuple(q.node for q in should), tuple(q.node for q in must_not)))


def nothing() -> Query:
    return Query(tantivy.Query.empty_query(), ("none",))
