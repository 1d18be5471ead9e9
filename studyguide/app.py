"""Composition root of the GUI: builds the Library and the main window, runs Qt.

Imported only when the GUI is asked for, so headless commands never load Qt.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, cast

# Only what the first frame needs: naming Qt's enum namespace (``Qt``) or a dialog class makes PySide build
# their enum classes (about 30 ms for ``Qt``); the rest is imported where it is used, after that frame.
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from studyguide import app_parts, crash_log, paths
from studyguide.app_parts import LazyAuthoring, collect_on_the_main_thread, install_focus_ring, set_window_icon
from studyguide.store.errors import DamagedDatabase, StoreUnavailable
from studyguide.ui.main_window import MainWindow

if TYPE_CHECKING:
    from studyguide.library import Library
    from studyguide.ui.sections import SectionsView
    from studyguide.ui.services import AuthoringLike
    from studyguide.ui.tasks import TaskRunner

# The modules imported from here on (the library's, the views') are not read line by line for PySide.
app_parts.read_each_module_once()

SMOKE_TIMEOUT_MS = 20_000
#: How often an idle app offers to checkpoint the progress log.
IDLE_CHECK_MS = 2_000

#: Said when there is no screen to open a window on (scripts/run prints the same advice).
NO_DISPLAY = (
    "studyguide: error: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "  Start it inside a desktop session, or with a virtual display: xvfb-run -a studyguide\n"
    "  For tests and scripts with no screen at all: QT_QPA_PLATFORM=offscreen studyguide ..."
)


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The advice to print when Qt would find no display, else None.

    Without a display Qt aborts with a misleading message about ``xcb-cursor0``
    (even when that library is installed), so this is checked before any
    ``QApplication`` exists. Only Linux and the BSDs need a display server.
    """
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return NO_DISPLAY


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


