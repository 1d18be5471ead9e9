"""The window's sync, wired at start: File > Sync Folder…, the status line, the syncs the folder's changes start
(docs/sync.md); the progress and the guides written in the app travel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu

from studyguide.review.sync import SyncService, sync_on_own_connection
from studyguide.ui.sync_actions import SyncActions


def attach_sync(window: Any, library: Any) -> SyncActions:
    """Add File > Sync Folder… and the sync status line to ``window`` (a ``MainWindow`` on ``library``).

    Returns:
        The window's ``SyncActions``.
    """
    service = SyncService(progress=library.progress, settings=lambda: library.review.settings, clock=library.clock,
                          guides_folder=library.guides_folder)
    actions = SyncActions(window=window, operations=window.operations, sync=service, clock=library.clock,
                          settings_arrived=library.review.reload_settings, guides_arrived=library.reload_guides,
                          worker_sync=lambda: sync_on_own_connection(library.progress.path, clock=library.clock,
                                                                     settings=library.review.settings,
                                                                     guides_folder=library.guides_folder))
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    actions.add_to(file_menu)
    return actions
