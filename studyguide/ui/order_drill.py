"""Timeline drills: "Put these in order". A few events of one period are shown shuffled; the
learner orders them and presses Enter; the rating comes from how many pairs are the wrong way
round (``domain.drills.grade_order``: none Good, one Hard, more Again); Enter again saves it.

Keys: Up and Down select an event; Alt+Up and Alt+Down move it; a number key 1-5 moves it to
that place. The mouse drags events into place.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QWidget

from studyguide.domain.drills import Verdict, grade_order, inversions, order_drills
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating
from studyguide.ui.accessibility import plain_text
from studyguide.ui.drill_base import SAID, DrillBase
from studyguide.ui.services import DrillServices, GuideContent, ReviewSessionLike
from studyguide.ui.widgets.relative_font import set_relative_size, system_point_size

if TYPE_CHECKING:
    from studyguide.domain.guide import Event
    from studyguide.ui.operations import OperationRunner

_ID = Qt.ItemDataRole.UserRole
_HINT = ("<span style='color:gray'>Up/Down selects \u00b7 Alt+Up/Alt+Down or a number key moves \u00b7"
         " drag with the mouse \u00b7 Enter checks</span>")


def shuffled(drill_id: str, event_ids: tuple[str, ...]) -> list[str]:
    """The order the drill is shown in: shuffled the same way each time, never already right."""
    order = list(event_ids)
    random.Random(drill_id).shuffle(order)
    return order if order != list(event_ids) else order[::-1]


class OrderDrillView(DrillBase):
    """One "Put these in order" drill at a time from the guide's drill session."""

    def __init__(self, *, library: DrillServices, operations: OperationRunner, guide_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(library=library, operations=operations, guide_id=guide_id, parent=parent)
        self._drills: dict[str, tuple[str, ...]] = {}
        self._events: dict[str, Event] = {}
        self._shown: str | None = None
        prompt = QLabel("Put these in order, earliest first")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.hide()
        self.items = QListWidget()
        self.items.setAccessibleName("Events to order")
        # The mouse moves an event by pressing on it and dragging it up or down: it follows the
        # pointer row by row (no QDrag: the list is reordered live, as the keys reorder it).
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self._dragged: int | None = None
        self.items.setMinimumWidth(680)
        self.items.setWordWrap(True)  # long titles with their dates wrap, never scroll sideways
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setSpacing(3)
        set_relative_size(self.items, system_point_size() + 2)
        self.items.installEventFilter(self)
        self.items.viewport().installEventFilter(self)
        self.inner.addStretch(1)
        for widget in (prompt, self.section, self.items, self.result):
            self.inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter if widget is self.items
                                 else Qt.AlignmentFlag(0))
            self.inner.addSpacing(8)
        self.inner.addStretch(1)

    def start(self, content: GuideContent) -> ReviewSessionLike:
        events = content.events()
        self._events = {e.id: e for e in events}
        self._drills = {d.id: d.event_ids for d in order_drills(events)}
        self._shown = None
        return self._library.review.start_order_drills(self._guide_id, content)

    def placed(self) -> list[str]:
        """The event ids in the order the learner put them."""
        return [self.items.item(row).data(_ID) for row in range(self.items.count())]

    def move_item(self, row: int, to: int) -> None:
        """Move the event at ``row`` to place ``to`` (0-based), keeping it selected."""
        if not 0 <= row < self.items.count() or self.verdict is not None:
            return
        to = max(0, min(to, self.items.count() - 1))
        item = self.items.takeItem(row)
        self.items.insertItem(to, item)
        self.items.setCurrentRow(to)
        self.announcer.say(f"{self._events[item.data(_ID)].title}: moved to place {to + 1} of {self.items.count()}")

    def spoken_question(self) -> str:
        """The drill's events in the order shown ("Put these in order, earliest first: A; B; C")."""
        if not self.items.count() or self.items.isHidden():
            return super().spoken_question()
        titles = [self._events[self.items.item(row).data(_ID)].title for row in range(self.items.count())]
        return f"Put these in order, earliest first: {'; '.join(titles)}. {plain_text(self.section)}"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Alt+Up/Down and number keys move the selected event; Enter checks or saves; the mouse drags."""
        if watched is self.items.viewport() and isinstance(event, QMouseEvent):
            return self._drag(event)
        if watched is self.items and event.type() is QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, row = event.key(), self.items.currentRow()
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_item(row, row + (1 if key == Qt.Key.Key_Down else -1))
                return True
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.move_item(row, int(key - Qt.Key.Key_1))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.submit()
                return True
        return super().eventFilter(watched, event)

    def _drag(self, event: QMouseEvent) -> bool:
        """Press on an event, move the pointer up or down: the event follows it; release: it stays."""
        row = self.items.indexAt(event.position().toPoint()).row()
        kind = event.type()
        if kind is QEvent.Type.MouseButtonPress and event.button() is Qt.MouseButton.LeftButton:
            self._dragged = row if row >= 0 and self.verdict is None else None
        elif kind is QEvent.Type.MouseMove and self._dragged is not None:
            y = event.position().toPoint().y()
            if row < 0:  # above the first event or below the last
                row = 0 if y < self.items.visualItemRect(self.items.item(0)).top() else self.items.count() - 1
            if row != self._dragged:
                self.move_item(self._dragged, row)
                self._dragged = row
            return True
        elif kind is QEvent.Type.MouseButtonRelease:
            self._dragged = None
        return False

    def mark(self, card_id: str) -> Verdict:
        """The learner's order against the events' own."""
        return grade_order(self._drills[card_id], self.placed())

    def redraw(self) -> None:
        """Show the drill's events in the learner's order, and after Enter which are in place."""
        self.show_counts()
        current = self.session.current if self.session is not None else None
        if current is None:
            self.section.setText("No drills waiting." if self._drills else "Too few dated events to order.")
            self.items.clear()
            self.items.hide()
            self.result.setText("")
            self.button.hide()
            self._shown = None
            return
        correct = self._drills[current.card.id]
        if self._shown != current.card.id:
            self._fill(shuffled(current.card.id, correct))
        self._shown = current.card.id
        self.section.setText(self.section_of(current.card.section_id))
        self.items.show()
        self.button.show()
        if current.phase is Phase.ANSWER and self.verdict is not None:
            self._mark(correct)
            rating = Rating(int(self.verdict))
            placed = self.placed()
            in_place = sum(1 for a, b in zip(placed, correct, strict=True) if a == b)
            wrong = inversions(correct, placed)
            self.result.setText(
                f"<b>{SAID[self.verdict]}</b> \u2014 {in_place} of {len(correct)} in place, {wrong} pair"
                f"{'' if wrong == 1 else 's'} the wrong way round.<br>Rated <b>{rating.label}</b>.")
            self.button.setText(f"Next: save \u201c{rating.label}\u201d  (Enter)")
        else:
            self.result.setText(_HINT)
            self.button.setText("Check  (Enter)")
        self.items.setFocus()

    def after_write(self) -> None:
        self._shown = None  # the next drill (or the undone one, afresh) is shown shuffled
        super().after_write()

    def _fill(self, order: list[str]) -> None:
        self.items.clear()
        for n, event_id in enumerate(order, start=1):
            event = self._events[event_id]
            item = QListWidgetItem(f"{n}.  {event.title}")
            item.setData(_ID, event_id)
            self.items.addItem(item)
        self.items.setCurrentRow(0)
        self._fit()

    def _fit(self) -> None:
        """As tall as the events: no scrolling within a drill."""
        rows = sum(self.items.sizeHintForRow(row) + 2 * self.items.spacing() for row in range(self.items.count()))
        self.items.setFixedHeight(rows + 2 * self.items.frameWidth() + 4)

    def _mark(self, correct: tuple[str, ...]) -> None:
        """Each event with its date, ticked if it is in its place."""
        self.items.clearSelection()  # the colours say which are in place
        for row in range(self.items.count()):
            item = self.items.item(row)
            event = self._events[item.data(_ID)]
            right = correct[row] == event.id
            mark = "\u2713" if right else "\u2717"
            item.setText(f"{mark}  {event.title} \u2014 {event.when.label()}")
            item.setForeground(QBrush(QColor("#2e8b57" if right else "#d9534f")))
        self._fit()
