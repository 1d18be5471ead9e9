"""Enter in an import dialog (Anki, notes, Quizlet) imports, as its default button says: it never cancels.

The learner who chose a file and presses Enter at "Import Anki deck" wants it imported; Import was set as
the default before its button box was in the dialog, so Qt made Cancel the default and Enter threw the
package away ("Import of ... cancelled; nothing was saved")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from studyguide.guides.importing import read_file
from studyguide.guides.notes import propose
from studyguide.ui.import_review import AnkiImportDialog, ImportReviewDialog
from studyguide.ui.quizlet_import import QuizletImportDialog
from tests.conftest import DATA

ANKI = Path(__file__).resolve().parent.parent / "data" / "anki" / "current.apkg"


def _dialogs() -> dict[str, object]:
    return {
        "anki": lambda parent: AnkiImportDialog(result=read_file(ANKI), parent=parent),
        "notes": lambda parent: ImportReviewDialog(
            proposal=propose((DATA / "notes-with-headings.md").read_text(), guide_id="n", title="Notes"),
            parent=parent),
        "quizlet": lambda parent: QuizletImportDialog(
            found=read_file(DATA / "quizlet" / "capitals-tab.txt", quizlet=True).quizlet, parent=parent),
    }


@pytest.mark.parametrize("kind", ["anki", "notes", "quizlet"])
def test_enter_in_an_import_dialog_imports(qtbot, kind: str) -> None:
    window = QMainWindow()
    qtbot.add_widget(window)
    window.resize(900, 600)
    window.show()
    dialog = _dialogs()[kind](window)
    pressed: list[str] = []

    def press_enter() -> None:  # once the dialog is up, modal, as the learner sees it
        if QApplication.activeModalWidget() is not dialog:
            QTimer.singleShot(10, press_enter)
            return
        focus = QApplication.focusWidget()
        pressed.append(type(focus).__name__)
        qtbot.keyClick(focus or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    with qtbot.wait_signal(dialog.finished, timeout=10_000) as finished:
        dialog.exec()

    assert pressed and finished.args == [QDialog.DialogCode.Accepted.value]
    assert dialog.import_button.isDefault()
