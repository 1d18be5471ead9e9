"""The Sections view's list of sections: titles read a page at a time as the list scrolls, counts beside them.

A Qt model that knows no SQL: it is given a function that reads the next page of titles
(``ContentStore.section_titles_page``), so a guide of 100,000 sections shows its list after
reading one page, and the counts of cards waiting per section, counted on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QWidget

from studyguide.domain.forgetting import MARKER, reread_note
from studyguide.domain.guide import Section
from studyguide.domain.review import DueCounts
from studyguide.ui.item_roles import DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE
from studyguide.ui.section_counts import COUNTS_ROLE
from studyguide.ui.widgets.safe_text import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData, Qt

Index = QModelIndex | QPersistentModelIndex
#: Reads up to ``limit`` sections' (id, title, key) after a key (None: from the first).
PageReader = Callable[[tuple[int, str] | None, int], list[tuple[str, str, tuple[int, str]]]]


class SectionListModel(QAbstractListModel):
    """The sections of a guide, in order, for a list view. Knows no SQL.

    It holds titles only (a section's text is read when it is shown) and hands
    them to the view in batches as it scrolls (``fetchMore``), so a guide of a
    hundred thousand sections lists as fast as one of ten.
    """

    SectionRole = USER_ROLE + 1
    CountsRole = COUNTS_ROLE
    #: A section's lapses this week if its cards keep lapsing (``domain.forgetting``), else 0; and its
    #: predicted recall on exam day (0-1), or None without an exam.
    RereadRole, RecallRole = USER_ROLE + 3, USER_ROLE + 4
    #: Rows handed to the view at a time.
    BATCH = 500
    _ROLES = frozenset((DISPLAY_ROLE, TOOLTIP_ROLE, SectionRole, COUNTS_ROLE, RereadRole, RecallRole))
    #: (section id, row it is dropped before) when a section is dragged in a user's guide
    #: (``section_drag``); the move itself is the window's undoable operation (the list is then reloaded).
    move_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: list[tuple[str, str]] = []
        self._rows: dict[str, int] = {}
        #: Reads the next page of (id, title, key) after a key; None once every title is read.
        self._read: PageReader | None = None
        self._after: tuple[int, str] | None = None
        self._shown = 0
        self._counts: dict[str, DueCounts] = {}
        self._limit_reached: int | None = None
        self._reread: dict[str, int] = {}
        self._recall: dict[str, float] = {}

    def set_counts(self, counts: dict[str, DueCounts], *, limit_reached: int | None = None,
                   reread: dict[str, int] | None = None, recall: dict[str, float] | None = None) -> None:
        """Cards waiting per section id (shown beside each title).

        Args:
            counts: The counts by section id.
            limit_reached: Today's new-card limit when it is used up (new cards then wait), else None.
            reread: Lapses this week of the sections whose cards keep lapsing (marked, with a tooltip).
            recall: Each section's predicted recall on exam day (None: as it was).
        """
        self._counts = dict(counts)
        self._limit_reached = limit_reached
        self._reread = dict(reread or {})
        self.set_recall(self._recall if recall is None else recall)

    def set_recall(self, recall: dict[str, float]) -> None:
        """Each section's predicted recall on exam day (empty without an exam), shown first."""
        self._recall = dict(recall)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, 0), [self.CountsRole])

    def set_titles(self, titles: Sequence[tuple[str, str]]) -> None:
        """Replace every row with these (section id, title) pairs, in order."""
        self.set_reader(None, titles)

    def set_reader(self, read: PageReader | None, titles: Sequence[tuple[str, str]] = ()) -> None:
        """Replace every row with the sections ``read`` gives a page at a time (read as the list
        scrolls: a guide of 100,000 sections reads one page to show its list), or with ``titles``."""
        self.beginResetModel()
        self._read, self._after, self._titles = read, None, list(titles)
        self._rows = {section_id: row for row, (section_id, _title) in enumerate(self._titles)}
        self._shown = 0
        self._read_page()
        self._shown = min(len(self._titles), self.BATCH)
        self.endResetModel()

    def _read_page(self) -> bool:
        """Read the next page of titles; False when every one is read."""
        if self._read is None:
            return False
        rows = self._read(self._after, self.BATCH)
        if len(rows) < self.BATCH:
            self._read = None
        for section_id, title, key in rows:
            self._rows[section_id] = len(self._titles)
            self._titles.append((section_id, title))
            self._after = key
        return bool(rows)

    def set_sections(self, sections: Sequence[Section]) -> None:
        """Replace every row with these sections."""
        self.set_titles([(section.id, section.title) for section in sections])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and (self._shown < len(self._titles) or self._read is not None)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self.show_rows(self._shown + self.BATCH)

    def show_rows(self, count: int) -> None:
        """Hand the view at least ``count`` rows (or all there are), reading pages as needed."""
        while count > len(self._titles) and self._read_page():
            pass
        count = min(count, len(self._titles))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> object:
        # The view asks each row for a dozen roles it draws with (font, colours, alignment...): none is ours.
        if role not in self._ROLES or not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        section_id, title = self._titles[index.row()]
        if role == DISPLAY_ROLE:
            return f"{index.row() + 1}. {title}"
        if role == self.SectionRole:
            return section_id
        counts = self._counts.get(section_id, DueCounts())
        lapses = self._reread.get(section_id, 0)
        recall = self._recall.get(section_id)
        if role == self.RereadRole:
            return lapses
        if role == self.RecallRole:
            return recall
        if role == TOOLTIP_ROLE:
            notes = [note for note in (self.limit_note(section_id), reread_note(lapses) if lapses else "",
                                       "" if recall is None else f"Predicted recall on exam day: {recall:.0%}") if note]
            return plain_tooltip(f"{title}\n{counts.new} new, {counts.learning} learning, "
                                 f"{counts.review} to review" + "".join(f"\n{note}" for note in notes))
        if role == self.CountsRole:
            due = counts.learning + counts.review
            parts = (f"{recall:.0%}" if recall is not None else "", MARKER if lapses else "",
                     f"{due} due" if due else "", f"{counts.new} new" if counts.new else "")
            return " \u00b7 ".join(part for part in parts if part)
        return None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        """Nothing is dropped on the list itself: a user's guide moves its sections through ``section_drag``."""
        return False

    def section_at(self, row: int) -> str:
        """The id of the section at ``row`` (a row read already)."""
        return self._titles[row][0]

    def row_of_read(self, section_id: str) -> int:
        """The row of a section among those read so far, or -1."""
        return self._rows.get(section_id, -1)

    def read_count(self) -> int:
        """How many sections' titles are read so far."""
        return len(self._titles)

    def limit_note(self, section_id: str) -> str:
        """Why a section's new cards are not offered today ("" when they are, or it has none)."""
        if self._limit_reached is None or not self._counts.get(section_id, DueCounts()).new:
            return ""
        cards = "card" if self._limit_reached == 1 else "cards"
        return (f"Today's limit of {self._limit_reached} new {cards} is reached: the new cards wait for "
                "tomorrow, or the reviewer offers more today.")

    def row_of(self, section_id: str, key: tuple[int, str] | None = None) -> int:
        """Row of a section id (its batch is handed to the view first), or -1; with the section's
        ``key`` (its position and id), pages not read yet are read up to it."""
        while section_id not in self._rows and key is not None and self._read is not None \
                and (self._after is None or self._after < key) and self._read_page():
            pass
        row = self._rows.get(section_id, -1)
        self.show_rows(row + 1)
        return row
