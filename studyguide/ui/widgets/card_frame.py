"""A card on the table: the text-field colour with a soft rounded edge, painted from the current palette.

Painted rather than styled with a style sheet: a sheet's ``palette(base)`` is read once, when it is set,
so a theme chosen later (View > Theme) left the card in the old colours, and the widgets inside a styled
frame kept their old font when the text size changed.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

RADIUS = 12.0


class CardFrame(QFrame):
    """A rounded card in the palette's Base colour, edged in its Mid colour (Text in high contrast)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.end()

    def scrolling(self, layout: QVBoxLayout) -> QVBoxLayout:
        """A layout in a see-through, frameless scroll area added to ``layout`` (stretching): what is taller
        than the card scrolls in it. (A long imported answer, with a list, a table and a picture, made the
        reviewer taller than the window, which grew past 600 px.) The area takes no focus: keys stay the
        reviewer's. Its content keeps its place whether the scroll bar shows or not (``SteadyScrollArea``)."""
        from PySide6.QtCore import Qt

        from studyguide.ui.widgets.steady_scroll import SteadyScrollArea

        area = SteadyScrollArea()
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        area.setWidget(body)
        body.setAutoFillBackground(False)  # the card's own colour shows through
        area.viewport().setAutoFillBackground(False)
        layout.addWidget(area, 1)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        return inner
