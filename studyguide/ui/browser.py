"""Tools > Browse (Ctrl+B): every card of one guide or all guides, in a table, as in Anki's Browse.

A search box takes the query language with its card-state filters (``is:due prop:r<0.8``); the
table (``browser_model.CardTableModel``, lazy) sorts by any column on a header click (searches
and sorts run on a worker, ``browser_find``: the newest wins, the selection stays), and its
columns are chosen from the header's context menu; both are remembered in the library's
``window.ini``, with the columns' widths and order (``browser_layout``). Selected cards can be
suspended or brought back (Ctrl+J) through the window's operation runner, so Ctrl+Z takes it
back. The pane on the right shows the current card's section (a link that opens the reader
there), its answers and its retrievability curve.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.card_filter import COLUMN_KEYS, COLUMNS
from studyguide.domain.changes import Changes
from studyguide.ui.browser_find import BrowserFinding
from studyguide.ui.browser_info import CardInfo
from studyguide.ui.browser_keys import BrowserKeys
from studyguide.ui.browser_layout import HeaderFit, SplitFit, restore_layout, save_layout
from studyguide.ui.browser_model import CardTableModel
from studyguide.ui.browser_ops import OperationNotes, forget_op, set_due_op, suspend_op
from studyguide.ui.services import BrowserServices
from studyguide.ui.widgets.fitting_placeholder import fit_placeholder
from studyguide.ui.widgets.wrapping_label import WrappingLabel
from studyguide.ui.window_state import FILE_NAME

#: Columns hidden until the learner shows them.
HIDDEN_BY_DEFAULT = ("answer", "stability", "difficulty", "added", "edited")
#: Starting column widths in characters (the question gets the room).
WIDTHS = {"question": 34, "answer": 24, "section": 16, "guide": 12, "tags": 10, "state": 10, "due": 12, "added": 12,
          "edited": 12}
#: Delay after typing before searching again (searches run on a worker; this only coalesces keys).
SEARCH_DELAY_MS = 150
#: The search box's hint, longest first (the longest that fits is shown, the longest is its tooltip).
SEARCH_HINTS = ("Search: words, tag:NAME, is:due, is:new, prop:r<0.8, rated:7, lapses>2\u2026",
                "Search: words, tag:NAME, is:due, prop:r<0.8\u2026", "Search: words, tag:NAME\u2026", "Search")
ALL_GUIDES = ""


class BrowserWindow(QMainWindow):
    """The card browser.

    Args:
        library: The services it reads and writes through (never a store).
        operations: The window's operation runner (``ui.operations.OperationRunner``).
        undo, redo: The main window's Edit > Undo and Redo.
        guide_id: The guide chosen first ("" for all guides).
        background: Search and sort on a worker thread (False: on the UI thread, for tools).

    Signals:
        section_requested(str, str): Open the reader at this section (guide id, section id).
        results_shown(int): The cards of the latest search or sort are listed (their count).
    """

    section_requested = Signal(str, str)
    results_shown = Signal(int)

    def __init__(self, *, library: BrowserServices, operations: Any, undo: Callable[[], None],
                 redo: Callable[[], None], guide_id: str = ALL_GUIDES, writing: Any = None,
                 edit_card: Callable[[str, str], bool] | None = None, background: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle("Browse")
        self._library = self.library = library
        self._operations = operations
        self._stale = False
        self._settings = QSettings(str(library.home / FILE_NAME), QSettings.Format.IniFormat)
        self.model = CardTableModel(cards=library.cards, parent=self)
        self.finding = BrowserFinding(browser=self, background=background)
        self.guides = QComboBox()
        self.guides.setAccessibleName("Guide")
        self.guides.addItem("All guides", ALL_GUIDES)
        for info in library.cards.guides():
            self.guides.addItem(info.title, info.id)
        self.guides.setCurrentIndex(max(self.guides.findData(guide_id), 0))
        self.box = QLineEdit()
        fit_placeholder(self.box, SEARCH_HINTS)  # the longest that fits: at 200% the whole one was cut short
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search the cards")
        self.status = WrappingLabel()  # a long problem with the query wraps rather than widening the window
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Cards")
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves the table (no trap)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fit = HeaderFit(self.table)  # rows a line tall, columns that grow with the text, titles whole
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)  # before the widths: a title's room includes its arrow's
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        char = self.fontMetrics().averageCharWidth()
        for number, key in enumerate(COLUMN_KEYS):
            header.resizeSection(number, char * WIDTHS.get(key, 9) + 12)
        self.info = CardInfo()
        self.info.section_requested.connect(self.section_requested)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.info)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.split = SplitFit(self.splitter, self.table, self.info, COLUMN_KEYS.index("question"))
        top = QHBoxLayout()
        top.addWidget(self.guides)
        top.addWidget(self.box, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(body)
        self.box.setFocus()  # keys typed after Ctrl+B search (the guide picker had them: a letter picked a guide)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self.search)
        self.guides.currentIndexChanged.connect(lambda _i: self.search())
        self.keys = BrowserKeys(self)  # Down from the search box into the cards; Ctrl+F back
        self._build_menus(undo, redo)
        if writing is not None:
            from studyguide.ui.browser_edit import BrowserEditing

            self.editing = BrowserEditing(browser=self, writing=writing, edit_card=edit_card)
            self.editing.add_to(self.cards_menu)
        self._restore()
        self._layout_timer = QTimer(self, singleShot=True, interval=400)  # a drag resizes many times
        self._layout_timer.timeout.connect(self._save)
        header.sectionResized.connect(lambda *_: self._layout_timer.start())
        header.sectionMoved.connect(lambda *_: self._save())
        header.sortIndicatorChanged.connect(self._sorted)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self.show_info(current.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.refresh_status())
        operations.did_execute.connect(self.on_changes)
        self.notes = OperationNotes(operations, self)  # what Ctrl+J, Forget… did, said in the status line
        self.search()

    # Menus -------------------------------------------------------------------------------

    def _build_menus(self, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        edit = self.menuBar().addMenu("&Edit")
        self.add_action(edit, "&Undo", QKeySequence.StandardKey.Undo, undo)
        self.add_action(edit, "&Redo", QKeySequence.StandardKey.Redo, redo)
        edit.addSeparator()
        self.add_action(edit, "Select &All", QKeySequence.StandardKey.SelectAll, self.table.selectAll)
        self.add_action(edit, "&Find", QKeySequence.StandardKey.Find, self.keys.find)
        cards: QMenu = self.menuBar().addMenu("&Cards")
        self.cards_menu: QMenu = cards
        self.suspend_action = self.add_action(cards, "Toggle &Suspend", QKeySequence("Ctrl+J"), self.toggle_suspend)
        self.add_action(cards, "&Forget", QKeySequence("Ctrl+Alt+N"), self.forget)
        self.add_action(cards, "Set &Due Date\u2026", QKeySequence("Ctrl+Shift+D"), self.ask_due_date)
        self.add_action(cards, "&Close", QKeySequence("Escape"), self.close)
        view = self.menuBar().addMenu("&View")  # the header's choices, for the keyboard too
        columns, sort = view.addMenu("&Columns"), view.addMenu("&Sort By")
        columns.aboutToShow.connect(lambda: self.column_menu(columns))
        sort.aboutToShow.connect(lambda: self.sort_menu(sort))

    def add_action(self, menu: QMenu, text: str, keys: Any, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def tell(self, text: str) -> None:
        """Say something in the status line until the next search."""
        self.status.setText(text)

    def _column_menu(self, point: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(point))

    def column_menu(self, menu: QMenu | None = None) -> QMenu:
        """The header's context menu (or View > Columns, filled afresh): a checkable entry per column."""
        menu = menu if menu is not None else QMenu(self)
        menu.clear()
        for number, (_key, title) in enumerate(COLUMNS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(number))
            action.toggled.connect(lambda shown, n=number: self.show_column(n, shown))
        return menu

    def sort_menu(self, menu: QMenu) -> None:
        """View > Sort By, filled afresh: the shown columns; the sorted one again reverses the order."""
        menu.clear()
        header, up, down = self.table.horizontalHeader(), Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
        for number, (_key, title) in enumerate(COLUMNS):
            if not self.table.isColumnHidden(number):
                action = menu.addAction(title)
                action.setCheckable(True)
                action.setChecked(header.sortIndicatorSection() == number)
                order = down if action.isChecked() and header.sortIndicatorOrder() == up else up
                action.triggered.connect(lambda _=False, n=number, o=order: header.setSortIndicator(n, o))

    def show_column(self, number: int, shown: bool) -> None:
        """Show or hide a column (at least one stays shown), and remember it."""
        if not shown and sum(not self.table.isColumnHidden(n) for n in range(len(COLUMNS))) <= 1:
            return
        self.table.setColumnHidden(number, not shown)
        self._save()

    # Searching ---------------------------------------------------------------------------

    @property
    def guide_id(self) -> str | None:
        """The guide browsed (None: all guides)."""
        return str(self.guides.currentData() or "") or None

    def search(self) -> None:
        """List the cards matching the box's text, in the current order (the first one current)."""
        self._timer.stop()
        self.model.text, self.model.guide_id = self.box.text(), self.guide_id
        self.finding.find(keep=False)

    def _sorted(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(COLUMN_KEYS):
            self.model.sort_key = COLUMN_KEYS[column]
            self.model.descending = order == Qt.SortOrder.DescendingOrder
            self._save()
            self.finding.find(keep=True)

    def refresh_status(self) -> None:
        shown = self.model.rowCount()
        selected = len(self.selected_rows())
        text = f"{shown:,} card{'s' * (shown != 1)}" + (f", {selected:,} selected" if selected > 1 else "")
        if self.model.problems:
            text = "; ".join(self.model.problems) + f". {text}"
        self.status.setText(text + self.notes.take())

    def show_info(self, row: int) -> None:
        card = self.model.card(row) if row >= 0 else None
        if card is None:
            self.info.show_card(None, [], [], none_found=None if self.model.rowCount() else self.model.text)
            return
        entries = self._library.cards.history(card.guide_id, card.card_id)
        self.info.show_card(card, entries, self._library.cards.curve(entries))

    # Bulk actions ------------------------------------------------------------------------

    def select_rows(self, rows: Sequence[int]) -> None:
        """Select these rows (the first one current), whatever keys are held."""
        flags = QItemSelectionModel.SelectionFlag
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), flags.Select | flags.Rows)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0], 0), flags.NoUpdate)
            self.show_info(rows[0])

    def selected_rows(self) -> list[int]:
        """The selected rows, in order."""
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def toggle_suspend(self) -> None:
        """Suspend the selected cards, or bring them back when all of them are suspended."""
        cards = [c for c in (self.model.card(r) for r in self.selected_rows()) if c is not None]
        if not cards:
            return
        suspend = not all(c.suspended for c in cards)
        keys = [(c.guide_id, c.card_id) for c in cards if c.suspended != suspend]
        self._operations.run(suspend_op(self._library.review, keys, suspend), initiator=self)

    def _selected_keys(self) -> list[tuple[str, str]]:
        return [self.model.key(r) for r in self.selected_rows()]

    def forget(self) -> None:
        """Make the selected cards new again (their answers stay in the log)."""
        keys = self._selected_keys()
        if keys:
            self._operations.run(forget_op(self._library.cards, keys), initiator=self)

    def ask_due_date(self) -> None:
        """Ask in how many days the selected studied cards fall due, then set it."""
        if not self._selected_keys():
            return
        days, ok = QInputDialog.getInt(self, "Set Due Date", "Due in how many days (0: today)?", 0, 0, 36500)
        if ok:
            self.set_due(days)

    def set_due(self, days: int) -> None:
        """Make the selected studied cards fall due ``days`` from now (new cards stay new)."""
        keys = self._selected_keys()
        if keys:
            self._operations.run(set_due_op(self._library.cards, keys, days), initiator=self)

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Show what an operation changed (from this window or the main one)."""
        if not self.isVisible():
            self._stale = self._stale or bool(changes.content or changes.guides or changes.progress)
            return
        self.notes.change_followed()  # its note is said with the refresh below
        if changes.content or changes.guides:
            self.finding.find(keep=True)
            return
        if changes.progress:
            self.model.reload_rows()
        else:
            return
        self.show_info(self.table.currentIndex().row())
        self.refresh_status()

    # Remembered state --------------------------------------------------------------------

    def _restore(self) -> None:
        settings = self._settings
        restore_layout(settings, self.table.horizontalHeader(), COLUMN_KEYS)
        hidden = settings.value("browser/hidden")
        hidden_keys = (str(hidden).split(",") if isinstance(hidden, str) else list(cast(Any, hidden))) \
            if hidden is not None else list(HIDDEN_BY_DEFAULT)
        for number, key in enumerate(COLUMN_KEYS):
            self.table.setColumnHidden(number, key in hidden_keys)
        sort = str(settings.value("browser/sort", "") or "")
        descending = str(settings.value("browser/descending", "false")).lower() == "true"
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        if sort in COLUMN_KEYS:
            self.model.sort_key, self.model.descending = sort, descending
        self.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index(sort) if sort in COLUMN_KEYS else -1, order)
        geometry = settings.value("browser/geometry")
        if geometry is not None:
            self.restoreGeometry(cast(Any, geometry))
        else:
            self.resize(1100, 650)

    def _save(self) -> None:
        settings = self._settings
        hidden = [key for number, key in enumerate(COLUMN_KEYS) if self.table.isColumnHidden(number)]
        settings.setValue("browser/hidden", ",".join(hidden))
        settings.setValue("browser/sort", self.model.sort_key or "")
        settings.setValue("browser/descending", "true" if self.model.descending else "false")
        save_layout(settings, self.table.horizontalHeader(), COLUMN_KEYS)
        settings.sync()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self._settings.setValue("browser/geometry", self.saveGeometry())
        self._save()
        super().closeEvent(event)

    def mark_stale(self) -> None:
        """Find the cards again when next shown."""
        self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802
        if self._stale:  # changed while closed: find the cards again
            self._stale = False
            self.search()
        super().showEvent(event)


def show_browser(window: Any, library: BrowserServices, browser: BrowserWindow | None) -> BrowserWindow:
    """Tools > Browse: the main window's browser, made on first use, shown and raised."""
    if browser is None:
        actions = getattr(window, "authoring_actions", None)
        browser = BrowserWindow(library=library, operations=window.operations, undo=window.undo, redo=window.redo,
                                guide_id=window.guide_id, writing=getattr(window, "writing", None),
                                edit_card=actions.edit_card if actions is not None else None, parent=window)

        def read(guide_id: str, section_id: str) -> None:
            window.select_guide(guide_id)
            window.open_section(section_id)
            window.activateWindow()

        browser.section_requested.connect(read)
    browser.show()
    browser.raise_()
    browser.activateWindow()
    return browser
