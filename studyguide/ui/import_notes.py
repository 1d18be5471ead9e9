"""What an import left out or changed, said where it can be read: a box beside the new guide.

The status bar showed it for 8 s, cut at the window's width: at 900 px "1 note has flashcard
syntax but no #flashcards tag, so no cards were made from them" was gone before it was read (an
Obsidian vault). The box opens without blocking (the guide is already on screen, and Undo works);
an Anki package whose import dialog already listed the notes does not repeat them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from studyguide.ui.widgets.safe_text import message_box

#: Notes listed at most (a vault of 500 skipped files would make a box taller than the screen).
MOST_NOTES = 12


def notes_text(summary: str, warnings: Sequence[str]) -> str:
    """The box's text: what was imported, then each note on a line of its own (the first ``MOST_NOTES``)."""
    shown = [f"\u2022 {w}" for w in warnings[:MOST_NOTES]]
    if len(warnings) > MOST_NOTES:
        shown.append(f"\u2026 and {len(warnings) - MOST_NOTES} more.")
    return f"{summary}\n\nWhat was left out or changed:\n" + "\n".join(shown)


def show_notes(parent: QWidget, title: str, text: str) -> QMessageBox:
    """Open the box (window-modal, not blocking) and return it; it is deleted once closed."""
    box = message_box(parent, QMessageBox.Icon.Information, title, text)
    box.setObjectName("import-notes")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
