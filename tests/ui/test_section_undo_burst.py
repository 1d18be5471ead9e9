"""One undo step per spell of typing in the section editor (issue 15): its autosaves while the
editor stays on one section are one "Edit Section" step, as in text editors."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.ui.section_editor import SAVE_DELAY_MS
from tests.ui.test_section_editing import guide, window  # noqa: F401  (fixtures)

_CTRL = Qt.KeyboardModifier.ControlModifier


def _type_and_wait_for_the_autosave(qtbot, editor, text: str) -> None:
    with qtbot.wait_signal(editor.saved, timeout=SAVE_DELAY_MS + 3000):
        qtbot.keyClicks(editor.body, text)


def test_the_autosaves_of_one_spell_of_typing_are_one_undo_step(qtbot, window, library, guide):  # noqa: F811
    editing, history = window.section_editing, window.operations.history
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)
    body = editing.editor.body
    assert body.hasFocus()
    qtbot.keyClick(body, Qt.Key.Key_End, _CTRL)
    for words in (" Quarantine", " began", " at once."):
        _type_and_wait_for_the_autosave(qtbot, editing.editor, words)
        assert library.content(guide).section("origins").body.endswith(words)  # each saved on its own
    assert len(history) == 1 and history.undo_label() == "Edit Section"

    qtbot.keyClick(window.sections.list, Qt.Key.Key_Down)  # another section: a new spell of typing
    qtbot.wait_until(lambda: editing.editor.section_id == "crisis")
    qtbot.keyClick(body, Qt.Key.Key_End, _CTRL)
    _type_and_wait_for_the_autosave(qtbot, editing.editor, " Then talks.")
    assert len(history) == 2
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)  # the editor closes
    window.sections.list.setFocus()

    qtbot.keyClick(window.sections.list, Qt.Key.Key_Z, _CTRL)
    assert library.content(guide).section("crisis").body == "Thirteen days."
    assert library.content(guide).section("origins").body == "The **start** of it. Quarantine began at once."
    qtbot.keyClick(window.sections.list, Qt.Key.Key_Z, _CTRL)  # the whole first spell, at once
    assert library.content(guide).section("origins").body == "The **start** of it."
    assert history.undo_label() is None
    qtbot.keyClick(window.sections.list, Qt.Key.Key_Z, _CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert library.content(guide).section("origins").body == "The **start** of it. Quarantine began at once."


def test_typing_again_after_an_undo_or_another_edit_is_a_new_step(qtbot, window, library, guide):  # noqa: F811
    editing, history = window.section_editing, window.operations.history
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)
    qtbot.keyClick(editing.editor.body, Qt.Key.Key_End, _CTRL)
    _type_and_wait_for_the_autosave(qtbot, editing.editor, " One.")
    window.undo_action.trigger()  # Edit > Undo from the menu, the editor still open
    assert library.content(guide).section("origins").body == "The **start** of it."
    assert editing.editor.body.toPlainText() == "The **start** of it."  # the open editor shows it too
    editing.editor.body.setPlainText("Fresh start.")
    qtbot.keyClick(editing.editor.body, Qt.Key.Key_End, _CTRL)
    _type_and_wait_for_the_autosave(qtbot, editing.editor, " Two.")
    window.section_editing._writing.write(window, lambda a: a.add_section(guide, "Aftermath"))
    _type_and_wait_for_the_autosave(qtbot, editing.editor, " Three.")
    assert [s.label for s in history._undo] == ["Edit Section", "Add Section", "Edit Section"]
    window.undo_action.trigger()
    assert library.content(guide).section("origins").body == "Fresh start. Two."
