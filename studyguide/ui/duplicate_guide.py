"""Importing a guide that is already in the library (such as one's own export): Replace, Keep Both or Skip.

"Keep Both" imports the file as a separate guide under a new id (``guides.guide_copy``): the guide
already here keeps its reviews, and the copy's cards start with none. The bundled guide is never
replaced, so its export can only be kept beside it, or skipped.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from studyguide.ui.widgets.safe_text import message_box

Choice = Literal["replace", "copy", "skip"]


def ask_duplicate(parent: QWidget, *, title: str, guide_id: str, bundled: bool, copy_title: str) -> Choice:
    """Ask what to do with a file holding a guide of an id already here (``title``; a copy would be
    ``copy_title``)."""
    both = (f"the file becomes a separate guide, \u201c{copy_title}\u201d, whose cards start with no reviews; "
            f"your progress stays with \u201c{title}\u201d.")
    if bundled:
        text = (f"\u201c{title}\u201d came with StudyGuide, and this file holds a guide with the same id "
                f"({guide_id}), such as an export of it. The guide that came with StudyGuide is never replaced.\n\n"
                f"Keep both? {both[0].upper()}{both[1:]}")
    else:
        text = (f"\u201c{title}\u201d is already in your library: this file holds a guide with the same id "
                f"({guide_id}), such as an export of it.\n\nReplace it? Review progress is kept for every card that "
                f"did not change, and the old guide is kept in the library's trash folder.\n\nOr keep both: {both}")
    box = message_box(parent, QMessageBox.Icon.Question, "Guide already in your library", text,
                      QMessageBox.StandardButton.NoButton)
    box.setObjectName("duplicate-guide")
    replace = None if bundled else box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep &Both", QMessageBox.ButtonRole.AcceptRole if bundled
                         else QMessageBox.ButtonRole.ActionRole)
    skip = box.addButton("&Skip", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(replace or keep)
    box.setEscapeButton(skip)
    box.exec()
    clicked = box.clickedButton()
    return "replace" if replace is not None and clicked is replace else "copy" if clicked is keep else "skip"
