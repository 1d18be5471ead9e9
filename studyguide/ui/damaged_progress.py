"""The start-up question when the progress file is damaged: restore the newest good backup, or quit.

The damaged file is never deleted: whichever way the learner goes, it is
renamed ``progress.damaged-<time>.sqlite`` beside the new one (or left as it
is on Quit). Paths and labels are shown as plain text.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(Enum):
    """What the learner chose."""

    RESTORE = "restore"
    START_AFRESH = "afresh"
    QUIT = "quit"


def damaged_progress_box(parent: QWidget | None, *, damaged: Path, backup_created: datetime | None,
                         backup_answers: int = 0) -> QMessageBox:
    """The question, built but not shown; each button's ``property("choice")`` is a ``Choice`` value."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Your progress file is damaged")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("Your progress file is damaged, and StudyGuide cannot open it.")
    kept = (f"Either way, the damaged file is kept in its folder, renamed "
            f"{damaged.stem}.damaged-<time>{damaged.suffix}.")
    if backup_created is not None:
        when = f"{backup_created.astimezone():%Y-%m-%d %H:%M}"
        answers = f"{backup_answers} answer{'' if backup_answers == 1 else 's'}"
        box.setInformativeText(
            f"The newest good backup is from {when} ({answers}). Restoring it brings back your progress "
            f"as it was then. {kept}\n\nDamaged file: {damaged}")
        button = box.addButton(f"Restore from Backup of {when}", QMessageBox.ButtonRole.AcceptRole)
        button.setProperty("choice", Choice.RESTORE.value)
    else:
        box.setInformativeText(
            "There is no backup of it to restore. You can start with empty progress "
            f"(your guides are not affected), or quit and recover the file yourself. {kept}\n\n"
            f"Damaged file: {damaged}")
        button = box.addButton("Start with Empty Progress", QMessageBox.ButtonRole.AcceptRole)
        button.setProperty("choice", Choice.START_AFRESH.value)
    box.setDefaultButton(button)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setProperty("choice", Choice.QUIT.value)
    box.setEscapeButton(quit_button)
    return box


def ask_about_damaged_progress(parent: QWidget | None, *, damaged: Path, backup_created: datetime | None,
                               backup_answers: int = 0) -> Choice:
    """Show the question (modal) and return the learner's choice."""
    box = damaged_progress_box(parent, damaged=damaged, backup_created=backup_created,
                               backup_answers=backup_answers)
    box.exec()
    clicked = box.clickedButton()
    value = clicked.property("choice") if clicked is not None else None
    return Choice(value) if value else Choice.QUIT
