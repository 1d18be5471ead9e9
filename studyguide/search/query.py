"""Turn anything a user types into a parsed query; never raise on input.

The small language: words are ANDed, ``"a phrase"``, ``-excluded``, ``OR``
between two terms, and ``word*`` matches the word and the words it starts.
Searching as you type (``as_you_type``), the last word also counts as such a
prefix once it has ``MIN_PREFIX`` letters; a complete word otherwise matches
its own forms only ("blockade" finds "blockades", not "block"). Filters narrow the hits:
``kind:card`` (``section``, ``event``;
several with commas), ``section:NAME`` (items of sections whose title has
those words), ``guide:NAME``, ``tag:NAME`` (cards and sections of a user's guide with that
tag), and ``before:1962`` / ``after:1961`` (events
starting before 1962 / ending after 1961). A ``-`` before ``kind:``,
``section:``, ``guide:`` or ``tag:`` excludes instead. A filter that does not make
sense (``kind:zebra``, ``before:soon``) is read as plain words. Card-state filters
(``is:due``, ``prop:r<0.8``..., see ``studyguide.search.card_filters``) keep only cards;
one that makes no sense is left out and ``Query.problems`` says why. The app ranks a
parsed query with tantivy (``search.ranked`` builds it from analysed terms). ``fts()`` and
``match()`` still give it as an FTS5 expression, every term double-quoted (so no input can be
read as FTS5 syntax): the benchmarks' bare FTS5 baseline, and a readable form in tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from studyguide.domain.card_filter import CardFilter
from studyguide.search.card_filters import parse_card_filter

#: Characters FTS5's unicode61 tokenizer keeps in a token (underscore splits).
_WORD = re.compile(r"[^\W_]+")
#: Longest query we bother to read; the rest is ignored.
MAX_QUERY_CHARS = 1000
#: Most terms in one query; FTS5 cost grows with each.
MAX_TERMS = 16
#: Most words of one phrase (the rest are ignored).
MAX_PHRASE_WORDS = 32
#: Shortest last word matched as a prefix: FTS5 merges every term a prefix
#: covers, so "t"* or "ma"* would read most of a big index (50-150 ms).
MIN_PREFIX = 3
#: The columns a user's words are looked for in (the others hold filter data).
TEXT_COLUMNS = "{title body}"
#: What ``kind:`` accepts, and the kind each name means.
KIND_NAMES = {
    "card": "card", "cards": "card", "flashcard": "card", "flashcards": "card",
    "section": "section", "sections": "section", "note": "section", "notes": "section",
    "event": "event", "events": "event",
}
_FILTER = re.compile(r"(kind|section|guide|tag|before|after):(.*)", re.IGNORECASE | re.DOTALL)
_YEAR = re.compile(r"-?\d{1,5}")


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

    def fts(self, prefixes: Mapping[str, Sequence[str]] | None = None) -> str:
        """The term in FTS5 syntax, quoted.

        Args:
            prefixes: For a one-word prefix, the FTS5 expressions of the indexed
                terms it stands for (see ``studyguide.search.terms``), ORed with the
                word itself: exact terms read lazily, where FTS5 reads a prefix by
                merging every term it covers up front. A word missing from the
                mapping is matched as an FTS5 prefix.
        """
        one_prefix = self.prefix and len(self.words) == 1
        expansion = prefixes.get(self.words[0]) if prefixes is not None and one_prefix else None
        if expansion is not None:
            return "(" + " OR ".join((_quoted(self.words), *expansion)) + ")" if expansion else _quoted(self.words)
        return _quoted(self.words, self.prefix)


def _quoted(words: tuple[str, ...], prefix: bool = False) -> str:
    text = '"' + " ".join(words).replace('"', '""') + '"'
    return text + "*" if prefix else text


@dataclass(frozen=True, slots=True)
class Filters:
    """What the filters of a query ask for (all empty: no filtering).

    Attributes:
        kinds: Only these kinds (``card``, ``section``, ``event``).
        not_kinds: Not these kinds.
        sections: Only items of a section whose title has all these words (each a tuple).
        not_sections: Not items of such sections.
        guides: Only guides whose id or title contains one of these (casefolded).
        not_guides: Not guides whose id or title contains one of these.
        before: Only events that start before this year begins.
        after: Only events that end after this year ends.
        tags: Only items with all these tags (casefolded).
        not_tags: Not items with one of these tags.
    """

    kinds: tuple[str, ...] = ()
    not_kinds: tuple[str, ...] = ()
    sections: tuple[tuple[str, ...], ...] = ()
    not_sections: tuple[tuple[str, ...], ...] = ()
    guides: tuple[str, ...] = ()
    not_guides: tuple[str, ...] = ()
    before: int | None = None
    after: int | None = None
    tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    cards: tuple[CardFilter, ...] = ()

    @property
    def any(self) -> bool:
        """True when some filter is set."""
        return self != Filters()

    @property
    def narrows_items(self) -> bool:
        """True when a filter selects items by itself (a query of filters alone lists them)."""
        return bool(self.kinds or self.sections or self.tags or self.cards or self.before is not None
                    or self.after is not None)

    def wanted_kinds(self) -> tuple[str, ...]:
        """The kinds asked for, once dates (which only events have) are taken into account."""
        kinds = self.kinds
        if self.cards:  # card states: only cards have them
            kinds = tuple(k for k in kinds if k == "card") if kinds else ("card",)
            if not kinds:
                return ("none",)
        if self.before is not None or self.after is not None:
            kinds = tuple(k for k in kinds if k == "event") if kinds else ("event",)
            if not kinds:
                return ("none",)  # dates asked of cards or sections: nothing matches
        return tuple(k for k in kinds if k not in self.not_kinds) or (("none",) if kinds else ())

    def accepts_guide(self, guide_id: str, title: str) -> bool:
        """Whether a guide passes the ``guide:`` filters."""
        names = (guide_id.casefold(), title.casefold())
        if self.guides and not any(g in n for g in self.guides for n in names):
            return False
        return not any(g in n for g in self.not_guides for n in names)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: its terms, its filters, and the words to highlight."""

    terms: tuple[Term, ...] = field(default_factory=tuple)
    filters: Filters = field(default_factory=Filters)
    #: What was wrong with filters left out (``is:zebra``), for the user to read.
    problems: tuple[str, ...] = ()

    @property
    def has_prefixes(self) -> bool:
        """True when some positive term is matched as a prefix."""
        return any(t.prefix and not t.negated for t in self.terms)

    def exact(self) -> Query:
        """The query with every prefix read as a complete word (the first tier of hits)."""
        return replace(self, terms=tuple(replace(t, prefix=False) for t in self.terms))

    @property
    def is_empty(self) -> bool:
        """True when nothing positive is searched for (no results)."""
        return not any(not t.negated for t in self.terms) and not self.filters.narrows_items

    def highlight_words(self) -> list[str]:
        """The positive words, for highlighting matches in views."""
        return [w for t in self.terms if not t.negated for w in t.words]

    def fts(self, prefixes: Mapping[str, Sequence[str]] | None = None) -> str | None:
        """The words as an FTS5 expression (no column filter), or None if it can match nothing."""
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
            inner = " OR ".join(t.fts(prefixes) for t in group)
            parts.append(f"({inner})" if len(group) > 1 else inner)
        expression = " AND ".join(parts)
        negatives = [t for t in self.terms if t.negated]
        if negatives:
            expression = f"({expression})" + "".join(f" NOT {t.fts()}" for t in negatives)
        return expression

    def match(self, *, columns: str = TEXT_COLUMNS, kinds: bool = True,
              prefixes: Mapping[str, Sequence[str]] | None = None) -> str | None:
        """The whole query, filters included, as an FTS5 MATCH expression.

        Args:
            columns: The column filter the words are looked for in (``title`` to
                search titles only).
            kinds: Include the ``kind:`` filter (False when the caller applies it
                another way).
            prefixes: Indexed terms to match instead of one-word prefixes.

        Returns:
            The expression, or None when the query can match nothing.
        """
        filters = self.filters
        positive = [t for t in self.terms if not t.negated]
        parts: list[str] = []
        if positive:
            words = Query(terms=tuple(positive)).fts(prefixes)
            parts.append(f"{columns} : ({words})")
        wanted = filters.wanted_kinds() if kinds else ()
        if wanted:
            parts.append("kind : (" + " OR ".join(_quoted((k,)) for k in wanted) + ")")
        parts += [f"section : ({_quoted(name, prefix=True)})" for name in filters.sections]
        if not parts and (filters.tags or filters.cards) and kinds:  # tags or states alone: every item, narrowed
            parts.append("kind : (" + " OR ".join(_quoted((k,)) for k in ("section", "event", "card")) + ")")
        if not parts:
            return None
        negatives = [f"{TEXT_COLUMNS} : {t.fts()}" for t in self.terms if t.negated]
        if kinds:
            negatives += [f"kind : {_quoted((k,))}" for k in filters.not_kinds if k not in wanted]
        negatives += [f"section : ({_quoted(name, prefix=True)})" for name in filters.not_sections]
        expression = " AND ".join(f"({p})" for p in parts)
        return expression + "".join(f" NOT ({n})" for n in negatives)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower())[:MAX_PHRASE_WORDS])


