"""The timeline's toolbar: zoom and fit buttons, the lane legend, the key hint, the other buttons.

The legend sits in the toolbar's row while its toggles fit there on one line. When they would not (at
200% text, or in a narrow window) it takes a row of its own under the buttons, the whole width, and wraps
only if that is too narrow as well: at 200% in 900 px the four lanes of the bundled guide took four rows
beside the buttons, and crowded the events out of the view. The buttons a guide of one's own adds (Add
Event, Edit Event) go to the end of that row too when the buttons alone would not fit in one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyguide.ui.lane_shapes import plural, shape_icon
from studyguide.ui.widgets.flow_layout import FlowLayout
from studyguide.ui.widgets.safe_text import plain_tooltip

#: The key hint, longest first: the toolbar shows the longest that fits.
HINTS = ("Shift+\u2190/\u2192 pans \u00b7 \u2190/\u2192 steps", "\u2190/\u2192 steps")
KEYS_HELP = ("Wheel or pinch to zoom; + and \u2212 zoom, 0 fits all. Drag or Shift+\u2190/\u2192 to pan. "
             "\u2190/\u2192 step to the previous or next event, Home/End to the first or last. Click an event "
             "for its details. O starts \u201cPut these in order\u201d.")


class LaneLegend(QWidget):
    """The lanes' colours as toggle buttons: unchecking one hides its events.

    Signals:
        lane_toggled(str, bool): A lane was shown (True) or hidden (False).
    """

    lane_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        #: The widget Tab reaches the toggles after (the toolbar's "Fit all"), as they are made later.
        self.tab_after: QWidget | None = None
        self._layout = FlowLayout(self)  # wraps onto more rows when the text is large

    def set_lanes(self, lanes: dict[str, QColor], hidden: set[str], shapes: dict[str, str] | None = None) -> None:
        """Show one toggle per lane, checked unless hidden, with its marker's shape in its colour."""
        for button in self.buttons.values():
            # Out of the layout now (deleteLater waits for the event loop, and the old buttons
            # would widen the toolbar until then).
            self._layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        for lane, colour in lanes.items():
            shape = (shapes or {}).get(lane, "square")
            button = QToolButton()
            button.setText(lane)
            # The shape, sized to the text (it grows with View > Larger Text), names the lane's marks too.
            size = max(self.fontMetrics().height(), 12)
            button.setIcon(shape_icon(shape, colour, size))
            button.setIconSize(QSize(size, size))
            # Its name is its text ("Cuba"); the shape is for the eye, and said in the description.
            button.setAccessibleDescription(f"Shows or hides the {lane} lane's events, marked with {plural(shape)}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setCheckable(True)
            button.setChecked(lane not in hidden)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab and Space toggle it; a click leaves the canvas focused
            button.setToolTip(plain_tooltip(f"Show or hide the events of {lane} (marked with {plural(shape)})"))
            button.toggled.connect(lambda checked, name=lane: self.lane_toggled.emit(name, checked))
            self._layout.addWidget(button)
            if self.tab_after is not None:
                QWidget.setTabOrder(list(self.buttons.values())[-1] if self.buttons else self.tab_after, button)
            self.buttons[lane] = button

    def set_checked(self, lane: str, checked: bool) -> None:
        """Check or uncheck a lane's toggle without emitting ``lane_toggled``."""
        button = self.buttons.get(lane)
        if button is not None and button.isChecked() != checked:
            button.blockSignals(True)
            button.setChecked(checked)
            button.blockSignals(False)


class HintLabel(QLabel):
    """A hint that gives way when its row is narrow: the longest of its texts that fits, or none.

    It never shows a cut word ("Shift"); the tooltip always says everything.
    """

    def __init__(self, texts: Sequence[str], tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(texts[0], parent)
        self._texts = [*texts, ""]
        self.setToolTip(tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        room, advance = self.contentsRect().width(), self.fontMetrics().horizontalAdvance
        text = next(t for t in self._texts if advance(t) <= room)
        if text != self.text():
            self.setText(text)


class TimelineToolbar(QWidget):
    """The toolbar's row of buttons, with the lane legend in it or, when it would wrap there, under it.

    Args:
        buttons: The buttons of the row, in order.
        legend: The lane legend, put after ``after`` (with the hint after it) while it fits in the row.
        hint: The key hint, which takes what room is left in the row.
        after: The button the legend follows.
    """

    #: Room between "Fit all" and the legend, and after the hint.
    GAPS = (12, 8)

    def __init__(self, *, buttons: Sequence[QPushButton], legend: LaneLegend, hint: HintLabel, after: QPushButton,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend, self._buttons = legend, list(buttons)
        self._extras: list[QPushButton] = []
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.row, self._under = QHBoxLayout(), QHBoxLayout()  # the buttons' row, and the row under it
        self._rows.addLayout(self.row)
        self._rows.addLayout(self._under)
        for button in buttons:
            self.row.addWidget(button)
            if button is after:
                self.row.addSpacing(self.GAPS[0])
                self._slot = self.row.count()  # where the legend goes while it fits in the row
                self.row.addWidget(legend)
                self.row.addStretch(1)
                self.row.addWidget(hint, 1)
                self.row.addSpacing(self.GAPS[1])

    def add_button(self, button: QPushButton) -> None:
        """Add a button at the end of the row (Add Event and Edit Event, in a guide of one's own); it goes to the
        end of the row under it, after the legend, when the buttons would not fit in one row."""
        self._extras.append(button)
        (self.row if self.row.indexOf(self._buttons[-1]) >= 0 else self._under).addWidget(button)
        self._buttons.append(button)

    def legend_inline(self) -> bool:
        """True while the legend is in the row of buttons (False: on a row of its own under them)."""
        return self.row.indexOf(self.legend) >= 0

    def _row_width(self, *, legend: bool) -> int:
        """The width the row takes with every button in it (and the legend's toggles, on one line, if ``legend``)."""
        items = len(self._buttons) + (5 if legend else 4)  # the buttons, two gaps, the legend, the stretch, the hint
        margins = self._rows.contentsMargins()
        widths = (min(button.sizeHint().width(), button.maximumWidth()) for button in self._buttons)  # - and + narrow
        return (sum(widths) + sum(self.GAPS) + self.row.spacing() * (items - 1) + margins.left() + margins.right()
                + (self.legend.sizeHint().width() if legend else 0))

    def _place_legend(self) -> None:
        """The legend in the row if it fits there, else under it; and so the added buttons, after the legend."""
        legend_in = self._row_width(legend=True) <= self.width()
        extras_in = legend_in or self._row_width(legend=False) <= self.width()
        if legend_in != self.legend_inline():
            (self._under if legend_in else self.row).removeWidget(self.legend)
            if legend_in:
                self.row.insertWidget(self._slot, self.legend)
            else:
                self._under.insertWidget(0, self.legend, 1)
        for button in self._extras:
            if (self.row.indexOf(button) >= 0) != extras_in:
                (self._under if extras_in else self.row).removeWidget(button)
                (self.row if extras_in else self._under).addWidget(button)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_legend()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # new lanes, or a new text size: the legend's width changed
            self._place_legend()
        return super().event(event)


def build_toolbar(buttons: Sequence[tuple[str, str, str, Callable[[], object] | Sequence[tuple]]]
                  ) -> tuple[TimelineToolbar, dict[str, QPushButton], LaneLegend, HintLabel]:
    """The timeline's toolbar: zoom and fit buttons, the lane legend, the key hint, the other buttons.

    Args:
        buttons: ``(name, text, tooltip, slot)`` for each button, or ``(name, text, tooltip, choices)``
            for a menu of ``(text, slot)`` choices; the legend and hint follow "fit".

    Returns:
        The toolbar, the buttons by name, the legend and the hint.
    """
    made: dict[str, QPushButton] = {}
    legend, hint = LaneLegend(), HintLabel(HINTS, KEYS_HELP)
    for name, text, tip, slot in buttons:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached with Tab; a click leaves the canvas focused
        if callable(slot):
            button.clicked.connect(slot)
        else:  # a menu of (text, slot): one button for several choices keeps the toolbar narrow
            menu = QMenu(button)
            for item_text, item_slot in slot:
                menu.addAction(item_text, item_slot)
            button.setMenu(menu)
        if name in ("in", "out"):
            button.setMaximumWidth(40)
            button.setAccessibleName(tip.split(" (")[0])  # "Zoom in", not "+"
        made[name] = button
    legend.tab_after = made["fit"]
    toolbar = TimelineToolbar(buttons=list(made.values()), legend=legend, hint=hint, after=made["fit"])
    return toolbar, made, legend, hint
