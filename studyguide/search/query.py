"""Turn anything a user types into a safe FTS5 query; never raise on input.

The small language: words are ANDed, ``"a phrase"``, ``-excluded``, ``OR``
between two terms, and the last word typed matches as a prefix (search as
you type). Every term reaches FTS5 double-quoted, so no input (unbalanced
quotes, bare operators, punctuation, emoji, very long text) can be read as
FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Characters FTS5's unicode61 tokenizer keeps in a token (underscore splits).
_WORD = re.compile(r"[^\W_]+")
#: Longest query we bother to read; the rest is ignored.
MAX_QUERY_CHARS = 1000
#: Most terms in one query; FTS5 cost grows with each.
MAX_TERMS = 16


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase of a query.

    Attributes:
        words: The words, in order (a phrase has several).
        prefix: Match the last word as a prefix.
        negated: Exclude items matching this term.
        or_next: This term is ORed with the next one rather than ANDed.
    """

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False
    or_next: bool = False

    def fts(self) -> str:
        """The term in FTS5 syntax, quoted."""
        text = '"' + " ".join(self.words).replace('"', '""') + '"'
        return text + "*" if self.prefix else text


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: its terms, and the words to highlight."""

    terms: tuple[Term, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        """True when nothing positive is searched for (no results)."""
        return not any(not t.negated for t in self.terms)

    def highlight_words(self) -> list[str]:
        """The positive words, for highlighting matches in views."""
        return [w for t in self.terms if not t.negated for w in t.words]

    def fts(self) -> str | None:
        """The whole query as an FTS5 MATCH expression, or None if it can match nothing."""
        positive = [t for t in self.terms if not t.negated]
        if not positive:
            return None
        groups: list[list[Term]] = [[]]
        for term in positive:
            groups[-1].append(term)
            if not term.or_next:
                groups.append([])
        parts = []
        for group in filter(None, groups):
            inner = " OR ".join(t.fts() for t in group)
            parts.append(f"({inner})" if len(group) > 1 else inner)
        expression = " AND ".join(parts)
        negatives = [t for t in self.terms if t.negated]
        if negatives:
            expression = f"({expression})" + "".join(f" NOT {t.fts()}" for t in negatives)
        return expression


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def parse_query(text: str) -> Query:
    """Parse user input into a Query. Never raises.

    Args:
        text: Anything typed into a search box.

    Returns:
        The parsed query (empty when the input has no searchable words).
    """
    text = (text or "")[:MAX_QUERY_CHARS]
    ends_open = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    raw: list[tuple[tuple[str, ...], bool, bool]] = []  # words, negated, is_or
    index, length = 0, len(text)
    while index < length and len(raw) < MAX_TERMS * 2:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        negated = char == "-" and index + 1 < length and not text[index + 1].isspace()
        if negated:
            index += 1
        if text[index] == '"':
            close = text.find('"', index + 1)
            end = close if close != -1 else length
            words = _words(text[index + 1:end])
            index = end + 1
        else:
            end = index
            while end < length and not text[end].isspace() and text[end] != '"':
                end += 1
            chunk = text[index:end]
            index = end
            if chunk == "OR" and not negated:
                raw.append(((), False, True))
                continue
            words = _words(chunk)
            # "cold-war" or "U.S.S.R." stays one term, matched as a phrase.
        if words:
            raw.append((words, negated, False))
    terms: list[Term] = []
    for position, (words, negated, is_or) in enumerate(raw):
        if is_or:
            if terms and not terms[-1].negated and position + 1 < len(raw) and not raw[position + 1][2] and not raw[position + 1][1]:
                last = terms[-1]
                terms[-1] = Term(last.words, last.prefix, last.negated, or_next=True)
            continue
        terms.append(Term(words=words, negated=negated))
        if len(terms) >= MAX_TERMS:
            break
    if terms and ends_open and not terms[-1].negated and raw and not raw[-1][2]:
        last = terms[-1]
        terms[-1] = Term(last.words, prefix=True, negated=False, or_next=False)
    # An OR with nothing positive after it joins nothing.
    if terms and terms[-1].or_next:
        last = terms[-1]
        terms[-1] = Term(last.words, last.prefix, last.negated, or_next=False)
    return Query(terms=tuple(terms))
