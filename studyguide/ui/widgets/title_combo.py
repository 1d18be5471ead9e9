"""Combo boxes of titles (guides, sections) that never make their dialog wider than the screen.

A ``QComboBox`` asks for the width of its longest item: at 200% text a section titled "The decision to send
missiles to Cuba in the spring of 1962, as Khrushchev later told it in his memoirs" made Browse > Move to Section
1,280 px wide and the Add Card dialog 1,395 px, past a 900 px screen. Such a box asks for a few words' width and
takes the room its dialog has; the title chosen is shortened with "…" only where even that is too narrow, and is
whole in its tooltip and in the list it opens, which is as wide as its titles need (at most the screen's width).
(Fusion clips a combo box's text mid-letter: ``TitleCombo`` draws it shortened instead.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

#: The width a title box asks for, in characters (it grows with its dialog).
TITLE_CHARS = 24


class _PopupWidth(QObject):
    """Widens a combo box's list, as it opens, to its longest title (within the screen)."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self._combo = combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Show:
            combo = self._combo
            view = combo.view()
            if view is not None:
                metrics = view.fontMetrics()
                longest = max((metrics.horizontalAdvance(combo.itemText(n)) for n in range(combo.count())),
                              default=0)
                screen = combo.screen().availableGeometry().width() if combo.screen() is not None else 900
                view.setMinimumWidth(min(longest + 48, screen - 16))  # a scroll bar and margins beside them
        return False


class TitleCombo(QComboBox):
    """A combo box of titles that asks for ``chars`` characters' width and grows with its dialog; the current
    title is shortened with "…" where it does not fit, and is whole in its tooltip and in the list it opens.

    Args:
        chars: The width it asks for, in characters.
        parent: The widget it sits in.
    """

    def __init__(self, chars: int = TITLE_CHARS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(chars)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, self.sizePolicy().verticalPolicy())
        self.currentTextChanged.connect(self.setToolTip)
        view = self.view()
        if view is not None:
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.window().installEventFilter(_PopupWidth(self))  # the list's own window is shown as it opens

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        if self.toolTip() != self.currentText():  # filled with its signals blocked (Add Card's guides): said now
            self.setToolTip(self.currentText())
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                                           field.width())
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
