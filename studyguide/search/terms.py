"""The index's own terms: stemming words as the index does, and expanding a prefix.

The search index stores Porter stems ("milchkaffee" is kept as "milchkaffe",
"negotiation" as "negoti"), and FTS5 stems every word of a query again. So a
stored stem cannot simply be quoted back into a query: "milchkaffe" would be
stemmed to "milchkaff" and miss. ``Stemmer`` runs the index's tokenizer (a
throwaway FTS5 table in the connection's temporary schema; the guide itself
stays read-only; it lives in ``studyguide.store.search_index``), and ``expand_prefix`` turns each stored term into an
expression that matches it: the term quoted when it is its own stem, else the
term as a prefix (its stem is then a prefix of it).
"""

from __future__ import annotations

import unicodedata

from studyguide.search.query import MIN_PREFIX
from studyguide.store.search_index import SearchIndexReader, Stemmer

__all__ = ["MAX_EXPANSION", "Stemmer", "expand_prefix", "fold", "matching"]

#: Most indexed terms a prefix being typed stands for (the most frequent ones).
MAX_EXPANSION = 20


def fold(word: str) -> str:
    """A word as the index's tokenizer folds it (case and diacritics)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def matching(term: str, stem: str) -> str | None:
    """An FTS5 expression matching the stored term ``term`` (whose own stem is ``stem``), or None."""
    if "\x00" in term:
        return None  # ends the expression early in SQLite's C string (no tokenizer keeps one)
    if stem == term:
        return '"' + term.replace('"', '""') + '"'
    if term.startswith(stem) and len(stem) >= MIN_PREFIX:
        return '"' + term.replace('"', '""') + '"*'
    return None


def expand_prefix(index: SearchIndexReader, word: str) -> tuple[str, ...]:
    """FTS5 expressions for the indexed terms a prefix being typed stands for (besides itself).

    FTS5 reads ``"mis"*`` by merging every term it covers before returning a
    row (110 ms when one of them is in 40% of 100,000 items). So a prefix
    becomes an OR of the ``MAX_EXPANSION`` most frequent terms it starts,
    read from the guide's vocabulary table; rarer completions are left out
    until another letter narrows it. The word itself is always matched too
    (by the caller), as a complete word. When the word is no indexed word's
    stem and starts none, it may have run past a stem ("negotia" is stored as
    "negoti"): then the stems it starts with, at most five letters shorter,
    stand for it. A word that is a complete indexed word never stands for
    shorter ones ("blockade" is not "block").
    """
    folded = fold(word)
    completions = index.completions(folded, MAX_EXPANSION)
    (own,) = index.stems([folded])
    terms = [t for t in completions if t != own]
    if not completions and not index.is_term(own):
        terms = [folded[:size] for size in range(max(MIN_PREFIX + 1, len(folded) - 5), len(folded))
                 if index.is_term(folded[:size])]
    expressions = [matching(term, stem) for term, stem in zip(terms, index.stems(terms), strict=True)]
    return tuple(dict.fromkeys(e for e in expressions if e is not None))
