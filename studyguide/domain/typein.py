"""Comparing a typed answer with the card's answer, as Anki shows it ("type the answer" cards).

Pure: ``compare`` splits the typed text and the answer into runs, each marked ``ok`` (typed
right), ``wrong`` (typed, but not in the answer) or ``missing`` (in the answer, not typed),
with ``difflib``. Surrounding spaces do not count; case does, as in Anki.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["Run", "TypedAnswer", "compare"]

Kind = Literal["ok", "wrong", "missing"]


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text and how it compares."""

    kind: Kind
    text: str


@dataclass(frozen=True, slots=True)
class TypedAnswer:
    """The comparison of a typed answer with the expected one.

    Attributes:
        typed: The typed line: ``ok`` and ``wrong`` runs (what was typed, in order), with a
            ``missing`` run where answer text was left out.
        expected: The answer: ``ok`` runs, and ``missing`` runs for what was not typed right.
        correct: The typed text is the answer.
    """

    typed: tuple[Run, ...]
    expected: tuple[Run, ...]
    correct: bool


def _runs(pieces: list[tuple[Kind, str]]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for kind, text in pieces:
        if not text:
            continue
        if merged and merged[-1].kind == kind:
            merged[-1] = Run(kind, merged[-1].text + text)
        else:
            merged.append(Run(kind, text))
    return tuple(merged)


def compare(typed: str, answer: str) -> TypedAnswer:
    """Compare ``typed`` with ``answer`` character by character."""
    typed, answer = typed.strip(), answer.strip()
    line: list[tuple[Kind, str]] = []
    expected: list[tuple[Kind, str]] = []
    matcher = SequenceMatcher(None, typed, answer, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            line.append(("ok", typed[i1:i2]))
            expected.append(("ok", answer[j1:j2]))
            continue
        line.append(("wrong", typed[i1:i2]))  # empty for an insert
        if op == "insert":
            line.append(("missing", answer[j1:j2]))
        expected.append(("missing", answer[j1:j2]))  # empty for a delete
    return TypedAnswer(_runs(line), _runs(expected), typed == answer)
