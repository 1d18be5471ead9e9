"""File > Sync Folder…'s buttons follow the folder field: at 900x600 under Xvfb (light and dark) the dialog of a
library that does not sync offered "Turn Off" beside "No folder: sync is off" (a button that did nothing), and
kept "Sync Now" greyed after a folder was chosen until the dialog was opened again."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from studyguide.domain.journal import SyncStatus
from studyguide.ui.sync_dialog import SyncFolderDialog


def _dialog(qtbot, folder: str | None) -> SyncFolderDialog:
    status = SyncStatus(folder=folder, device_id="d1", device_name="laptop", devices=(), waiting=0)
    dialog = SyncFolderDialog(status=status, conflicts=0, watch_note="")
    qtbot.add_widget(dialog)
    return dialog


def _turn_off(dialog: SyncFolderDialog) -> QPushButton:
    return next(button for button in dialog.findChildren(QPushButton) if button.text() == "Turn &Off")


def test_turn_off_and_sync_now_follow_the_folder_field(qtbot, tmp_path) -> None:
    dialog = _dialog(qtbot, None)
    assert not _turn_off(dialog).isEnabled() and not dialog.sync_button.isEnabled()

    dialog.folder.setText(str(tmp_path))
    assert _turn_off(dialog).isEnabled() and dialog.sync_button.isEnabled()

    _turn_off(dialog).click()
    assert dialog.folder.text() == "" and dialog.chosen_folder() is None
    assert not _turn_off(dialog).isEnabled() and not dialog.sync_button.isEnabled()


def test_a_syncing_library_can_turn_sync_off(qtbot, tmp_path) -> None:
    dialog = _dialog(qtbot, str(tmp_path))
    assert _turn_off(dialog).isEnabled() and dialog.sync_button.isEnabled()
