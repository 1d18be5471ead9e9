"""A new student's first steps in a guide of their own (tour10), with real keys: the title typed into
File > New Guide and into Add Section shows whole at 900x600, and a new section opens in the editor,
ready for its text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.test_authoring_window import _in_modal, activate, new_guide, open_window  # noqa: F401

_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LONG_TITLE = "The Cuban Revolution and its aftermath"


def _shows_whole(box: QLineEdit) -> bool:
    """Whether ``box`` shows all of its text (QLineEdit scrolls text wider than its room out of sight)."""
    return box.fontMetrics().horizontalAdvance(box.text()) + 12 <= box.contentsRect().width()


def test_the_new_guide_dialog_shows_a_long_title_whole(qtbot, open_window) -> None:  # noqa: F811
    window = open_window()
    seen: list[tuple[bool, bool]] = []

    def fill(dialog) -> None:
        activate(qtbot, dialog)
        qtbot.keyClicks(dialog.title_box, LONG_TITLE)
        subject = dialog.subject_box
        seen.append((_shows_whole(dialog.title_box),
                     subject.fontMetrics().horizontalAdvance(subject.placeholderText()) + 12
                     <= subject.contentsRect().width()))
        qtbot.keyClick(dialog.title_box, Qt.Key.Key_Return)

    _in_modal(qtbot, fill)
    qtbot.keyClick(window, Qt.Key.Key_G, _CTRL_SHIFT)
    assert seen == [(True, True)]  # was 202 px wide: "The Cuban Revol…", "e.g. History (opti…"
    assert window.guide_id == "the-cuban-revolution-and-its-aftermath"


def test_a_new_section_is_named_in_a_box_that_shows_its_title_and_opens_in_the_editor(
        qtbot, open_window) -> None:  # noqa: F811
    window = open_window()
    new_guide(qtbot, window, "Cuba")
    seen: list[bool] = []

    def name_it(dialog) -> None:
        activate(qtbot, dialog)
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, LONG_TITLE)
        seen.append(_shows_whole(box))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    _in_modal(qtbot, name_it)
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL_SHIFT)  # the empty guide's page says: Ctrl+Shift+N
    activate(qtbot, window)
    assert seen == [True]  # QInputDialog.getText opened at 200 px: the title scrolled out of sight
    editing = window.section_editing
    assert window.sections.current_section_id() == "the-cuban-revolution-and-its-aftermath"
    # The new section is empty: it opens in the editor with the focus in its text (it showed the reader,
    # only its title on it, and Ctrl+E had to be found).
    assert editing.edit_button.isChecked() and editing.stack.currentWidget() is editing.editor
    assert editing.editor.body.hasFocus()
    with qtbot.wait_signal(editing.editor.saved):
        qtbot.keyClicks(editing.editor.body, "Castro's rebels took Havana in 1959.")
    library = window.authoring_actions.library
    assert library.content(window.guide_id).section(
        "the-cuban-revolution-and-its-aftermath").body == "Castro's rebels took Havana in 1959."


def test_the_edit_button_says_done_while_editing(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "In 1959.")
    window = guide_window(guide, active=True)
    editing = window.section_editing
    assert editing.edit_button.text() == "Edit"
    qtbot.mouseClick(editing.edit_button, Qt.MouseButton.LeftButton)
    assert editing.stack.currentWidget() is editing.editor
    # It read "Edit" while editing too, with no look of being pressed in some styles: nothing said how
    # to get back to the page.
    assert editing.edit_button.text() == "Done" and "Ctrl+E" in editing.edit_button.toolTip()
    qtbot.mouseClick(editing.edit_button, Qt.MouseButton.LeftButton)
    assert editing.stack.currentWidget() is window.sections.text
    assert editing.edit_button.text() == "Edit" and editing.edit_button.toolTip() == "Edit this section (Ctrl+E)"


def test_redo_new_guide_shows_the_guide_again(qtbot, open_window) -> None:  # noqa: F811
    window = open_window()
    bundled = window.guide_id
    guide = new_guide(qtbot, window, "Cuba")
    window.authoring_actions.authoring.add_section(guide, "The Revolution", "In 1959.")
    for label in ("&Undo Add Section", "&Undo New Guide"):
        assert window.undo_action.text() == label
        with qtbot.wait_signal(window.operations.did_execute):
            qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.guide_id == bundled
    with qtbot.wait_signal(window.operations.did_execute):
        window.redo_action.trigger()
    # It stayed on the bundled guide: Redo Add Section then wrote into a guide not on screen.
    assert window.guide_id == guide
    with qtbot.wait_signal(window.operations.did_execute):
        window.redo_action.trigger()
    assert window.sections.current_section_id() == "the-revolution"


def test_rename_and_delete_section_are_in_the_cards_menu_and_del_in_the_editor_deletes_text(
        qtbot, guide_window, authoring, monkeypatch) -> None:
    from studyguide.ui.widgets import text_prompt

    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "In 1959.")
    authoring.add_section(guide, "Bay of Pigs", "1961.")
    window = guide_window(guide, active=True)
    editing = window.section_editing
    cards_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Cards")
    texts = [a.text() for a in cards_menu.actions() if not a.isSeparator()]
    # Rename and Delete were in the list's right-click menu only
    assert {"Add &Section\u2026", "Edi&t Section", "&Rename Section\u2026", "&Delete Section"} <= set(texts)
    window.tabs.setCurrentWidget(window.timeline)
    monkeypatch.setattr(text_prompt, "ask_text", lambda *a, **k: ("The Cuban Revolution", True))
    with qtbot.wait_signal(window.operations.did_execute):
        editing.rename_action.trigger()  # as chosen in the Cards menu, from the Timeline
    assert window.tabs.currentWidget() is window.sections
    assert window.sections.list.currentIndex().data().endswith("The Cuban Revolution")

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    body = editing.editor.body
    assert body.hasFocus()
    qtbot.keyClick(body, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(body, Qt.Key.Key_Delete)  # a character, not the section
    assert body.toPlainText() == "n 1959."
    assert window.sections.model.rowCount() == 2


def test_a_new_guide_s_page_has_an_add_section_button(qtbot, open_window) -> None:  # noqa: F811
    window = open_window()
    editing = window.section_editing
    assert not editing.add_button.isVisible()  # the bundled guide is read-only
    new_guide(qtbot, window, "Cuba")

    def name_it(dialog) -> None:
        activate(qtbot, dialog)
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, "The Revolution")
        qtbot.keyClick(box, Qt.Key.Key_Return)

    # the empty page named only the key, Ctrl+Shift+N: nothing to click
    assert editing.add_button.isVisible() and editing.add_button.text() == "Add Section\u2026"
    page = window.sections.text.toPlainText()  # it told to press Ctrl+E, which a new section no longer needs
    assert "it opens in the editor" in page and "Cards menu" in page
    _in_modal(qtbot, name_it)
    qtbot.mouseClick(editing.add_button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)
    assert window.sections.current_section_id() == "the-revolution"
    assert editing.stack.currentWidget() is editing.editor
