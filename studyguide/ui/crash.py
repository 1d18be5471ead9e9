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

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from studyguide import crash_log

TITLE = "StudyGuide hit a bug"
SENTENCE = ("Something went wrong inside StudyGuide. Your saved progress is safe. "
            "Please report this with the details below.")


class CrashDialog(QDialog):
    """Shows the tracebacks of the bugs met so far, the log file, Copy, Open Log Folder and Close."""

    def __init__(self, *, log_folder: Path, versions: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.log_folder = log_folder
        self.versions = versions
        sentence = QLabel(SENTENCE)
        sentence.setWordWrap(True)
        sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setAccessibleName("Details of the bug")
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.log_label = QLabel()
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy")
        self.open_button = QPushButton("Open Log Folder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        self.copy_button.clicked.connect(self.copy)
        self.open_button.clicked.connect(self.open_log_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(sentence)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self.logs: list[Path] = []

    def add(self, text: str, log: Path | None) -> None:
        """Show one more bug (after any already shown)."""
        if self.details.toPlainText():
            self.details.appendPlainText("\n" + "-" * 60 + "\n")
        self.details.appendPlainText(text.rstrip("\n"))
        if log is not None:
            self.logs.append(log)
        if self.logs:
            shown = self.logs[-3:]
            self.log_label.setText(("Log file: " if len(shown) == 1 else "Log files: ")
                                   + ", ".join(str(p) for p in shown))
        else:
            self.log_label.setText(f"The log file could not be written in {self.log_folder}.")

    def report_text(self) -> str:
        """What Copy puts in the clipboard: the versions, then every traceback."""
        return f"{self.versions}\n\n{self.details.toPlainText()}\n"

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_folder)))


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
        self.versions = crash_log.versions(f"Qt {qVersion()}, PySide6 {pyside_version}")
        self.dialog: CrashDialog | None = None
        self._previous: tuple | None = None
        self._from_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

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