class _Startup(QObject):
    """Paints the window's frame first, then opens the library and builds the views.

    Start-up is mostly imports: the frame needs only Qt, so the user sees the
    window as soon as a bare Qt window would appear, and the guide a moment later.
    """

    def __init__(self, *, app: QApplication, window: MainWindow, open_library: Callable[[], Library],
                 smoke_test: bool, recover: Callable[[DamagedDatabase], bool] | None = None) -> None:
        super().__init__()
        self.app = app
        self.window = window
        self.open_library = open_library
        #: Offers a backup for a damaged progress file; True when the library may be opened again.
        self.recover = recover
        self.smoke_test = smoke_test
        self.painted_at: float | None = None
        self.painted_epoch = 0.0
        self.age: float | None = None
        self.ready_at: float | None = None
        self.library: Library | None = None
        self.tasks: TaskRunner | None = None
        self.sync_actions = None
        self.idle_timer = QTimer(self)
        self.error: StoreUnavailable | None = None
        #: What waits for the progress file's check (the rest of the window), until it has passed.
        self._waiting: Callable[[], None] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
            self.painted_epoch = time.time()
            self.age = process_age()
            QTimer.singleShot(0, self.finish)
        if event.type() == QEvent.Type.Close and self.sync_actions is not None:
            self.sync_actions.sync_before_close()  # this device's last answers reach the folder
        return False

    def finish(self) -> None:
        """Open the library and attach it to the window (after the first paint)."""
        try:
            try:
                self.library = self.open_library()
            except DamagedDatabase as damaged:
                if self.smoke_test or self.recover is None or damaged.path is None:
                    raise
                if not self.recover(damaged):  # the learner chose Quit: the file stays as it is
                    self._fail(damaged, show=False)
                    return
                self.library = self.open_library()
        except StoreUnavailable as error:
            self._fail(error, show=not self.smoke_test)
            return
        from studyguide.ui.tasks import TaskRunner

        # The one worker for long database jobs (imports, exports), shared by every view.
        self.tasks = TaskRunner(self.app)
        if not self.smoke_test:  # the File menu is built with the other views, after the usable frame
            self.window.ready.connect(self._attach_menus_services)
        # The progress file is checked before anything reads it: after the usable frame, on the task runner
        # (or at once, should a key or a click need the rest of the window before the check has ended).
        self.window.check_first = self._check_progress
        self.window.check_now = self._check_now
        # Only the Sections view now; the others right after the frame showing it (ui/window_views.py).
        self.authoring = cast("AuthoringLike", LazyAuthoring(self.library))
        self.window.attach(self.library, tasks=self.tasks, authoring=self.authoring, defer=True)
        if self.smoke_test:
            self.await_usable()
        else:
            # The progress log is checkpointed once answers stop for a few seconds.
            self.idle_timer.timeout.connect(self.library.idle)
            self.idle_timer.start(IDLE_CHECK_MS)

    def _check_progress(self, then: Callable[[], None]) -> None:
        """Check the progress file's pages on the task runner (``store/integrity.py``), then build what reads
        it (``then``: the other views, the status bar's counts). The smoke test checks it as it stops."""
        assert self.library is not None and self.tasks is not None
        library, tasks = self.library, self.tasks
        if self.smoke_test:
            return
        self._waiting = then

        def checked(_changes: object) -> None:
            if not self.window.isVisible():  # closed meanwhile: the app is quitting (the library closes)
                return
            self._passed()

        def failed(error: BaseException) -> None:
            if self._waiting is not None or not isinstance(error, StoreUnavailable):
                self._check_failed(error)  # (else ``_check_now`` has told it already)

        tasks.run(lambda _ctx: library.check_progress(), on_done=checked, on_error=failed)

    def _passed(self) -> None:
        """The progress file passed its check: run what waited for it (once), then today's backup."""
        then, self._waiting = self._waiting, None
        if then is not None and self.library is not None and self.tasks is not None:
            self.library.progress_checked()
            then()
            _start_daily_backup(self.library, self.tasks)  # never a copy of a file that failed its check

    def _check_now(self) -> None:
        """Check the progress file here and now, if its check on the task runner has not ended (its own
        result, when it comes, then finds nothing waiting)."""
        if self._waiting is None or self.library is None:
            return
        try:
            self.library.check_progress()
        except StoreUnavailable as error:
            self._waiting = None
            self._check_failed(error)
            return
        self._passed()

    def _check_failed(self, error: BaseException) -> None:
        """The progress file failed its check: say so, offer a backup (as at start), and close."""
        if not isinstance(error, StoreUnavailable):
            raise error  # a bug: the crash dialog
        if isinstance(error, DamagedDatabase) and error.path is not None and self.recover is not None:
            assert self.library is not None
            self.idle_timer.stop()  # nothing more reads it: the window goes, its file is closed
            self.window.hide()
            self.library.close()  # nothing was written to it; the restore moves it aside
            self.library = None
            restored = self.recover(error)
            if restored:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.information(self.window, "StudyGuide", "Your progress file was replaced. "
                                        "StudyGuide closes now: start it again to go on.")
            self.app.exit(0 if restored else 2)
            return
        self._fail(error, show=True)

    def _attach_menus_services(self) -> None:
        assert self.library is not None
        from studyguide.app_sync import attach_sync

        self.sync_actions = attach_sync(self.window, self.library, self.authoring)

    def _fail(self, error: StoreUnavailable, *, show: bool) -> None:
        self.error = error
        print(f"studyguide: error: {error}", file=sys.stderr)
        if show:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Critical, "StudyGuide cannot open your library", str(error),
                              QMessageBox.StandardButton.Ok, self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
        self.app.exit(2)

    def is_usable(self) -> bool:
        """True once the reader can be used: the section list filled and the first section rendered.

        (When the window reopens on another view, that view being built is enough.)
        """
        sections: SectionsView | None = getattr(self.window, "sections", None)
        if sections is None:  # the library is not attached yet: only the empty frame
            return False
        if not self.window.guide_id:  # no guide at all: the empty window is all there is
            return True
        if self.window.tabs.currentWidget() is not sections:
            return True
        return (sections.isVisible() and sections.model.rowCount() > 0
                and not sections.text.document().isEmpty())

    def await_usable(self) -> None:
        """Stamp the moment a painted frame shows a usable window, then quit (the smoke test).

        The views fill as they are first shown, from queued events, so this checks
        again on each turn of the event loop until both are true.
        """
        if not self.is_usable():
            QTimer.singleShot(0, self.await_usable)
            return
        self.window.repaint()  # paint that frame now, then stamp it
        self.ready_at = time.perf_counter()
        try:
            assert self.library is not None
            self.library.check_progress()  # as the window runs it after this frame (store/integrity.py)
        except StoreUnavailable as error:
            self._fail(error, show=False)
            return
        QTimer.singleShot(0, self.app.quit)


def install_crash_reporter(home: Path, *, debug: bool = False):
    """Send every bug (uncaught, from a Qt slot, a thread or a task) to the crash dialog and its log.

    Returns the ``CrashReporter`` (installed as ``sys.excepthook`` and ``threading.excepthook``).
    """
    from studyguide.ui.crash import CrashReporter

    reporter = CrashReporter(home=home, debug=debug)
    reporter.install()
    return reporter


def _start_daily_backup(library, tasks: TaskRunner) -> None:
    """Make today's rotating copy of progress on the task runner (its own connection), without a dialog."""

    def skipped(error: BaseException) -> None:
        if not isinstance(error, StoreUnavailable):
            raise error  # a bug: the crash dialog
        print(f"studyguide: daily backup skipped: {error}", file=sys.stderr)

    tasks.run(lambda _ctx: library.daily_backup(), on_done=lambda _changes: None, on_error=skipped)


