"""Fusion with radio and check box indicators and text fields edged so they show on any palette (WCAG 1.4.11, 3:1).

Fusion draws an indicator's ring in a darker shade of the *window* colour and fills it with the *base*
colour, whatever the other palette roles say (Light, Mid, Dark and Shadow change none of its pixels):
fine on a light window, but on a dark one an unchecked radio button is a #1e1e1e disc edged in #1f1f1f on
#2b2b2b, about 1.2:1, next to invisible. This style lets Fusion draw the indicator and then edges it in
``edge_colour``: the window text colour mixed halfway into the window colour, 3:1 or more against both
the window and the base colours in the light and dark themes, and following the palette as it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionTab,
    QTabBar,
    QTextEdit,
    QWidget,
)

#: How much of the text colour the edge takes (the rest is the window colour).
TEXT_SHARE = 0.55
_Element = QStyle.PrimitiveElement
#: What gets an edge: radio buttons, check boxes, and text fields (on a dark window a field's base colour
#: alone barely sets it apart).
#: And buttons (push and tool buttons, and the button face of a combo box, all drawn as ``_BUTTON``): Fusion
#: edges them in a darker shade of the window colour, #1e1e1e on the high-contrast theme's black (1.2:1).
_BUTTON = _Element.PE_PanelButtonCommand
_EDGED = (_Element.PE_IndicatorRadioButton, _Element.PE_IndicatorCheckBox, _Element.PE_FrameLineEdit, _BUTTON)


def _edged(element: _Element, widget: QWidget | None) -> bool:
    """Whether ``element`` gets an edge: an indicator, a line's frame, or the frame of a multi-line text field
    (Add Card's Front and Back: edged #212121 between the dark theme's #2b2b2b and #1e1e1e, about 1.1:1)."""
    return element in _EDGED or (element == _Element.PE_Frame and isinstance(widget, (QTextEdit, QPlainTextEdit))
                                 and not widget.isReadOnly())


def edge_colour(palette: QPalette) -> QColor:
    """The colour indicators are edged in: between the window text and the window colours."""
    text, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    mix = [round(TEXT_SHARE * a + (1 - TEXT_SHARE) * b) for a, b in
           ((text.red(), window.red()), (text.green(), window.green()), (text.blue(), window.blue()))]
    return QColor(*mix)


class EdgedFusion(QProxyStyle):
    """Qt's Fusion style, its radio and check box indicators, text fields and buttons edged in ``edge_colour``."""

    def __init__(self) -> None:
        super().__init__("fusion")

    def drawPrimitive(self, element: _Element, option: QStyleOption, painter: QPainter,  # noqa: N802 (Qt)
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        state = option.state
        focus_shown = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if not _edged(element, widget) or state & focus_shown == focus_shown:  # Fusion's focus colour instead
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = edge_colour(option.palette)
        if not state & QStyle.StateFlag.State_Enabled:
            colour.setAlphaF(0.5)
        painter.setPen(QPen(colour, 1.0))
        painter.setBrush(QColor(0, 0, 0, 0))
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == _Element.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        elif element == _BUTTON:  # over Fusion's own rounded outline, which leaves the last row and column free
            painter.drawRoundedRect(QRectF(option.rect.adjusted(0, 1, -1, 0)).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        else:
            painter.drawRect(box)
        painter.restore()

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                    widget: QWidget | None = None) -> None:
        """Tabs above their pages edged too: Fusion's #1e1e1e on the high-contrast black was about 1.2:1."""
        super().drawControl(element, option, painter, widget)
        if (element != QStyle.ControlElement.CE_TabBarTabShape or not isinstance(option, QStyleOptionTab)
                or option.shape != QTabBar.Shape.RoundedNorth):
            return
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)
        box = QRectF(option.rect).adjusted(0.5, 0.5 if chosen else 2.5, -0.5, 0)  # Fusion lowers the others
        painter.save()
        painter.setPen(QPen(edge_colour(option.palette), 1.0))
        painter.drawPolyline([box.bottomLeft(), box.topLeft(), box.topRight(), box.bottomRight()])
        painter.restore()
