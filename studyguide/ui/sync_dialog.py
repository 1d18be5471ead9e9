"""File > Sync Folder…: choose the folder a sync tool keeps in step, name this device, see what was merged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.journal import SyncStatus
from studyguide.domain.stats import plural


def describe(status: SyncStatus) -> str:
    """The dialog's plain-text account of a sync status: each other device and when it was last merged."""
    others = [d for d in status.devices if not d.this_device]
    lines = [f"{d.name}: last merged {d.last_merged_at.astimezone().strftime('%Y-%m-%d %H:%M')}"
             if d.last_merged_at else f"{d.name}: not merged yet" for d in others]
    if not others:
        lines.append("No other device merged yet.")
    if status.waiting:
        lines.append(f"{plural(status.waiting, 'segment')} of this device {'waits' if status.waiting == 1 else 'wait'}"
                     " to be written into the folder.")
    return "\n".join(lines)


class SyncFolderDialog(QDialog):
    """Chooses the sync folder and this device's name; "Sync Now" asks for a sync at once.

    Signals:
        sync_requested(): The user pressed Sync Now (the dialog stays open).
        resolve_requested(): The user asked to pick among the versions of cards changed on two devices.
    """

    sync_requested = Signal()
    resolve_requested = Signal()

    def __init__(self, *, status: SyncStatus, conflicts: int = 0, watch_note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync Folder")
        intro = QLabel("Keep your progress and the guides you wrote in step with your other computers through "
                       "a folder that Syncthing, Nextcloud, Dropbox or a USB stick keeps in step. StudyGuide writes "
                       "small journal files there, never its database, and merges the other computers' changes.")
        intro.setWordWrap(True)
        self.folder = QLineEdit(status.folder or "")
        self.folder.setPlaceholderText("No folder: sync is off")
        self.folder.setAccessibleName("Sync folder")
        choose = QPushButton("&Choose…")
        choose.clicked.connect(self._choose)
        off = QPushButton("Turn &Off")
        off.clicked.connect(self.folder.clear)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        row.addWidget(off)
        self.name = QLineEdit(status.device_name)
        self.name.setAccessibleName("This computer's name")
        self.status = QLabel(describe(status))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # device names come from other computers
        self.status.setWordWrap(True)
        form = QFormLayout()
        label = QLabel("&Folder:")
        label.setBuddy(self.folder)  # a row holding a layout names no field by itself
        form.addRow(label, row)
        form.addRow("This computer's &name:", self.name)
        form.addRow("Devices:", self.status)
        self.watch_note = QLabel(watch_note)
        self.watch_note.setWordWrap(True)
        if watch_note:
            form.addRow("Changes:", self.watch_note)
        if conflicts:
            self.resolve = QPushButton(f"&Pick Versions of {plural(conflicts, 'Change')} Made on Two Devices…")
            self.resolve.clicked.connect(self.resolve_requested)
            form.addRow("Conflicts:", self.resolve)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.sync_button = buttons.addButton("&Sync Now", QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.clicked.connect(self.sync_requested)

        def follow(text: str) -> None:  # with no folder in the field, Turn Off and Sync Now have nothing to do
            off.setEnabled(bool(text.strip()))
            self.sync_button.setEnabled(bool(text.strip()))

        self.folder.textChanged.connect(follow)
        follow(self.folder.text())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)  # room for a folder's path

    def _choose(self) -> None:
        start = self.folder.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choose the Sync Folder", start)
        if chosen:
            self.folder.setText(chosen)

    def show_status(self, status: SyncStatus) -> None:
        """Show a newer status (after a sync)."""
        self.status.setText(describe(status))

    def chosen_folder(self) -> Path | None:
        """The folder chosen (None: sync off)."""
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else None

    def chosen_name(self) -> str:
        """This computer's name as typed."""
        return self.name.text().strip()
