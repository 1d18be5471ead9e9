"""The timeline's twin: the same events as a list of sentences, for screen readers and keyboard users.

View > Timeline as List, or L in the Timeline view, swaps the canvas for the list (and back). The list
reads the timeline's own state, never a copy: the events of the lanes shown, within the stretch of time
the canvas has in view (zoom, scroll and "Fit all" change both), in date order. Each row is one sentence
with the date's honest precision ("fall 1961, Castro asks for larger arms, Cuba lane, part of The decision
to send missiles"); moving through the rows selects the event on the timeline, Enter opens its details
(where Tab reaches the section link). With the canvas focused, Left and Right step through the events and
the canvas says each one (its accessible name, see ``TimelineCanvas.announce``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QStackedWidget, QVBoxLayout, QWidget

from studyguide.domain.event_text import event_sentence, spoken_span
from studyguide.domain.guide import Event
from studyguide.domain.stats import plural

#: The role holding a row's event id.
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class EventListModel(QAbstractListModel):
    """Events, one sentence per row (display and accessible text); ``EVENT_ID_ROLE`` gives the id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []  # (event id, sentence)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        """Show these ``(event id, sentence)`` rows (a reset only when they differ)."""
        if rows != self._rows:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()

    def ids(self) -> list[str]:
        """The event ids, in row order."""
        return [event_id for event_id, _ in self._rows]

    def sentences(self) -> list[str]:
        """The rows' sentences, in order."""
        return [sentence for _, sentence in self._rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event_id, sentence = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return sentence
        if role == EVENT_ID_ROLE:
            return event_id
        return None


class EventList(QListView):
    """The list itself: Enter (or a double click) opens the event.

    Signals:
        opened(str): Enter was pressed on a row, or it was double-clicked (the event id).
    """

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline events")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(lambda index: self.opened.emit(index.data(EVENT_ID_ROLE)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex().data(EVENT_ID_ROLE))
            return
        super().keyPressEvent(event)


class TimelineTwin(QObject):
    """Puts the list beside the canvas in the timeline's stack, and keeps it in step with the timeline.

    Args:
        view: The Timeline view whose state (shown lanes, visible range, selection) the list follows.
        stack: The view's stack of pages (the canvas, the no-events message): the list joins it.

    Attributes:
        action: View > Timeline as List (checkable; "L" in the Timeline view toggles it too).
    """

    def __init__(self, *, view: Any, stack: QStackedWidget) -> None:  # view: the TimelineView (importing this)
        super().__init__(view)
        self._view, self._stack = view, stack
        self._sentences: dict[str, str] = {}
        self._sentences_for: object = None  # the event list the sentences were made for
        self.model = EventListModel(self)
        self.list = EventList()
        self.list.setModel(self.model)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setBuddy(self.list)
        self.page = QWidget()
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.page.setFocusProxy(self.list)
        stack.addWidget(self.page)
        self.action = QAction("Timeline as &List\tL", view)
        self.action.setCheckable(True)
        self.action.setToolTip("Show the timeline's events as a list of sentences (L)")
        self.action.toggled.connect(self.set_list_shown)
        shortcut = QShortcut(QKeySequence("L"), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.action.toggle)
        view.canvas.range_changed.connect(self.update_rows)
        view.event_selected.connect(self._on_selected)
        self.list.selectionModel().currentRowChanged.connect(self._on_row)
        self.list.opened.connect(self.open)

    @property
    def shown(self) -> bool:
        """True when the list is shown in place of the canvas."""
        return self.action.isChecked()

    def current_page(self) -> QWidget:
        """The page the timeline's stack shows for its events: the list or the canvas."""
        return self.page if self.shown else self._view.canvas

    def set_list_shown(self, shown: bool) -> None:
        """Show the events as the list (True) or on the canvas (False), and put the focus there."""
        self.action.setChecked(shown)
        if self._view._events:  # noqa: SLF001 (a guide with no events keeps its message)
            self._stack.setCurrentWidget(self.current_page())
        self.update_rows()
        if self._view.isVisible():
            self.current_page().setFocus()

    def update_rows(self) -> None:
        """Fill the list from the timeline's shown events within its visible range (when the list is shown)."""
        if not self.shown:
            return
        view = self._view
        shown = view.events
        start, end = view.canvas.visible_years() if view.canvas.viewport().width() > 1 else (-1e9, 1e9)
        rows = [e for e in shown if e.when.last() > start and e.when.first() < end]
        self.model.set_rows([(e.id, self.sentence(e)) for e in rows])
        total = len(view._events)  # noqa: SLF001 (the twin reads the view's own state)
        lanes = "" if not view.hidden_lanes else f"; lanes hidden: {', '.join(sorted(view.hidden_lanes))}"
        span = (f", {spoken_span(rows[0].when)} to {spoken_span(rows[-1].when)}" if len(rows) > 1
                else "")
        self.summary.setText(f"{len(rows)} of {plural(total, 'event')}{span}, as the timeline shows them{lanes}. "
                             "0 shows them all; Enter opens one; L goes back to the timeline.")
        self.list.setAccessibleDescription(self.summary.text())
        self._select_row(view.selected_event_id)

    def sentence(self, event: Event) -> str:
        """The event's row: its date in words, title, lane and section."""
        view = self._view
        if self._sentences_for is not view._events:  # noqa: SLF001 (a new guide or reload: new sentences)
            guide_id = view._guide_id  # noqa: SLF001
            titles = ({s.id: s.title for s in view._library.content(guide_id).sections()}  # noqa: SLF001
                      if guide_id else {})
            self._sentences = {e.id: event_sentence(e, section_title=titles.get(e.section_id, ""))
                               for e in view._events}  # noqa: SLF001
            self._sentences_for = view._events  # noqa: SLF001
        return self._sentences.get(event.id) or event_sentence(event)

    def open(self, event_id: str) -> None:
        """Enter on a row: the event's details, with the focus in them (Tab reaches their links)."""
        if self._view.select_event(event_id, bring_into_view=False):
            self._view.details.setFocus()

    def _select_row(self, event_id: str | None) -> None:
        ids = self.model.ids()
        if event_id in ids:
            row = self.model.index(ids.index(event_id))
            if self.list.currentIndex() != row:
                self.list.setCurrentIndex(row)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        event_id = current.data(EVENT_ID_ROLE) if current.isValid() else None
        if event_id and event_id != self._view.selected_event_id:
            self._view.select_event(event_id, bring_into_view=False)

    def _on_selected(self, event_id: str) -> None:
        event = next((e for e in self._view.events if e.id == event_id), None)
        self._view.canvas.announce(self.sentence(event) if event is not None else "")
        self._select_row(event_id)
