""""Did you mean": correct misspelt query words from the ranking index's own vocabulary.

The index stores stemmed terms ("negotiation" is kept as "negoti"), so a
typed word is first stemmed by the same analyser (``ranking_query.stems``),
then looked up in the library's ranking index (its term dictionary: tantivy's
``terms_with_prefix``, read once per letter and index version). An unknown
word is compared with the indexed terms that share its first letter (a
bounded edit distance, transpositions counting once; those sharing its first
four letters first, then three, two, one); the closest, most frequent one
wins, and it is shown as it is written in the guide ("Khrushchev"), read
from one item that has it.

The work is bounded whatever is typed: at most ``MAX_WORDS`` distinct words
are looked at, words longer than ``MAX_WORD_LENGTH`` are left alone, at most
``MAX_CANDIDATES`` indexed terms of a plausible length are compared with
each word, and the search for corrections stops after ``BUDGET_S`` seconds
(a thousand characters of ``NEAR(`` once took 6.5 s at 100,000 cards).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from studyguide.search.query import Query
from studyguide.store import ranking_query as qb
from studyguide.store.ranking import RankingIndex

#: Most distinct words of one query looked at.
MAX_WORDS = 6
#: Longer words are not corrected (no indexed word is that close to them).
MAX_WORD_LENGTH = 30
#: Most indexed terms compared with one word.
MAX_CANDIDATES = 4000
#: Time after which no further word is corrected.
BUDGET_S = 0.015


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


def _stem(word: str) -> str:
    found = qb.stems(word)
    return found[0] if len(found) == 1 else word


class Speller:
    """Finds corrections for query words in the library's ranking index."""

    def _closest(self, index: RankingIndex, stem: str, prefix: bool,
                 deadline: float) -> tuple[int, int, str] | None:
        """(distance, -documents, term) of the best correction in one index."""
        limit = allowed_distance(stem)
        best: tuple[int, int, str] | None = None
        # Terms of a length some edit (or the stem rule below) can reach, and only so many: those
        # sharing the word's first four letters, then three, two (or the two swapped), one (the most
        # frequent first); a group that holds a close term ends the search (typos start late more often).
        shortest, longest = max(1, len(stem) - 5), len(stem) + (limit + 1 if not prefix else MAX_WORD_LENGTH)
        starts = [stem[:size] for size in (4, 3, 2) if len(stem) > size] + [stem[1::-1], stem[:1]]
        seen: list[str] = []
        count = 0
        for start in dict.fromkeys(starts):
            if best is not None or count >= MAX_CANDIDATES or time.perf_counter() > deadline:
                break
            done = tuple(seen)
            seen.append(start)
            for term, documents in index.vocabulary(start):
                if not shortest <= len(term) <= longest or (done and term.startswith(done)):
                    continue
                count += 1
                if count >= MAX_CANDIDATES or (count % 64 == 63 and time.perf_counter() > deadline):
                    break
                if prefix:  # the typed start with up to ``limit`` letters missing or extra ("kruschev": 2)
                    distance = min(edit_distance(stem, term[:size], limit)
                                   for size in range(len(stem) - limit, len(stem) + limit + 1) if size > 0)
                else:
                    distance = edit_distance(stem, term, limit)
                if distance > limit and 4 <= len(term) < len(stem) <= len(term) + 5:
                    # The index keeps stems: "negotiatoin" is close to "negoti" plus a suffix.
                    distance = edit_distance(stem[:len(term)], term, limit - 1) + 1
                if distance <= limit:
                    candidate = (distance, -documents, term)
                    best = candidate if best is None or candidate < best else best
        return best

    def correct(self, text: str, query: Query, index: RankingIndex, written: Callable[[str], str | None]) -> str | None:
        """``text`` with each unknown word replaced by its closest indexed word.

        Args:
            text: What the user typed.
            query: ``text`` parsed.
            index: The library's ranking index, whose vocabulary is used.
            written: How an indexed term is written in an item that has it (None: no such item).

        Returns:
            The corrected text, or None when every word is known or has no close match.
        """
        typed = list(dict.fromkeys(
            (word, term.prefix and word == term.words[-1])
            for term in query.terms if not term.negated for word in term.words
            if 3 <= len(word) <= MAX_WORD_LENGTH and not any(ch.isdigit() for ch in word)))[:MAX_WORDS]
        if not typed:
            return None
        deadline = time.perf_counter() + BUDGET_S
        corrected = text
        for word, prefix in typed:
            if time.perf_counter() > deadline:
                break
            stem = _stem(word)
            if index.completions(stem, 1) if prefix else index.has_term(stem):
                continue
            found = self._closest(index, stem, prefix, deadline)
            if found is None:
                continue
            shown = written(found[2])
            if shown:
                # A template string: only its backslashes are special.
                corrected = re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])",
                                   shown.replace("\\", "\\\\"), corrected, flags=re.IGNORECASE)
        return None if corrected == text else corrected
