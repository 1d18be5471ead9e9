"""GUI tests for the Quizlet import window (ui/quizlet_import.py) and File > Import/Export with Quizlet text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from studyguide.guides.importing import read_file
from studyguide.ui.quizlet_import import NOT_SPLIT, QuizletImportDialog
from tests.conftest import DATA

QUIZLET = DATA / "quizlet"


def dialog_for(qtbot, name: str, *, guessed: bool = True) -> QuizletImportDialog:
    """The window on ``name``; ``guessed=False``: as if no separators had been found."""
    found = read_file(QUIZLET / name, quizlet=True).quizlet
    assert found is not None
    if not guessed:
        found = replace(found, term_separator="", row_separator="")
    dialog = QuizletImportDialog(found=found)
    qtbot.add_widget(dialog)
    return dialog


def rows(dialog: QuizletImportDialog) -> list[tuple[str, str]]:
    table = dialog.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def retype(qtbot, box, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClicks(box.lineEdit(), text)


def test_detected_separators_are_shown_with_the_first_rows_split(qtbot) -> None:
    dialog = dialog_for(qtbot, "spanish-comma-semicolon.txt")

    assert (dialog.term_box.currentText(), dialog.row_box.currentText()) == ("Comma", "Semicolon")
    assert rows(dialog)[:2] == [("el gato", "the cat"), ("el perro", "the dog")]
    assert dialog.import_button.isEnabled()
    assert dialog.status.text().startswith("4 cards: every row has a term and a definition")


def test_custom_separators_are_found_and_the_rows_shown_split(qtbot) -> None:
    dialog = dialog_for(qtbot, "crisis-custom.txt")

    # was: Tab and New line in the boxes, every row unsplit, and an intro saying it "picked the ones that
    # split every row"
    assert (dialog.term_box.currentText(), dialog.row_box.currentText()) == (" ~ ", "\\n---\\n")
    assert dialog.import_button.isEnabled()
    assert [term for term, _ in rows(dialog)] == ["ExComm", "U-2", "Quarantine", "Jupiter"]
    assert "found ones that split every row" in dialog.intro.text()


def test_nothing_splits_is_said_and_typing_the_separators_updates_the_preview_live(qtbot) -> None:
    dialog = dialog_for(qtbot, "crisis-custom.txt", guessed=False)
    intro = dialog.intro.text()
    assert "None that StudyGuide knows splits every row" in intro and "picked" not in intro
    assert not dialog.import_button.isEnabled()
    assert "does not split into cards with tab between term and definition" in dialog.status.text()
    assert rows(dialog)[0] == ("ExComm ~ The Executive Committee of the National Security Council,", NOT_SPLIT)

    retype(qtbot, dialog.term_box, " ~ ")
    assert not dialog.import_button.isEnabled()  # rows are still new lines: "which advised..." has no " ~ "
    assert "row 2 has no" in dialog.status.text()
    retype(qtbot, dialog.row_box, "\\n---\\n")

    assert dialog.import_button.isEnabled()
    assert [term for term, _ in rows(dialog)] == ["ExComm", "U-2", "Quarantine", "Jupiter"]
    assert rows(dialog)[1][1] == "The American spy plane that photographed the missile sites\non October 14, 1962"
    assert [c.front for c in dialog.chosen_guide().cards] == ["ExComm", "U-2", "Quarantine", "Jupiter"]


def test_choosing_from_the_list_changes_the_split(qtbot) -> None:
    dialog = dialog_for(qtbot, "spanish-comma-semicolon.txt")

    dialog.row_box.setCurrentIndex(dialog.row_box.findText("New line"))

    assert len(rows(dialog)) == 1 and rows(dialog)[0][0] == "el gato"  # one row, cut at its first comma
    assert dialog.import_button.isEnabled()
    dialog.term_box.setCurrentIndex(dialog.term_box.findText("Tab"))
    assert not dialog.import_button.isEnabled() and rows(dialog) == [
        ("el gato,the cat;el perro,the dog;la casa,the house;el libro,the book;", NOT_SPLIT)]


def test_an_empty_or_overlapping_separator_disables_import(qtbot) -> None:
    dialog = dialog_for(qtbot, "capitals-tab.txt")
    retype(qtbot, dialog.term_box, "")
    assert not dialog.import_button.isEnabled() and "Type a separator" in dialog.status.text()

    retype(qtbot, dialog.term_box, "\\n")
    assert not dialog.import_button.isEnabled() and "must differ" in dialog.status.text()


def test_import_quizlet_goes_through_the_window_and_export_writes_it_back(qtbot, main_window, actions,
                                                                         monkeypatch, tmp_path: Path) -> None:
    shown: list[QuizletImportDialog] = []

    def review(found):
        dialog = QuizletImportDialog(found=found, parent=main_window)
        qtbot.add_widget(dialog)
        shown.append(dialog)
        retype(qtbot, dialog.term_box, " ~ ")
        retype(qtbot, dialog.row_box, "\\n---\\n")
        return dialog.chosen_guide()

    monkeypatch.setattr(actions, "review_quizlet", review)
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_quizlet(QUIZLET / "crisis-custom.txt")

    assert len(shown) == 1 and main_window.guide_id == "crisis-custom"
    assert "Imported crisis custom: 1 section, 4 cards" in main_window.statusBar().currentMessage()
    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.export_guide(tmp_path / "out.txt", "txt")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()[0] == (
        "ExComm\tThe Executive Committee of the National Security Council, which advised Kennedy during the crisis")


def test_file_import_of_a_tab_separated_text_shows_the_quizlet_window(qtbot, main_window, actions,
                                                                     monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(actions, "review_quizlet", lambda found: seen.append(found) or found.guide())
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(QUIZLET / "capitals-tab.txt")

    assert seen[0].term_separator == "\t" and len(main_window._library.content("capitals-tab").cards()) == 4


def test_cancelling_the_quizlet_window_saves_nothing(qtbot, main_window, actions, monkeypatch) -> None:
    monkeypatch.setattr(actions, "review_quizlet", lambda found: None)
    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.import_quizlet(QUIZLET / "capitals-tab.txt")

    assert "cancelled; nothing was saved" in main_window.statusBar().currentMessage()
    assert not list(main_window._library.guides_folder.glob("*.sqlite"))
