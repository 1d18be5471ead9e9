"""A guess at a Quizlet export's custom separators, for the import window's preview only.

Quizlet lets a set be exported with any text between term and definition and between rows
(``ExComm ~ The committee…`` then a ``---`` line). ``quizlet.detect`` tries only the common
choices; when none splits every row, the window used to show the rows unsplit and leave the
learner to work out what was chosen. This guesses instead, from punctuation that every row
shares: a line made only of punctuation (``---``, ``***``) or a run of punctuation between rows,
and a run of punctuation (with the spaces around it) that every row holds between term and
definition. Of the pairs that split every row, the one giving the most rows wins, then the one
cutting each row earliest (a term is short; a comma later in a definition is not the separator).
It is a guess, so it is only ever shown (the preview, the separator boxes filled in), never
imported unseen: the command line still needs ``--term-separator`` for such a file.
"""

from __future__ import annotations

import re
from collections import Counter

from studyguide.guides.quizlet import ROW_CHOICES, TERM_CHOICES, _rows, _splits, split

#: A run of punctuation with the spaces or tabs around it (a term separator such as `` ~ `` or ``::``).
_RUN = re.compile(r"[ \t]*[^\w\s]+[ \t]*")
#: Only the start of a long export is looked at for candidates (the guess is then checked on it all).
_SAMPLE_CHARS = 100_000
_SAMPLE_ROWS = 300
#: Candidates of each kind tried at most (the most frequent first).
_MOST = 12


def _row_candidates(sample: str) -> list[str]:
    """The common row separators, then lines made only of punctuation (``\\n---\\n``), then runs of it."""
    lines = Counter(line for line in sample.split("\n")
                    if line.strip() and len(line.strip()) <= 12 and not any(c.isalnum() for c in line))
    runs = Counter(run.strip() for run in _RUN.findall(sample) if run.strip())
    return [*ROW_CHOICES, *(f"\n{line}\n" for line, _ in lines.most_common(_MOST)),
            *(run for run, _ in runs.most_common(_MOST))]


def _term_candidates(rows: list[str]) -> list[str]:
    """Common term separators and the runs of punctuation found in every row."""
    shared = set(_RUN.findall(rows[0]))
    for row in rows[1:]:
        shared &= set(_RUN.findall(row))
        if not shared:
            break
    return [*TERM_CHOICES, *sorted(shared - set(TERM_CHOICES))]


def guess_separators(text: str) -> tuple[str, str] | None:
    """Separators (term, row) that split every row of ``text`` into a term and a definition, looking
    beyond the common ones; None when nothing does."""
    text = text.replace("\r\n", "\n")
    sample = text[:_SAMPLE_CHARS]
    scored: list[tuple[tuple[int, int, int], str, str]] = []
    for row_separator in dict.fromkeys(_row_candidates(sample)):
        rows = _rows(sample, row_separator)
        if len(sample) < len(text):
            rows = rows[:-1]  # the sample may cut the last row short
        rows = rows[:_SAMPLE_ROWS]
        if len(rows) < 2:  # one row is too little to tell a separator from punctuation in a sentence
            continue
        for term_separator in _term_candidates(rows):
            if term_separator in row_separator or row_separator in term_separator:
                continue
            if all(_splits(row, term_separator) for row in rows):
                earliest = sum(row.find(term_separator) for row in rows)
                scored.append(((len(rows), -earliest, len(term_separator)), term_separator, row_separator))
    for _score, term_separator, row_separator in sorted(scored, reverse=True):
        if len(sample) == len(text) or split(text, term_separator, row_separator).ok:
            return term_separator, row_separator
    return None
