"""The ranking index's documents and queries: its fields, its analyser, and query builders.

``studyguide.search`` composes queries from these builders; it never asks tantivy to parse
text, so no input can be read as query syntax. See ``store.ranking`` for the index itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import tantivy

#: How much more a word in a title weighs than the same word in a body (FTS5's weights were 8 to 1). The
#: title is no longer in the body's field too (layout 4), so 3 keeps a title word's weight near what it was.
TITLE_BOOST = 3.0
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
    # Each piece of text indexed once (issue 18: every indexed field costs the import): an item's
    # title in ``title``, the rest of it in ``body``; a word is searched in both, the title's
    # score boosted. The keys a filter or a delete needs are tokens of one raw field, ``tag``
    # (``tag_*``), with no frequencies or positions; what a hit needs comes back from one fast
    # field, ``ref`` (``ref``/``unref``). Nothing is stored: SQLite has the text.
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("tag", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("ref", fast=True)
    builder.add_text_field("title", tokenizer_name=ANALYSER_NAME)
    builder.add_text_field("body", tokenizer_name=ANALYSER_NAME)
    builder.add_float_field("start", indexed=True, fast=True)
    builder.add_float_field("end", indexed=True, fast=True)
    return builder.build()


#: The fields a word is searched in (each scored by bm25 on its own; the title's boosted).
WORD_FIELDS = ("title", "body")
#: A document's ``ref``: its guide's number (twice it, plus one for a learner's edit) above these bits, its key below.
_KEY_BITS = 40


def ref(gnum: int, key: int) -> int:
    return (gnum << _KEY_BITS) | key


def unref(value: int) -> tuple[int, int]:
    """(gnum, key) of a ``ref``."""
    return value >> _KEY_BITS, value & ((1 << _KEY_BITS) - 1)


def tag_guide(guide_id: str) -> str:
    return f"g:{guide_id}"


def tag_kind(kind: str) -> str:
    return f"k:{kind}"


def tag_item(item_id: str) -> str:
    return f"i:{item_id}"


def tag_section(section_id: str) -> str:
    """The tag of a section's items (the section's own document has it too)."""
    return f"s:{section_id}"


#: The tag of a learner's edit (a guide's own rows have none).
TAG_EDIT = "o:e"


SCHEMA = _schema()
ANALYSER = _analyser()
FOLDER = _analyser(stem=False)


def items(guide_id: str, kind: str, item_ids: Iterable[str], *, edits: bool | None = None) -> Query:
    """The documents of these items of one guide (``edits``: only the learner's edits, or only
    the guide's own rows; None: both)."""
    must = [term("tag", tag_guide(guide_id)), term("tag", tag_kind(kind)), terms("tag", map(tag_item, item_ids))]
    if edits:
        must.append(term("tag", TAG_EDIT))
    return combine(must=must, must_not=[term("tag", TAG_EDIT)] if edits is False else ())


def kinds(values: Iterable[str]) -> Query:
    return terms("tag", map(tag_kind, values))


def guides(values: Iterable[str]) -> Query:
    return terms("tag", map(tag_guide, values))


def in_sections(guide_id: str, section_ids: Iterable[str]) -> Query:
    """The documents of these sections of one guide (the sections' own, their cards', their events')."""
    return combine(must=[term("tag", tag_guide(guide_id)), terms("tag", map(tag_section, section_ids))])


def words(field_terms: Sequence[str], title_boost: float | None = None) -> Query:
    """Documents with these words (a phrase when several) in their title or body; with
    ``title_boost``, the title's score is multiplied by it (scored in each field apart)."""
    title = phrase("title", field_terms)
    return combine(should=[phrase("body", field_terms), title if title_boost is None else boost(title, title_boost)])


def stems(text: str) -> list[str]:
    """The terms the index holds for ``text`` (folded, stemmed), in order."""
    return list(ANALYSER.analyze(text))


def folded(text: str) -> list[str]:
    """The words of ``text`` folded as the index folds them, not stemmed (a prefix being typed)."""
    return list(FOLDER.analyze(text))


def prefixed_terms(searcher: tantivy.Searcher, prefix: str, limit: int | None) -> list[tuple[str, int]]:
    """(term, documents) of the indexed words starting with ``prefix`` in titles and bodies (documents
    summed: a word in both an item's title and body counts twice), most frequent first; ``limit``
    per field."""
    counts: dict[str, int] = {}
    for field in WORD_FIELDS:
        found = (searcher.terms_with_prefix(field, prefix) if limit is None
                 else searcher.terms_with_prefix(field, prefix, limit=limit))
        for value, count in found:
            counts[str(value)] = counts.get(str(value), 0) + int(count)
    return sorted(counts.items(), key=lambda item: -item[1])


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
