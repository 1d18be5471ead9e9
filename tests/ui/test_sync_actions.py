"""The window's sync: File > Sync Folder…, the status line, a sync when the folder changes (off the UI
thread, its Changes reaching the views), a missing folder said in the status line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.library import Library
from studyguide.review.scheduler import Rating
from studyguide.review.sync import SyncService, sync_on_own_connection
from studyguide.ui.sync_actions import SyncActions
from studyguide.ui.sync_dialog import SyncFolderDialog


@pytest.fixture
def sync_actions(main_window, library):
    service = SyncService(progress=library.progress, settings=lambda: library.review.settings, clock=library.clock)
    actions = SyncActions(window=main_window, operations=main_window.operations, sync=service, clock=library.clock,
                          settings_arrived=library.review.reload_settings,
                          worker_sync=lambda: sync_on_own_connection(library.progress.path, clock=library.clock,
                                                                     settings=library.review.settings))
    actions.add_to(main_window.menuBar().actions()[0].menu())
    yield actions
    actions.timer.stop()
    actions.watcher.stop()
    main_window.operations.tasks.shutdown()


@pytest.fixture
def desktop(tmp_path: Path, content_db: Path, clock):
    """Another device: a library of its own that studied two cards and synced into its folder."""
    other = Library(home=tmp_path / "desktop", bundled_guide=content_db, clock=clock, enable_fuzzing=False)
    session = other.start_review(other.guides()[0].id)
    for rating in (Rating.GOOD, Rating.EASY):
        session.reveal()
        session.answer(rating)
    from dataclasses import replace

    other.review.save_settings(replace(other.review.settings, desired_retention=0.8))
    service = SyncService(progress=other.progress, settings=lambda: other.review.settings, clock=clock)
    service.rename_device("Desktop")
    (tmp_path / "desktop-sync").mkdir()
    service.sync(tmp_path / "desktop-sync")
    yield tmp_path / "desktop-sync"
    other.close()


def test_the_folder_is_chosen_in_the_dialog_and_another_devices_answers_reach_the_views(
        qtbot, main_window, library, sync_actions, desktop, tmp_path: Path) -> None:
    assert not sync_actions.status_label.isVisible()  # sync is off
    folder = tmp_path / "Sync"
    folder.mkdir()
    changes = []
    main_window.operations.did_execute.connect(lambda c, _initiator: changes.append(c))
    menu = main_window.menuBar().actions()[0].menu()
    assert "S&ync Folder\u2026" in [a.text() for a in menu.actions()]

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SyncFolderDialog)
        dialog.folder.setText(str(folder))
        dialog.name.setText("Laptop")
        dialog.accept()

    qtbot.wait_until(lambda: True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, choose)
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.open_dialog()
    assert sync_actions._sync.folder == folder.resolve()
    assert sync_actions.status_label.text() == "Sync on: no other device yet"
    assert library.progress.review_count(library.guides()[0].id) == 0
    shutil.copytree(desktop, folder, dirs_exist_ok=True)  # the sync tool brings the desktop's journal
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.poll()
    assert library.progress.review_count(library.guides()[0].id) == 2
    assert library.review.settings.desired_retention == 0.8  # the desktop's settings, in use at once
    assert changes and changes[-1].progress and changes[-1].due_counts  # the views were told
    assert sync_actions.status_label.text().startswith("Synced ") and "Desktop" in sync_actions.status_label.text()
    with qtbot.assert_not_emitted(sync_actions.synced, wait=50):
        sync_actions.poll()  # nothing changed in the folder, nothing answered here: no sync


def test_a_folder_gone_missing_is_said_in_the_status_line_not_in_a_box(qtbot, sync_actions, tmp_path: Path,
                                                                        boxes) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    sync_actions._sync.set_folder(folder)
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.sync_now()
    folder.rmdir()
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000) as blocker:
        sync_actions.poll()
    assert "missing" in str(blocker.args[0])
    # was "Sync: the folder cannot be used now", whatever the reason
    assert sync_actions.status_label.full_text() == "Sync: the folder is not there"  # shorter where narrow
    assert "USB stick" in sync_actions.status_label.toolTip()
    assert boxes == []


def test_a_card_changed_on_two_devices_shows_both_versions_and_the_pick_is_kept(
        qtbot, main_window, library, sync_actions, tmp_path: Path, content_db: Path, clock) -> None:
    from PySide6.QtCore import QTimer

    from studyguide.ui.sync_conflicts import ConflictDialog

    folder = tmp_path / "Sync"
    folder.mkdir()
    guide = library.guides()[0].id
    card = next(iter(library.load_guide(guide).cards)).id
    other = Library(home=tmp_path / "desktop", bundled_guide=content_db, clock=clock, enable_fuzzing=False)
    try:
        desktop = SyncService(progress=other.progress, settings=lambda: other.review.settings, clock=clock)
        desktop.rename_device("Desktop")
        other.review.set_card_text(guide, card, front="The desktop's question", back=None)
        desktop.sync(folder)
        library.review.set_card_text(guide, card, front="The laptop's question", back=None)
        sync_actions._sync.set_folder(folder)
        with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
            sync_actions.sync_now()
        assert "1 to pick" in sync_actions.status_label.text()
        assert library.card_edits(guide)[card].front == "The laptop's question"  # kept until a pick

        def pick_the_desktops() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConflictDialog)
            texts = [b.text() for b in dialog.findChildren(type(dialog._groups[0].button(0)))]
            assert any("Desktop" in t and "desktop's question" in t for t in texts)
            assert any("laptop's question" in t for t in texts)
            dialog.choose(0, next(i for i, t in enumerate(texts) if "Desktop" in t))
            dialog.accept()

        QTimer.singleShot(0, pick_the_desktops)
        with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
            sync_actions.resolve_conflicts()
        assert library.card_edits(guide)[card].front == "The desktop's question"
        assert "to pick" not in sync_actions.status_label.text()
        desktop.sync()
        assert other.card_edits(guide)[card].front == "The desktop's question" and desktop.conflicts() == []
    finally:
        other.close()


def test_turn_off_in_the_dialog_stops_syncing_and_hides_the_status_line(qtbot, sync_actions, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer

    folder = tmp_path / "Sync"
    folder.mkdir()
    sync_actions._sync.set_folder(folder)
    sync_actions.refresh_status()
    assert sync_actions.status_label.text() == "Sync on: no other device yet"

    def turn_off() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SyncFolderDialog) and dialog.folder.text() == str(folder.resolve())
        off = next(b for b in dialog.findChildren(type(dialog.sync_button)) if b.text() == "Turn &Off")
        qtbot.mouseClick(off, Qt.MouseButton.LeftButton)
        dialog.accept()

    QTimer.singleShot(0, turn_off)
    with qtbot.assert_not_emitted(sync_actions.synced, wait=50):
        sync_actions.open_dialog()
    assert sync_actions._sync.folder is None
    assert sync_actions.status_label.isHidden()


def test_a_segment_another_process_copies_in_syncs_at_once_without_the_poll(qtbot, library, sync_actions, desktop,
                                                                          tmp_path: Path) -> None:
    sync_actions.timer.setInterval(3_600_000)  # no poll comes during this test: only the watcher
    folder = tmp_path / "Sync"
    folder.mkdir()
    sync_actions._sync.set_folder(folder)
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.sync_now()
    assert sync_actions.watcher.watching and "watched" in sync_actions.status_label.toolTip()
    copy = ("import shutil, sys; shutil.copytree(sys.argv[1], sys.argv[2], dirs_exist_ok=True, "
            "ignore=lambda d, names: [n for n in names if n.startswith('.')])")
    with qtbot.wait_signal(sync_actions.synced, timeout=15_000):  # the sync tool brings the desktop's journal
        subprocess.run([sys.executable, "-c", copy, str(desktop), str(folder)], check=True)
    assert library.progress.review_count(library.guides()[0].id) == 2
    assert "Desktop" in sync_actions.status_label.text()


def test_only_a_segments_final_name_from_another_device_counts(qtbot) -> None:
    from watchdog.events import DirCreatedEvent, FileClosedEvent, FileCreatedEvent, FileMovedEvent

    from studyguide.ui.sync_watch import FolderWatcher, counts

    journal = "/s/StudyGuide-sync"
    temp = f"{journal}/other/.syncthing.segment-00000001.jsonl.zst.tmp"
    for event in (FileCreatedEvent(temp), FileClosedEvent(temp), FileCreatedEvent(f"{journal}/other/notes.txt"),
                  FileCreatedEvent(f"{journal}/mine/segment-00000004.jsonl.zst"), DirCreatedEvent(f"{journal}/x")):
        assert not counts(event, "mine")  # temporary files, other files, this device's own segments, folders
    for event in (FileMovedEvent(temp, f"{journal}/other/segment-00000001.jsonl.zst"),
                  FileCreatedEvent(f"{journal}/other/segment-00000002.jsonl.sync-conflict-1-A.zst"),
                  DirCreatedEvent(journal)):  # the journal appears in a folder watched for it
        assert counts(event, "mine")
    watcher = FolderWatcher()
    with qtbot.wait_signal(watcher.changed, timeout=5_000):  # a burst: one change, a second after the last
        for _ in range(5):
            watcher.event_seen.emit()
    with qtbot.assert_not_emitted(watcher.changed, wait=1_300):
        pass


def test_a_folder_that_cannot_be_watched_is_polled_and_the_dialog_says_so(qtbot, sync_actions, tmp_path: Path,
                                                                        monkeypatch) -> None:
    from PySide6.QtCore import QTimer

    from studyguide.ui import sync_watch

    monkeypatch.setattr(sync_watch, "file_system_of", lambda _path: "nfs4")  # as /proc/mounts says of a NAS share
    folder = tmp_path / "Sync"
    folder.mkdir()
    sync_actions._sync.set_folder(folder)
    sync_actions.watch()
    assert not sync_actions.watcher.watching
    sync_actions.refresh_status()
    assert "checked every 10 s: it is a network or FUSE folder (nfs4)" in sync_actions.status_label.toolTip()
    notes = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SyncFolderDialog)
        notes.append(dialog.watch_note.text())
        dialog.reject()

    QTimer.singleShot(0, look)
    sync_actions.open_dialog()
    assert notes and notes[0].startswith("The folder is checked every 10 s: it is a network")
    for kind, polled in (("fuse.sshfs", True), ("cifs", True), ("fuseblk", False), ("ext4", False)):
        monkeypatch.setattr(sync_watch, "file_system_of", lambda _path, kind=kind: kind)
        assert bool(sync_watch.watchable(folder)) == polled, kind


def test_before_a_folder_is_chosen_the_dialog_says_nothing_of_watching_it(qtbot, sync_actions) -> None:
    """With sync off there is no folder to watch or check: no "The folder is checked every 10 s"."""
    from PySide6.QtCore import QTimer

    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SyncFolderDialog)
        seen.append((dialog.watch_note.text(), dialog.watch_note.isVisibleTo(dialog)))
        dialog.reject()

    QTimer.singleShot(0, look)
    sync_actions.open_dialog()

    assert seen == [("", False)]


def test_a_file_where_the_folder_was_is_said_as_such(qtbot, sync_actions, tmp_path: Path, boxes) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    sync_actions._sync.set_folder(folder)
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.sync_now()
    folder.rmdir()
    folder.write_text("not a folder", encoding="utf-8")
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.sync_now()
    # was "Sync: the folder cannot be used now", and a tooltip saying it "is missing (a USB stick not plugged in…)"
    assert sync_actions.status_label.full_text() == "Sync: that is a file, not a folder"
    assert "is a file, not a folder" in sync_actions.status_label.toolTip()
    assert boxes == []


def test_each_reason_has_its_few_words(tmp_path: Path) -> None:
    from studyguide.domain.errors import DiskFull, ReadOnlyLocation, StoreUnavailable
    from studyguide.ui.sync_actions import problem_words

    assert problem_words(DiskFull("full"), tmp_path) == "the folder's disk is full"
    assert problem_words(ReadOnlyLocation("read-only"), tmp_path) == "the folder cannot be written"
    assert problem_words(StoreUnavailable("?"), tmp_path / "gone") == "the folder is not there"
    assert problem_words(StoreUnavailable("?"), tmp_path) == "the folder cannot be used now"
