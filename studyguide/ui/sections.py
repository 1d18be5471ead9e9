"""The Sections view: the guide's reading notes, a list of topics beside the text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QListView, QSplitter, QVBoxLayout, QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.exam import ExamReport
from studyguide.domain.forgetting import reread_note
from studyguide.domain.guide import Card, Event, Section
from studyguide.domain.review import DueCounts
from studyguide.ui.exam import plan_text
from studyguide.ui.exam_status import ExamStatus
from studyguide.ui.reread import MARKER
from studyguide.ui.section_counts import COUNTS_ROLE, CountsDelegate
from studyguide.ui.section_drag import SectionDrag
from studyguide.ui.widgets.markdown_view import MarkdownView, escape_markdown
from studyguide.ui.widgets.media_images import guide_resolver
from studyguide.ui.widgets.safe_text import plain_tooltip

if TYPE_CHECKING:
    from studyguide.ui.services import ReaderServices
    from studyguide.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
#: What the reader says for a guide without sections (a new guide).
EMPTY_GUIDE = ("**This guide has no sections yet.**\n\nAdd a section (Ctrl+Shift+N), write in it (Ctrl+E), "
               "then add cards (Ctrl+N) and events.")


class SectionListModel(SectionDrag, QAbstractListModel):
    """The sections of a guide, in order, for a list view. Knows no SQL.

    It holds titles only (a section's text is read when it is shown) and hands
    them to the view in batches as it scrolls (``fetchMore``), so a guide of a
    hundred thousand sections lists as fast as one of ten.
    """

    SectionRole = Qt.ItemDataRole.UserRole + 1
    CountsRole = COUNTS_ROLE
    #: A section's lapses this week if its cards keep lapsing (``domain.forgetting``), else 0; and its
    #: predicted recall on exam day (0-1), or None without an exam.
    RereadRole, RecallRole = Qt.ItemDataRole.UserRole + 3, Qt.ItemDataRole.UserRole + 4
    #: Rows handed to the view at a time.
    BATCH = 500
    #: (section id, row it is dropped before) when a section is dragged in a user's guide;
    #: the move itself is the window's undoable operation (the list is then reloaded).
    move_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Whether sections can be dragged into another order (a user's guide only).
        self.movable = False
        self._titles: list[tuple[str, str]] = []
        self._rows: dict[str, int] = {}
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
        self.beginResetModel()
        self._titles = list(titles)
        self._rows = {section_id: row for row, (section_id, _title) in enumerate(self._titles)}
        self._shown = min(len(self._titles), self.BATCH)
        self.endResetModel()

    def set_sections(self, sections: Sequence[Section]) -> None:
        """Replace every row with these sections."""
        self.set_titles([(section.id, section.title) for section in sections])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < len(self._titles)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self.show_rows(self._shown + self.BATCH)

    def show_rows(self, count: int) -> None:
        """Hand the view at least ``count`` rows (or all there are)."""
        count = min(count, len(self._titles))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        section_id, title = self._titles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
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
        if role == Qt.ItemDataRole.ToolTipRole:
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

    def limit_note(self, section_id: str) -> str:
        """Why a section's new cards are not offered today ("" when they are, or it has none)."""
        if self._limit_reached is None or not self._counts.get(section_id, DueCounts()).new:
            return ""
        cards = "card" if self._limit_reached == 1 else "cards"
        return (f"Today's limit of {self._limit_reached} new {cards} is reached: the new cards wait for "
                "tomorrow, or the reviewer offers more today.")

    def row_of(self, section_id: str) -> int:
        """Row of a section id (its batch is handed to the view first), or -1."""
        row = self._rows.get(section_id, -1)
        self.show_rows(row + 1)
        return row


def section_markdown(section: Section, cards: Sequence[Card], events: Sequence[Event], *,
                     limit_note: str = "") -> str:
    """The Markdown shown for a section: title, body, sources, links to its events and cards.

    Args:
        section: The section.
        cards: Its cards.
        events: Its events.
        limit_note: Why its new cards are not offered today, said under the review link.
    """
    parts = [f"# {escape_markdown(section.title)}", section.body]
    if events:
        lines = [f"- [{escape_markdown(e.when.label())} \u2014 {escape_markdown(e.title)}](event:{e.id})"
                 for e in events]
        parts.append("### On the timeline\n\n" + "\n".join(lines))
    if cards:
        noun = "card" if len(cards) == 1 else "cards"
        parts.append(f"### Flashcards\n\n[Review the {len(cards)} {noun} from this section](study:{section.id})"
                     + (f"\n\n*{escape_markdown(limit_note)}*" if limit_note else ""))
    if section.sources:
        parts.append("### Sources\n\n" + "\n".join(f"- {source}" for source in section.sources))
    return "\n\n".join(parts) + "\n"


class SectionsView(QWidget):
    """Lists a guide's sections and renders the selected one.

    Signals:
        event_activated(str): An event link in a section was clicked (event id).
        study_requested(str): "Review the cards from this section" was clicked (section id).
    """

    event_activated = Signal(str)
    study_requested = Signal(str)

    counts_updated = Signal()

    def __init__(self, *, library: ReaderServices, tasks: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from studyguide.ui.tasks import TaskRunner

        self._library = library
        self._tasks = tasks or TaskRunner(self)
        self._guide_id: str | None = None
        self._dirty = True
        self._counts_dirty = False
        self._counting = False
        self.model = SectionListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(CountsDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Sections")
        self.text = MarkdownView()
        self.text.setAccessibleName("Section text")
        self.text.link_activated.connect(self._on_link)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.exam_line = QLabel()  # the exam plan's line (Review > Exam Date…), when there is one
        self.exam_line.setTextFormat(Qt.TextFormat.RichText)
        self.exam_line.setWordWrap(True)
        self.exam_line.setContentsMargins(6, 4, 6, 4)
        self.exam_line.setVisible(False)
        layout.addWidget(self.exam_line)
        layout.addWidget(splitter, 1)
        self.list.selectionModel().currentRowChanged.connect(self._on_row)
        self._highlight: list[str] = []
        self._passage: tuple[str, str] | None = None  # (section id, passage) to open at
        #: The guide's exam report (plan, predicted recall), also read by the timeline's tint.
        self.exam = ExamStatus(library=library, tasks=self._tasks, parent=self)
        self.exam.reported.connect(self._exam_reported)

    def _exam_reported(self, guide_id: str, report: ExamReport | None) -> None:
        if guide_id == self._guide_id:
            self.model.set_recall(report.recall if report else {})
            self.exam_line.setText(plan_text(report.plan if report else None))
            self.exam_line.setVisible(report is not None and report.plan is not None)

    @property
    def guide_id(self) -> str | None:
        """The guide shown, if any."""
        return self._guide_id

    def set_text_scale(self, scale: float) -> None:
        """Read the sections at ``scale`` times the system's text size (View > Larger Text)."""
        self.text.set_text_scale(scale)

    def set_guide(self, guide_id: str) -> None:
        """Show another guide (loaded when the view is next shown)."""
        self._guide_id = guide_id
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload the section list from the library, keeping the selection."""
        if self._guide_id is None:
            return
        current = self.current_section_id()
        self.model.set_titles(self._library.content(self._guide_id).section_titles())
        self._refresh_counts()
        self._dirty = False
        row = self.model.row_of(current) if current else -1
        self.list.setCurrentIndex(self.model.index(max(row, 0), 0))
        if not self.model.rowCount():  # a new guide: say what to do next
            self.text.show_markdown(EMPTY_GUIDE)

    def showEvent(self, event) -> None:  # noqa: N802
        if self._dirty:
            self.refresh()
        elif self._counts_dirty:
            self._refresh_counts()
        super().showEvent(event)

    def _refresh_counts(self) -> None:
        """Count the cards waiting in each section on the task runner (a join over every card);
        the list keeps its counts until the new ones arrive (``counts_updated``)."""
        self._counts_dirty = False
        if self._guide_id is None:
            return
        if self._counting:  # one at a time: counted again when this one arrives
            self._counts_dirty = True
            return
        self._counting = True
        library, guide_id = self._library, self._guide_id
        self._tasks.run(lambda _ctx: library.section_due_counts(guide_id),
                        on_done=lambda counts: self._counted(guide_id, counts), on_error=self._count_failed)

    def _counted(self, guide_id: str, counts: dict[str, DueCounts]) -> None:
        self._counting = False
        if self._counts_dirty or guide_id != self._guide_id:  # asked again, or another guide, meanwhile
            if self.isVisible():
                self._refresh_counts()
            return
        review = self._library.review
        reached = None if review.new_allowance(guide_id) else review.new_limit_today(guide_id)
        current = self.current_section_id()
        before = self.model.limit_note(current) if current else ""
        content = self._library.content(guide_id)
        self.model.set_counts(counts, limit_reached=reached, reread=review.sections_to_reread(guide_id, content))
        self.exam.request(guide_id)  # the exam's plan and recall, on the task runner too
        if current and self.model.limit_note(current) != before:
            self._render(self.list.currentIndex().row())  # say (or stop saying) why new cards wait
        self.counts_updated.emit()

    def _count_failed(self, error: BaseException) -> None:
        self._counting = False
        if not isinstance(error, StoreUnavailable):
            raise error  # a bug: the task runner hands it to the crash dialog
        self._counts_dirty = True  # the guide's file went away meanwhile: the reload asks again

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Mark the view stale when guide content changed."""
        if initiator is not self and (changes.content or changes.guides):
            self._dirty = True
            if self.isVisible() and not changes.guides:  # an undo or an edit: show it now
                self.refresh()  # (a guide added or removed: the window shows the right guide first)
        elif changes.due_counts:
            # Counting every card per section is too much for each answer at scale:
            # do it now only if the list is on screen, else when it is next shown.
            self._counts_dirty = True
            if self.isVisible():
                self._refresh_counts()

    def current_section_id(self) -> str | None:
        """The selected section's id, if any."""
        return self.list.currentIndex().data(SectionListModel.SectionRole)

    def show_section(self, section_id: str, *, highlight: Sequence[str] = ()) -> bool:
        """Select a section and mark the given words in it. Returns False if unknown."""
        if self._dirty:
            self.refresh()
        row = self.model.row_of(section_id)
        if row < 0:
            return False
        self._highlight = list(highlight)
        if self.list.currentIndex().row() == row:
            self._render(row)
        else:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._highlight, self._passage = [], None
        return True

    def expect_passage(self, section_id: str, passage: str) -> None:
        """Open the section next shown (``show_section``) at ``passage``, tinted ("Re-read <section>";
        "" or a passage not found there: at the section's top)."""
        self._passage = (section_id, passage)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._render(current.row())

    def _render(self, row: int) -> None:
        if self._guide_id is None:  # no guide shown
            return
        content = self._library.content(self._guide_id)
        section = content.section(self.model.index(row, 0).data(SectionListModel.SectionRole))
        if section is None:
            return
        self.text.set_media(guide_resolver(self._library, self._guide_id))  # this guide's images only
        self.text.show_markdown(
            section_markdown(section, content.cards(section.id), content.events(section.id),
                             limit_note=self.model.limit_note(section.id)),
            highlight=self._highlight,
        )
        if self._passage is not None and self._passage[0] == section.id:
            self.text.mark_passage(self._passage[1])

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "section":  # a link between sections (an Obsidian [[Note]]): open it here
            self.show_section(url.path())
        elif url.scheme() == "event":
            self.event_activated.emit(url.path())
        elif url.scheme() == "study":
            self.study_requested.emit(url.path())
