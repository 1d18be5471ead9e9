"""The "Put these in order" panel: drag dealt events into time order, then see the score.

Dealing and scoring are Qt-free (``studyguide.domain.ordering``); this panel
shows the dealt titles (without their dates), lets the user reorder them by
dragging or with Ctrl+Up/Ctrl+Down, and on "Check" marks each one, shows its
date and the right order, and asks the timeline to number them in place.
"""

from __future__ import annotations

import html
import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain import ordering
from studyguide.domain.guide import Event
from studyguide.ui.accessibility import Announcer

if TYPE_CHECKING:
    from studyguide.ui.timeline_canvas import TimelineCanvas
    from studyguide.ui.timeline_scene import TimelineStyle

ID_ROLE = Qt.ItemDataRole.UserRole


class OrderingDialog(QDialog):
    """A non-modal panel for one round of the ordering game.

    Args:
        rng: Random source for dealing (seeded in tests).

    Signals:
        answer_checked(list): The answer was checked; the dealt event ids in the right order.
    """

    answer_checked = Signal(list)

    def __init__(self, *, rng: random.Random, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Put these in order")
        self._rng = rng
        self._dealt: list[Event] = []
        self.score: ordering.Score | None = None

        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Events to order")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setMinimumWidth(380)
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        self.score_label.setAccessibleDescription("Score")

        buttons = QDialogButtonBox(self)  # the dialog's before Check is its default (else Tab made Close it)
        self.check_button = QPushButton("Check")
        self.check_button.clicked.connect(self.check)
        self.deal_button = QPushButton("Deal again")
        self.deal_button.clicked.connect(lambda: self.deal(self._events))
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setDefault(True)
        buttons.addButton(self.deal_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.score_label)
        layout.addWidget(buttons)
        self._events: list[Event] = []

        self.list.installEventFilter(self)
        self.announcer = Announcer(self)  # moves and the score, for screen readers

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        """Ctrl+Up/Down (or Alt+Up/Down) in the list move the selected event."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            moving = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if moving and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def deal(self, events: list[Event]) -> None:
        """Deal 4 to 6 events (whose order is certain) in a shuffled order."""
        self._events = list(events)
        self._dealt = ordering.deal(self._events, rng=self._rng)
        self.score = None
        self.list.clear()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for event in self._dealt:
            item = QListWidgetItem(event.title)
            item.setData(ID_ROLE, event.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.check_button.setEnabled(bool(self._dealt))
        if self._dealt:
            self.prompt.setText("Drag these events into time order, earliest at the top "
                                "(or move the selected one with Ctrl+\u2191 / Ctrl+\u2193). Then press Check.")
        else:
            self.prompt.setText("This guide has too few events with distinct dates to play.")
        self.score_label.clear()
        self.list.setFocus()

    def order_ids(self) -> list[str]:
        """The user's current order, top first (event ids)."""
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def move_current(self, offset: int) -> None:
        """Move the selected event up (-1) or down (1) in the list."""
        row = self.list.currentRow()
        target = row + offset
        if self.score is not None or row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.announcer.say(f"{item.text()}: moved to place {target + 1} of {self.list.count()}")

    def check(self) -> None:
        """Score the answer, mark each event with its date, and show the right order."""
        if not self._dealt or self.score is not None:
            return
        answer = self.order_ids()
        self.score = ordering.score(answer, self._dealt)
        by_id = {e.id: e for e in self._dealt}
        rank = {event_id: i for i, event_id in enumerate(self.score.correct)}
        for row, (event_id, right) in enumerate(zip(answer, self.score.placed_right, strict=True)):
            event = by_id[event_id]
            mark = "\u2713" if right else "\u2717"
            where = "" if right else f" (belongs at {rank[event_id] + 1})"
            self.list.item(row).setText(f"{mark} {event.title} \u2014 {event.when.label()}{where}")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.check_button.setEnabled(False)
        self.prompt.setText("Each event now shows its date. Press Deal again for another round.")
        right_order = "".join(f"<li>{html.escape(by_id[i].when.label())}: {html.escape(by_id[i].title)}</li>"
                              for i in self.score.correct)
        self.score_label.setText(f"<b>{self.score.summary()}</b><br>The right order, also numbered on the "
                                 f"timeline:<ol>{right_order}</ol>")
        summary = self.score.summary()
        self.announcer.say(f"{summary}{'' if summary.endswith(('!', '.')) else '.'} The right order: "
                           + "; ".join(f"{by_id[i].when.label()}, {by_id[i].title}" for i in self.score.correct) + ".")
        self.answer_checked.emit(list(self.score.correct))


class OrderingGame:
    """The timeline's side of the game (mixed into ``TimelineView``): deal, then number the answer in place."""

    ordering: OrderingDialog | None = None
    # What the game uses of the timeline it is mixed into.
    rng: random.Random
    _events: list[Event]
    style_: TimelineStyle
    hidden_lanes: set[str]
    canvas: TimelineCanvas

    def set_lane_visible(self, lane: str, visible: bool) -> None:
        raise NotImplementedError  # the timeline's

    def fit_range(self, first: float, last: float) -> None:
        raise NotImplementedError  # the timeline's

    def start_ordering(self) -> None:
        """Deal a few events to put in order (opens the "Put these in order" panel)."""
        assert isinstance(self, QWidget)  # mixed into a widget (TimelineView)
        if self.ordering is None:
            self.ordering = OrderingDialog(rng=self.rng, parent=self)
            self.ordering.answer_checked.connect(self.show_order)
            self.ordering.finished.connect(lambda _=0: self.show_order([]))
        self.ordering.deal(self._events)
        self.ordering.show()
        self.ordering.activateWindow()

    def show_order(self, event_ids: list[str]) -> None:
        """Number these events 1, 2, 3... on the timeline and fit them in view (empty: clear)."""
        self.style_.badges = {event_id: i + 1 for i, event_id in enumerate(event_ids)}
        shown = [e for e in self._events if e.id in self.style_.badges]
        for lane in {e.lane for e in shown} & self.hidden_lanes:
            self.set_lane_visible(lane, True)
        if shown:
            first = min(e.when.first() for e in shown)
            last = max(e.when.last() for e in shown)
            self.fit_range(first - (last - first) * 0.05, last + (last - first) * 0.05)
        self.canvas.viewport().update()