def _add_filter(filters: Filters, name: str, value: str, negated: bool) -> Filters | None:
    """Filters with one more filter, or None when ``value`` makes no sense for ``name``."""
    value = value.strip()
    if name == "kind":
        names = [v for v in value.casefold().split(",") if v]
        if not names or any(n not in KIND_NAMES for n in names):
            return None
        kinds = tuple(dict.fromkeys(KIND_NAMES[n] for n in names))
        field_name = "not_kinds" if negated else "kinds"
        return replace(filters, **{field_name: getattr(filters, field_name) + kinds})
    if name == "section":
        words = _words(value)
        if not words:
            return None
        field_name = "not_sections" if negated else "sections"
        return replace(filters, **{field_name: getattr(filters, field_name) + (words,)})
    if name == "tag":
        tag = value.casefold()
        if not tag or any(c.isspace() for c in tag):
            return None
        field_name = "not_tags" if negated else "tags"
        return replace(filters, **{field_name: getattr(filters, field_name) + (tag,)})
    if name == "guide":
        text = value.casefold()
        if not text:
            return None
        field_name = "not_guides" if negated else "guides"
        return replace(filters, **{field_name: getattr(filters, field_name) + (text,)})
    if negated or not _YEAR.fullmatch(value):
        return None
    year = int(value)
    if name == "before":
        return replace(filters, before=year if filters.before is None else min(year, filters.before))
    return replace(filters, after=year if filters.after is None else max(year, filters.after))


