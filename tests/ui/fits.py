"""What a window cuts off: labels, buttons, combo boxes, placeholders and header titles narrower than their text.

Measured with Qt's own hints and font metrics, the same way for every window a test checks at a large text size.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
)


def _label(label: QLabel) -> str | None:
    if not label.text():
        return None
    hint = label.minimumSizeHint()  # one line's width, or (wrapping) the longest word's
    needed = QSize(hint.width(), label.heightForWidth(label.width()) if label.wordWrap() else hint.height())
    if needed.width() > label.width() or needed.height() > label.height():
        return f"label {label.text()[:40]!r}: needs {needed.toTuple()}, has {label.size().toTuple()}"
    return None


def _combo(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if needed > field.width():
        return f"combo box {combo.currentText()[:40]!r}: needs {needed}, has {field.width()}"
    return None


def _placeholder(box: QLineEdit) -> str | None:
    if box.text() or not box.placeholderText():
        return None
    option = QStyleOptionFrame()
    box.initStyleOption(option)
    room = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, box).width()
    margins = box.textMargins()
    room -= margins.left() + margins.right() + 2 * 2  # QLineEdit's own horizontal margin, each side
    room -= sum(b.width() for b in box.findChildren(QToolButton) if b.isVisibleTo(box))  # clear button
    needed = box.fontMetrics().horizontalAdvance(box.placeholderText())
    if needed > room:
        return f"placeholder {box.placeholderText()[:40]!r}: needs {needed}, has {room}"
    return None


def _header(header: QHeaderView) -> list[str]:
    cut = []
    for logical in range(header.count()):
        if not header.isSectionHidden(logical) and header.sectionSize(logical) < header.sectionSizeHint(logical):
            title = header.model().headerData(logical, header.orientation())
            cut.append(f"column {title!r}: {header.sectionSize(logical)} wide, its title needs "
                       f"{header.sectionSizeHint(logical)}")
    return cut


def cut_off(window: QWidget) -> list[str]:
    """What ``window`` shows cut off or squeezed: every visible label, button, combo box, line edit's
    placeholder and header title narrower than its text, or reaching past the window's edge."""
    found: list[str] = []
    whole = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = _label(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QToolButton):
            if widget.width() < widget.minimumSizeHint().width():
                problem = f"button {widget.text()!r}: {widget.width()} wide, needs {widget.minimumSizeHint().width()}"
        elif isinstance(widget, QComboBox):
            problem = _combo(widget)
        elif isinstance(widget, QLineEdit):
            problem = _placeholder(widget)
        elif isinstance(widget, QHeaderView):
            found += _header(widget)
        if isinstance(widget, (QLabel, QAbstractButton, QComboBox, QLineEdit)) and problem is None:
            at = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            if not whole.contains(at) and not _scrolled(widget, window):
                problem = f"{type(widget).__name__} {at.getRect()} reaches past the window {whole.getRect()}"
        if problem is None and not isinstance(widget, (QLabel, QHeaderView, QAbstractScrollArea)) \
                and not _scrolled(widget, window) and 0 < widget.width() < widget.minimumSizeHint().width():
            problem = (f"{type(widget).__name__} {widget.width()} wide, narrower than its minimum "
                       f"{widget.minimumSizeHint().width()}")
        if problem:
            found.append(problem)
    return found


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area (what is past its edge scrolls into view)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False
