"""A one-line question (a title for a new section, a new name) in a box wide enough for the answer.

``QInputDialog.getText`` opens at its smallest, about 200 px, where a title such as "The Cuban
Revolution and its aftermath" scrolls out of its field; in this one the field is ``PROMPT_CHARACTERS``
average characters of its font wide (so it grows with the text size), never wider than the screen
it opens on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

#: How wide a prompt's field is, in the font's average characters (``averageCharWidth``, a little
#: narrower than a title's: 48 of them show "The Cuban Revolution and its aftermath" whole).
PROMPT_CHARACTERS = 48


def prompt_width(widget: QWidget, characters: int = PROMPT_CHARACTERS) -> int:
    """The width of ``characters`` average characters in ``widget``'s font, capped at its screen's width
    (less room for a label beside it)."""
    width = widget.fontMetrics().averageCharWidth() * characters
    screen = widget.screen()
    if screen is not None:
        width = min(width, screen.availableGeometry().width() * 2 // 3)
    return width


def text_prompt(parent: QWidget | None, caption: str, label: str, text: str = "") -> QInputDialog:
    """The dialog ``ask_text`` shows (made apart so tests can look at it without its modal loop)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(caption)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(text)
    field = dialog.findChild(QLineEdit)
    if field is not None:  # made by setTextEchoMode
        field.setMinimumWidth(prompt_width(field))
    return dialog


def ask_text(parent: QWidget | None, caption: str, label: str, text: str = "") -> tuple[str, bool]:
    """Ask for one line of text, as ``QInputDialog.getText`` does: (the text, whether OK was pressed)."""
    dialog = text_prompt(parent, caption, label, text)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    answer = dialog.textValue()
    dialog.deleteLater()
    return answer, accepted
