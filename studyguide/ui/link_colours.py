"""Links take the palette's link colour at once when the theme changes.

Qt's rich-text parser gives every ``<a href>`` the application palette's Link colour *as it is when the
HTML is parsed*, and keeps it in the text's format: a label or a text browser filled before a theme switch
would keep the old theme's link colour (dark blue on a dark window) until it is filled again. After the
app's palette changes, ``follow_links`` re-parses every link-bearing label from its own text and repaints
the links of every read-only text view (the Markdown reader, the card browser's history) in the new colour.
Views that render their HTML at paint time (the search results) need nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit

from studyguide.ui.widgets.media_images import anchor_fragments, merge_format

_LINK_ROLES = (QPalette.ColorRole.Link, QPalette.ColorRole.LinkVisited)


def recolour_links(document: QTextDocument, old: set[str], new: QColor) -> int:
    """Give the links of ``document`` coloured in one of ``old`` (colour names) the colour ``new``.

    Links given a colour of their own in the HTML keep it. Returns how many link fragments changed.
    """
    spans = [(fragment.position(), fragment.length()) for fragment in anchor_fragments(document)
             if fragment.charFormat().foreground().color().name() in old
             and fragment.charFormat().foreground().color() != new]
    if not spans:
        return 0
    modified = document.isModified()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    recoloured = QTextCharFormat()
    recoloured.setForeground(new)
    merge_format(document, spans, recoloured)
    cursor.endEditBlock()
    document.setModified(modified)
    return len(spans)


def follow_links(old: QPalette, new: QPalette) -> None:
    """After the app's palette went from ``old`` to ``new``: every shown link in the new link colour."""
    before = {old.color(group, role).name() for role in _LINK_ROLES
              for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)}
    link = new.color(QPalette.ColorRole.Link)
    if before == {link.name()}:
        return
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.textFormat() != Qt.TextFormat.PlainText and "<a " in text.lower():
                widget.setText("")  # the same text again would be ignored: parse it anew
                widget.setText(text)
        elif isinstance(widget, QTextEdit) and widget.isReadOnly():
            recolour_links(widget.document(), before, link)

