"""The card browser's writes to a user's guide: move, tag, delete (each one Ctrl+Z step), the
editor opened from a row, and the bundled guide refused with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from studyguide.authoring import Authoring
from studyguide.domain.card_filter import COLUMN_KEYS
from studyguide.ui.main_window import MainWindow
from tests.ui.keyboard import open_browser

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, library):
    authoring = Authoring(library=library)
    guide = authoring.new_guide("My Notes").ids[0]
    first = authoring.add_section(guide, "Alpha").ids[0]
    authoring.add_section(guide, "Beta")
    for n in range(3):
        authoring.add_card(guide, first, f"Question {n}?", f"Answer {n}.", tags=["old"])
    main = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(main)
    main.show()
    main.select_guide(guide)
    open_browser(qtbot, main)
    yield main
    authoring.close()


def _ids(browser) -> list[str]:
    return [browser.model.key(r)[1] for r in range(browser.model.rowCount())]


def _search(qtbot, browser, text: str) -> None:
    browser.box.setText(text)
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)


def test_move_selected_cards_to_a_section_and_undo(qtbot, window):
    browser = window.browser
    assert browser.guide_id == "my-notes" and len(_ids(browser)) == 3
    browser.table.selectAll()
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):  # listed again
        browser.editing.move_to("beta")
    _search(qtbot, browser, "section:beta")
    assert len(_ids(browser)) == 3
    assert window.undo_action.text() == "&Undo Move Cards"
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):  # listed again
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _ids(browser) == []


def test_add_and_remove_tags_then_undo(qtbot, window):
    browser = window.browser
    browser.select_rows([0])
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):  # listed again
        browser.editing.change_tags(add=["exam"], remove=["old"])
    _search(qtbot, browser, "tag:exam")
    assert _ids(browser) == ["question-0"]
    assert browser.model.card(0).tags == ("exam",)
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):  # listed again
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _ids(browser) == []


def test_delete_with_ctrl_delete_and_undo(qtbot, window):
    browser = window.browser
    browser.table.setFocus()
    browser.select_rows([0])
    qtbot.keyClick(browser.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):  # listed again
        qtbot.keyClick(browser.table, Qt.Key.Key_Delete, CTRL)
    assert _ids(browser) == ["question-2"]
    assert window.undo_action.text() == "&Undo Delete Cards"
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):  # listed again
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert sorted(_ids(browser)) == ["question-0", "question-1", "question-2"]


def test_ctrl_e_opens_the_card_editor_on_the_current_card(qtbot, window):
    browser = window.browser
    browser.select_rows([1])
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(dialog.front.toPlainText())
        dialog.reject()

    QTimer.singleShot(0, look)
    qtbot.keyClick(browser.table, Qt.Key.Key_E, CTRL)
    assert seen == ["Question 1?"]


def test_the_bundled_guide_is_read_only_here_and_says_so(qtbot, window, library):
    browser = window.browser
    with qtbot.wait_signal(browser.results_shown):
        browser.guides.setCurrentIndex(browser.guides.findData("tiny"))
    browser.select_rows([0])
    browser.editing.delete()
    assert "read-only" in browser.status.text()
    assert len(library.content("tiny").cards()) == 3


def test_the_added_column_shows_when_and_sorts_and_added_n_searches_it(qtbot, window, library, clock):
    browser = window.browser
    section = window._authoring.notes(browser.guide_id)[0].section_id
    clock.advance(days=5)
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):
        window.writing.write(browser, lambda a: a.add_card(browser.guide_id, section, "Later?", "Yes."))
    added = COLUMN_KEYS.index("added")
    browser.column_menu().actions()[added].setChecked(True)  # hidden until shown
    header = browser.table.horizontalHeader()
    x = header.sectionViewportPosition(added) + header.sectionSize(added) // 2
    for order in ("ascending", "descending"):
        with qtbot.wait_signal(browser.results_shown):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        days = [browser.model.index(r, added).data() for r in range(browser.model.rowCount())]
        first, later = (clock() - timedelta(days=5)).astimezone().strftime("%Y-%m-%d"), \
            clock().astimezone().strftime("%Y-%m-%d")
        assert days == ([first] * 3 + [later] if order == "ascending" else [later] + [first] * 3)
    _search(qtbot, browser, "added:2")
    assert [browser.model.card(r).question for r in range(browser.model.rowCount())] == ["Later?"]
