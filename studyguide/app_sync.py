"""The window's sync: File > Sync Folder…, the status line and the syncs the folder's changes start.

Attached after the usable frame (``app._Startup``), with the same library and lazy authoring the
window has (docs/sync.md).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from studyguide.ui.main_window import MainWindow


def attach_sync(window: MainWindow, library, authoring):
    """File > Sync Folder…, the sync status line, and the syncs the folder's changes start (docs/sync.md)."""
    from studyguide.review.sync import SyncService, sync_on_own_connection
    from studyguide.ui.sync_actions import SyncActions

    service = SyncService(progress=library.progress, settings=lambda: library.review.settings, clock=library.clock,
                          guides_folder=library.guides_folder)
    actions = SyncActions(window=window, operations=window.operations, sync=service, clock=library.clock,
                          settings_arrived=library.review.reload_settings,
                          guides_arrived=lambda: (authoring.close(), library.reload_guides())[1],  # files replaced
                          worker_sync=lambda: sync_on_own_connection(library.progress.path, clock=library.clock,
                                                                     settings=library.review.settings,
                                                                     guides_folder=library.guides_folder),
                          names=lambda guide_id, card_id: conflict_name(library, guide_id, card_id))
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    actions.add_to(file_menu)
    return actions


def conflict_name(library, guide_id: str, card_id: str) -> str | None:
    """The conflict picker's name for a guide (its title; ``card_id`` "") or a card (its front)."""
    try:
        store = library.content(guide_id)
    except KeyError:  # a guide this library no longer has
        return None
    if not card_id:
        return store.info.title
    card = store.card(card_id)
    return None if card is None else card.front