def clean_text(text: str | None) -> str:
    """``text`` cut to ``MAX_QUERY_CHARS``, lone surrogates (which UTF-8 cannot encode) replaced."""
    text = (text or "")[:MAX_QUERY_CHARS]
    if any("\ud800" <= char <= "\udfff" for char in text):
        # Pairs become the character they stand for, lone halves U+FFFD (not a word character).
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def parse_query(text: str, *, as_you_type: bool = False) -> Query:
    """Parse user input into a Query. Never raises.

    Args:
        text: Anything typed into a search box.
        as_you_type: The text is still being typed: its last word (if it is not
            followed by a space) also matches the words it starts.

    Returns:
        The parsed query (empty when the input has no searchable words or filters).
    """
    text = clean_text(text)
    ends_open = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    # (words, negated, flag): () words is OR when flag is set, else a filter; words with flag: word*
    raw: list[tuple[tuple[str, ...], bool, bool]] = []
    filters = Filters()
    problems: list[str] = []
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
            starred = chunk.endswith("*")
            if chunk == "OR" and not negated:
                raw.append(((), False, True))
                continue
            card = parse_card_filter(chunk, negated)
            if isinstance(card, CardFilter):
                filters = replace(filters, cards=filters.cards + (card,))
                raw.append(((), False, False))
                continue
            if card is not None:
                problems.append(card)
                continue
            found = _FILTER.fullmatch(chunk)
            if found:
                value = found.group(2)
                if not value and index < length and text[index] == '"':
                    close = text.find('"', index + 1)
                    value_end = close if close != -1 else length
                    value, index = text[index + 1:value_end], value_end + 1
                narrowed = _add_filter(filters, found.group(1).lower(), value, negated)
                if narrowed is not None:
                    filters = narrowed
                    raw.append(((), False, False))
                    continue
                chunk = f"{found.group(1)} {value}"
            words = _words(chunk)
            # "cold-war" or "U.S.S.R." stays one term, matched as a phrase.
            if words and starred and len(words[-1]) >= MIN_PREFIX:
                raw.append((words, negated, True))  # word*: a prefix
                continue
        if words:
            raw.append((words, negated, False))
    terms: list[Term] = []
    for position, (words, negated, flag) in enumerate(raw):
        if flag and not words:
            following = raw[position + 1] if position + 1 < len(raw) else None
            if terms and not terms[-1].negated and following and following[0] and not following[1]:
                terms[-1] = replace(terms[-1], or_next=True)
            continue
        if not words:
            continue  # a filter
        terms.append(Term(words=words, negated=negated, prefix=flag))
        if len(terms) >= MAX_TERMS:
            break
    if (as_you_type and terms and ends_open and not terms[-1].negated and raw and raw[-1][0] == terms[-1].words
            and len(terms[-1].words[-1]) >= MIN_PREFIX):
        terms[-1] = replace(terms[-1], prefix=True, or_next=False)
    # An OR with nothing positive after it joins nothing.
    if terms and terms[-1].or_next:
        terms[-1] = replace(terms[-1], or_next=False)
    return Query(terms=tuple(terms), filters=filters, problems=tuple(problems))
