""""Did you mean": correct misspelt query words from the search index's own vocabulary.

The index stores stemmed terms ("negotiation" is kept as "negoti"), so a
typed word is first stemmed by the same tokenizer (a throwaway FTS5 table in
the connection's temporary schema; the guide itself stays read-only), then
looked up in the guide's vocabulary table (``search_terms``, copied from
``fts5vocab`` at build time; an older guide gets an ``fts5vocab`` view). An
unknown word is compared with the indexed terms that share its first letter
(a bounded edit distance,
transpositions counting once); the closest, most frequent one wins, and it
is shown as it is written in the guide ("Khrushchev"), read from the
highlight of one item that has it.

The work is bounded whatever is typed: at most ``MAX_WORDS`` distinct words
are looked at, words longer than ``MAX_WORD_LENGTH`` are left alone, at most
``MAX_CANDIDATES`` indexed terms of a plausible length are compared with
each word, and the search for corrections stops after ``BUDGET_S`` seconds
(a thousand characters of ``NEAR(`` once took 6.5 s at 100,000 cards).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from studyguide.search.query import TEXT_COLUMNS, Query
from studyguide.store.search_index import SearchIndexReader

#: Most distinct words of one query looked at.
MAX_WORDS = 6
#: Longer words are not corrected (no indexed word is that close to them).
MAX_WORD_LENGTH = 30
#: Most indexed terms compared with one word.
MAX_CANDIDATES = 4000
#: Time after which no further word is corrected.
BUDGET_S = 0.015
_MARKED = re.compile("\x02([^\x03]+)\x03")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance between ``a`` and ``b``, capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def allowed_distance(word: str) -> int:
    """How many edits a correction of ``word`` may make (more for longer words)."""
    return 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3


class Speller:
    """Finds corrections for query words in the guides' search indexes.

    It adds throwaway tables to each connection's temporary schema, so use it
    on the thread that owns the connections.
    """

    def _closest(self, index: SearchIndexReader, stem: str, prefix: bool,
                 deadline: float) -> tuple[int, int, str] | None:
        """(distance, -documents, term) of the best correction in one index."""
        limit = allowed_distance(stem)
        best: tuple[int, int, str] | None = None
        first = stem[0]
        # Terms of a length some edit (or the stem rule below) can reach, and only so many.
        rows = index.terms_from(first, max(1, len(stem) - 5),
                                len(stem) + (limit + 1 if not prefix else MAX_WORD_LENGTH), MAX_CANDIDATES)
        for count, (term, documents) in enumerate(rows):
            if count % 64 == 63 and time.perf_counter() > deadline:
                break
            if prefix:
                distance = min(edit_distance(stem, term[:size], limit)
                               for size in (len(stem) - 1, len(stem), len(stem) + 1) if size > 0)
            else:
                distance = edit_distance(stem, term, limit)
            if distance > limit and 4 <= len(term) < len(stem) <= len(term) + 5:
                # The index keeps stems: "negotiatoin" is close to "negoti" plus a suffix.
                distance = edit_distance(stem[:len(term)], term, limit - 1) + 1
            if distance <= limit:
                candidate = (distance, -documents, term)
                best = candidate if best is None or candidate < best else best
        return best

    @staticmethod
    def _written(index: SearchIndexReader, term: str) -> str | None:
        """How ``term`` is written in the guide, read from one item that has it."""
        # A stem quoted in a query is stemmed again ("negoti" -> "negot"); the prefix
        # form still finds the items that have the term.
        for expression in (f'{TEXT_COLUMNS} : "{term}"', f'{TEXT_COLUMNS} : "{term}"*'):
            text = index.highlighted(expression, "\x02", "\x03")
            found = _MARKED.search(text) if text else None
            if found:
                return found.group(1)
        return None

    def correct(self, text: str, query: Query, databases: Sequence[SearchIndexReader]) -> str | None:
        """``text`` with each unknown word replaced by its closest indexed word.

        Args:
            text: What the user typed.
            query: ``text`` parsed.
            databases: The guides to take the vocabulary from.

        Returns:
            The corrected text, or None when every word is known or has no close match.
        """
        typed = list(dict.fromkeys(
            (word, term.prefix and word == term.words[-1])
            for term in query.terms if not term.negated for word in term.words
            if 3 <= len(word) <= MAX_WORD_LENGTH and not any(ch.isdigit() for ch in word)))[:MAX_WORDS]
        if not typed or not databases:
            return None
        deadline = time.perf_counter() + BUDGET_S
        stems_per_db = [db.stems([word for word, _ in typed]) for db in databases]
        corrected = text
        for position, (word, prefix) in enumerate(typed):
            if time.perf_counter() > deadline:
                break
            if any(db.knows(stems[position], prefix) for db, stems in zip(databases, stems_per_db, strict=True)):
                continue
            options = [(found, db) for db, stems in zip(databases, stems_per_db, strict=True)
                       if (found := self._closest(db, stems[position], prefix, deadline))]
            if not options:
                continue
            (_, _, term), db = min(options, key=lambda option: option[0])
            written = self._written(db, term)
            if written:
                # A template string: only its backslashes are special.
                corrected = re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])",
                                   written.replace("\\", "\\\\"), corrected, flags=re.IGNORECASE)
        return None if corrected == text else corrected
