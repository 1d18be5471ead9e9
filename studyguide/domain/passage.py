"""Where in its section a card comes from: the sentence of the section's text that the card asks
about (pure rules; a guide stores no source span, so the sentence is found from the card's words)."""

from __future__ import annotations

import re

#: A cloze deletion ``{{c1::answer::hint}}``: its answer is part of the sentence it came from.
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")
#: Markdown marks that do not show in the rendered text.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`~]+|\{#[^}]*\}|<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\u201c]?[A-Z0-9])")
_WORD = re.compile(r"[^\W\d_]{4,}")
#: Words that say nothing about which sentence a card comes from.
_COMMON = frozenset(
    "what when where which while whom whose that this these those there their they them then than with "
    "from into about after before does were have been being will would could should also only such most "
    "more some many much very just over under your yours".split())
#: Share of the card's words a sentence must hold to be its source.
MIN_SHARE = 0.4


def plain(markdown: str) -> str:
    """Markdown as its rendered text reads: links by their text, emphasis and markup dropped,
    cloze deletions by their answers, runs of white space as one space."""
    text = _CLOZE.sub(r"\1", markdown)
    text = _LINK.sub(r"\1", text)
    return " ".join(_MARKS.sub("", text).split())


def _stems(text: str) -> set[str]:
    return {word[:5] for word in (w.lower() for w in _WORD.findall(text)) if word not in _COMMON}


def sentences(body: str) -> list[str]:
    """The sentences of a section's Markdown body, as rendered text (headings and list items count
    as sentences of their own)."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|#+)\s)", body):
        line = re.sub(r"^\s*(?:[-*+]|\d+\.|#+|>)\s+", "", block.strip())
        found.extend(part for part in (plain(p) for p in _SENTENCE.split(line)) if part)
    return found


def source_passage(front: str, back: str, body: str) -> str | None:
    """The sentence of ``body`` that a card (its Markdown ``front`` and ``back``) comes from: the one
    holding most of the card's words (the first on a tie), if it holds ``MIN_SHARE`` of them and
    at least two; None when no sentence does (the reader then opens at the section's top)."""
    wanted = _stems(plain(front) + " " + plain(back))
    best, best_score = None, 0
    for sentence in sentences(body):
        score = len(wanted & _stems(sentence))
        if score > best_score:
            best, best_score = sentence, score
    if best is None or best_score < 2 or best_score < MIN_SHARE * len(wanted):
        return None
    return best
