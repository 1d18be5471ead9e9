"""The main window's views beyond Sections, its menus and its writing, built once the reader is usable.

At start-up the window builds only what the usable frame shows (the Sections view: the list and the
first section) and paints it; the other four views, their services, the menus and section editing
are built right after that frame is painted (``build_when_usable``), on the next turn of the event
loop. Their modules are most of start-up's imports. Tests build everything at once
(``MainWindow.attach`` without ``defer``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.tasks import TaskRunner

#: The ``MainWindow`` (it imports this module; typed loosely so the two stay acyclic).
MainWindow = Any

#: Built anyway this long after the reader was set up, should no frame ever be painted (a minimised start).
FALLBACK_MS = 1_000
#: Input that builds the rest at once if it comes first: a key (its shortcut may be a menu's) or a click.
_INPUT = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)


class _AfterUsableFrame(QObject):
    """Runs ``build`` once a painted frame shows the Sections view filled (or the fallback fires).

    The learner's first key press or click works whenever it comes: until the window is ready, input
    builds the rest first, there and then (checking the progress file on the spot if its check on the task
    runner has not ended yet, ``MainWindow.check_now``); a shortcut is looked up after its override event,
    so the key finds the action it names. Keys reach the window's filter (a key no widget takes goes up
    to the window); from the usable frame on, an application-wide filter also sees clicks (a menu title)
    until the window is ready (not before: every event of the first frame would pass through Python).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.done = False
        self._app: QCoreApplication | None = None
        window.installEventFilter(self)
        window.ready.connect(self._built)
        # A timer of its own (gone with this filter): a one-shot with a context object would build QMetaMethod's
        # enum classes on the way to the first frame.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.build)
        self._soon.start(FALLBACK_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self.window and not self.done and sections_filled(self.window):
            self._watch_input()
            self._soon.start(0)  # after this frame is on screen
        elif kind in _INPUT and not hasattr(self.window, "flashcards"):
            self._ready()
            self.build()
            settle = getattr(self.window, "check_now", None)
            if settle is not None and not hasattr(self.window, "flashcards"):
                settle()  # the check's result is not in yet: check now, then build
        return False

    def _watch_input(self) -> None:
        if self._app is None and not hasattr(self.window, "flashcards"):
            self._app = QCoreApplication.instance()
            if self._app is not None:
                self._app.installEventFilter(self)

    def _ready(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def _built(self) -> None:
        self._ready()
        self.window.removeEventFilter(self)

    def build(self) -> None:
        if not self.done:
            self.done = True
            after_check(self.window, lambda: build_other_views(self.window))


def after_check(window: MainWindow, then: Callable[[], None]) -> None:
    """Run ``then`` (what reads the learner's progress) once the window's ``check_first`` let it: the app
    checks the progress file there first (``store/integrity.py``); a window without one runs it now."""
    gate = getattr(window, "check_first", None)
    if gate is None:
        then()
    else:
        gate(then)


def sections_filled(window: MainWindow) -> bool:
    """True when the Sections view shows its list and first section (or there is no guide to show)."""
    sections = window.sections
    return not window.guide_id or (sections.model.rowCount() > 0 and not sections.text.document().isEmpty())


def build_when_usable(window: MainWindow) -> None:
    """Build the rest of the window right after the first frame showing the filled Sections view."""
    _AfterUsableFrame(window)


def build_other_views(window: MainWindow) -> None:
    """Flashcards, Timeline, Search and Stats, the menus and section editing; then ``window.ready``."""
    from studyguide.ui.flashcards import FlashcardsView
    from studyguide.ui.review_actions import ReviewActions
    from studyguide.ui.search import SearchView
    from studyguide.ui.stats import StatsView
    from studyguide.ui.timeline import TimelineView
    from studyguide.ui.view_menu import add_view_settings
    from studyguide.ui.window_access import describe_window

    library, tasks = window._attached, window._tasks
    window.flashcards = FlashcardsView(library=library, operations=window.operations)
    window.timeline = TimelineView(library=library)
    window.search = SearchView(library=library)
    window.stats = StatsView(library=library, tasks=tasks)
    window.views = [window.sections, window.flashcards, window.timeline, window.search, window.stats]
    titles = ("F&lashcards", "Ti&meline", "Search", "Stats")
    for view, title in zip(window.views[1:], titles, strict=True):
        window.tabs.addTab(view, title)
    # Built after the guide picker, the views would follow it in the focus chain; a widget given a
    # parent again goes to the chain's end: Tab goes from the picker to the view tabs, then the view.
    window.guide_bar.setParent(None)
    window.addToolBar(window.guide_bar)
    window.guide_bar.show()
    window.sections.event_activated.connect(window.open_event)
    window.sections.study_requested.connect(window.study_section)
    window.sections.tag_requested.connect(lambda tag: show_tag(window, tag))
    window.timeline.section_activated.connect(window.open_section)
    window.timeline.study_requested.connect(window.study_section)
    window.timeline.card_requested.connect(window.open_card)
    window.flashcards.section_activated.connect(window.open_section)
    window.flashcards.guide_requested.connect(window._bring_forward)
    window.search.hit_activated.connect(window.open_hit)
    window.review_actions = ReviewActions(library=library, window=window, guide_id=lambda: window.guide_id,
                                          operations=window.operations)
    window._due_refresh.timeout.connect(window.review_actions.refresh_due)
    # Cards fell due while the app was open (the reviewer's "Check again", its timer, or back to the app the
    # next morning): the counts follow.
    window.flashcards.end_actions.check_requested.connect(lambda: window._due_refresh.start())
    # The exam plan's counts, once the task runner has them (exam17).
    window.sections.exam.reported.connect(lambda *_: window.isVisible() and window._due_refresh.start())
    # A normal widget, not a permanent one: a message ("Imported ...") takes the whole bar for its few
    # seconds, then the counts come back (beside them at 900 px a message was cut off).
    # (A stretch before them keeps them on the right without an alignment enum in the first frame.)
    window.statusBar().addWidget(QWidget(), 1)
    window.statusBar().addWidget(window.review_actions.due_label)
    window._build_menus()
    if window._authoring is not None:
        attach_writing(window, window._authoring)
    add_view_settings(window, window._view_menu)
    if window.guide_id:
        for view in (window.flashcards, window.timeline, window.stats):
            view.set_guide(window.guide_id)
        window.review_actions.refresh_due()
        window.guide_changed.emit(window.guide_id)
    describe_window(window.tabs, window.views)  # names and key descriptions for screen readers
    window.sections.release_counts()  # held until now: the counts beside the titles (task runner)
    window.ready.emit()


def show_tag(window: MainWindow, tag: str) -> None:
    """Open the Search view on ``tag:NAME`` (a tag link in the Sections view)."""
    window.tabs.setCurrentWidget(window.search)
    window.search.box.setText(f"tag:{tag}")
    window.search.run_query()  # now, not after the typing pause


def operation_runner(window: MainWindow, tasks: TaskRunner | None) -> OperationRunner:
    """The window's runner for every write (``MainWindow.operations``, made when first asked for: not by the
    first frame), its changes handed to the views, its history to the Undo and Redo items, its messages to
    the status bar."""
    from studyguide.ui.expected_errors import EXPECTED_ERRORS
    from studyguide.ui.operations import OperationRunner

    assert tasks is not None, "the library is attached before anything is written"
    runner = OperationRunner(tasks=tasks, window=window, expected=EXPECTED_ERRORS)
    runner.did_execute.connect(lambda changes, by: window.apply_changes(changes, initiator=by))
    runner.history_changed.connect(window._update_undo_actions)
    runner.message.connect(lambda text: window.statusBar().showMessage(text, 5000))
    return runner


def section_editing(window: MainWindow, authoring) -> None:
    """The Sections view's Edit button: part of the usable frame (the editor, its keys and menu items
    come with the other views, ``attach_writing``)."""
    from studyguide.ui.section_editing import SectionEditing

    window.section_editing = SectionEditing(view=window.sections, library=window._attached)


def attach_writing(window: MainWindow, authoring) -> None:
    """Section editing in the Sections view (a user's guide; the bundled one stays read-only)."""
    from studyguide.ui.event_editing import EventEditing
    from studyguide.ui.reader_actions import ReaderActions
    from studyguide.ui.writing import Writing

    library = window._attached
    window.writing = Writing(authoring=authoring, operations=window.operations)
    window.section_editing.finish(window.writing)
    if hasattr(window, "_cards_menu"):  # Add/Edit Section from any view, and in a menu to be found
        window.section_editing.add_to(window._cards_menu, lambda: window.tabs.setCurrentWidget(window.sections))
    window.event_editing = EventEditing(timeline=window.timeline, sections=window.sections, writing=window.writing,
                                        library=library)
    if hasattr(window, "_cards_menu"):
        window.event_editing.add_to(window._cards_menu)
    window.guide_changed.connect(lambda _id: window.event_editing.update_enabled())
    # A new guide has no section to select: its Add Section key is enabled by the guide change.
    window.guide_changed.connect(lambda _id: window.section_editing.update_enabled())
    window.operations.did_execute.connect(lambda changes, _who: window.event_editing.on_changes(changes))
    window.operations.did_execute.connect(window.section_editing.on_changes)
    cards = getattr(window, "authoring_actions", None)
    window.reader_actions = ReaderActions(
        view=window.sections, writing=window.writing, library=library, events=window.event_editing,
        card_dialog=(lambda: (cards.add_card(), getattr(cards, "dialog", None))[1]) if cards else None)
