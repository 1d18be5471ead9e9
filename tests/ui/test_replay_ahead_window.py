"""File > Import of an Anki package replays its history while the learner answers the dialog
(``review.replay_ahead``: it writes nothing), and the save after Import takes those rows rather than
replaying again; declined, nothing of it is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from studyguide.review import history_job, replay_ahead
from studyguide.ui import guide_actions
from studyguide.ui.import_review import AnkiImportDialog

PACKAGE = Path(__file__).resolve().parent.parent / "data" / "anki" / "current.apkg"  # ten answers


def _replays_seen(monkeypatch: pytest.MonkeyPatch, answer: QDialog.DialogCode, qtbot) -> list[tuple[str, bool]]:
    """(which replay ran: ahead or the save's, whether the dialog had been answered then); the dialog is
    answered once the replay ahead has finished, as a learner who takes a moment does."""
    seen: list[tuple[str, bool]] = []
    answered = [False]

    def counted(where: str, replay):
        def replaying(*args, **kwargs):
            seen.append((where, answered[0]))
            return replay(*args, **kwargs)
        return replaying

    monkeypatch.setattr(replay_ahead, "replay_rows", counted("ahead", replay_ahead.replay_rows))
    monkeypatch.setattr(history_job, "replay_rows", counted("save", history_job.replay_rows))

    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            qtbot.waitUntil(lambda: bool(replay_ahead._ahead) and all(
                entry[3].done() for entry in replay_ahead._ahead.values()), timeout=20_000)
            answered[0] = True
            return answer

    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)
    return seen


def test_the_history_is_replayed_while_the_dialog_is_answered_and_saved_from_that(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _replays_seen(monkeypatch, QDialog.DialogCode.Accepted, qtbot)

    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(PACKAGE)

    assert seen == [("ahead", False)]  # replayed once, before the dialog was answered
    assert library.progress.review_count("current") == 10


def test_a_declined_import_saves_nothing_of_the_replay_ahead(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _replays_seen(monkeypatch, QDialog.DialogCode.Rejected, qtbot)

    with qtbot.wait_signal(actions.message, timeout=20_000) as said:
        actions.import_file(PACKAGE)

    assert "nothing was saved" in said.args[0]
    assert seen == [("ahead", False)]
    assert "current" not in {info.id for info in library.guides()}
    assert library.progress.review_count("current") == 0
