"""A small time axis to place a date on (the "When did it happen?" drill): click or drag to put the
marker, arrows to move it; after marking it shows the event's own span."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from studyguide.domain.dates import position_of
from studyguide.domain.time_axis import day_at, month_length, ticks

#: Left and right margins, in pixels.
MARGIN = 24
#: The event's span once marked.
SPAN = QColor(46, 139, 87, 110)


class TimeAxis(QWidget):
    """A horizontal axis from ``low`` to ``high`` (fractional years) with a marker the user places.

    Keys: Left/Right move the marker a month, with Shift a day, Page Up/Down a year (the first
    press puts it in the middle); Enter asks to check (``entered``).

    Signals:
        placed(float): The user put the marker here (a click, a drag or a key).
        entered(): Enter was pressed on the axis.
    """

    placed = Signal(float)
    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Time axis")
        self.setAccessibleDescription("Click, drag or use the arrow keys to place the date")
        self.setMinimumSize(420, 64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.low, self.high = 0.0, 1.0
        #: The marker's position, or None before the user placed it.
        self.value: float | None = None
        self._span: tuple[float, float] | None = None
        self._fixed = False
        self._dragging = False

    def set_range(self, low: float, high: float) -> None:
        """Show from ``low`` to ``high``; the marker and span are cleared, placing is allowed again."""
        self.low, self.high = low, max(high, low + 1e-6)
        self.value, self._span, self._fixed = None, None, False
        self.update()

    def set_value(self, value: float | None) -> None:
        """Put the marker at ``value`` (a typed date) without ``placed``; None takes it away."""
        self.value = None if value is None else min(max(value, self.low), self.high)
        self.update()

    def show_span(self, first: float, last: float) -> None:
        """Show the event's own span (after marking); the marker stays where it was and is fixed."""
        self._span, self._fixed = (first, last), True
        self.update()

    def x_of(self, position: float) -> float:
        """The x coordinate of a position."""
        return MARGIN + (position - self.low) / (self.high - self.low) * (self.width() - 2 * MARGIN)

    def position_at(self, x: float) -> float:
        """The position at an x coordinate (clamped to the axis)."""
        fraction = (x - MARGIN) / max(self.width() - 2 * MARGIN, 1)
        return self.low + min(max(fraction, 0.0), 1.0) * (self.high - self.low)

    def _place(self, value: float) -> None:
        if self._fixed:
            return
        self.set_value(value)
        assert self.value is not None
        self.placed.emit(self.value)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus()
            self._dragging = True
            self._place(self.position_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging:  # the marker follows a drag
            self._place(self.position_at(event.position().x()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, shift = Qt.Key(event.key()), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_PageDown: -12, Qt.Key.Key_PageUp: 12}
        if key not in steps:
            super().keyPressEvent(event)
            return
        if self.value is None:
            self._place((self.low + self.high) / 2)
            return
        day = day_at(self.value)
        if shift and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):  # a day
            self._place(position_of(day.year, day.month or 1, day.day or 1) + steps[key] / 365.25 + 1 / 730)
            return
        months = (day.month or 1) - 1 + steps[key]  # the same day of another month (or its last)
        year, month = day.year + months // 12, months % 12 + 1
        self._place(position_of(year, month, min(day.day or 1, month_length(year, month))) + 1 / 730)

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text, muted = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.PlaceholderText)
        base = self.height() - 26
        if self._span is not None:
            left, right = self.x_of(self._span[0]), self.x_of(self._span[1])
            painter.fillRect(QRectF(left, base - 16, max(right - left, 3.0), 22), SPAN)
        painter.setPen(QPen(muted if not self.hasFocus() else palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawLine(QPointF(MARGIN, base), QPointF(self.width() - MARGIN, base))
        metrics = painter.fontMetrics()
        for at, label, major in ticks(self.low, self.high, most=max(2, (self.width() - 2 * MARGIN) // 60)):
            x = self.x_of(at)
            painter.setPen(QPen(text if major else muted, 1))
            painter.drawLine(QPointF(x, base - (6 if major else 3)), QPointF(x, base + (6 if major else 3)))
            if label:
                width = metrics.horizontalAdvance(label)
                painter.drawText(QPointF(x - width / 2, base + 8 + metrics.ascent()), label)
        if self.value is not None:
            x = self.x_of(self.value)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawLine(QPointF(x, base - 18), QPointF(x, base))
            painter.drawPolygon(QPolygonF([QPointF(x - 6, base - 24), QPointF(x + 6, base - 24),
                                           QPointF(x, base - 16)]))
        painter.end()
