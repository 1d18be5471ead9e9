"""Delete Guide asks with buttons that say what they do: "Delete" and "Cancel" (not Yes and No);
Cancel is the default and Escape, so a stray Enter or Escape deletes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


def _import(qtbot, main_window, actions, tmp_path: Path) -> None:
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)
    assert main_window.guide_id == "capitals"


def _answer(seen: list[list[str]], answer) -> None:
    """When the question shows (inside its own event loop), note its buttons and answer it."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(10, lambda: _answer(seen, answer))
        return
    seen.append([button.text() for button in box.buttons()])
    default = box.defaultButton()
    seen.append([default.text() if default is not None else ""])
    answer(box)


def test_delete_guide_asks_delete_or_cancel_and_delete_deletes(qtbot, main_window, actions, tmp_path: Path) -> None:
    _import(qtbot, main_window, actions, tmp_path)
    seen: list[list[str]] = []

    def delete(box: QMessageBox) -> None:
        found = [b for b in box.buttons() if b.text() == "Delete"]
        if found:
            found[0].click()
        else:  # no such button: the question is closed, and the assertions below say why
            box.reject()

    QTimer.singleShot(0, lambda: _answer(seen, delete))
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000, raising=False):
        actions.delete_guide()
    assert sorted(seen[0]) == ["Cancel", "Delete"] and seen[1] == ["Cancel"]
    assert main_window.guide_id == "tiny" and main_window.guide_picker.count() == 1


def test_escape_and_enter_in_the_question_keep_the_guide(qtbot, main_window, actions, tmp_path: Path) -> None:
    _import(qtbot, main_window, actions, tmp_path)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):
        seen: list[list[str]] = []
        QTimer.singleShot(0, lambda key=key, seen=seen: _answer(seen, lambda box: QTest.keyClick(box, key)))
        actions.delete_guide()
        assert seen and main_window.guide_id == "capitals" and main_window.guide_picker.count() == 2
