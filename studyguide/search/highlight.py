"""Highlights and snippets of the hits shown, made in Python from each item's text.

The ranking index (``store.ranking``) finds the hits; what a hit shows is its stored text with
the query's words marked, as the index's own analyser (``ranking_query.stems``: folded,
Snowball-stemmed) reads them: "negotiations" is marked for ``negotiate``, a phrase only where
its words follow each other, a word typed as a prefix wherever a word starts with it (or has
one of the stems it stands for). No full-text table is needed.

Stemming every word of 20 long sections costs about a millisecond, so only the words that can
match are stemmed: a word starts with its Snowball stem but for the stem's last letter (save the
five-letter words in "ying", "dying" and "vying", which become "die" and "vie";
``tests/unit/test_highlight.py`` checks the rule), so in ASCII text a regular expression finds
the words that start as a query stem starts, and only those are stemmed (each distinct word
once, remembered). Other text is read by the analyser itself, with its offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from studyguide.search.query import Query
from studyguide.store import ranking_query as qb

#: Words in a snippet, as FTS5's ``snippet(..., 14)`` made them.
SNIPPET_WORDS = 14
ELLIPSIS = "\u2026"
#: Stems remembered (word -> stem), for the whole process.
_CACHE_LIMIT = 200_000
_cache: dict[str, str] = {}
#: Tokens this long are dropped by the analyser (``Filter.remove_long(64)``): never a match.
_LONGEST = 63
_WORD = re.compile(r"[^\W_]+")
#: Characters of text looked at either side of a snippet's hits for its words.
_AROUND = 200
#: About how many characters 14 words take (choosing the stretch with most hits).
_WINDOW_CHARS = SNIPPET_WORDS * 7

#: (start, end) of a marked stretch of text.
Span = tuple[int, int]


def stems_of(words: Sequence[str]) -> list[str]:
    """The index's stem of each word (lowercase ASCII letters and digits, one word each)."""
    missing = [w for w in dict.fromkeys(words) if w not in _cache]
    if missing:
        found = qb.stems(" ".join(missing))
        if len(found) != len(missing):  # cannot happen for such words; stay right if it does
            found = [next(iter(qb.stems(w)), "") for w in missing]
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        _cache.update(zip(missing, found, strict=True))
    return [_cache[w] for w in words]


