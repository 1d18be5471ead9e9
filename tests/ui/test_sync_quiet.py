"""A sync the folder starts (another device's segment arriving, the poll) runs behind the study view: no
window-modal progress dialog takes the keys mid-review; the status line says "Syncing…" meanwhile. A sync
the learner asked for (File > Sync Folder…, Sync Now) still shows its progress."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog

from studyguide.review.sync import SyncService, sync_on_own_connection
from studyguide.ui.sync_actions import SyncActions
from studyguide.ui.tasks import PROGRESS_DELAY_MS


@pytest.fixture
def slow_sync(main_window, library, tmp_path: Path):
    """The window's sync actions on a folder, their sync held until ``release`` is set."""
    release = threading.Event()
    service = SyncService(progress=library.progress, settings=lambda: library.review.settings, clock=library.clock)
    folder = tmp_path / "Sync"
    folder.mkdir()
    service.set_folder(folder)

    def held():
        release.wait(20)
        return sync_on_own_connection(library.progress.path, clock=library.clock, settings=library.review.settings)

    actions = SyncActions(window=main_window, operations=main_window.operations, sync=service,
                          clock=library.clock, worker_sync=held)
    actions.release = release
    yield actions
    release.set()
    actions.timer.stop()
    actions.watcher.stop()
    main_window.operations.tasks.shutdown()


def progress_shown() -> bool:
    return any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_sync_the_folder_started_shows_no_modal_dialog(qtbot, main_window, slow_sync) -> None:
    slow_sync.poll()  # the folder's journal changed (the first look always counts)
    qtbot.wait(PROGRESS_DELAY_MS + 400)  # past the delay after which a job's progress dialog shows

    assert not progress_shown()  # was: "Merging your other devices' answers…", window-modal, keys lost
    assert QApplication.activeModalWidget() is None
    assert slow_sync.status_label.full_text() == "Sync on: no other device yet \u00b7 syncing\u2026"
    with qtbot.wait_signal(slow_sync.synced, timeout=20_000):
        slow_sync.release.set()
    assert slow_sync.status_label.full_text() == "Sync on: no other device yet"


def test_a_sync_the_learner_asked_for_shows_its_progress(qtbot, main_window, slow_sync) -> None:
    slow_sync.sync_now(asked=True)
    qtbot.wait_until(progress_shown, timeout=5_000)
    with qtbot.wait_signal(slow_sync.synced, timeout=20_000):
        slow_sync.release.set()


def test_answers_given_here_are_said_not_sent_until_the_next_sync(qtbot, main_window, library, slow_sync) -> None:
    from studyguide.review.scheduler import Rating

    slow_sync.release.set()
    with qtbot.wait_signal(slow_sync.synced, timeout=20_000):
        slow_sync.sync_now()
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    main_window.flashcards.reveal()
    main_window.flashcards.answer(Rating.GOOD)

    # was "Sync on: no other device yet" for up to two minutes, the answer in no other window meanwhile
    assert slow_sync.status_label.full_text() == "Sync on: no other device yet \u00b7 your answers not sent yet"
    with qtbot.wait_signal(slow_sync.synced, timeout=20_000):
        slow_sync.sync_now()
    assert slow_sync.status_label.full_text() == "Sync on: no other device yet"
