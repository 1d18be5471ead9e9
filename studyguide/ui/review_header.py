"""The reviewer's header: what is reviewed, "Review the whole guide" while a part of it is, the session's counts
and the guide's timeline drills waiting.

In one row while they fit there, the counts and the drills' note in shorter words if need be ("New 20 Learning 0
Due 0", "Drills: 36 new"; each says the whole in its tooltip and to a screen reader); else what is reviewed takes
a row of its own and the others go under it, on the right, in as few rows as they fit. (At 900 px with 200% text
the row needed 993 px: the window grew past the screen, or, with the title wrapping, "Reviewing one section: The
decision to send missiles" stood in a column of single words, cut off after five of them; and the drills' note,
a row of its own under the header, took a line from the card.) The title still wraps where even its own row is
too narrow (a custom study of a long search, a narrow window).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studyguide.ui.drill_note import DrillsNote
from studyguide.ui.widgets.fitting_label import FittingLabel
from studyguide.ui.widgets.wrapping_label import WrappingLabel


class ReviewHeader(QWidget):
    """The title (``scope``), the ``whole_guide`` button, the session's ``counts`` and the ``drills`` note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = WrappingLabel()
        self.scope.setTextFormat(Qt.TextFormat.RichText)  # the section's title is escaped
        self.whole_guide = QPushButton("Review the whole guide")
        self.whole_guide.setToolTip("Leave the section and review every card of the guide")
        self.counts = FittingLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setAccessibleDescription("Cards waiting")  # a label is read as its text
        self.drills = DrillsNote()  # hidden while no drill waits
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._lines: list[QHBoxLayout] = []
        self._arranged: tuple[tuple[QWidget, ...], ...] = ()
        self._arrange(((self.scope, self.whole_guide, self.counts, self.drills),))

    def one_row(self) -> bool:
        """True while the title, the button, the counts and the drills' note are in one row."""
        return len(self._arranged) == 1

    def rows(self) -> tuple[tuple[QWidget, ...], ...]:
        """The widgets of each row, top first (hidden ones included)."""
        return self._arranged

    def _least(self, widget: QWidget) -> int:
        """The least width ``widget`` makes do with: a title on one line, a button whole, the shortest wording."""
        if isinstance(widget, FittingLabel):
            return widget.minimumSizeHint().width()
        return widget.sizeHint().width()

    def _plan(self) -> tuple[tuple[QWidget, ...], ...]:
        width, gap = self.contentsRect().width(), self._rows.spacing()
        others = [w for w in (self.whole_guide, self.counts, self.drills) if not w.isHidden()]
        hidden = tuple(w for w in (self.whole_guide, self.counts, self.drills) if w.isHidden())
        if sum(self._least(w) for w in (self.scope, *others)) + gap * len(others) <= width:
            return ((self.scope, *others, *hidden),)
        rows: list[list[QWidget]] = [[self.scope]]
        used = width + 1
        for widget in others:  # as few rows as they fit, in order
            needed = self._least(widget)
            if len(rows) > 1 and used + gap + needed <= width:
                rows[-1].append(widget)
                used += gap + needed
            else:
                rows.append([widget])
                used = needed
        rows[-1].extend(hidden)
        return tuple(tuple(row) for row in rows)

    def _arrange(self, rows: tuple[tuple[QWidget, ...], ...]) -> None:
        for line in self._lines:
            while line.count():
                line.takeAt(0)
        while len(self._lines) < len(rows):
            line = QHBoxLayout()
            self._lines.append(line)
            self._rows.addLayout(line)
        for number, (line, row) in enumerate(zip(self._lines, rows, strict=False)):
            if number:
                line.addStretch(1)  # the rows under the title on the right
            for widget in row:
                line.addWidget(widget, 1 if widget is self.scope else 0)  # the title the room there is
        self._arranged = rows

    def _give_room(self) -> None:
        """Share each row's width among its wordings: the counts first, then the drills' note."""
        width, gap = self.contentsRect().width(), self._rows.spacing()
        for row in self._arranged:
            shown = [w for w in row if not w.isHidden()]
            fitting = [w for w in shown if isinstance(w, FittingLabel)]
            left = width - sum(w.sizeHint().width() for w in shown if not isinstance(w, FittingLabel)) \
                - gap * max(len(shown) - 1, 0)
            for number, label in enumerate(fitting):
                later = sum(w.minimumSizeHint().width() for w in fitting[number + 1:])
                label.set_room(max(left - later, label.minimumSizeHint().width()))
                left -= label.sizeHint().width()

    def _place(self) -> None:
        rows = self._plan()
        if rows != self._arranged:
            self._arrange(rows)
            self.scope.room_changed()  # else the title, squeezed in the row, asked for a column's height
        self._give_room()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a new title, counts or text size: their widths changed
            self._place()
        return super().event(event)
