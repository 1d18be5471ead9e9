"""Editing sections of a user's guide in the window (issue 15): add, rename, reorder, delete and
undo, and the Markdown editor with its live preview, saved a second after typing stops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studyguide.ui.section_editor import SAVE_DELAY_MS
from studyguide.ui.widgets import text_prompt


@pytest.fixture
def guide(authoring) -> str:
    guide_id = authoring.new_guide("My Notes").ids[0]
    authoring.add_section(guide_id, "Origins", "The **start** of it.")
    authoring.add_section(guide_id, "Crisis", "Thirteen days.")
    return guide_id


@pytest.fixture
def window(qtbot, guide_window, guide):
    window = guide_window(guide, active=True)
    window.tabs.setCurrentWidget(window.sections)
    window.sections.list.setFocus()
    qtbot.wait_until(window.sections.list.hasFocus)
    return window


def _titles(window) -> list[str]:
    model = window.sections.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_typing_shows_in_the_preview_and_is_found_by_search_after_the_save(qtbot, window, library, guide):
    editing = window.section_editing
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert editing.edit_button.isChecked() and editing.stack.currentWidget() is editing.editor
    body = editing.editor.body
    assert body.hasFocus()
    qtbot.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(body, " Quarantinezz began.")
    assert "Quarantinezz" in editing.editor.preview.toPlainText()  # the preview follows at once
    assert "Quarantinezz" not in (library.content(guide).section("origins").body)  # not yet saved
    with qtbot.wait_signal(editing.editor.saved, timeout=SAVE_DELAY_MS + 2000):
        pass
    assert library.content(guide).section("origins").body.endswith("Quarantinezz began.")
    assert window.undo_action.text() == "&Undo Edit Section"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.wait_signal(window.search.results_shown, timeout=3000):
        qtbot.keyClicks(window.search.box, "quarantinezz")
    hits = [window.search.model.index(r, 0).data(window.search.model.HitRole) for r in
            range(window.search.model.rowCount())]
    assert [(h.kind, h.item_id) for h in hits] == [("section", "origins")]


def test_a_focus_change_saves_at_once_with_the_sources(qtbot, window, library, guide):
    editing = window.section_editing
    qtbot.mouseClick(editing.edit_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editing.editor.body, "New text ")
    editing.editor.sources.setFocus()  # leaving the body saves before the timer runs out
    qtbot.wait_until(lambda: editing.editor.sources.hasFocus())
    assert library.content(guide).section("origins").body.startswith("New text ")
    qtbot.keyClicks(editing.editor.sources, "Kennedy, Thirteen Days")
    qtbot.keyClick(editing.editor.sources, Qt.Key.Key_Return)
    qtbot.keyClicks(editing.editor.sources, "Allison, Essence of Decision")
    editing.editor.body.setFocus()
    qtbot.wait_until(lambda: library.content(guide).section("origins").sources ==
                     ("Kennedy, Thirteen Days", "Allison, Essence of Decision"))


def test_the_toolbar_and_shortcuts_format_the_selection(qtbot, window):
    editing = window.section_editing
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    body = editing.editor.body
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_Delete)
    qtbot.keyClicks(body, "word")
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body.toPlainText() == "**word**"
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # italic here, not File > Import
    assert body.toPlainText() == "***word***"
    editing.editor.actions_by_name["heading"].trigger()
    assert body.toPlainText() == "## ***word***"
    assert editing.editor.preview.document().toMarkdown().startswith("## ")


def test_add_rename_reorder_delete_and_undo(qtbot, window, library, guide, monkeypatch):
    view = window.sections
    answers = iter([("Aftermath", True), ("After the Crisis", True)])
    monkeypatch.setattr(text_prompt, "ask_text", lambda *a, **k: next(answers))
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _titles(window) == ["1. Origins", "2. Crisis", "3. Aftermath"]
    assert view.current_section_id() == "aftermath"
    assert window.section_editing.editor.body.hasFocus()  # a new section opens in the editor
    view.list.setFocus()
    qtbot.wait_until(view.list.hasFocus)
    qtbot.keyClick(view.list, Qt.Key.Key_F2)
    assert _titles(window)[2] == "3. After the Crisis"
    qtbot.keyClick(view.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _titles(window) == ["1. Origins", "2. After the Crisis", "3. Crisis"]
    assert view.current_section_id() == "aftermath"
    qtbot.keyClick(view.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _titles(window) == ["1. Origins", "2. Crisis", "3. After the Crisis"]
    view.show_section("crisis")
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert _titles(window) == ["1. Origins", "2. After the Crisis"]
    assert window.undo_action.text() == "&Undo Delete Section"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(window) == ["1. Origins", "2. Crisis", "3. After the Crisis"]
    assert library.content(guide).section("crisis").body == "Thirteen days."


def test_the_bundled_guide_is_read_only(qtbot, window, library):
    bundled = next(g.id for g in library.guides() if not library.is_user_guide(g.id))
    window.select_guide(bundled)
    editing = window.section_editing
    assert not editing.edit_button.isEnabled()
    assert editing.edit_button.toolTip() == "Make an editable copy (File menu) to edit this guide"
    before = _titles(window)
    qtbot.keyClick(window.sections.list, Qt.Key.Key_Delete)
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert _titles(window) == before and not editing.edit_button.isChecked()
