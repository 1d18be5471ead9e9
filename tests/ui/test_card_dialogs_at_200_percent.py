"""The Cards menus' dialogs (the window's Add Card and Add Event, the Browser's Move to Section) at 900x600 with
View > Larger Text at 200%, light and dark, on a guide with long titles: none is wider than the screen, nothing is
cut off, and a title too long for its box is whole in its tooltip and in the list the box opens.

Seen: a section titled "The decision to send missiles to Cuba in the spring of 1962, as Khrushchev later told it
in his memoirs" made Add Card 1,395 px wide, Add Event 1,431 px and Move to Section (a bare input dialog naming no
card) 1,280 px.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from studyguide.authoring import Authoring
from studyguide.ui.main_window import MainWindow
from studyguide.ui.move_dialog import MoveDialog
from studyguide.ui.widgets.title_combo import TitleCombo
from tests.ui.fits import cut_off
from tests.ui.test_appearance import _settled_minimum

GUIDE = "My Notes on the Cuban Missile Crisis of October 1962 and its long aftermath in Cuba, Turkey and Berlin"
LONG = "The decision to send missiles to Cuba in the spring of 1962, as Khrushchev later told it in his memoirs"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # combo lists


@pytest.fixture(params=["light", "dark"])
def window(request, qtbot, library):
    """The main window at 900x600 and 200% text on a guide of the learner's with long titles: 3 cards."""
    authoring = Authoring(library=library)
    guide = authoring.new_guide(GUIDE).ids[0]
    first = authoring.add_section(guide, LONG).ids[0]
    authoring.add_section(guide, "Beta")
    for n in range(3):
        authoring.add_card(guide, first, f"Question {n}?", f"Answer {n}.")
    main = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(main)
    main.resize(900, 600)
    main.show()
    main.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is main)
    main.theme.set_theme(request.param)
    before = main.font().pointSizeF()
    main.text_size.set_percent(200)
    qtbot.wait_until(lambda: main.font().pointSizeF() == pytest.approx(before * 2))
    main.select_guide(guide)
    yield main
    authoring.close()


def _fits(qtbot, dialog: QDialog) -> None:
    """``dialog`` no larger than 900x600, its minimum too, nothing cut off but a long title in a title box."""
    needed = _settled_minimum(qtbot, dialog)
    assert needed.width() <= 900 and needed.height() <= 600, needed
    assert dialog.width() <= 900 and dialog.height() <= 600, dialog.size()
    boxes = dialog.findChildren(TitleCombo)  # they shorten a long title with "…" (whole in tooltip and list)
    problems = [p for p in cut_off(dialog) if not any(repr(b.currentText()[:40]) in p for b in boxes)]
    assert not problems, "\n".join(problems)


def _titles_whole_in_the_list(qtbot, box: QComboBox) -> None:
    assert box.toolTip() == box.currentText()  # the title shortened in the box is whole in its tooltip
    assert box.sizeHint().width() < box.fontMetrics().horizontalAdvance(box.currentText())  # asks for less
    box.showPopup()
    view = box.view()
    qtbot.wait_until(view.isVisible)
    longest = max(view.fontMetrics().horizontalAdvance(box.itemText(n)) for n in range(box.count()))
    screen = box.screen().availableGeometry().width()
    assert view.width() >= min(longest, screen - 64)  # the list shows the titles whole (within the screen)
    assert view.textElideMode() == Qt.TextElideMode.ElideNone
    box.hidePopup()


def test_add_card_fits_the_screen_whatever_the_titles(qtbot, window) -> None:
    window.authoring_actions.add_card()
    dialog = window.authoring_actions.dialog
    qtbot.add_widget(dialog)
    qtbot.wait_exposed(dialog)
    assert dialog.guide_box.currentText() == GUIDE and dialog.section_box.currentText() == LONG
    _fits(qtbot, dialog)
    for box in (dialog.guide_box, dialog.section_box):
        _titles_whole_in_the_list(qtbot, box)
    dialog.reject()


def test_move_to_section_names_the_cards_fits_and_moves_with_the_keys_alone(qtbot, window) -> None:
    window.browse()
    browser = window.browser
    qtbot.wait_until(lambda: QApplication.activeWindow() is browser and not browser.finding.pending)
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_A, CTRL)
    seen: dict = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            qtbot.wait_until(lambda: QApplication.activeWindow() is dialog)
            assert isinstance(dialog, MoveDialog), type(dialog).__name__
            seen.update(prompt=dialog.prompt.text(), focus=QApplication.focusWidget() is dialog.sections,
                        name=dialog.sections.accessibleName())
            _fits(qtbot, dialog)
            _titles_whole_in_the_list(qtbot, dialog.sections)
            qtbot.keyClick(dialog.sections, Qt.Key.Key_Down)  # the next section: "Beta"
            qtbot.keyClick(dialog.sections, Qt.Key.Key_Return)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, choose)
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):
        qtbot.keyClick(browser.table, Qt.Key.Key_M, CTRL | SHIFT)
    assert seen == {"prompt": "&Move 3 cards to section:", "focus": True, "name": "Section to move 3 cards to"}
    browser.box.setText("section:beta")
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)
    assert browser.model.rowCount() == 3
    assert window.undo_action.text() == "&Undo Move Cards"


def test_add_event_fits_the_screen_whatever_the_section_is_called(qtbot, window) -> None:
    qtbot.wait_until(lambda: window.sections.current_section_id() is not None)
    dialog = window.event_editing.add_event()
    assert dialog is not None  # the window's child, deleted as it closes
    qtbot.wait_exposed(dialog)
    assert dialog.section_box.currentText() == LONG
    _fits(qtbot, dialog)  # the date's example too: the longest that fits its box
    assert dialog.when_box.toolTip().startswith("e.g. 1959, fall 1961, c. 1962, April 12, 1962, October")
    _titles_whole_in_the_list(qtbot, dialog.section_box)
    dialog.reject()
