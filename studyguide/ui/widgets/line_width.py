"""How wide a label's text is on one line: what ``WrappingLabel`` and ``FittingLabel`` both measure."""

from __future__ import annotations

import math

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel


def is_rich(text: str, kind: Qt.TextFormat) -> bool:
    """Whether a label of format ``kind`` draws ``text`` as rich text (as ``QLabel`` decides it)."""
    return kind == Qt.TextFormat.RichText or (kind == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))


def line_width(label: QLabel, text: str, rich: bool) -> int:
    """The width of ``text`` on one line in ``label``'s font, margins not included (rich text as drawn, not its
    markup)."""
    if not rich:
        return label.fontMetrics().horizontalAdvance(text)
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(text)
    return math.ceil(document.idealWidth())
