"""What an import left out or changed is said in a box beside the new guide (ui/import_notes.py), not only in
the status bar for 8 s, cut at the window's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from studyguide.ui import guide_actions
from studyguide.ui.import_review import AnkiImportDialog
from tests.conftest import DATA


def notes_box(window) -> QMessageBox | None:
    return window.findChild(QMessageBox, "import-notes")


def test_a_vaults_notes_are_said_in_a_box_that_does_not_block(qtbot, main_window) -> None:
    actions = main_window.guide_actions
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_folder(DATA / "obsidian-vault")  # returns with the box open: it does not block

    qtbot.wait_until(lambda: notes_box(main_window) is not None and notes_box(main_window).isVisible())
    box = notes_box(main_window)
    assert box.windowTitle() == "Imported, with notes"
    text = box.text()
    assert text.startswith("Imported obsidian-vault: 4 sections, 14 cards, 0 events.\n\nWhat was left out")
    # was only in the status bar, cut at 900 px and gone after 8 s
    assert "\u2022 1 note has flashcard syntax but no #flashcards tag" in text
    assert "\u2022 attachments/not-a-picture.png: not an image" in text
    box.accept()
    qtbot.wait_until(lambda: notes_box(main_window) is None)  # deleted once closed
    actions.tasks.shutdown()


def test_a_csvs_notes_are_said_too(qtbot, main_window) -> None:
    actions = main_window.guide_actions
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(DATA / "cards-latin1.csv")
    qtbot.wait_until(lambda: notes_box(main_window) is not None)
    assert "is not valid UTF-8 text" in notes_box(main_window).text()
    actions.tasks.shutdown()


def test_nothing_to_say_opens_no_box(qtbot, main_window, tmp_path: Path) -> None:
    actions = main_window.guide_actions
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\nSpain,Madrid\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(path)
    assert notes_box(main_window) is None  # (opened, when it is, as guide_imported is emitted)
    actions.tasks.shutdown()


def test_an_anki_dialog_that_listed_the_notes_is_not_repeated(qtbot, main_window,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)
    actions = main_window.guide_actions
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(DATA / "anki" / "current.apkg")  # with a history: the dialog lists its notes
    assert notes_box(main_window) is None
    actions.tasks.shutdown()


def test_a_long_list_of_notes_is_cut_short() -> None:
    from studyguide.ui.import_notes import notes_text

    text = notes_text("Imported X.", [f"note {n}" for n in range(30)])
    assert text.count("\u2022") == 12 and text.endswith("\u2022 note 11\n\u2026 and 18 more.")
