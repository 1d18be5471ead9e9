"""A section or an event that cannot be saved (a full disk, a read-only library) is told once,
in one plain message: a box for the section editor's save, the dialog's own line for an event."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import sections_of
from tests.unit.test_full_disk import fill


@pytest.fixture
def library_home(tiny_disk: Path) -> Path:
    return tiny_disk / "library"


@pytest.fixture
def window(qtbot, authoring, guide_window):
    guide = authoring.new_guide("My Notes").ids[0]
    authoring.add_section(guide, "Origins", "The start of it.")
    window = sections_of(qtbot, guide_window(guide, active=True))
    return window


@pytest.fixture
def disk(tiny_disk: Path, monkeypatch: pytest.MonkeyPatch):
    """Breaks the library's disk: ``full`` fills the real tmpfs; ``read-only`` makes the guide's
    writes fail as SQLite's SQLITE_READONLY is explained (the tmpfs cannot be remounted
    read-only while the progress database is open for writing)."""

    def breaks(how: str) -> None:
        if how == "full":
            fill(tiny_disk, leave=0)
            return
        from studyguide.domain.errors import ReadOnlyLocation
        from studyguide.store.authoring import GuideWriter
        from studyguide.store.connection import read_only_message

        def refuse(writer, *_args):
            raise ReadOnlyLocation(read_only_message(writer.path, writer.path.parent))

        monkeypatch.setattr(GuideWriter, "put_section", refuse)
        monkeypatch.setattr(GuideWriter, "put_event", refuse)

    return breaks


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_a_section_that_cannot_be_saved_is_told_once(how, qtbot, window, library, boxes, disk) -> None:
    editing = window.section_editing
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    body = editing.editor.body
    assert body.hasFocus()
    qtbot.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    disk(how)
    qtbot.keyClicks(body, " Then the crisis.")

    editing.editor.save_now()  # as when the focus leaves the editor

    assert len(boxes) == 1, boxes
    title, text = boxes[0]
    assert title == "The section was not saved"
    assert ("is full. free some space" if how == "full" else "is read-only") in text.lower()
    assert "nothing was changed" not in text and "failed" not in text
    assert library.content("my-notes").section("origins").body == "The start of it."
    assert window.operations.history.undo_label() != "Edit Section"
    assert body.toPlainText().endswith("Then the crisis.")  # what was typed stays, to be saved again
    if how == "full":
        (library.home.parent / "filler").unlink()
        editing.editor.save_now()  # the next save (focus change or keystroke) tries again
        assert library.content("my-notes").section("origins").body == "The start of it. Then the crisis."
        assert len(boxes) == 1


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_an_event_that_cannot_be_saved_is_told_once_in_its_dialog(how, qtbot, window, library, boxes,
                                                                  disk) -> None:
    window.tabs.setCurrentWidget(window.timeline)
    dialog = window.event_editing.add_event("origins")
    qtbot.keyClicks(dialog.title_box, "Talks")
    qtbot.keyClicks(dialog.when_box, "fall 1961")
    disk(how)

    qtbot.keyClick(dialog.when_box, Qt.Key.Key_Return)

    assert boxes == []
    assert dialog.isVisible() and dialog.error.isVisible()
    said = dialog.error.text()
    assert ("is full. free some space" if how == "full" else "is read-only") in said.lower(), said
    assert "failed" not in said and said[0].isupper()
    assert library.content("my-notes").events() == []


def test_a_card_that_cannot_be_added_is_told_once_in_the_add_card_dialog(qtbot, window, library, boxes,
                                                                         tiny_disk) -> None:
    fill(tiny_disk, leave=0)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.authoring_actions.dialog
    dialog.activateWindow()
    qtbot.wait_until(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.front, "Who led Cuba?")
    qtbot.keyClicks(dialog.back, "Castro")

    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert boxes == []
    assert dialog.isVisible() and dialog.error.isVisible()
    said = dialog.error.text()
    assert "is full. Free some space" in said and "failed" not in said, said
    assert dialog.front.toPlainText() == "Who led Cuba?"  # kept, to add again
    assert library.content("my-notes").card_count() == 0
    dialog.close()
