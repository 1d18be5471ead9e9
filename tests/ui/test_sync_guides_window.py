"""The window and your own guides' sync: a guide and then a section written on another device reach the
guide picker and the Sections view through the sync's ``Changes`` (no view refreshes another)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studyguide.authoring import Authoring
from studyguide.library import Library
from studyguide.review.sync import SyncService, sync_on_own_connection
from studyguide.ui.sync_actions import SyncActions


@pytest.fixture
def sync_actions(main_window, library):
    service = SyncService(progress=library.progress, settings=lambda: library.review.settings, clock=library.clock,
                          guides_folder=library.guides_folder)
    actions = SyncActions(window=main_window, operations=main_window.operations, sync=service, clock=library.clock,
                          guides_arrived=library.reload_guides,
                          worker_sync=lambda: sync_on_own_connection(library.progress.path, clock=library.clock,
                                                                     settings=library.review.settings,
                                                                     guides_folder=library.guides_folder))
    actions.add_to(main_window.menuBar().actions()[0].menu())
    yield actions
    actions.timer.stop()
    actions.watcher.stop()
    main_window.operations.tasks.shutdown()


class Desktop:
    """Another device that writes a guide and syncs into a folder of its own."""

    def __init__(self, home: Path, content_db: Path, clock, folder: Path) -> None:
        self.library = Library(home=home, bundled_guide=content_db, clock=clock)
        self.authoring = Authoring(library=self.library)
        self.service = SyncService(progress=self.library.progress, settings=lambda: self.library.review.settings,
                                   clock=clock, guides_folder=self.library.guides_folder)
        self.folder = folder
        folder.mkdir()

    def sync(self) -> None:
        self.service.sync(self.folder)

    def close(self) -> None:
        self.authoring.close()
        self.library.close()


@pytest.fixture
def desktop(tmp_path: Path, content_db: Path, clock):
    made = Desktop(tmp_path / "desktop", content_db, clock, tmp_path / "desktop-sync")
    yield made
    made.close()


def _titles(main_window) -> list[str]:
    model = main_window.sections.model
    return [str(model.index(row).data()).split(". ", 1)[1] for row in range(model.rowCount())]


def test_a_guide_and_a_section_written_on_another_device_reach_the_sections_view(
        qtbot, main_window, library, sync_actions, desktop, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    sync_actions._sync.set_folder(folder)
    guide = desktop.authoring.new_guide("Desktop Notes").ids[0]
    desktop.authoring.add_section(guide, "Introduction", "Written on the desktop.")
    desktop.sync()
    shutil.copytree(desktop.folder, folder, dirs_exist_ok=True)  # the sync tool brings the desktop's journal
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.poll()
    picker = main_window.guide_picker
    assert guide in [picker.itemData(i) for i in range(picker.count())]
    main_window.select_guide(guide)
    main_window.tabs.setCurrentWidget(main_window.sections)
    qtbot.wait_until(lambda: _titles(main_window) == ["Introduction"], timeout=5_000)
    desktop.authoring.add_section(guide, "Treaty", "A new section, written later.")
    desktop.sync()
    shutil.copytree(desktop.folder, folder, dirs_exist_ok=True)
    with qtbot.wait_signal(sync_actions.synced, timeout=20_000):
        sync_actions.poll()
    qtbot.wait_until(lambda: _titles(main_window) == ["Introduction", "Treaty"], timeout=5_000)
    assert main_window.guide_id == guide  # the window stayed on the guide it showed


def test_the_picker_says_what_each_version_of_a_guide_item_is(qtbot) -> None:
    from studyguide.domain.journal import FieldConflict
    from studyguide.domain.journal_content import dumps
    from studyguide.ui.sync_conflicts import ConflictDialog

    edited = dumps({"section_id": "causes", "type": "basic", "front": "When did the Bastille fall?",
                    "back": "14 July 1789", "tags": [], "position": 3})
    conflict = FieldConflict("revolution", "bastille", "note", (("Laptop", None, "2026-03-02T09:12:00+00:00"),
                                                                ("Desktop", edited, "2026-03-02T09:40:00+00:00")))
    dialog = ConflictDialog(conflicts=[conflict])
    qtbot.add_widget(dialog)
    from PySide6.QtWidgets import QGroupBox, QRadioButton

    # (was "Card bastille of your guide revolution": ids; without a library to name the guide, its id stays)
    assert [b.title() for b in dialog.findChildren(QGroupBox)] == [
        "Card \u201cWhen did the Bastille fall?\u201d of your guide revolution"]
    assert [b.text() for b in dialog.findChildren(QRadioButton)] == [
        "Laptop, 2026-03-02 09:12:\ndeleted",
        "Desktop, 2026-03-02 09:40:\n\u201cWhen did the Bastille fall? \u2014 14 July 1789\u201d"]
    dialog.choose(0, 1)
    assert dialog.picks() == [(conflict, 1)]
