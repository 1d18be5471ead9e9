"""GUI tests for studyguide.ui.tasks: jobs off the UI thread, progress dialog, cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from studyguide.guides.tabular import ImportCancelledError
from studyguide.ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_result_arrives_on_the_ui_thread(qtbot, runner: TaskRunner) -> None:
    seen: list[tuple[object, bool]] = []
    ui_thread = threading.current_thread()

    with qtbot.wait_signal(runner.idle):
        runner.run(lambda ctx: threading.current_thread() is not ui_thread,
                   on_done=lambda r: seen.append((r, threading.current_thread() is ui_thread)),
                   on_error=lambda e: seen.append((e, False)))

    assert seen == [(True, True)]
    assert not runner.busy


def test_errors_go_to_on_error(qtbot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def job(ctx):
        raise ValueError("bad row on line 3")

    with qtbot.wait_signal(runner.idle):
        runner.run(job, on_done=lambda r: None, on_error=errors.append)

    assert [str(e) for e in errors] == ["bad row on line 3"]


def test_jobs_run_one_at_a_time_in_order(qtbot, runner: TaskRunner) -> None:
    done: list[int] = []
    for n in range(5):
        runner.run(lambda ctx, n=n: n, on_done=done.append, on_error=lambda e: None)
    qtbot.wait_until(lambda: len(done) == 5)

    assert done == [0, 1, 2, 3, 4]


def test_progress_dialog_shows_progress_and_cancel_stops_the_job(qtbot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def job(ctx):
        step = 0
        while not ctx.cancelled():
            step += 1
            ctx.progress(min(step / 1000, 0.9), f"Step {step}")
            time.sleep(0.005)  # a worker pretending to read; the test itself never sleeps
        raise ImportCancelledError("The import was cancelled; nothing was saved.")

    runner.run(job, on_done=lambda r: None, on_error=errors.append, label="Importing\u2026")
    dialog = runner.progress_dialog
    qtbot.wait_until(lambda: dialog.isVisible() and dialog.value() > 0, timeout=5000)
    assert dialog.labelText().startswith("Step ")
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")

    with qtbot.wait_signal(runner.idle, timeout=5000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert [type(e) for e in errors] == [ImportCancelledError]
    assert not dialog.isVisible()


def test_a_job_that_cannot_stop_shows_no_cancel_button(qtbot, runner: TaskRunner) -> None:
    gate = threading.Event()
    runner.run(lambda ctx: gate.wait(5), on_done=lambda r: None, on_error=lambda e: None,
               label="Saving\u2026", cancellable=False)
    dialog = runner.progress_dialog

    buttons = [b.text() for b in dialog.findChildren(QPushButton)]
    assert dialog.maximum() == 0  # busy until the job reports a fraction

    with qtbot.wait_signal(runner.idle, timeout=5000):
        gate.set()
    assert "Cancel" not in buttons


def test_shutdown_cancels_a_running_job(qtbot):
    import threading

    from studyguide.ui.tasks import TaskRunner

    runner = TaskRunner()
    started = threading.Event()
    stopped_by_cancel = []

    def job(ctx):
        started.set()
        for _ in range(500):  # up to 5 s unless cancelled
            if ctx.cancelled():
                stopped_by_cancel.append(True)
                return "stopped"
            threading.Event().wait(0.01)
        return "ran to the end"

    runner.run(job, on_done=lambda result: None, on_error=lambda error: None)
    assert started.wait(5)
    runner.shutdown()
    assert stopped_by_cancel == [True]


def test_a_job_asked_for_after_shutdown_is_dropped(qtbot):
    """A finished job's callback may ask for another (the section counts chain the exam plan) while
    the app closes: the request is dropped instead of raising from the closed executor."""
    runner = TaskRunner()
    runner.shutdown()
    ran = []
    context = runner.run(lambda _ctx: ran.append(1), on_done=ran.append, on_error=ran.append)
    assert context.cancelled() and not runner.busy
    qtbot.wait(20)
    assert ran == []


def test_the_progress_dialog_shows_after_half_a_second_and_its_timer_stops_with_it(qtbot, runner: TaskRunner) -> None:
    gate = threading.Event()
    runner.run(lambda ctx: gate.wait(10), on_done=lambda r: None, on_error=lambda e: None, label="Importing\u2026")
    dialog = runner.progress_dialog
    started = time.monotonic()

    qtbot.wait_until(dialog.isVisible, timeout=2000)  # Qt's default would be 4 s
    assert time.monotonic() - started >= 0.45

    with qtbot.wait_signal(runner.idle, timeout=5000):
        gate.set()
    assert not dialog.isVisible() and not any(t.isActive() for t in dialog.findChildren(QTimer))


def test_the_window_takes_the_keys_again_when_a_shown_progress_dialog_goes(qtbot, runner: TaskRunner) -> None:
    """The window-modal progress dialog takes the activation when it shows; when its job ends, its window
    is made active again, so a shortcut pressed next (Ctrl+Z after an import) reaches it, whatever the
    window manager does (offscreen has none: ``test_undo_every_kind``'s Import flaked under load)."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.wait_until(window.isActiveWindow)
    gate = threading.Event()
    runner.run(lambda ctx: gate.wait(10), on_done=lambda r: None, on_error=lambda e: None, label="Importing\u2026",
               parent=window)
    dialog = runner.progress_dialog
    qtbot.wait_until(lambda: dialog.isVisible() and dialog.isActiveWindow(), timeout=3000)
    assert not window.isActiveWindow()

    with qtbot.wait_signal(runner.idle, timeout=5000):
        gate.set()
    qtbot.wait_until(window.isActiveWindow, timeout=2000)
