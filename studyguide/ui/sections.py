"""The Sections view: the guide's reading notes, a list of topics beside the text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QListView, QSplitter, QVBoxLayout, QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.ui.exam_status import ExamStatus
from studyguide.ui.section_counts import CountsDelegate, RowSize
from studyguide.ui.section_list import SectionListModel
from studyguide.ui.section_split import SectionSplit
from studyguide.ui.widgets.markdown_view import MarkdownView, escape_markdown
from studyguide.ui.widgets.media_images import guide_resolver

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QUrl

    from studyguide.domain.exam import ExamReport
    from studyguide.domain.guide import Card, Event, Section
    from studyguide.domain.review import DueCounts
    from studyguide.ui.services import ReaderServices
    from studyguide.ui.tasks import TaskRunner

#: What the reader says for a guide without sections (a new guide).
EMPTY_GUIDE = ("**This guide has no sections yet.**\n\nAdd a section (Ctrl+Shift+N), and write in it: it opens in "
               "the editor. Then add cards (Ctrl+N) and events (Ctrl+Shift+E). All of it is in the Cards menu.")


def tag_links(tags: Sequence[str]) -> str:
    """A section's tags as a line of links (``tag:NAME``, opening the Search view on that filter), or ""."""
    if not tags:
        return ""
    links = [f"[#{escape_markdown(tag)}](tag:{quote(tag, safe='')})" for tag in tags]
    return "*Tags:* " + " · ".join(links)


