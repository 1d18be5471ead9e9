"""Accessibility helpers: announcements for screen readers, plain text of labels, names of containers.

Qt gives each widget an accessible name, role and description, which AT-SPI (Orca on
Linux), UI Automation and VoiceOver read. What changes without the focus moving (a new
card, a result) is said with an announcement event (``QAccessibleAnnouncementEvent``,
AT-SPI's ``object:announcement``), which screen readers speak as a live region's update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

# QAccessible, Qt's enums and text documents are imported where used: naming a PySide class builds its
# enum classes, and modules on the way to the window's first frame import this one.


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have screen readers say ``text`` now, as coming from ``widget`` (a live region's update).

    Args:
        widget: Where the news is shown (its window must exist).
        text: A sentence or two.
        assertive: Interrupt what is being read (for errors); polite waits its turn.
    """
    if not text:
        return
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def plain_text(label: QLabel) -> str:
    """The words a label shows, without markup (rich text is read as a document would be)."""
    from PySide6 import QtGui
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocumentFragment

    text, form = label.text(), label.textFormat()
    if form == Qt.TextFormat.PlainText or (form != Qt.TextFormat.RichText and not QtGui.Qt.mightBeRichText(text)):
        return text.strip()
    return QTextDocumentFragment.fromHtml(text).toPlainText().strip()


class Announcer(QObject):
    """Collects what one turn of the event loop has to say and announces it once, in order.

    A rating's result and the next card's question come from different places in one
    keypress; said as one announcement, the second does not cut off the first.

    Args:
        widget: The widget announcements come from.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._parts: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        #: Everything announced, newest last (tests read it; a screen reader hears it).
        self.said: list[str] = []

    def say(self, text: str, *, first: bool = False) -> None:
        """Queue ``text`` for this turn's announcement (``first``: before what is queued; once)."""
        if text and text not in self._parts:
            self._parts.insert(0, text) if first else self._parts.append(text)
            self._timer.start()

    def flush(self) -> None:
        """Announce what is queued now (nothing, if the widget is not on screen)."""
        self._timer.stop()
        if not self._widget.isVisible():
            self._parts = []
        if self._parts:
            text, self._parts = " ".join(self._parts), []
            self.said.append(text)
            announce(self._widget, text)


def name(widget: QWidget, accessible_name: str, description: str = "") -> QWidget:
    """Give ``widget`` an accessible name (and a description); returns it, for chaining."""
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget
