"""What a search returns: hits with highlight marks, and the result around them."""

from __future__ import annotations

from dataclasses import dataclass

from studyguide.search.query import Query

MARK_START = "\x02"
MARK_END = "\x03"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result.

    Attributes:
        kind: ``section``, ``card`` or ``event``.
        guide_id: The guide the item belongs to.
        guide_title: That guide's title, for display.
        item_id: The item's stable id.
        section_id: The section the item belongs to (itself for a section).
        title: Title (section, event) or question (card), with marks; a card's
            as the learner edited it, if they did.
        snippet: A short extract of the body around the match, with marks.
        score: bm25 score over the whole library, negated (lower is better).
    """

    kind: str
    guide_id: str
    guide_title: str
    item_id: str
    section_id: str
    title: str
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one search.

    Attributes:
        query: The parsed query (for highlighting): the suggestion's when ``corrected``.
        hits: Best first.
        suggestion: When nothing matched, the query with misspelt words corrected
            from the index's vocabulary ("Krushchev" -> "Khrushchev"), if that finds something.
        total: How many items match in all (the hits are the best of them).
        corrected: The hits are those of ``suggestion``, as nothing matched the text typed.
    """

    query: Query
    hits: tuple[SearchHit, ...]
    suggestion: str | None = None
    total: int = 0
    corrected: bool = False


def strip_marks(text: str) -> str:
    """Remove highlight marks, for plain-text output."""
    return text.replace(MARK_START, "").replace(MARK_END, "")
