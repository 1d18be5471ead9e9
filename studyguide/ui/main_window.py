"""The main window: the guide picker, the four views, menus, and change fan-out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# What the first frame shows; ``Qt``'s enums, actions, key sequences and dialogs are imported where used,
# after it (naming one makes PySide build all the enum classes of its class: ~30 ms for ``Qt``).
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QTabWidget, QWidget

from studyguide import __version__
from studyguide.domain.changes import Changes

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction

    from studyguide.ui.event_editing import EventEditing
    from studyguide.ui.flashcards import FlashcardsView
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.reader_actions import ReaderActions
    from studyguide.ui.review_actions import ReviewActions
    from studyguide.ui.search import SearchView
    from studyguide.ui.section_editing import SectionEditing
    from studyguide.ui.services import AuthoringLike, LibraryServices
    from studyguide.ui.stats import StatsView
    from studyguide.ui.tasks import TaskRunner
    from studyguide.ui.timeline import TimelineView
    from studyguide.ui.writing import Writing


class MainWindow(QMainWindow):
    """One window with Sections, Flashcards, Timeline and Search.

    The window can be shown before the library is open: it paints its frame at
    once, and ``attach`` builds the views when the library is ready. Start-up
    is mostly imports, so the views' modules are imported there, not here.

    Args:
        library: The opened ``Library`` (services only; no connections are used here),
            or None to ``attach`` one later.

    Signals:
        guide_changed(str): Another guide was picked (its id).
        guide_imported(str): A guide was imported (its id).
        ready(): The views are built on a library.
    """

    guide_changed = Signal(str)
    guide_imported = Signal(str)
    ready = Signal()
    # Built after the first frame showing the Sections view (ui/window_views.py).
    flashcards: FlashcardsView
    timeline: TimelineView
    search: SearchView
    stats: StatsView
    review_actions: ReviewActions
    writing: Writing
    section_editing: SectionEditing
    event_editing: EventEditing
    reader_actions: ReaderActions
    #: Runs what reads the learner's progress (its argument) once the app has checked the file (app.py).
    check_first: Callable[[Callable[[], None]], None] | None = None
    #: Ends that check now, on this thread, if it is still running (a key pressed before it ended).
    check_now: Callable[[], None] | None = None

    def __init__(self, *, library: LibraryServices | None = None, authoring: AuthoringLike | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library: LibraryServices | None = None
        self._tasks: TaskRunner | None = None
        self._operations: OperationRunner | None = None  # made when first asked for (not by the first frame)
        self._next_guide = ""
        self.resize(1280, 800)
        self.setWindowTitle("StudyGuide")
        # Centred by its own markup (the default alignment centres it vertically).
        self._placeholder = QLabel("<p align=center>Opening your library\u2026</p>")
        self._placeholder.setWordWrap(True)
        self.setCentralWidget(self._placeholder)
        if library is not None:
            self.attach(library, authoring=authoring)

    @property
    def operations(self) -> OperationRunner:
        """Every write goes through this runner; it keeps the Undo and Redo history (made when first used)."""
        if self._operations is None:
            from studyguide.ui.window_views import operation_runner

            self._operations = operation_runner(self, self._tasks)
        return self._operations

    @property
    def _attached(self) -> LibraryServices:
        assert self._library is not None, "the library is attached before the views are built"
        return self._library

    def attach(self, library: LibraryServices, *, tasks: TaskRunner | None = None,
               authoring: AuthoringLike | None = None, defer: bool = False) -> None:
        """Build the views on an opened library and show its first guide.

        Args:
            library: The opened ``Library``.
            tasks: The app's ``TaskRunner`` for long jobs (one of its own when None, as in tests).
            authoring: The authoring service (``studyguide.authoring.Authoring``), or None for
                a window that cannot write guides (as in most tests).
            defer: Build only the Sections view now; the other views, the menus and section editing
                right after the frame showing it is painted (``ui/window_views.py``; the app's start-up).
                ``ready`` is emitted once all is built.
        """
        # Deferred imports: they are most of start-up, and the frame is already painted.
        from studyguide.ui.sections import SectionsView
        from studyguide.ui.tasks import TaskRunner
        from studyguide.ui.view_menu import view_settings
        from studyguide.ui.window_access import guide_toolbar
        from studyguide.ui.window_state import WindowState
        from studyguide.ui.window_views import after_check, build_other_views, build_when_usable, section_editing

        self._library = library
        self._authoring = authoring
        self._tasks = tasks or TaskRunner(self)
        # The status bar's due counts (a count over every card: ms at 100,000 cards) are read
        # once the card is painted, and once for a burst of changes.
        self._due_refresh = QTimer(self)
        self._due_refresh.setSingleShot(True)
        self._due_refresh.setInterval(0)
        # The menu bar and status bar are in the first frame (filled later), so nothing moves.
        self._menus = {title: self.menuBar().addMenu(title) for title in ("&File", "&Edit", "&View", "&Review",
                       "&Cards", "&Tools", "&Help") if title != "&Cards" or authoring is not None}
        self.statusBar()
        self.sections = SectionsView(library=library, tasks=self._tasks, hold_counts=defer, home=library.home)
        self.views: list[Any] = [self.sections]  # the other four once built (ui/window_views.py)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.sections, "&Sections")
        self.setCentralWidget(self.tabs)
        if authoring is not None:
            section_editing(self, authoring)
        self.guide_picker = QComboBox()
        for info in library.guides():
            self.guide_picker.addItem(info.title, info.id)
        self.guide_picker.currentIndexChanged.connect(self._on_guide_picked)
        self.guide_bar = guide_toolbar(self.guide_picker)  # labelled "Guide:", Alt+G
        self.addToolBar(self.guide_bar)
        self._window_state = WindowState(folder=library.home)
        self.text_size, self.theme = view_settings(self, self._window_state)  # applied before the first frame
        last_guide = self._window_state.guide()
        if last_guide and self.guide_picker.findData(last_guide) >= 0:
            self.guide_picker.blockSignals(True)
            self.guide_picker.setCurrentIndex(self.guide_picker.findData(last_guide))
            self.guide_picker.blockSignals(False)
        self._show_guide(self.guide_id)  # the Sections view: the others read the guide when built
        if library.problems:
            self.statusBar().showMessage("Some guides could not be opened: " + " ".join(library.problems))
        if defer and self._window_state.tab() == 0:
            self._window_state.restore(self, self.tabs)
            build_when_usable(self)
        else:  # reopening on another view: that view is part of the usable frame
            def build_rest() -> None:
                build_other_views(self)
                self._window_state.restore(self, self.tabs)

            after_check(self, build_rest)

    def _build_menus(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        menu = self._menus  # the menu bar's menus, there from the first frame (filled now)
        file_menu, edit_menu = menu["&File"], menu["&Edit"]
        self.undo_action = self._action(edit_menu, "&Undo", QKeySequence.StandardKey.Undo, self.undo)
        self.redo_action = self._action(edit_menu, "&Redo", QKeySequence.StandardKey.Redo, self.redo)
        self._update_undo_actions()
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find\u2026", QKeySequence.StandardKey.Find, self.focus_search)
        # "/" searches too (as in browsers and Vim); text fields still take "/" as typing.
        QShortcut(QKeySequence("/"), self).activated.connect(self.focus_search)
        view_menu = self._view_menu = menu["&View"]
        for index, name in enumerate(("Sections", "Flashcards", "Timeline", "Search", "Stats")):
            self._action(view_menu, name, QKeySequence(f"Ctrl+{index + 1}"),
                         lambda _=False, i=index: self.tabs.setCurrentIndex(i))
        from studyguide.ui.study_menu import study_actions

        review_menu = menu["&Review"]
        self.review_actions.add_to(review_menu, file_menu, self.flashcards)
        self.custom_study, self.exam = study_actions(  # Custom Study…, Exam Date…
            library=self._attached, flashcards=self.flashcards, timeline=self.timeline, operations=self.operations,
            guide_id=lambda: self.guide_id, window=self, menu=review_menu, sections=self.sections)
        self._build_guide_menu_actions(file_menu)
        if self._authoring is not None:
            from studyguide.ui.authoring_actions import AuthoringActions

            self.authoring_actions = AuthoringActions(authoring=self._authoring, library=self._attached, window=self)
            self._cards_menu = menu["&Cards"]
            self.authoring_actions.add_to(file_menu, self._cards_menu)
            self.flashcards.edit_in_guide = self.authoring_actions.edit_card
            self.flashcards.card_type_of = self._authoring.card_type_of
        self._action(menu["&Tools"], "&Browse\u2026", QKeySequence("Ctrl+B"), self.browse)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)
        help_menu = menu["&Help"]
        self._action(help_menu, "&About StudyGuide", None, self._about)

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding of the platform (Redo: Ctrl+Shift+Z and Ctrl+Y)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    # Guides, and moving between views ----------------------------------------------

    @property
    def guide_id(self) -> str:
        """The guide on screen: the one picked in the toolbar, its only owner ("" before the library
        is attached or when there is none). Views receive it on change (``set_guide``)."""
        picker = getattr(self, "guide_picker", None)
        return str(picker.currentData() or "") if picker is not None else ""

    def _on_guide_picked(self, index: int) -> None:
        if self.guide_id:
            self._show_guide(self.guide_id)

    def _show_guide(self, guide_id: str) -> None:
        if not guide_id:
            self.setWindowTitle("StudyGuide")
            return
        info = self._attached.content(guide_id).info
        self.setWindowTitle(f"{info.title} \u2014 StudyGuide")
        for view in self.views:
            if view is not getattr(self, "search", None):
                view.set_guide(guide_id)
        if hasattr(self, "review_actions"):  # built with the other views
            self.review_actions.refresh_due()
            self.guide_changed.emit(guide_id)

    def open_section(self, section_id: str, highlight: list[str] | None = None) -> None:
        """Show a section in the Sections view."""
        self.tabs.setCurrentWidget(self.sections)
        self.sections.show_section(section_id, highlight=highlight or [])

    def open_event(self, event_id: str) -> None:
        """Show an event on the timeline."""
        self.tabs.setCurrentWidget(self.timeline)
        self.timeline.select_event(event_id)

    def open_card(self, card_id: str, highlight: list[str] | None = None) -> None:
        """Show a card (with its answer) in the Flashcards view, marking the given words."""
        self.tabs.setCurrentWidget(self.flashcards)
        self.flashcards.show_card(card_id, highlight=highlight or [])

    def study_section(self, section_id: str) -> None:
        """Review only one section's cards."""
        self.flashcards.set_guide(self.guide_id, section_id=section_id)
        self.tabs.setCurrentWidget(self.flashcards)

    def open_hit(self, hit, words: list[str]) -> None:
        """Open a search hit in its own view (switching guide if needed)."""
        if hit.guide_id != self.guide_id:
            self.select_guide(hit.guide_id)
        if hit.kind == "section":
            self.open_section(hit.item_id, words)
        elif hit.kind == "card":
            self.open_card(hit.item_id, words)
        elif hit.kind == "event":
            self.open_event(hit.item_id)

    def focus_search(self) -> None:
        """Switch to Search and put the cursor in the box (Ctrl+F or /)."""
        self.tabs.setCurrentWidget(self.search)
        self.search.focus_box()

    # Changes and undo --------------------------------------------------------------

    def apply_changes(self, changes: Changes, *, initiator: object) -> None:
        """The one path of a change to the views: each refreshes only what it shows.

        Called for every operation (through the runner's ``did_execute``), its undo and redo.
        """
        if changes.guides:
            self._refill_guides()
        if changes.due_counts or changes.progress:
            self._due_refresh.start()
        for view in self.views:  # those built: a view built later reads the current state
            view.on_changes(changes, initiator)
        if changes.guides:
            self._show_guide(self.guide_id)

    def undo(self) -> None:
        """Take back the newest operation (Ctrl+Z); with none left, this guide's older answers."""
        from studyguide.operations import Step

        fallback = Step("Answer", self.flashcards.ops.undo(self.guide_id)) if self.guide_id else None
        self.operations.undo(initiator=self, fallback=fallback)

    def redo(self) -> None:
        """Do again what Undo took back (Ctrl+Shift+Z, Ctrl+Y on Windows)."""
        self.operations.redo(initiator=self)

    def _update_undo_actions(self) -> None:
        history = self.operations.history
        for action, verb, label in ((self.undo_action, "Undo", history.undo_label()),
                                    (self.redo_action, "Redo", history.redo_label())):
            action.setText(f"&{verb} {label}" if label else f"&{verb}")
            action.setEnabled(label is not None or verb == "Undo")  # Undo also reaches older answers

    def _bring_forward(self, guide_id: str) -> None:
        """Undo or redo acts on ``guide_id``'s review: show that guide's Flashcards."""
        if guide_id != self.guide_id:
            self.select_guide(guide_id)
        self.tabs.setCurrentWidget(self.flashcards)

    # Guide management (import, export, rename, delete live in ui/guide_actions.py) ------

    def _build_guide_menu_actions(self, file_menu) -> None:
        from studyguide.ui.guide_actions import GuideActions

        self.guide_actions = GuideActions(library=self._attached, window=self, tasks=self._tasks,
                                          operations=self.operations)
        self.guide_actions.add_to(file_menu)
        self.guide_actions.guide_imported.connect(self.guide_imported)
        self.guide_actions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))

    def _refill_guides(self) -> None:
        """Refill the guide picker (guides were added, renamed or removed); keep the guide if it is there."""
        guides = self._attached.guides()
        ids = [info.id for info in guides]
        wanted, self._next_guide = self._next_guide, ""
        keep = next((gid for gid in (wanted, self.guide_id) if gid in ids), ids[0] if ids else "")
        self.guide_picker.blockSignals(True)
        self.guide_picker.clear()
        for info in guides:
            self.guide_picker.addItem(info.title, info.id)
        self.guide_picker.setCurrentIndex(ids.index(keep) if keep else -1)
        self.guide_picker.blockSignals(False)

    def show_next(self, guide_id: str) -> None:
        """Show ``guide_id`` once the guides are listed again (an import or a restored guide)."""
        self._next_guide = guide_id

    def browse(self) -> None:
        """Tools > Browse (Ctrl+B): the card browser (one window, raised if open)."""
        from studyguide.ui.browser import show_browser

        self.browser = show_browser(self, self._attached, getattr(self, "browser", None))

    def select_guide(self, guide_id: str) -> None:
        """Show another guide (as if picked in the toolbar)."""
        index = self.guide_picker.findData(guide_id)
        if index >= 0 and guide_id != self.guide_id:
            self.guide_picker.setCurrentIndex(index)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About StudyGuide",
                          f"<b>StudyGuide {__version__}</b><p>Offline study guides: notes, flashcards "
                          "scheduled with FSRS, a timeline and instant search.</p>")

    def closeEvent(self, event) -> None:  # noqa: N802
        editing = getattr(self, "section_editing", None)
        if editing is not None and editing.finished:
            editing.editor.save_now()  # what was typed in the last second
        # Stop long jobs (an import in progress) before the databases close.
        actions = getattr(self, "guide_actions", None)
        if actions is not None:
            actions.tasks.shutdown()
        if self._library is not None:
            self._window_state.save(self, self.tabs, self.guide_id)
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_other_windows()
        super().changeEvent(event)

    def check_other_windows(self) -> None:
        """Show what another window or process saved in this library since this one last looked.

        Called when the window becomes active: one ``PRAGMA data_version`` read, and a
        reload of the due counts and the reviewer only if something was saved elsewhere.
        """
        if self._library is not None and self._library.review.changed_elsewhere():
            self.operations.announce(Changes(progress=True, due_counts=True), initiator=self)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import Qt

        # Escape leaves a previewed card or the search box, like closing a popup.
        if (event.key() == Qt.Key.Key_Escape and self._library is not None
                and self.tabs.currentWidget() is getattr(self, "flashcards", None)):
            self.flashcards.end_preview()
            return
        super().keyPressEvent(event)
