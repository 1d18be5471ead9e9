"""GUI tests for importing an Anki deck with review history: the dialog's history checkbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from studyguide.guides.importing import read_file
from studyguide.ui import guide_actions
from studyguide.ui.import_review import AnkiImportDialog

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


@pytest.fixture
def actions(main_window):
    acts = main_window.guide_actions
    yield acts
    acts.tasks.shutdown()


def test_the_dialog_says_what_the_deck_holds_and_offers_its_history(qtbot) -> None:
    dialog = AnkiImportDialog(result=read_file(FIXTURES / "current.apkg"))
    qtbot.add_widget(dialog)

    assert dialog.history.isChecked()
    assert dialog.history.text() == ("Import review &history and schedules (10 answers; 1 suspended card stays "
                                     "suspended)")
    assert dialog.findChild(type(dialog.import_button), None) is not None


@pytest.mark.parametrize("form, warned", [("current.apkg", True), ("fsrs-params.apkg", False)])
def test_the_dialog_is_as_tall_as_what_it_has_to_say(qtbot, form: str, warned: bool) -> None:
    """With warnings, room to list them; without, no empty space above the buttons."""
    dialog = AnkiImportDialog(result=read_file(FIXTURES / form))
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.wait_exposed(dialog)

    below_the_checkbox = (dialog.import_button.mapTo(dialog, QPoint(0, 0)).y()
                          - dialog.history.mapTo(dialog, QPoint(0, dialog.history.height())).y())
    assert (below_the_checkbox > 150) == warned


@pytest.mark.parametrize("keep", [True, False])
def test_the_history_checkbox_decides_whether_reviews_come_in(qtbot, main_window, library, actions, keep: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            if not keep:
                qtbot.mouseClick(self.history, Qt.MouseButton.LeftButton)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(FIXTURES / "current.apkg")

    assert library.progress.review_count("current") == (10 if keep else 0)
    assert len(library.suspended_cards("current")) == (1 if keep else 0)
    said = main_window.statusBar().currentMessage()
    assert said.startswith("Imported ") and ("10 answers." in said) == keep


def test_cancelling_the_dialog_saves_nothing(qtbot, main_window, library, actions,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    class Cancelled(AnkiImportDialog):
        def exec(self) -> int:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Cancelled)
    with qtbot.wait_signal(actions.message, timeout=20_000) as said:
        actions.import_file(FIXTURES / "current.apkg")

    assert said.args == ["Import of current.apkg cancelled; nothing was saved."]
    assert "current" not in [info.id for info in library.guides()]


def test_a_replace_that_brought_history_offers_no_undo_that_would_keep_it(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo Import after a Replace swaps the old guide back (ui/replace_undo.py) but would leave the answers the
    package brought: such a replace clears the Undo history instead (an older step undone would not match)."""
    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            if not keep[0]:
                qtbot.mouseClick(self.history, Qt.MouseButton.LeftButton)
            return QDialog.DialogCode.Accepted

    keep = [False]
    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(FIXTURES / "current.apkg")  # first without its history
    assert library.progress.review_count("current") == 0
    keep[0] = True
    monkeypatch.setattr(actions, "ask_duplicate", lambda _guide_id: "replace")
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(FIXTURES / "current.apkg")
    assert library.progress.review_count("current") == 10
    assert main_window.undo_action.text() == "&Undo" and len(main_window.operations.history) == 0
