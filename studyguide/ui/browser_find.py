"""The card browser's searches and sorts, run off the UI thread.

At 100,000 cards a search or a sort takes 60-200 ms, more than the UI thread may spend, so it
runs on a task runner of the browser's own (one worker: an import on the main window's runner
never holds it up) over connections the job opens there (``CardBrowser.finder``). Each request
is numbered; a request overtaken before the worker gets to it is skipped, and a result that is
not the newest is dropped, so the table always shows the latest query in the latest order.
When the result arrives the cards that were selected (and the current one) stay selected if
they are still listed; otherwise the first row becomes current.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, SignalInstance
from PySide6.QtWidgets import QTableView, QWidget

from studyguide.domain.errors import StoreUnavailable
from studyguide.ui.browser_model import CardTableModel
from studyguide.ui.services import BrowserServices
from studyguide.ui.tasks import TaskRunner, report_bug


class BrowserLike(Protocol):
    """What the finding uses of the browser window (``ui.browser.BrowserWindow``)."""

    model: CardTableModel
    table: QTableView
    library: BrowserServices
    results_shown: SignalInstance

    def selected_rows(self) -> list[int]: ...

    def refresh_status(self) -> None: ...

    def show_info(self, row: int) -> None: ...

    def tell(self, text: str) -> None: ...

    def isVisible(self) -> bool: ...  # noqa: N802

    def parentWidget(self) -> QWidget | None: ...  # noqa: N802

    def mark_stale(self) -> None: ...


class BrowserFinding(QObject):
    """Finds the browser's cards in the background and shows the newest result.

    Args:
        browser: The window (its model holds the query and the order).
        background: On a worker thread (False: on the UI thread, for tools and benchmarks' baseline).
    """

    def __init__(self, *, browser: BrowserLike, background: bool = True) -> None:
        super().__init__(browser)  # type: ignore[arg-type]
        self._browser = browser
        self.tasks = TaskRunner(self) if background else None
        self._generation = 0
        self._shown = 0

    @property
    def pending(self) -> bool:
        """True while the table does not yet show the latest search or sort."""
        return self._shown != self._generation

    def find(self, *, keep: bool = True) -> None:
        """Find the cards of the model's query, in its order, and list them when found.

        Args:
            keep: Keep the selected cards selected (False: a new search, the first card current
                unless the current one is still listed).
        """
        self._generation += 1
        generation = self._generation
        model = self._browser.model
        text, guide_id, sort, descending = model.text, model.guide_id, model.sort_key, model.descending
        cards = self._browser.library.cards
        if self.tasks is None:
            try:
                found = cards.find(text, guide_id=guide_id, sort=sort, descending=descending)
            except StoreUnavailable as error:
                self._failed(generation, error)
                return
            self._arrived(generation, found)
            return
        finder = cards.finder()

        def job(_context: Any) -> object:  # on the worker
            if generation != self._generation:
                return None  # overtaken before it started
            return finder.find(text, guide_id=guide_id, sort=sort, descending=descending)

        self.tasks.run(job, on_done=lambda found: self._arrived(generation, found),
                       on_error=lambda error: self._failed(generation, error), cancellable=False)

    def _arrived(self, generation: int, found: Any) -> None:
        if generation != self._generation or found is None:
            return  # stale: a newer search or sort is on its way
        browser, model = self._browser, self._browser.model
        owner = browser.parentWidget()  # the main window: closed, the app is quitting
        if not browser.isVisible() or (owner is not None and not owner.isVisible()):
            # Closed meanwhile (the library may be closing): nothing is read; found again when shown.
            self._shown = generation
            browser.mark_stale()
            return
        table = browser.table
        current = table.currentIndex()
        current_key = model.key(current.row()) if current.isValid() else None
        selected = [model.key(r) for r in browser.selected_rows()]
        self._shown = generation
        model.show(found)
        rows = sorted(r for r in model.rows_of(selected) if r >= 0)
        current_row = model.rows_of([current_key])[0] if current_key is not None else -1
        if current_row < 0:
            current_row = rows[0] if rows else (0 if model.rowCount() else -1)
        if current_row >= 0 and not rows:
            rows = [current_row]
        self._select(rows, current_row)
        browser.refresh_status()
        browser.results_shown.emit(model.rowCount())

    def _select(self, rows: list[int], current: int) -> None:
        """Select these rows (sorted; as ranges, so 100,000 selected rows are one range) and make
        ``current`` the current one, scrolled to."""
        browser, model = self._browser, self._browser.model
        flags = QItemSelectionModel.SelectionFlag
        selection = QItemSelection()
        last = model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                selection.select(model.index(start, 0), model.index(previous, last))
            start = previous = row
        model_selection = browser.table.selectionModel()
        model_selection.select(selection, flags.ClearAndSelect | flags.Rows)
        if current >= 0:
            model_selection.setCurrentIndex(model.index(current, 0), flags.NoUpdate)
            browser.table.scrollTo(model.index(current, 0))  # the card pane follows the current row
        else:
            browser.show_info(-1)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._shown = generation
        if isinstance(error, StoreUnavailable):  # a damaged, locked or missing guide file
            self._browser.tell(f"Cards cannot be read: {error}")
            self._browser.results_shown.emit(0)
            return
        self._browser.tell("The search failed because of a bug in StudyGuide.")
        self._browser.results_shown.emit(0)
        report_bug(error)
