"""Add Section (Ctrl+Shift+N) and Edit Section (Ctrl+E) work wherever the focus is, and are in
the Cards menu: a new guide's empty page tells the user to press Ctrl+Shift+N, and in the real
app (Xvfb) the focus is then on no widget of the Sections view, so the key did nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit

from tests.ui.test_authoring_window import _in_modal, activate, open_window  # noqa: F401
from tests.ui.test_new_user_authoring import _new_guide_by_menu

_CTRL = Qt.KeyboardModifier.ControlModifier
_CTRL_SHIFT = _CTRL | Qt.KeyboardModifier.ShiftModifier


def test_add_section_from_another_view_shows_the_sections_and_edit_follows(qtbot, open_window) -> None:  # noqa: F811
    window = open_window()
    _new_guide_by_menu(qtbot, window, "Cold War", "")
    cards_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Cards")
    assert window.section_editing.add_action in cards_menu.actions()
    assert window.section_editing.edit_action in cards_menu.actions()
    qtbot.keyClick(window, Qt.Key.Key_3, _CTRL)  # the Timeline: the focus is out of the Sections view
    assert window.tabs.currentWidget() is window.timeline
    window.timeline.setFocus()

    def name_it(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        activate(qtbot, dialog)
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, "Berlin")
        qtbot.keyClick(box, Qt.Key.Key_Return)

    _in_modal(qtbot, name_it)
    qtbot.keyClick(window.timeline, Qt.Key.Key_N, _CTRL_SHIFT)
    activate(qtbot, window)
    qtbot.wait_until(lambda: window.sections.current_section_id() is not None)
    assert window.tabs.currentWidget() is window.sections
    assert window.sections.list.currentIndex().data().endswith("Berlin")
    editing = window.section_editing
    assert editing.edit_button.isChecked()  # a new section opens in the editor
    qtbot.keyClick(editing.editor.body, Qt.Key.Key_E, _CTRL)  # closed, to open it again from the Timeline
    assert not editing.edit_button.isChecked()

    qtbot.keyClick(window, Qt.Key.Key_3, _CTRL)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_E, _CTRL)  # Edit Section, from the Timeline too
    assert window.tabs.currentWidget() is window.sections
    qtbot.wait_until(lambda: window.section_editing.editor.body.isVisible())
