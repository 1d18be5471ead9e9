"""The app collects reference cycles on its main thread only (``app_parts.collect_on_the_main_thread``,
``studyguide/collector.py``): a collection on a task runner's thread would destroy a window's Qt objects
there, and a timer of theirs would later fire on freed memory (a segmentation fault at a random moment)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref

from PySide6.QtCore import QObject, QTimer

from studyguide import collector
from studyguide.app_parts import COLLECT_EVERY_MS, collect_on_the_main_thread
from studyguide.ui.tasks import TaskRunner
from tests.conftest import ROOT


class _Holder:
    """A Python object holding a Qt object and itself: only the cycle collector frees them."""

    def __init__(self, freed_on: list[str]) -> None:
        self.itself = self
        self.qt_object = QObject()
        weakref.finalize(self, lambda: freed_on.append(threading.current_thread().name))


def test_a_cycle_left_while_a_job_allocates_is_freed_on_the_main_thread(qtbot, qapp, collector_on) -> None:
    assert gc.isenabled()  # Python's own collections, as the command line starts the app
    timer = collect_on_the_main_thread(qapp)
    assert collect_on_the_main_thread(qapp) is timer  # one timer, however often the app is started
    assert timer.isActive() and timer.interval() == COLLECT_EVERY_MS
    assert collector.main_thread_only() and not gc.isenabled()

    freed_on: list[str] = []
    _Holder(freed_on)
    tasks = TaskRunner()
    try:
        with qtbot.wait_signal(tasks.idle, timeout=10_000):
            tasks.run(lambda _context: len([(i, [i]) for i in range(50_000)]), on_done=lambda _count: None)
        assert freed_on == []  # Python alone would have collected it on the worker, in the job
        qtbot.wait_until(lambda: bool(freed_on), timeout=5 * COLLECT_EVERY_MS)  # the timer's next check
        assert freed_on[0] == "MainThread"
    finally:
        tasks.shutdown()


def test_the_timer_is_the_applications(qapp) -> None:
    timer = collect_on_the_main_thread(qapp)
    assert isinstance(timer, QTimer) and timer.parent() is qapp


#: A window's timer in a cycle, left behind while a task runner's job allocates, then the event loop runs
#: on: with collections on the worker this crashed (SIGSEGV) in ``QTimerInfoList::activateTimers``.
_CRASH = """
import threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from studyguide.app_parts import collect_on_the_main_thread
app = QApplication([])
collect_on_the_main_thread(app)
class Holder:
    def __init__(self):
        self.itself = self
        self.timer = QTimer()
        self.timer.start(5)
for _ in range(50):
    Holder()
job = threading.Thread(target=lambda: [(i, [i]) for i in range(200_000)])
job.start()
job.join()
QTimer.singleShot(1500, app.quit)
app.exec()
print("survived")
"""


def test_a_window_timer_in_a_cycle_no_longer_crashes_the_app_after_a_job() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _CRASH], env=env, capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-1500:]
    assert "Timers cannot be stopped from another thread" not in result.stderr
