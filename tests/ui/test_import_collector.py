"""While File > Import reads (or saves) a package on the task runner, the window's collector timer
(``collect_when_due`` on the UI thread) collects nothing: a collection then walked every object the import
had made so far (70-140 ms for the 10,000-note package), holding the GIL while the import stood still."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from studyguide.collector import collect_when_due, main_thread_only
from studyguide.guides import apkg
from studyguide.ui import guide_actions
from studyguide.ui.import_review import AnkiImportDialog

PACKAGE = Path(__file__).resolve().parent.parent / "data" / "anki" / "current.apkg"


def test_the_window_collects_nothing_while_a_package_is_read_and_then_does(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main_thread_only()  # as in the app (tests/conftest.py), where a timer calls collect_when_due
    reading, go = threading.Event(), threading.Event()
    made: list[object] = []
    read_collection = apkg.read_anki_collection

    def a_big_read(data, *, interrupted):
        made.extend((i, [i]) for i in range(5_000))  # what a large package's read makes, alive
        reading.set()
        go.wait(30)
        return read_collection(data, interrupted=interrupted)

    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(apkg, "read_anki_collection", a_big_read)
    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)
    actions.import_file(PACKAGE)
    qtbot.wait_until(reading.is_set, timeout=10_000)
    try:
        assert gc.get_count()[0] > gc.get_threshold()[0]  # due, by Python's thresholds
        assert collect_when_due() is None  # the timer's tick: nothing while the import reads
    finally:
        go.set()
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        pass

    assert main_window.guide_id == "current"
    made.extend((i, [i]) for i in range(5_000))
    assert collect_when_due() is not None  # and once it is over, the next tick collects
