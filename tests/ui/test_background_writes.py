"""Backups run on the task runner, never on the UI thread or a bare thread of their own."""

from __future__ import annotations

import threading

import pytest

from studyguide.app import _start_daily_backup
from studyguide.domain.review import ReviewSettings
from studyguide.ui import review_actions
from studyguide.ui.tasks import TaskRunner


def _record_threads(monkeypatch: pytest.MonkeyPatch, library) -> list[str]:
    threads: list[str] = []
    real = library.progress.backup, library.progress.daily_backup

    def backup(**kwargs):
        threads.append(threading.current_thread().name)
        return real[0](**kwargs)

    def daily_backup(**kwargs):
        threads.append(threading.current_thread().name)
        return real[1](**kwargs)

    monkeypatch.setattr(library.progress, "backup", backup)
    monkeypatch.setattr(library.progress, "daily_backup", daily_backup)
    return threads


def test_the_daily_backup_runs_on_the_task_runner(qtbot, library, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = _record_threads(monkeypatch, library)
    runner = TaskRunner()
    with qtbot.wait_signal(runner.idle, timeout=10_000):
        _start_daily_backup(library, runner)
    runner.shutdown()
    assert len(threads) == 1 and threads[0].startswith("studyguide-task")
    assert len(library.backups()) == 1


def test_back_up_now_runs_on_the_task_runner(qtbot, main_window, library, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = _record_threads(monkeypatch, library)
    told: list[str] = []
    monkeypatch.setattr(review_actions, "inform", lambda parent, title, text: told.append(text))
    with qtbot.wait_signal(main_window.operations.tasks.idle, timeout=10_000):
        main_window.review_actions.backup_now()
    assert len(threads) == 1 and threads[0].startswith("studyguide-task")
    assert told and str(library.backups()[0].path) in told[0]
    main_window.operations.tasks.shutdown()


def test_restore_copies_the_backup_on_the_task_runner(qtbot, main_window, library, clock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from studyguide.store import backups

    library.progress.backup(kind="manual", now=clock.now)
    session = library.start_review("tiny")
    session.reveal()
    session.answer(session_rating())
    threads: list[str] = []
    real = backups.restore

    def restore(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, "restore", restore)
    monkeypatch.setattr(review_actions, "choose_backup", lambda parent, labels: 0)
    main_window.review_actions.save_settings(ReviewSettings(new_per_day=5))
    assert main_window.undo_action.text() == "&Undo Review Settings"
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        main_window.review_actions.restore()
    assert len(threads) == 1 and threads[0].startswith("studyguide-task")
    assert library.progress.review_count("tiny") == 0
    assert main_window.undo_action.text() == "&Undo"  # older steps cannot be undone after a restore
    main_window.operations.tasks.shutdown()


def session_rating():
    from studyguide.review.scheduler import Rating

    return Rating.GOOD


def test_rename_delete_and_undo_of_delete_run_on_the_task_runner(qtbot, main_window, library, tmp_path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\nItaly,Rome\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        main_window.guide_actions.import_file(path)
    ui_thread, threads = threading.get_ident(), {}

    def recording(name: str):
        real = getattr(library, name)

        def record(*args):
            threads[name] = threading.get_ident()
            return real(*args)
        return record

    for name in ("write_title", "trash_guide", "untrash_guide"):
        monkeypatch.setattr(library, name, recording(name))
    run = main_window.operations
    for action, label in ((lambda: main_window.guide_actions.rename_guide("Capitals of Europe"), "Renaming capitals"),
                          (lambda: main_window.guide_actions.delete_guide(confirmed=True), "Deleting Capitals"),
                          (lambda: run.undo(initiator=None), "Restoring Capitals")):
        with qtbot.wait_signal(run.did_execute, timeout=10_000):
            action()
        # Its progress dialog (shown if it lasts over half a second).
        assert run.tasks.progress_dialog is not None and run.tasks.progress_dialog.labelText().startswith(label)
    assert set(threads) == {"write_title", "trash_guide", "untrash_guide"}
    assert ui_thread not in threads.values()
    assert [(g.id, g.title) for g in library.guides()][1:] == [("capitals", "Capitals of Europe")]
    run.tasks.shutdown()
