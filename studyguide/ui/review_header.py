"""The reviewer's header: what is reviewed, "Review the whole guide" while a part of it is, and the session's counts.

In one row while the three fit there whole; else what is reviewed takes a row of its own and the button and the
counts go under it, on the right. (At 900 px with 200% text the row needed 993 px: the window grew past the
screen, or, with the title wrapping, "Reviewing one section: The decision to send missiles" stood in a column of
single words, cut off after five of them.) The title and the counts still wrap where even their own row is too
narrow (a custom study of a long search, a narrow window).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studyguide.ui.widgets.wrapping_label import WrappingLabel


class ReviewHeader(QWidget):
    """The title (``scope``), the ``whole_guide`` button and the session's ``counts``, in one row or two."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = WrappingLabel()
        self.scope.setTextFormat(Qt.TextFormat.RichText)  # the section's title is escaped
        self.whole_guide = QPushButton("Review the whole guide")
        self.whole_guide.setToolTip("Leave the section and review every card of the guide")
        self.counts = WrappingLabel()  # it wraps between the counts, never inside one
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setAccessibleDescription("Cards waiting")  # a label is read as its text
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.row, self._under = QHBoxLayout(), QHBoxLayout()
        self._rows.addLayout(self.row)
        self._rows.addLayout(self._under)
        self.row.addWidget(self.scope, 1)  # the room there is
        self._under.addStretch(1)
        for widget in (self.whole_guide, self.counts):
            self.row.addWidget(widget)

    def one_row(self) -> bool:
        """True while the title, the button and the counts are in one row."""
        return self.row.indexOf(self.counts) >= 0

    def _row_width(self) -> int:
        shown = [widget for widget in (self.scope, self.whole_guide, self.counts) if not widget.isHidden()]
        margins = self._rows.contentsMargins()
        return (sum(widget.sizeHint().width() for widget in shown) + self.row.spacing() * (len(shown) - 1)
                + margins.left() + margins.right())

    def _place(self) -> None:
        fits = self._row_width() <= self.width()
        if fits != self.one_row():
            source, target = (self._under, self.row) if fits else (self.row, self._under)
            for widget in (self.whole_guide, self.counts):
                source.removeWidget(widget)
                target.addWidget(widget)
            for label in (self.scope, self.counts):
                label.room_changed()  # else the title, squeezed in the row, asked for a column's height

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a new title, counts or text size: their widths changed
            self._place()
        return super().event(event)
