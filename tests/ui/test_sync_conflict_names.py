"""The sync's conflict picker names guides, sections and cards by their titles, as the guide picker and the
Sections view do, not by ids a learner never sees (ui/sync_conflicts.py, app_sync.conflict_name)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QGroupBox

from studyguide.app_sync import attach_sync
from studyguide.domain.journal import FieldConflict
from studyguide.domain.journal_content import dumps
from studyguide.ui.sync_conflicts import ConflictDialog


def versions(first: str | None, second: str | None) -> tuple[tuple[str, str | None, str], ...]:
    return (("Laptop", first, "2026-03-02T09:00:00+00:00"), ("Desktop", second, "2026-03-02T09:05:00+00:00"))


@pytest.fixture
def picker_titles(qtbot, guide_window, library, authoring, monkeypatch: pytest.MonkeyPatch):
    """The group-box titles the window's conflict picker shows for ``conflicts`` (File > Sync Folder…)."""
    opened: list[object] = []

    def titles(guide: str, conflicts: list[FieldConflict]) -> list[str]:
        window = guide_window(guide)
        actions = attach_sync(window, library, authoring)
        opened.append(actions)
        monkeypatch.setattr(actions._sync, "conflicts", lambda: conflicts)
        seen: list[str] = []

        def read() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConflictDialog)
            seen.extend(box.title() for box in dialog.findChildren(QGroupBox))
            dialog.reject()

        QTimer.singleShot(0, read)
        actions.resolve_conflicts()
        return seen

    yield titles
    for actions in opened:
        actions.timer.stop()
        actions.watcher.stop()


def test_a_section_changed_on_two_devices_is_named_with_its_guide_by_their_titles(authoring, picker_titles) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    section = authoring.add_section(guide, "Vienna", "Kennedy met Khrushchev.").ids[0]
    a = dumps({"title": "Vienna", "body": "Version A", "position": 0})
    b = dumps({"title": "Vienna", "body": "Version B", "position": 0})

    titles = picker_titles(guide, [FieldConflict(guide, section, "section", versions(a, b)),
                                   FieldConflict(guide, "", "order", versions(dumps([section]), dumps([])))])

    # was "Section vienna of your guide my-notes" and "The order of the sections of your guide my-notes"
    assert titles == ["Section \u201cVienna\u201d of your guide \u201cMy Notes\u201d",
                      "The order of the sections of your guide \u201cMy Notes\u201d"]


def test_a_card_whose_answer_was_edited_on_two_devices_is_named_by_its_question(library, authoring,
                                                                                 picker_titles) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    section = authoring.add_section(guide, "The Revolution").ids[0]
    card = authoring.add_card(guide, section, "Who fled Cuba on 1 January 1959?", "Batista").ids[0]

    titles = picker_titles(guide, [FieldConflict(guide, card, "back", versions("Fulgencio Batista", "Batista")),
                                   FieldConflict(guide, "gone", "back", versions("a", "b"))])

    assert titles == ["Card \u201cWho fled Cuba on 1 January 1959?\u201d (\u201cCuba\u201d): its answer",
                      "Card gone (\u201cCuba\u201d): its answer"]  # a card this library does not have: its id


def test_the_conflicts_have_a_file_menu_item_of_their_own(qtbot, guide_window, library, authoring,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    section = authoring.add_section(guide, "Vienna").ids[0]
    window = guide_window(guide)
    actions = attach_sync(window, library, authoring)
    menu = window.menuBar().actions()[0].menu()
    names = [a.text() for a in menu.actions()]
    assert names[-3:] == ["S&ync Folder\u2026", "&Pick Versions Changed on Two Devices\u2026", "&Quit"]
    assert not actions.pick_action.isEnabled()  # nothing to pick

    a = dumps({"title": "Vienna", "body": "A", "position": 0})
    b = dumps({"title": "Vienna", "body": "B", "position": 0})
    monkeypatch.setattr(actions._sync, "conflicts", lambda: [FieldConflict(guide, section, "section", versions(a, b))])
    actions.refresh_status()
    assert actions.pick_action.isEnabled()  # was: only File > Sync Folder…, then a button in it
    opened: list[object] = []

    def read() -> None:
        opened.append(QApplication.activeModalWidget())
        QApplication.activeModalWidget().reject()

    QTimer.singleShot(0, read)
    actions.pick_action.trigger()
    assert isinstance(opened[0], ConflictDialog)
    actions.timer.stop()
    actions.watcher.stop()
