"""Making cards and events from the reader (issue 15): select text in a user's section, then the
context menu's "Make a Cloze Card from This" (the sentence around the selection, the selection
hidden as {{c1::…}}), "Make a Card from This…" (a basic card with the selection as the answer,
in the Add Card dialog) or "Make an Event from This…" (a date in the selection prefilled)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import DateError
from studyguide.ui.event_dialog import EventFields

if TYPE_CHECKING:
    from studyguide.ui.event_editing import EventEditing
    from studyguide.ui.sections import SectionsView
    from studyguide.ui.services import GuideReading
    from studyguide.ui.writing import Writing

_END = re.compile(r"[.!?](?=\s|$)")


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence of ``text`` holding ``text[start:end]``: (sentence, start and end of the
    selection within it)."""
    begin = 0
    for match in _END.finditer(text, 0, start):
        begin = match.end()
    after = _END.search(text, end)
    stop = after.end() if after else len(text)
    begin += min(len(text[begin:start]) - len(text[begin:start].lstrip()), start - begin)
    stop -= min(len(text[end:stop]) - len(text[end:stop].rstrip()), stop - end)
    return text[begin:stop], start - begin, end - begin


def cloze_text(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` with the selection hidden: ``… {{c1::selection}} …``."""
    sentence, a, b = sentence_around(text, start, end)
    return f"{sentence[:a]}{{{{c1::{sentence[a:b]}}}}}{sentence[b:]}"


def find_date(text: str) -> str:
    """The longest run of words in ``text`` the date reader accepts (with a year), or ""."""
    words = text.split()
    for size in range(min(len(words), 6), 0, -1):
        for i in range(len(words) - size + 1):
            candidate = " ".join(words[i:i + size]).strip(",.;:()[]")
            if not re.search(r"\d{2,4}", candidate):
                continue
            if not re.search(r"\d{3,4}|\bBC\b|\bBCE\b|\bAD\b", candidate, re.IGNORECASE):
                continue
            try:
                parse_when(candidate)
            except DateError:
                continue
            return candidate
    return ""


class ReaderActions(QObject):
    """The reader's context menu commands for a user's guide.

    Args:
        view: The Sections view (its reader, ``text``).
        writing: The window's authoring writes.
        library: The library.
        events: The event commands (the Add Event dialog).
        card_dialog: Opens the Add Card dialog and returns it (or None), when it exists.
    """

    def __init__(self, *, view: SectionsView, writing: Writing, library: GuideReading, events: EventEditing,
                 card_dialog: Any = None) -> None:
        super().__init__(view)
        self.view = view
        self._writing = writing
        self._library = library
        self._events = events
        self._card_dialog = card_dialog
        self.last_cloze: tuple[str, ...] = ()
        view.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.text.customContextMenuRequested.connect(self._menu)
        self.menu: QMenu | None = None

    def _selection(self) -> tuple[str, int, int] | None:
        """(the paragraph's text, start, end of the selection in it), or None."""
        cursor = self.view.text.textCursor()
        if not cursor.hasSelection():
            return None
        block = self.view.text.document().findBlock(cursor.selectionStart())
        if cursor.selectionEnd() > block.position() + block.length():  # across paragraphs: their text only
            return cursor.selectedText().replace("\u2029", " "), 0, len(cursor.selectedText())
        return block.text(), cursor.selectionStart() - block.position(), cursor.selectionEnd() - block.position()

    def _editable(self) -> str | None:
        guide = self.view.guide_id
        return guide if guide and self._library.is_user_guide(guide) else None

    def build_menu(self) -> QMenu:
        """The reader's menu: Copy, Select All, and the Make… commands on a user's guide with a selection."""
        menu = self.view.text.createStandardContextMenu()
        if self._editable() and self._selection() is not None and self.view.current_section_id():
            menu.addSeparator()
            menu.addAction("Make a Cloze Card from This", self.make_cloze)
            menu.addAction("Make a Card from This\u2026", self.make_card)
            menu.addAction("Make an Event from This\u2026", self.make_event)
        self.menu = menu
        return menu

    def _menu(self, point: QPoint) -> None:
        self.build_menu().exec(self.view.text.mapToGlobal(point))

    def make_cloze(self) -> tuple[str, ...]:
        """Add a cloze card of the selection's sentence with the selection hidden (undoable)."""
        guide, section, selection = self._editable(), self.view.current_section_id(), self._selection()
        if guide is None or section is None or selection is None:
            return ()
        text = cloze_text(*selection)
        added = self._writing.write(self.view, lambda a: a.add_card(guide, section, text, "", type="cloze"),
                                    parent=self.view, title="The card was not added")
        self.last_cloze = tuple(added.ids) if added is not None else ()
        if added is not None:
            self.view.refresh()
        return self.last_cloze

    def make_card(self) -> Any:
        """Open the Add Card dialog with the selection as the answer and its sentence as the question."""
        selection = self._selection()
        if selection is None or self._card_dialog is None:
            return None
        sentence, a, b = sentence_around(*selection)
        dialog = self._card_dialog()
        if dialog is not None:
            dialog.front.setPlainText(f"{sentence[:a]}\u2026{sentence[b:]}")
            dialog.back.setPlainText(sentence[a:b])
            dialog.front.setFocus()
            dialog.front.moveCursor(QTextCursor.MoveOperation.End)
        return dialog

    def make_event(self) -> Any:
        """Open the Add Event dialog with the selection as the title and a date in it prefilled."""
        selection = self._selection()
        if selection is None:
            return None
        text, a, b = selection
        chosen = " ".join(text[a:b].split())
        when = find_date(chosen) or find_date(sentence_around(text, a, b)[0])
        title = " ".join(chosen.replace(when, "").strip(" ,.;:").split()) if when and chosen != when else chosen
        return self._events.add_event(fields=EventFields(title[:120], self.view.current_section_id() or "", when,
                                                         "", ""))
