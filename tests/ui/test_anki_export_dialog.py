"""File > Export Guide… to an Anki package asks whether to include the review history (a checkbox)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyguide.review.scheduler import Rating
from studyguide.ui import guide_actions
from tests.anki_export_guide import collection


def revlog_rows(package: Path, tmp_path: Path) -> int:
    db = collection(package, tmp_path)
    try:
        return db.execute("SELECT count(*) FROM revlog").fetchone()[0]
    finally:
        db.close()


@pytest.mark.parametrize(("tick", "rows"), [(True, 2), (False, 0)])
def test_the_history_checkbox_puts_the_review_log_in_the_package(qtbot, main_window, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch, tick: bool,
                                                                  rows: int) -> None:
    session = main_window._library.start_review("tiny")
    for rating in (Rating.GOOD, Rating.EASY):
        session.reveal()
        session.answer(rating)
    dest = tmp_path / "tiny.apkg"
    monkeypatch.setattr(guide_actions.QFileDialog, "getSaveFileName",
                        lambda *args: (str(dest), "Anki package (*.apkg)"))
    asked = []

    def answer_the_box() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "export-history" and w.isVisible())
        assert isinstance(box, QMessageBox)
        asked.append(box.checkBox().text())
        box.checkBox().setChecked(tick)
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer_the_box)
    # The export's own message, not the task runner's idle: another job of the window (the section
    # counts, the exam report) may go idle while the box is open, before the export is even queued.
    with qtbot.wait_signal(main_window.guide_actions.message, timeout=10_000,
                           check_params_cb=lambda text: text.startswith("Exported")):
        main_window.guide_actions.export_guide()

    assert asked == ["Include my review history and scheduling"]
    assert revlog_rows(dest, tmp_path) == rows


def test_cancelling_the_question_exports_nothing(qtbot, main_window, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guide_actions.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "out" / "tiny.apkg"), "Anki package (*.apkg)"))
    monkeypatch.setattr(main_window.guide_actions, "ask_history", lambda: None)
    (tmp_path / "out").mkdir()
    started = []
    monkeypatch.setattr(main_window.guide_actions.tasks, "run", lambda *args, **kw: started.append(args))

    main_window.guide_actions.export_guide()

    assert started == [] and list((tmp_path / "out").iterdir()) == []
