"""The crash dialog: a bug's traceback, the versions, its log file, Copy and Open Log Folder.

Made at the first bug (``ui/crash.py``'s reporter imports it then), so its widgets are not built,
nor their Qt types set up, on the way to the first frame.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

#: The dialog's title, and what it says above the traceback.
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