@dataclass(frozen=True)
class Marker:
    """What to mark in a hit's text: the query's positive terms, as stems.

    Attributes:
        phrases: Each term's stems (several: a phrase).
        prefixes: Words typed as prefixes, folded: a word starting with one is marked.
    """

    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()
    _singles: frozenset[str] = field(init=False, repr=False, compare=False)
    _long: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        singles = frozenset(p[0] for p in self.phrases if len(p) == 1)
        stems = {s for p in self.phrases for s in p if s}
        starts = {_start(s) for s in stems} | {p for p in self.prefixes if p}
        starts |= {s[0] + "y" for s in stems if len(s) == 3 and s.endswith("ie")}  # "vying" -> "vie"
        ascii_starts = sorted((s for s in starts if s.isascii()), key=len, reverse=True)
        pattern = re.compile("(?:" + "|".join(map(re.escape, ascii_starts)) + ")[a-z0-9]*") if ascii_starts else None
        object.__setattr__(self, "_singles", singles)
        object.__setattr__(self, "_long", tuple(p for p in self.phrases if len(p) > 1))
        object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def of(cls, query: Query, expansions: Mapping[str, Iterable[str]] | None = None) -> Marker:
        """The marker of a query's positive terms; ``expansions``: the indexed stems a word typed
        as a prefix stands for (``ranked.expansion``), by the word."""
        phrases: list[tuple[str, ...]] = []
        prefixes: list[str] = []
        for term in query.terms:
            if term.negated:
                continue
            words = tuple(qb.stems(" ".join(term.words)))
            if words:
                phrases.append(words)
            if term.prefix and len(term.words) == 1:
                prefixes += qb.folded(term.words[0])[:1]
                phrases += [(stem,) for stem in (expansions or {}).get(term.words[0], ())]
        return cls(phrases=tuple(dict.fromkeys(phrases)), prefixes=tuple(dict.fromkeys(prefixes)))

    def spans(self, text: str, *, every_word: bool = False) -> list[Span]:
        """The stretches of ``text`` to mark, in order (a phrase's words as one).

        ``every_word``: have the analyser stem every word (what the fast path for ASCII text
        is checked against)."""
        if not self.phrases and not self.prefixes:
            return []
        if text.isascii() and not every_word:
            words = self._ascii_words(text)
        else:
            words = [(t.char_offset_from, t.char_offset_to, t.text, t.position)
                     for t in qb.ANALYSER.pre_tokenize(text).tokens]
        found: list[Span] = []
        for n, (start, end, stem, _) in enumerate(words):
            if stem in self._singles or (self.prefixes and self._starts(text[start:end])):
                found.append((start, end))
            for phrase in self._long:
                if stem == phrase[0] and n + len(phrase) <= len(words) and all(
                        words[n + k][2] == phrase[k] and words[n + k][3] == words[n][3] + k
                        for k in range(1, len(phrase))):
                    found.append((start, words[n + len(phrase) - 1][1]))
        return _merged(found)

    def _starts(self, word: str) -> bool:
        folded = word.lower() if word.isascii() else "".join(qb.folded(word))
        return folded.startswith(self.prefixes)

    def _ascii_words(self, text: str) -> list[tuple[int, int, str, int]]:
        """(start, end, stem, position) of the words of ASCII ``text`` that may match; the position
        counts words, so that two words are adjacent when nothing but separators lies between."""
        if self._pattern is None:
            return []
        lowered = text.lower()
        spans = [(m.start(), m.end()) for m in self._pattern.finditer(lowered)
                 if (m.start() == 0 or not lowered[m.start() - 1].isalnum()) and m.end() - m.start() <= _LONGEST]
        stems = stems_of([lowered[s:e] for s, e in spans])
        out: list[tuple[int, int, str, int]] = []
        position = 0
        for (start, end), stem in zip(spans, stems, strict=True):
            if out and _WORD.search(lowered, out[-1][1], start) is not None:
                position += 2  # some other word between: not adjacent
            elif out:
                position += 1
            out.append((start, end, stem, position))
        return out

    def mark(self, text: str, start: str, end: str) -> str:
        """``text`` with the query's words between ``start`` and ``end``."""
        return _marked(text, self.spans(text), 0, len(text), start, end)

    def snippet(self, text: str, start: str, end: str, *, size: int = SNIPPET_WORDS) -> str:
        """About ``size`` words of ``text`` around its best stretch of matches, marked (the
        stretch with most distinct matched words, then most matches), with an ellipsis where
        text is left out; without a match, its first words."""
        spans = self.spans(text)
        if not spans:
            return _window(text, 0, 0, size, [], start, end)
        best, best_score = spans[0], (-1, -1)
        terms: dict[str, tuple[str, ...]] = {}  # each marked stretch as the index reads it ("days": "day")
        for start_, end_ in spans:
            word = text[start_:end_].lower()
            if word not in terms:
                terms[word] = tuple(qb.stems(word))
        for n, first in enumerate(spans):
            inside = [s for s in spans[n:] if s[1] - first[0] <= _WINDOW_CHARS]
            score = (len({terms[text[s:e].lower()] for s, e in inside}), len(inside))
            if score > best_score:
                best, best_score = (first[0], inside[-1][1]), score
        return _window(text, best[0], best[1], size, spans, start, end)


def _start(stem: str) -> str:
    """What every word with this stem starts with (but the "?ying" words: see the module)."""
    return stem[:max(1, len(stem) - 1)]


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _marked(text: str, spans: Sequence[Span], low: int, high: int, start: str, end: str) -> str:
    parts, at = [], low
    for s, e in spans:
        if s < low or e > high:
            continue
        parts += [text[at:s], start, text[s:e], end]
        at = e
    parts.append(text[at:high])
    return "".join(parts)


def _window(text: str, first: int, last: int, size: int, spans: Sequence[Span], start: str, end: str) -> str:
    """``size`` words of ``text`` centred on the characters ``first`` to ``last``, marked."""
    low = max(0, first - _AROUND)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, low, min(len(text), last + _AROUND))]
    if words and low > 0 and text[low - 1].isalnum():
        words = words[1:]  # cut in half by the look-around
    if not words:
        return text[:last] if last else text
    inside = [n for n, (s, e) in enumerate(words) if s >= first and e <= last] or [0]
    extra = max(size - (inside[-1] - inside[0] + 1), 0)
    begin = max(0, min(inside[0] - extra // 2, len(words) - size))
    stop = min(len(words), begin + size)
    low_char = words[begin][0] if _WORD.search(text, 0, words[begin][0]) else 0
    high_char = words[stop - 1][1] if _WORD.search(text, words[stop - 1][1]) else len(text)
    body = _marked(text, spans, low_char, high_char, start, end)
    return (ELLIPSIS if low_char else "") + body + (ELLIPSIS if high_char < len(text) else "")
