"""The crash path: a bug opens a dialog with its traceback, a Copy button and its log file.

``CrashReporter`` is installed as ``sys.excepthook`` (which also receives the
exceptions of Qt slots and event handlers) and ``threading.excepthook`` by the
composition root; the task runner and the search thread hand their jobs' bugs
to ``sys.excepthook`` too. Expected errors never come here: they are told in a
plain message where they happen. A bug on another thread is carried to the UI
thread by a queued signal. The dialog is not modal, and a second bug while it is
open is added to it rather than opening another.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal, Slot, qVersion

from studyguide import crash_log

if TYPE_CHECKING:
    from studyguide.ui.crash_dialog import CrashDialog


class CrashReporter(QObject):
    """Writes each bug to the library's logs and shows it in one crash dialog.

    Args:
        home: The library folder (its ``logs`` folder gets the reports).
        debug: Also print tracebacks on stderr.

    Signals:
        crashed(str, object): A bug was reported: (its traceback, its log file or None).
    """

    crashed = Signal(str, object)
    _from_thread = Signal(str)

    def __init__(self, *, home: Path, debug: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.debug = debug
        self._versions = ""
        self.dialog: CrashDialog | None = None
        self._previous: tuple | None = None
        # Emitted only from other threads, so queued to this (the UI) thread: Qt's automatic connection
        # (naming the connection type would build Qt's enums on the way to the first frame).
        self._from_thread.connect(self._show)

    @property
    def versions(self) -> str:
        """StudyGuide's, Python's, the system's, Qt's and PySide's versions (read at the first bug)."""
        if not self._versions:
            self._versions = crash_log.versions(f"Qt {qVersion()}, PySide6 {pyside_version}")
        return self._versions

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        """``sys.excepthook``: report a bug (from any thread)."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        text = crash_log.format_bug(kind, value, tb)
        if threading.current_thread() is threading.main_thread():
            self._show(text)
        else:
            self._from_thread.emit(text)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: a bug on a thread of our own."""
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook`` (``uninstall`` puts the old ones back)."""
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        """Put back the hooks ``install`` replaced."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    @Slot(str)
    def _show(self, text: str) -> None:
        log = crash_log.write_crash_report(self.home, f"{self.versions}\n{text}")
        where = str(log) if log is not None else "not written"
        print(f"studyguide: StudyGuide hit a bug; details are in {where}", file=sys.stderr)
        if self.debug:
            print(text, file=sys.stderr, end="")
        if self.dialog is None:
            from studyguide.ui.crash_dialog import CrashDialog

            self.dialog = CrashDialog(log_folder=crash_log.logs_folder(self.home), versions=self.versions)
            self.dialog.finished.connect(self._forget_dialog)
        self.dialog.add(text, log)
        self.dialog.show()
        self.dialog.raise_()
        self.crashed.emit(text, log)

    def _forget_dialog(self) -> None:
        # Closed: the next bug opens a new dialog (this one goes once its events are done).
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
