"""The app's first key press works even before the progress file's check on the task runner has ended.

The window builds its other views and menus once that check has passed (``app._Startup``); a key pressed
earlier ends the check on the spot (``MainWindow.check_now``) and builds them first, so the shortcut it
names is there (``ui/window_views``). The check's own result, when it comes, then finds nothing to do.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from studyguide.app import _Startup
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow


def test_a_menu_key_pressed_while_the_progress_check_runs_checks_it_now_and_works(
        qtbot, library_home: Path, content_db: Path, clock, monkeypatch) -> None:
    release, on_worker = threading.Event(), []
    check = Library.check_progress

    def slow_on_the_worker(self: Library) -> None:
        if threading.current_thread() is not threading.main_thread():
            on_worker.append(True)
            release.wait(10)  # the task runner's check: still running when the key comes
        check(self)

    monkeypatch.setattr(Library, "check_progress", slow_on_the_worker)
    window = MainWindow()
    opened: list[Library] = []

    def open_library() -> Library:
        opened.append(Library(home=library_home, bundled_guide=content_db, clock=clock, check_later=True))
        return opened[-1]

    startup = _Startup(app=QApplication.instance(), window=window, open_library=open_library, smoke_test=False)
    built: list[bool] = []
    window.ready.connect(lambda: built.append(True))
    try:
        window.show()
        window.activateWindow()
        qtbot.wait_active(window)
        startup.finish()
        qtbot.wait_until(lambda: QApplication.activeWindow() is window and on_worker == [True])
        assert built == []  # the other views wait for the check
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert built == [True] and window.tabs.currentWidget() is window.flashcards
        assert startup.library is not None and startup.library.progress.review_count("tiny") == 0
        release.set()
        with qtbot.wait_signal(startup.tasks.idle, timeout=10_000):  # the check's own result, then today's backup
            pass
        assert built == [True]  # nothing built twice
    finally:  # as the app ends: the window (and its timers) go first, then the worker, then the files
        release.set()
        startup.idle_timer.stop()
        window.removeEventFilter(startup)
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        if startup.tasks is not None:
            startup.tasks.shutdown()
        for library in opened:
            library.close()
