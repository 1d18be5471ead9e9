"""The index's own terms: stemming words as the index does, and expanding a prefix.

The search index stores Porter stems ("milchkaffee" is kept as "milchkaffe",
"negotiation" as "negoti"), and FTS5 stems every word of a query again. So a
stored stem cannot simply be quoted back into a query: "milchkaffe" would be
stemmed to "milchkaff" and miss. ``Stemmer`` runs the index's tokenizer (a
throwaway FTS5 table in the connection's temporary schema; the guide itself
stays read-only), and ``expand_prefix`` turns each stored term into an
expression that matches it: the term quoted when it is its own stem, else the
term as a prefix (its stem is then a prefix of it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlite_utils

from studyguide.search.query import MIN_PREFIX
from studyguide.store.schema import SEARCH_TERMS, SEARCH_TOKENIZER

_STEMMER = "temp.search_stemmer"
_STEMS = "temp.search_stemmer_terms"
#: Most indexed terms a prefix being typed stands for (the most frequent ones).
MAX_EXPANSION = 20
#: Stems remembered per connection.
_CACHE = 20_000


def fold(word: str) -> str:
    """A word as the index's tokenizer folds it (case and diacritics)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


class Stemmer:
    """Stems words with the search index's tokenizer, on one connection's temporary schema.

    Use it on the thread that owns the connection.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._ready = False
        self._known: dict[str, str] = {}

    def stems(self, words: Sequence[str]) -> list[str]:
        """Each word as the index stores it (folded, stemmed); a word with no token stays itself."""
        missing = list(dict.fromkeys(w for w in words if w not in self._known))
        if missing:
            conn = self._db.conn
            if not self._ready:
                conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_STEMMER} "
                             f"USING fts5(word, tokenize='{SEARCH_TOKENIZER}')")
                conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_STEMS} "
                             f"USING fts5vocab(temp, search_stemmer, 'instance')")
                self._ready = True
            try:
                conn.executemany(f"INSERT INTO {_STEMMER} (rowid, word) VALUES (?, ?)", enumerate(missing))
                stems: dict[int, str] = {}
                for doc, term in conn.execute(f"SELECT doc, term FROM {_STEMS} ORDER BY doc, offset"):
                    stems.setdefault(doc, term)
            finally:
                conn.execute(f"DELETE FROM {_STEMMER}")
                conn.commit()
            if len(self._known) > _CACHE:
                self._known.clear()
            self._known.update((word, stems.get(n, word)) for n, word in enumerate(missing))
        return [self._known[w] for w in words]


def matching(term: str, stem: str) -> str | None:
    """An FTS5 expression matching the stored term ``term`` (whose own stem is ``stem``), or None."""
    if "\x00" in term:
        return None  # ends the expression early in SQLite's C string (no tokenizer keeps one)
    if stem == term:
        return '"' + term.replace('"', '""') + '"'
    if term.startswith(stem) and len(stem) >= MIN_PREFIX:
        return '"' + term.replace('"', '""') + '"*'
    return None


def has_vocabulary(db: sqlite_utils.Database) -> bool:
    """True when the guide has a vocabulary table (guides built before it have none)."""
    return bool(db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (SEARCH_TERMS,)).fetchone())


def expand_prefix(db: sqlite_utils.Database, stemmer: Stemmer, word: str) -> tuple[str, ...]:
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
    completions = [row[0] for row in db.execute(
        f"SELECT term FROM [{SEARCH_TERMS}] WHERE term >= ? AND term < ? ORDER BY docs DESC LIMIT ?",
        (folded, folded + "\U0010ffff", MAX_EXPANSION))]
    (own,) = stemmer.stems([folded])
    terms = [t for t in completions if t != own]
    if not completions and not db.execute(f"SELECT 1 FROM [{SEARCH_TERMS}] WHERE term = ?", (own,)).fetchone():
        terms = [row[0] for size in range(max(MIN_PREFIX + 1, len(folded) - 5), len(folded))
                 for row in db.execute(f"SELECT term FROM [{SEARCH_TERMS}] WHERE term = ?", (folded[:size],))]
    expressions = [matching(term, stem) for term, stem in zip(terms, stemmer.stems(terms), strict=True)]
    return tuple(dict.fromkeys(e for e in expressions if e is not None))
