"""The Saving… dialog of an import tells what is being saved, step by step, and never a made-up percentage.

Seen (tour 9): "Saving Crisis…" over a full, striped bar, for as long as the save took. No step of the save can
tell how far it is (the guide's database, its media files and its history are written at once, by a process
and a thread of their own), so the bar stays a busy one and the text says which step the save is at.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from studyguide.ui import guide_actions
from studyguide.ui.import_review import AnkiImportDialog
from studyguide.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


def test_a_job_that_says_what_it_does_keeps_its_dialog_busy(qtbot) -> None:
    runner, gate = TaskRunner(), threading.Event()

    def job(ctx) -> None:
        ctx.say("Writing 3 cards\u2026")
        ctx.say("Writing 2 media files\u2026")  # at once: a step is never dropped, as a fraction may be
        gate.wait(10)

    runner.run(job, on_done=lambda _result: None, label="Saving\u2026", cancellable=False)
    dialog = runner.progress_dialog
    qtbot.wait_until(lambda: dialog.labelText() == "Writing 2 media files\u2026")

    assert (dialog.minimum(), dialog.maximum()) == (0, 0)  # busy: no percentage
    with qtbot.wait_signal(runner.idle, timeout=10_000):
        gate.set()
    runner.shutdown()


def test_a_job_can_say_its_step_and_still_report_how_far_it_is(qtbot) -> None:
    runner, gate = TaskRunner(), threading.Event()

    def job(ctx) -> None:
        ctx.say("Reading\u2026")
        ctx.progress(0.5, "Half read")
        ctx.say("Checking the cards\u2026")  # at once: not dropped by the fractions' throttle
        gate.wait(10)

    runner.run(job, on_done=lambda _result: None, label="Importing\u2026")
    dialog = runner.progress_dialog
    qtbot.wait_until(lambda: dialog.labelText() == "Checking the cards\u2026")

    assert dialog.maximum() == 1000 and dialog.value() == 500
    with qtbot.wait_signal(runner.idle, timeout=10_000):
        gate.set()
    runner.shutdown()


def test_the_saving_dialog_of_an_anki_import_says_each_step_and_stays_busy(qtbot, make_library,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from studyguide.ui.main_window import MainWindow

    shown: list[tuple[int, str]] = []
    real = TaskRunner._on_progressed

    def seen(runner: TaskRunner, token: int, fraction: float, text: str) -> None:
        real(runner, token, fraction, text)
        job = runner._jobs.get(token)
        if job is not None and job[2] is not None and job[2].labelText().startswith("Saving"):
            shown.append((job[2].maximum(), job[2].labelText()))

    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            return QDialog.DialogCode.Accepted  # history and all

    monkeypatch.setattr(TaskRunner, "_on_progressed", seen)  # before the window connects it
    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)
    window = MainWindow(library=make_library())
    qtbot.add_widget(window)
    window.show()
    with qtbot.wait_signal(window.guide_imported, timeout=20_000):
        window.guide_actions.import_file(FIXTURES / "current.apkg")
    window.guide_actions.tasks.shutdown()

    assert {maximum for maximum, _label in shown} == {0}  # busy throughout
    steps = [label.split("\n") for _maximum, label in shown]
    assert {title for title, *_step in steps} == {"Saving Crisis\u2026"}
    said = [step for _title, step in steps]  # the replay's step first if the window had not done it meanwhile
    writing = said.index("Writing 13 cards and 4 sections\u2026")
    assert said[writing + 1] == "Writing 2 media files\u2026"
    assert set(said) <= {"Scheduling the cards from 10 answers\u2026", said[writing], said[writing + 1],
                         "Saving 10 answers of review history\u2026"}