def recover_damaged_progress(window: MainWindow, home: Path, error: DamagedDatabase) -> bool:
    """Offer the newest good backup for a damaged progress file; True once a usable file is in place.

    Restoring (or starting afresh when there is no backup) moves the damaged file aside as
    ``progress.damaged-<time>.sqlite``; Quit leaves it where it is.
    """
    from studyguide.library import newest_good_backup, restore_damaged
    from studyguide.ui.damaged_progress import Choice, ask_about_damaged_progress

    backup = newest_good_backup(home)
    choice = ask_about_damaged_progress(
        window, damaged=error.path or home, backup_created=backup.created if backup else None,
        backup_answers=backup.reviews if backup else 0)
    if choice is Choice.QUIT:
        return False
    kept = restore_damaged(home, backup.path if choice is Choice.RESTORE and backup else None, now=_clock())
    print(f"studyguide: the damaged progress file is kept as {kept}", file=sys.stderr)
    return True


def _report_smoke_test(app: QApplication, startup: _Startup, started: float) -> int:
    if startup.error is not None:
        return 2
    if startup.painted_at is None:
        print("smoke test: FAILED, the main window was never painted", file=sys.stderr)
        return 1
    if startup.ready_at is None:
        print(f"smoke test: FAILED, the window was painted but not usable within {SMOKE_TIMEOUT_MS / 1000:g} s "
              "(the section list never filled or the first section never rendered)", file=sys.stderr)
        return 1
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families():
        print("smoke test: FAILED, no fonts are installed (text would be empty boxes)", file=sys.stderr)
        return 1
    usable = startup.ready_at - started
    age = (f"{startup.age + startup.ready_at - startup.painted_at:.3f} s after process start, "
           if startup.age is not None else "")
    print(f"smoke test: OK, usable (section list filled, first section rendered) {age}{usable:.3f} s after "
          f"StudyGuide's code began; first paint (the window's empty frame) "
          f"{startup.painted_at - started:.3f} s after (platform {app.platformName()}, "
          f"{len(startup.library.guides()) if startup.library is not None else 0} guide(s))")
    # Exact moments for benchmarks that time from the process's spawn.
    print(f"smoke test: first paint at unix time {startup.painted_epoch:.6f}, usable at "
          f"{startup.painted_epoch + startup.ready_at - startup.painted_at:.6f}")
    return 0


def main(*, library: str | None = None, smoke_test: bool = False, started: float | None = None) -> int:
    """Start the GUI on the user's library; returns the exit code.

    Args:
        library: The ``--library`` folder, if given (else ``STUDYGUIDE_HOME`` or the platform's).
        smoke_test: Paint once, print the times, exit.
        started: ``time.perf_counter()`` when StudyGuide's code began, for the smoke test.
    """
    started = time.perf_counter() if started is None else started
    if QApplication.instance() is None and (advice := missing_display(os.environ)) is not None:
        print(advice, file=sys.stderr)
        return 2
    app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(paths.APP_NAME)
    app.setDesktopFileName("studyguide")
    home = paths.library_home(library)
    log = crash_log.start_log(home)
    reporter = install_crash_reporter(home, debug=crash_log.debug_wanted())

    def open_library():
        from studyguide.library import Library  # the heavy imports, after the first paint

        return Library(home=paths.library_home(library), bundled_guide=paths.bundled_guide_database(),
                       clock=_clock, check_later=True)  # checked after the first usable frame

    window = MainWindow()
    # The icon (an SVG: Qt loads its SVG icon engine for it) once the window is usable.
    window.ready.connect(lambda: set_window_icon(app))
    window.ready.connect(lambda: collect_on_the_main_thread(app))  # off for the start (cli.main)
    # The focus ring is wanted once keys move the focus: made after the views, off the first paint's path.
    window.ready.connect(lambda: QTimer.singleShot(0, lambda: install_focus_ring(app)))
    def recover(error: DamagedDatabase) -> bool:
        return recover_damaged_progress(window, home, error)

    startup = _Startup(app=app, window=window, open_library=open_library, smoke_test=smoke_test,
                       recover=recover)
    window.installEventFilter(startup)
    window.show()
    if smoke_test:
        QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
    try:
        code = app.exec()
        return _report_smoke_test(app, startup, started) if smoke_test else code
    finally:
        # Destroy the window (and its views' worker threads) while Python is still
        # whole, then close the databases the views were using.
        window.removeEventFilter(startup)
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        if startup.tasks is not None:
            startup.tasks.shutdown()
        if startup.library is not None:
            startup.library.close()
        reporter.uninstall()
        reporter.deleteLater()
        crash_log.stop_log(log)
