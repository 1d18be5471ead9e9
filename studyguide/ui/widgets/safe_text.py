"""Showing user text without letting it name a file for Qt to open.

Qt's rich text loads every ``<img src=...>`` (and a Markdown image) it lays
out: a QTextBrowser asks its ``loadResource``, and when that returns nothing,
Qt opens the named file itself, again and again as the text is laid out. A
guide could so make the app read any file, freeze on a named pipe or abort on
``/dev/zero``. Guides have no media folder yet, so every image is refused:
``refused_resource`` is what a text view hands back instead. Titles and other
user text in labels, message boxes and tooltips are shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtGui import QColor, QTextDocument

if TYPE_CHECKING:
    from PySide6.QtGui import QImage  # imported where the first image is refused (naming it builds its enums)
    from PySide6.QtWidgets import QMessageBox, QWidget

_BLANK: QImage | None = None


def refused_resource(kind: int) -> object:
    """What a text view returns for a resource it will not load.

    An image gets a 1x1 transparent picture: a null image would make Qt open
    the file by name itself. Anything else (a style sheet) gets no bytes.
    """
    global _BLANK
    if kind == QTextDocument.ResourceType.ImageResource.value:
        if _BLANK is None:
            from PySide6.QtGui import QImage

            _BLANK = QImage(1, 1, QImage.Format.Format_ARGB32)
            _BLANK.fill(QColor(0, 0, 0, 0))
        return _BLANK
    return b""


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written (Qt renders a tooltip that looks like HTML as HTML)."""
    return QtGui.Qt.convertFromPlainText(text) if QtGui.Qt.mightBeRichText(text) else text


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton | None = None) -> QMessageBox:
    """A message box whose text is plain text (a title such as ``<img src=...>`` shows as written).

    ``buttons``: OK when None. (Message boxes and ``Qt``'s enums are set up when first used: this
    module is on the way to the first frame.)
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok if buttons is None else buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Show a warning, as plain text."""
    from PySide6.QtWidgets import QMessageBox

    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Show a piece of information, as plain text."""
    from PySide6.QtWidgets import QMessageBox

    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def ask(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before ``action`` (a verb: "Delete"), as plain text; True when it is chosen. The buttons say
    what they do ("Delete", "Cancel"), not Yes and No; Cancel is the default, and Escape."""
    from PySide6.QtWidgets import QMessageBox

    box = message_box(parent, QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is chosen
