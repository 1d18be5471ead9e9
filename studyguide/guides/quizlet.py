"""Quizlet's export text: one card per row, a term and its definition, with chosen separators.

Quizlet's "Export" writes a set as text with a separator between term and definition
(tab, comma or any string) and another between rows (a new line, a semicolon or any
string). Nothing in the text says which were chosen, so ``detect`` tries the common
ones, and the import window shows the first rows as they will be split. Reading is
all-or-nothing: a row with no separator or an empty side stops it, naming the row.
``to_text`` writes cards back in the same form.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyguide.domain.guide import Card, Guide, GuideInfo, Section
from studyguide.domain.media import IMAGE_REFERENCE, SOUND_REFERENCE
from studyguide.guides.markdown import GuideFormatError, slugify
from studyguide.guides.tabular import Cancelled, Progress, card_id, check_cancelled, clean_back, clean_front

#: Names a separator may be given by (the command line, the window's choices).
NAMED = {"tab": "\t", "comma": ",", "semicolon": ";", "newline": "\n", "new line": "\n",
         "space": " ", "dash": " - ", "blank line": "\n\n"}
#: What ``detect`` tries between term and definition, in order of preference.
TERM_CHOICES = ("\t", ",", " - ")
#: What ``detect`` tries between rows, in order of preference.
ROW_CHOICES = ("\n", ";", "\n\n")
#: Rows shown by a preview.
PREVIEW_ROWS = 8
_ESCAPES = {"\\t": "\t", "\\n": "\n", "\\r\\n": "\n", "\\\\": "\\"}
_PROGRESS_EVERY = 2000


class SeparatorError(ValueError):
    """A separator that cannot be used (an empty one)."""


def parse_separator(text: str) -> str:
    """The separator a user typed: a name (``tab``, ``comma``, ``semicolon``, ``newline``...),
    an escape (``\\t``, ``\\n``) or the literal string.

    Raises:
        SeparatorError: An empty separator.
    """
    named = NAMED.get(text.strip().lower()) if text.strip() else None
    if named is not None:
        return named
    value = text
    for escape, char in _ESCAPES.items():
        value = value.replace(escape, char)
    value = value.replace("\r\n", "\n")
    if not value:
        raise SeparatorError("a separator cannot be empty: use tab, comma, semicolon, newline or any text")
    return value


def describe(separator: str) -> str:
    """A separator as a person reads it: ``tab``, ``new line``, ``semicolon``, or ``"the text"``."""
    for name, value in (("tab", "\t"), ("new line", "\n"), ("comma", ","), ("semicolon", ";"),
                        ("blank line", "\n\n")):
        if separator == value:
            return name
    return "\u201c" + separator.replace("\t", "\\t").replace("\n", "\\n") + "\u201d"


@dataclass(frozen=True, slots=True)
class Split:
    """How a text splits with one pair of separators.

    Attributes:
        rows: (term, definition) of every row that split, in order (at most ``limit`` if given).
        total: How many non-empty rows there are.
        bad_row: The number (from 1) of the first row that does not split, or 0.
        shown: Every row read (at most ``limit``), as (term, definition) or, for a row that does
            not split, (its text, None): what a preview shows.
    """

    rows: tuple[tuple[str, str], ...]
    total: int
    bad_row: int = 0
    shown: tuple[tuple[str, str | None], ...] = ()

    @property
    def ok(self) -> bool:
        """True when every row has a term and a definition."""
        return self.total > 0 and not self.bad_row


def _rows(text: str, row_separator: str) -> list[str]:
    return [row for row in text.replace("\r\n", "\n").split(row_separator) if row.strip()]


def split(text: str, term_separator: str, row_separator: str, *, limit: int | None = None) -> Split:
    """Split ``text`` into (term, definition) rows; each row is cut at its first ``term_separator``.

    Args:
        text: Quizlet's export.
        term_separator: Between a term and its definition.
        row_separator: Between rows (empty rows are skipped).
        limit: Split only this many rows (a preview); ``total`` still counts them all.
    """
    rows = _rows(text, row_separator)
    found: list[tuple[str, str]] = []
    shown: list[tuple[str, str | None]] = []
    bad = 0
    for number, row in enumerate(rows if limit is None else rows[:limit], 1):
        term, sep, definition = row.partition(term_separator)
        if not sep or not term.strip() or not definition.strip():
            bad = bad or number
            if limit is not None:
                shown.append((row.strip(), None))
            continue
        found.append((term.strip(), definition.strip()))
        if limit is not None:
            shown.append(found[-1])
    if not bad and limit is not None and len(rows) > limit:  # the rest must split too
        bad = next((n for n, row in enumerate(rows[limit:], limit + 1) if not _splits(row, term_separator)), 0)
    return Split(rows=tuple(found), total=len(rows), bad_row=bad, shown=tuple(shown))


def _splits(row: str, term_separator: str) -> bool:
    term, sep, definition = row.partition(term_separator)
    return bool(sep and term.strip() and definition.strip())


def detect(text: str) -> tuple[str, str] | None:
    """The common separators (term, row) that split every row of ``text``, or None.

    Of the pairs that split every row, the one giving the most rows wins (``a,b;c,d`` is two
    cards split by comma and semicolon, not one card); ties go to Quizlet's defaults first. A
    single row counts only when a tab splits it.
    """
    best: tuple[int, str, str] | None = None
    for row_separator in ROW_CHOICES:
        rows = _rows(text, row_separator)
        for term_separator in TERM_CHOICES:
            if term_separator in row_separator or row_separator in term_separator:
                continue
            # One row is too little to tell a separator from a comma in a sentence (tabs aside).
            enough = len(rows) > 1 or (rows and term_separator == "\t")
            better = best is None or len(rows) > best[0]
            if enough and better and all(_splits(row, term_separator) for row in rows):
                best = (len(rows), term_separator, row_separator)
    return None if best is None else (best[1], best[2])


def no_split_message(name: str, term_separator: str, row_separator: str, result: Split) -> str:
    """Why ``name`` cannot be read with these separators, and what to do."""
    where = (f"row {result.bad_row} has no {describe(term_separator)} between a term and a definition"
             if result.total else "it has no rows")
    return (f"{name} does not split into cards with {describe(term_separator)} between term and definition "
            f"and {describe(row_separator)} between rows: {where}. Choose the separators the export used.")


def read_quizlet(text: str, *, name: str, guide_id: str, title: str, term_separator: str | None = None,
                 row_separator: str | None = None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> Guide:
    """Read Quizlet's export text into a guide of one section.

    Args:
        text: The decoded export.
        name: The file's name, for messages.
        guide_id: Id for the new guide.
        title: Its title, and its section's.
        term_separator: Between term and definition (detected when None).
        row_separator: Between rows (detected when None).
        progress: Called with a fraction done and a label now and then.
        cancelled: Polled between rows.

    Raises:
        GuideFormatError: No separators split every row, naming the first row that does not.
        ImportCancelledError: ``cancelled`` returned True.
    """
    term_separator, row_separator = _separators(text, name, term_separator, row_separator)
    result = split(text, term_separator, row_separator)
    if not result.ok:
        raise GuideFormatError(no_split_message(name, term_separator, row_separator, result))
    section_id = slugify(title)
    cards: list[Card] = []
    taken: set[str] = set()
    for index, (term, definition) in enumerate(result.rows):
        if index % _PROGRESS_EVERY == 0:
            check_cancelled(cancelled)
            if progress is not None:
                progress(index / len(result.rows), f"Reading card {index + 1:,} of {len(result.rows):,}")
        front = clean_front(term)
        cards.append(Card(id=card_id(front, taken), section_id=section_id, front=front,
                          back=clean_back(definition), position=index))
    info = GuideInfo(id=guide_id, title=title, description=f"Imported from Quizlet ({name}).")
    return Guide(info=info, sections=(Section(id=section_id, title=title, body=""),), cards=tuple(cards))


def choose_separators(text: str, term: str | None = None, row: str | None = None) -> tuple[str, str] | None:
    """The separators given, the missing one (or both) found among the common choices; None if
    no choice splits every row."""
    if term is not None and row is not None:
        return term, row
    if term is None and row is None:
        return detect(text)
    pairs = [(t, r) for r in ((row,) if row is not None else ROW_CHOICES)
             for t in ((term,) if term is not None else TERM_CHOICES)]
    splits = [(split(text, t, r), -i, (t, r)) for i, (t, r) in enumerate(pairs)]
    ok = [(result.total, rank, pair) for result, rank, pair in splits if result.ok]
    return max(ok)[2] if ok else None  # the most rows; ties to the first choice


def _separators(text: str, name: str, term: str | None, row: str | None) -> tuple[str, str]:
    found = choose_separators(text, term, row)
    if found is None:
        raise GuideFormatError(f"{name} does not look like a Quizlet export: no common separators (tab or "
                               "comma between term and definition, new lines or semicolons between rows) "
                               "split every row. Say which the export used (--term-separator, "
                               "--row-separator).")
    return found


@dataclass(frozen=True, slots=True)
class QuizletText:
    """An export read but not yet split: the window previews it and lets the user change the separators.

    Attributes:
        text: The decoded export.
        name: The file's name.
        guide_id: Id for the new guide.
        title: Its title.
        term_separator: Between term and definition, as detected or given.
        row_separator: Between rows, as detected or given.
    """

    text: str
    name: str
    guide_id: str
    title: str
    term_separator: str
    row_separator: str

    def preview(self, term_separator: str, row_separator: str) -> Split:
        """The first ``PREVIEW_ROWS`` rows as these separators split them (and whether all rows do)."""
        return split(self.text, term_separator, row_separator, limit=PREVIEW_ROWS)

    def guide(self, term_separator: str | None = None, row_separator: str | None = None) -> Guide:
        """The guide, split with these separators (the detected ones by default).

        Raises:
            GuideFormatError: Some row does not split.
        """
        return read_quizlet(self.text, name=self.name, guide_id=self.guide_id, title=self.title,
                            term_separator=term_separator or self.term_separator,
                            row_separator=row_separator or self.row_separator)


def to_text(guide: Guide, term_separator: str = "\t", row_separator: str = "\n") -> tuple[str, int]:
    """The guide's cards as Quizlet import text: each card's front, then its back.

    A separator found inside a card's text would split it wrongly on the way back, so each
    such occurrence (and, between rows of new lines, each line break) becomes a space. The
    text holds no pictures or sounds: an image is written as ``[image: its alt text]`` and a
    sound as ``[sound]``.

    Returns:
        The text, and how many cards had text changed so.
    """
    changed = 0
    rows = []
    for card in guide.cards:
        sides = []
        for side in (card.front, card.back):
            clean = IMAGE_REFERENCE.sub(lambda m: f"[image: {m['alt']}]" if m["alt"] else "[image]", side)
            clean = SOUND_REFERENCE.sub("[sound]", clean)
            for separator in (term_separator, row_separator):
                clean = clean.replace(separator, " ")
            if row_separator.strip() == "" and "\n" in row_separator:
                clean = " ".join(clean.split("\n"))
            sides.append(clean)
        changed += sides != [card.front, card.back]
        rows.append(term_separator.join(sides))
    return row_separator.join(rows) + "\n", changed  # a text file ends its last line


def empty_guide(found: QuizletText) -> Guide:
    """The guide of an export that does not split yet: its title, no cards."""
    return Guide(info=GuideInfo(id=found.guide_id, title=found.title,
                                description=f"Imported from Quizlet ({found.name})."))
