"""Composition root of the GUI: builds the Library and the main window, runs Qt.

Imported only when the GUI is asked for, so headless commands never load Qt.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from studyguide import paths
from studyguide.library import Library
from studyguide.store.errors import StoreUnavailable
from studyguide.ui.main_window import MainWindow

SMOKE_TIMEOUT_MS = 20_000


def _clock() -> datetime:
    return datetime.now(timezone.utc)


def process_age() -> float | None:
    """Seconds since this process started (Linux), or None where unknown."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class _FirstPaint(QObject):
    """Quits the application at the main window's first paint, noting the time."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted_at: float | None = None
        self.age: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
            self.age = process_age()
            QTimer.singleShot(0, self.app.quit)
        return False


def _install_crash_handler() -> None:
    """Show unexpected errors (bugs) with their traceback instead of dying silently."""

    def handle(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        print(text, file=sys.stderr)
        if QApplication.instance() is not None:
            QMessageBox.critical(None, "StudyGuide hit a bug",
                                 "Something went wrong. Your saved progress is safe.\n\n" + text[-3000:])

    sys.excepthook = handle


def _start_daily_backup(library: Library) -> None:
    """Make today's rotating copy of progress on a worker thread (its own connection)."""

    def job() -> None:
        try:
            library.progress.daily_backup(now=_clock())
        except StoreUnavailable as error:
            print(f"studyguide: daily backup skipped: {error}", file=sys.stderr)

    threading.Thread(target=job, name="daily-backup", daemon=True).start()


def _smoke_test(app: QApplication, window: MainWindow, started: float) -> int:
    watcher = _FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
    app.exec()
    if watcher.painted_at is None:
        print("smoke test: FAILED, the main window was never painted", file=sys.stderr)
        return 1
    if not QFontDatabase.families():
        print("smoke test: FAILED, no fonts are installed (text would be empty boxes)", file=sys.stderr)
        return 1
    since_code = watcher.painted_at - started
    age = f"{watcher.age:.3f} s after process start, " if watcher.age is not None else ""
    print(f"smoke test: OK, first paint {age}{since_code:.3f} s after StudyGuide's code began "
          f"(platform {app.platformName()}, {len(window._library.guides())} guide(s))")
    return 0


def main(*, library_home: Path, smoke_test: bool = False, started: float | None = None) -> int:
    """Start the GUI on the user's library; returns the exit code."""
    started = time.perf_counter() if started is None else started
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(paths.APP_NAME)
    app.setDesktopFileName("studyguide")
    if paths.icon_path().is_file():
        app.setWindowIcon(QIcon(str(paths.icon_path())))
    try:
        library = Library(home=library_home, bundled_guide=paths.bundled_guide_database(), clock=_clock)
    except StoreUnavailable as error:
        print(f"studyguide: error: {error}", file=sys.stderr)
        if not smoke_test:
            QMessageBox.critical(None, "StudyGuide cannot open your library", str(error))
        return 2
    _install_crash_handler()
    try:
        window = MainWindow(library=library)
        if smoke_test:
            return _smoke_test(app, window, started)
        window.show()
        _start_daily_backup(library)
        return app.exec()
    finally:
        library.close()
