"""GUI tests for File > Import/Export and guide management (ui/guide_actions.py, ui/import_review.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from studyguide import library_tables
from studyguide.guides import importing
from studyguide.guides.notes import propose
from studyguide.ui import guide_actions
from studyguide.ui.import_review import ImportReviewDialog
from tests.conftest import DATA


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_csv_adds_the_guide_to_the_picker_and_shows_it(qtbot, main_window, actions,
                                                              tmp_path: Path) -> None:
    path = write(tmp_path / "capitals.csv", "front,back\nFrance,Paris\nItaly,Rome\n")

    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)

    picker = main_window.guide_picker
    assert [picker.itemData(i) for i in range(picker.count())] == ["tiny", "capitals"]
    assert main_window.guide_id == "capitals" and picker.currentData() == "capitals"
    assert "Imported capitals: 1 section, 2 cards" in main_window.statusBar().currentMessage()


def test_html_in_imported_cards_is_shown_as_plain_text(qtbot, main_window, actions, tmp_path: Path) -> None:
    path = write(tmp_path / "html.csv",
                 'front,back\n"<script>alert(1)</script><img src=""http://example.com/x.png"">",answer\n')
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)

    main_window.tabs.setCurrentWidget(main_window.flashcards)

    front = main_window.flashcards.front
    assert front.textFormat() == Qt.TextFormat.PlainText
    assert front.text().startswith("<script>alert(1)</script>")


def test_bad_file_shows_a_message_and_changes_nothing(qtbot, main_window, actions, tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(256)) * 20)

    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.import_file(path)

    assert actions.errors == ["Could not import binary.csv: binary.csv is a binary file, not text"]
    assert main_window.guide_picker.count() == 1
    assert not list((main_window._library.guides_folder).glob("*.sqlite"))


def test_duplicate_import_asks_and_skip_keeps_the_first(qtbot, main_window, actions, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "capitals.csv", "France,Paris\n")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)
    asked: list[str] = []
    monkeypatch.setattr(actions, "ask_duplicate", lambda guide_id: asked.append(guide_id) or "skip")
    write(path, "France,Paris\nSpain,Madrid\n")

    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000), \
            qtbot.assert_not_emitted(main_window.guide_imported):
        actions.import_file(path)

    assert asked == ["capitals"]
    assert len(main_window._library.content("capitals").cards()) == 1
    monkeypatch.setattr(actions, "ask_duplicate", lambda guide_id: "replace")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)
    assert len(main_window._library.content("capitals").cards()) == 2
    assert main_window.guide_picker.count() == 2


def test_notes_import_goes_through_the_review_dialog(qtbot, main_window, actions, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    reviewed: list[ImportReviewDialog] = []

    def review(proposal):
        dialog = ImportReviewDialog(proposal=proposal, parent=main_window)
        qtbot.add_widget(dialog)
        reviewed.append(dialog)
        dialog.events.item(0).setCheckState(Qt.CheckState.Unchecked)
        return dialog.chosen_guide()

    monkeypatch.setattr(actions, "review_notes", review)
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(DATA / "notes-with-headings.md")

    proposal = reviewed[0]._proposal
    events = main_window._library.content("notes-with-headings").events()
    assert {e.id for e in events} == {e.id for e in proposal.events[1:]}
    assert reviewed[0].events.count() == len(proposal.events) >= 4


def test_review_dialog_none_button_and_cancel_save_nothing(qtbot) -> None:
    proposal = propose((DATA / "notes-with-headings.md").read_text(), guide_id="n", title="Notes")
    dialog = ImportReviewDialog(proposal=proposal)
    qtbot.add_widget(dialog)
    none_buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == "None"]

    qtbot.mouseClick(none_buttons[1], Qt.MouseButton.LeftButton)  # the cards' "None"

    guide = dialog.chosen_guide()
    assert guide.cards == () and len(guide.events) == len(proposal.events)


def test_import_progress_dialog_cancel_saves_nothing(qtbot, main_window, actions, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.tsv", "".join(f"front {i}\tback {i}\n" for i in range(5000)))
    real_install = library_tables.install_table

    def slow_install(library, p, *, progress, cancelled, **options):
        # Report progress until the user cancels, then run the real (streamed) import, which must stop.
        while not cancelled():
            progress(0.3, "Reading line 1,500")
            time.sleep(0.005)
        return real_install(library, p, progress=progress, cancelled=cancelled, **options)

    monkeypatch.setattr(library_tables, "install_table", slow_install)  # what a TSV's import calls
    actions.import_file(path)
    dialog = actions.tasks.progress_dialog
    qtbot.wait_until(lambda: dialog.isVisible() and dialog.value() == 300, timeout=5000)
    assert dialog.labelText() == "Reading line 1,500"
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")

    with qtbot.wait_signal(actions.tasks.idle, timeout=5000), \
            qtbot.assert_not_emitted(main_window.guide_imported):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert "cancelled" in main_window.statusBar().currentMessage()
    assert not list(main_window._library.guides_folder.glob("*"))


def test_rename_delete_undo_and_export(qtbot, main_window, actions, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(write(tmp_path / "capitals.csv", "France,Paris\n"))

    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):  # the UPDATE: on the task runner
        actions.rename_guide("Capitals of Europe")
    assert main_window.guide_picker.currentText() == "Capitals of Europe"
    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.export_guide(tmp_path / "out.apkg")
    assert importing.read_file(tmp_path / "out.apkg").guide.info.title == "Capitals of Europe"

    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        actions.delete_guide(confirmed=True)
    assert main_window.guide_picker.count() == 1 and main_window.guide_id == "tiny"
    assert main_window.undo_action.text() == "&Undo Delete Guide"
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.guide_id == "capitals" and main_window.guide_picker.count() == 2

    main_window.guide_picker.setCurrentIndex(0)
    actions.delete_guide(confirmed=True)
    assert actions.errors == ["Delete Guide: The bundled guide cannot be deleted."]


def test_a_file_over_the_limit_is_refused_with_a_message(qtbot, main_window, actions, tmp_path: Path) -> None:
    huge = tmp_path / "huge.tsv"
    with huge.open("wb") as handle:  # sparse: no disk space, no time
        handle.truncate(1200 * 1024 * 1024)

    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.import_file(huge)

    assert actions.errors == ["Could not import huge.tsv: huge.tsv is 1258 MB, over the 1074 MB limit for "
                              "this kind of file; split it into smaller files"]


def test_html_in_notes_is_shown_as_text_in_the_section(qtbot, main_window, actions, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "web.md", "# Page\n\nSee <img src=\"http://example.com/x.png\"> and "
                                      "<script>alert(1)</script> here in 1962.\n")
    monkeypatch.setattr(actions, "review_notes", lambda proposal: proposal.accept())
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)

    main_window.tabs.setCurrentWidget(main_window.sections)
    main_window.open_section("page")

    shown = main_window.sections.text.toPlainText()
    assert '<img src="http://example.com/x.png">' in shown and "<script>alert(1)</script>" in shown


def test_the_progress_dialog_never_covers_the_notes_review_dialog(qtbot, main_window, actions,
                                                                    tmp_path: Path) -> None:
    """The reading job's progress dialog is stopped before the review dialog opens.

    Its show timer used to stay armed, so about 4 s later it popped up (window-modal) over
    the review dialog and blocked Import until it was cancelled.
    """
    path = write(tmp_path / "crisis.txt", "The Cuban Missile Crisis\n\nCastro took power in 1959. "
                                          "On October 16, 1962 Kennedy saw the photographs.\n")
    seen: list[tuple[bool, list[bool]]] = []

    def answer_review() -> None:
        review = QApplication.activeModalWidget()
        if not isinstance(review, ImportReviewDialog):
            QTimer.singleShot(20, answer_review)
            return
        progress = actions.tasks.progress_dialog
        seen.append((progress.isVisible(), [t.isActive() for t in progress.findChildren(QTimer)]))
        qtbot.mouseClick(review.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer_review)
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)

    assert seen == [(False, [False])]
    assert main_window._library.content("crisis").info.title == "The Cuban Missile Crisis"


@pytest.mark.parametrize("typed, chosen, expected", [
    ("guide.apkg", "Markdown guide (*.md)", ("guide.apkg", "apkg")),
    ("guide.CSV", "Markdown guide (*.md)", ("guide.CSV", "csv")),
    ("guide.md", "Anki package (*.apkg)", ("guide.md", "md")),
    ("guide", "CSV cards (*.csv)", ("guide.csv", "csv")),
    ("guide.v2", "Anki package (*.apkg)", ("guide.v2.apkg", "apkg")),
])
def test_the_typed_extension_wins_over_the_chosen_filter(typed: str, chosen: str,
                                                         expected: tuple[str, str]) -> None:
    dest, fmt = guide_actions.export_target(f"/home/x/{typed}", chosen)
    assert (dest.name, fmt) == expected and dest.parent == Path("/home/x")


def test_export_dialog_with_the_default_filter_and_a_typed_apkg_writes_an_anki_package(
        qtbot, main_window, actions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guide_actions.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "out" / "guide.apkg"), "Markdown guide (*.md)"))
    monkeypatch.setattr(actions, "ask_history", lambda: False)

    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.export_guide()

    assert [p.name for p in (tmp_path / "out").iterdir()] == ["guide.apkg"]
    assert importing.read_file(tmp_path / "out" / "guide.apkg").kind == "anki"


def test_a_fifo_and_a_crafted_package_end_with_a_message(qtbot, main_window, actions, tmp_path: Path) -> None:
    from tests.unit.test_apkg import BASIC, crafted

    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    package = crafted(tmp_path / "deck.apkg", "UPDATE col SET models = ?",
                      params=(f'{{"{BASIC.model_id}": {{"flds": 3}}}}',))

    for path in (pipe, package):
        with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
            actions.import_file(path)

    assert actions.errors == [
        "Could not import pipe.csv: pipe.csv is a named pipe (FIFO), not a file; choose a guide, notes, "
        "CSV/TSV or Anki file",
        "Could not import deck.apkg: deck.apkg, note 1 uses a note type whose field list (flds) is not a "
        "list: this is not a valid Anki collection",
    ]


def test_export_from_the_window_writes_the_learners_edited_card(qtbot, main_window, actions,
                                                                 tmp_path: Path) -> None:
    main_window._library.start_review("tiny").edit_current(front="Edited in the window?", back="Yes")

    with qtbot.wait_signal(actions.tasks.idle, timeout=10_000):
        actions.export_guide(tmp_path / "out.md")

    assert "Q: Edited in the window?" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_review_dialog_names_the_guide_and_greys_and_counts_unticked_rows(qtbot) -> None:
    proposal = propose((DATA / "notes-with-headings.md").read_text(), guide_id="n", title="Notes")
    dialog = ImportReviewDialog(proposal=proposal)
    qtbot.add_widget(dialog)
    labels = {label.buddy(): label for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    grey = dialog.events.palette().color(QPalette.ColorRole.PlaceholderText)

    dialog.events.item(0).setCheckState(Qt.CheckState.Unchecked)

    assert "Before the crisis, The thirteen days" in dialog.findChildren(QLabel)[0].text()
    assert labels[dialog.events].text() == f"&Timeline events (3 of {dialog.events.count()} ticked)"
    assert dialog.events.item(0).foreground().color() == grey != dialog.events.item(1).foreground().color()
    none_cards = [b for b in dialog.findChildren(QPushButton) if b.text() == "None"][1]
    qtbot.mouseClick(none_cards, Qt.MouseButton.LeftButton)
    assert labels[dialog.cards].text() == f"&Cards (0 of {dialog.cards.count()} ticked)"
