"""The running app checkpoints the progress log once answers stop (its idle timer)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from studyguide.app import _Startup
from studyguide.store import wal
from studyguide.ui.main_window import MainWindow


@pytest.fixture
def no_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QApplication.instance(), "exit", lambda code: None)


def test_the_started_app_empties_the_log_when_idle(no_exit, library, qtbot, clock, monkeypatch) -> None:
    window = MainWindow()
    qtbot.add_widget(window)
    startup = _Startup(app=QApplication.instance(), window=window, open_library=lambda: library, smoke_test=False)
    window.show()
    startup.finish()
    for i in range(200):
        library.progress.record_answer(guide_id="tiny", card_id=f"c{i}", rating=3, reviewed_at=clock.now,
                                       new_state={"state": 1, "padding": "x" * 400}, due=clock.now,
                                       previous_state=None)
    log = library.progress.path.with_name("progress.sqlite-wal")
    assert log.stat().st_size > 100_000
    assert startup.idle_timer.isActive()

    monkeypatch.setattr(wal, "IDLE_AFTER_S", 0.0)
    qtbot.wait_until(lambda: log.stat().st_size == 0, timeout=10_000)
    assert library.progress.review_count("tiny") == 200
    startup.tasks.shutdown()