def section_markdown(section: Section, cards: Sequence[Card], events: Sequence[Event], *,
                     limit_note: str = "", tags: Sequence[str] = ()) -> str:
    """The Markdown shown for a section: title, its tags, body, sources, links to its events and cards.

    Args:
        section: The section.
        cards: Its cards.
        events: Its events.
        limit_note: Why its new cards are not offered today, said under the review link.
        tags: Its tags (a user's guide), shown under the title as links to a ``tag:`` search.
    """
    parts = [f"# {escape_markdown(section.title)}", *([tag_links(tags)] if tags else []), section.body]
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
        tag_requested(str): One of the section's tags was clicked (the tag).
    """

    event_activated = Signal(str)
    study_requested = Signal(str)
    tag_requested = Signal(str)

    counts_updated = Signal()
    #: The current row changed (after the section is shown); emitted by whichever model the list shows.
    section_selected = Signal()

    def __init__(self, *, library: ReaderServices, tasks: TaskRunner | None = None, hold_counts: bool = False,
                 home: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from studyguide.ui.tasks import TaskRunner

        self._library = library
        self._tasks = tasks or TaskRunner(self)
        self._guide_id: str | None = None
        self._dirty = True
        self._counts_dirty = False
        self._counting = False
        #: The counts wait for ``release_counts`` (the window's start: their job would compete with its first frame).
        self._counts_held = hold_counts
        self.model = SectionListModel(self)
        #: The drag-to-reorder proxy in front of ``model`` (``set_movable``), once needed.
        self._drag: QAbstractItemModel | None = None
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(RowSize(self.list))  # the counts' delegate once there are counts (``_draw_counts``)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Sections")
        self.text = MarkdownView()
        self.text.setAccessibleName("Section text")
        self.text.link_activated.connect(self._on_link)
        splitter = QSplitter()  # horizontal (naming the orientation would build Qt's enums before the first frame)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        #: The list as wide as its titles, at most a third; the reader the rest (``home``: a dragged width kept).
        self.split = SectionSplit(splitter, self.list, home)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.exam_line = QLabel()  # the exam plan's line (Review > Exam Date…), when there is one
        self.exam_line.setWordWrap(True)
        self.exam_line.setContentsMargins(6, 4, 6, 4)
        self.exam_line.setVisible(False)
        layout.addWidget(self.exam_line)
        layout.addWidget(splitter, 1)
        self.list.selectionModel().currentRowChanged.connect(self._on_row)
        self.list.selectionModel().currentRowChanged.connect(self.section_selected)
        self._highlight: list[str] = []
        self._passage: tuple[str, str] | None = None  # (section id, passage) to open at
        #: The guide's exam report (plan, predicted recall), also read by the timeline's tint.
        self.exam = ExamStatus(library=library, tasks=self._tasks, parent=self)
        self.exam.reported.connect(self._exam_reported)

    def _exam_reported(self, guide_id: str, report: ExamReport | None) -> None:
        from studyguide.ui.exam import plan_text  # the Exam Date dialog's module: not on the way to the first frame

        if guide_id == self._guide_id:
            from PySide6.QtCore import Qt

            self.exam_line.setTextFormat(Qt.TextFormat.RichText)
            self._draw_counts()
            self.model.set_recall(report.recall if report else {})
            self.exam_line.setText(plan_text(report.plan if report else None))
            self.exam_line.setVisible(report is not None and report.plan is not None)

    @property
    def guide_id(self) -> str | None:
        """The guide shown, if any."""
        return self._guide_id

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
        self.model.set_reader(self._library.content(self._guide_id).section_titles_page)
        self._refresh_counts()
        self._dirty = False
        row = self._row_of(current) if current else -1
        self.list.setCurrentIndex(self.list.model().index(max(row, 0), 0))
        if not self.model.rowCount():  # a new guide: say what to do next
            self.text.show_markdown(EMPTY_GUIDE)
        self.split.fit()  # another guide's titles

    def showEvent(self, event) -> None:  # noqa: N802
        if self._dirty:
            self.refresh()
        elif self._counts_dirty:
            self._refresh_counts()
        super().showEvent(event)
        self.split.fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.split.fit()

    def _refresh_counts(self) -> None:
        """Count the cards waiting in each section on the task runner (a join over every card);
        the list keeps its counts until the new ones arrive (``counts_updated``)."""
        self._counts_dirty = False
        if self._guide_id is None:
            return
        if self._counting or self._counts_held:  # one at a time (or held): counted when that ends
            self._counts_dirty = True
            return
        self._counting = True
        library, guide_id = self._library, self._guide_id
        self._tasks.run(lambda _ctx: library.section_due_counts(guide_id),
                        on_done=lambda counts: self._counted(guide_id, counts), on_error=self._count_failed)

    def release_counts(self) -> None:
        """Count the waiting cards beside the titles now, if the view is shown (held until the first usable frame)."""
        self._counts_held = False
        if self._counts_dirty and self.isVisible():
            self._refresh_counts()

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
        self._draw_counts()
        self.model.set_counts(counts, limit_reached=reached, reread=review.sections_to_reread(guide_id, content))
        self.exam.request(guide_id)  # the exam's plan and recall, on the task runner too
        if current and self.model.limit_note(current) != before:
            self._render(self.list.currentIndex().row())  # say (or stop saying) why new cards wait
        self.counts_updated.emit()

    def _draw_counts(self) -> None:
        """Draw the counts (and recall) beside the titles from now on, and each title whole, wrapped: its row as
        high as it needs, laid out again as the list's width changes."""
        sizes = self.list.itemDelegate()
        if not isinstance(sizes, CountsDelegate):
            self.list.setUniformItemSizes(False)
            self.list.setResizeMode(QListView.ResizeMode.Adjust)
            self.list.setLayoutMode(QListView.LayoutMode.Batched)  # thousands of rows read: laid out in steps
            self.list.setItemDelegate(CountsDelegate(self.list))
            sizes.deleteLater()

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
        row = self._row_of(section_id)
        if row < 0:
            return False
        self._highlight = list(highlight)
        if self.list.currentIndex().row() == row:
            self._render(row)
        else:
            self.list.setCurrentIndex(self.list.model().index(row, 0))
        self._highlight, self._passage = [], None
        return True

    def set_movable(self, movable: bool) -> None:
        """Let the sections be dragged into another order (a user's guide) or not (the bundled guide).

        The drag's proxy (``section_drag``) is put in front of the list only when it is wanted: its item
        flags would make PySide build ``Qt``'s enums for the list's first frame (about 30 ms)."""
        if movable == (self.list.model() is not self.model):
            return
        if movable and self._drag is None:
            from studyguide.ui.section_drag import SectionDragModel

            self._drag = SectionDragModel(self.model)
        row, old = self.list.currentIndex().row(), self.list.selectionModel()
        old.currentRowChanged.disconnect(self._on_row)
        old.currentRowChanged.disconnect(self.section_selected)
        self.list.setModel(self._drag if movable else self.model)
        old.deleteLater()
        if row >= 0:  # the same row, before the connections: the section shown stays as it is
            self.list.setCurrentIndex(self.list.model().index(row, 0))
        self.list.selectionModel().currentRowChanged.connect(self._on_row)
        self.list.selectionModel().currentRowChanged.connect(self.section_selected)

    def expect_passage(self, section_id: str, passage: str) -> None:
        """Open the section next shown (``show_section``) at ``passage``, tinted ("Re-read <section>";
        "" or a passage not found there: at the section's top)."""
        self._passage = (section_id, passage)

    def _row_of(self, section_id: str) -> int:
        """A section's row, its titles read up to it if it is further down than the list has read."""
        row = self.model.row_of(section_id)
        if row < 0 and self._guide_id is not None:
            section = self._library.content(self._guide_id).section(section_id)
            row = -1 if section is None else self.model.row_of(section_id, (section.position, section.id))
        return row

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
                             limit_note=self.model.limit_note(section.id), tags=content.section_tags(section.id)),
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
        elif url.scheme() == "tag":  # percent-encoded in the link (``tag_links``)
            self.tag_requested.emit(unquote(url.toString().removeprefix("tag:")))
