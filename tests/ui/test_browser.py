"""Tools > Browse (Ctrl+B): the card browser driven with keys and clicks."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from studyguide.domain.card_filter import COLUMN_KEYS
from studyguide.review.scheduler import Rating
from studyguide.ui.browser_model import CardTableModel

CTRL = Qt.KeyboardModifier.ControlModifier


def _answer(library, card_id: str, rating: Rating) -> None:
    session = library.start_review("tiny")
    assert session.bring_to_front(card_id)
    session.reveal()
    session.answer(rating)


def _open(qtbot, main_window):
    main_window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_B, CTRL)
    browser = main_window.browser
    qtbot.wait_active(browser)
    qtbot.wait_until(lambda: QApplication.activeWindow() is browser)
    qtbot.wait_until(lambda: not browser.finding.pending)  # the first search's result is listed
    return browser


def _ids(browser) -> list[str]:
    return [browser.model.key(r)[1] for r in range(browser.model.rowCount())]


def _search(qtbot, browser, text: str) -> None:
    browser.box.clear()
    qtbot.keyClicks(browser.box, text)
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)


def _click_header(qtbot, browser, key: str) -> None:
    header = browser.table.horizontalHeader()
    column = COLUMN_KEYS.index(key)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.wait_signal(browser.results_shown):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_ctrl_b_lists_every_card_with_its_first_row_shown(qtbot, main_window):
    browser = _open(qtbot, main_window)
    assert _ids(browser) == ["where-signed", "begins-with", "who-wrote"]
    assert browser.model.index(0, 0).data() == "Where was the treaty signed?"
    assert browser.info.card is not None and browser.info.card.card_id == "where-signed"
    assert "3 cards" in browser.status.text()


def test_search_with_card_state_filters_and_a_bad_one(qtbot, main_window, library):
    _answer(library, "begins-with", Rating.EASY)
    browser = _open(qtbot, main_window)
    _search(qtbot, browser, "is:new")
    assert _ids(browser) == ["where-signed", "who-wrote"]
    _search(qtbot, browser, "is:review")
    assert _ids(browser) == ["begins-with"]
    assert browser.model.index(0, COLUMN_KEYS.index("state")).data() == "review"
    assert browser.model.index(0, COLUMN_KEYS.index("reviews")).data() == "1"
    _search(qtbot, browser, "is:zebra")
    assert "is:zebra is not a card state" in browser.status.text()


def test_typing_searches_after_a_pause(qtbot, main_window):
    browser = _open(qtbot, main_window)
    qtbot.keyClicks(browser.box, "treaty")
    qtbot.wait_until(lambda: _ids(browser) == ["where-signed"])


def test_sort_by_a_header_click_both_ways_and_remembered(qtbot, main_window):
    browser = _open(qtbot, main_window)
    _click_header(qtbot, browser, "question")
    assert _ids(browser) == ["begins-with", "where-signed", "who-wrote"]
    _click_header(qtbot, browser, "question")
    assert _ids(browser) == ["who-wrote", "where-signed", "begins-with"]
    browser.close()
    main_window.browser = None
    again = _open(qtbot, main_window)
    assert again is not browser and _ids(again) == ["who-wrote", "where-signed", "begins-with"]


def test_columns_are_chosen_from_the_header_menu_and_remembered(qtbot, main_window):
    browser = _open(qtbot, main_window)
    answer = COLUMN_KEYS.index("answer")
    due = COLUMN_KEYS.index("due")
    assert browser.table.isColumnHidden(answer) and not browser.table.isColumnHidden(due)
    menu = browser.column_menu()
    menu.actions()[answer].setChecked(True)
    menu.actions()[due].setChecked(False)
    assert not browser.table.isColumnHidden(answer) and browser.table.isColumnHidden(due)
    browser.close()
    main_window.browser = None
    again = _open(qtbot, main_window)
    assert not again.table.isColumnHidden(answer) and again.table.isColumnHidden(due)


def test_select_several_suspend_with_ctrl_j_then_ctrl_z(qtbot, main_window, library):
    browser = _open(qtbot, main_window)
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert browser.selected_rows() == [0, 1]
    assert "2 selected" in browser.status.text()
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_J, CTRL)
    assert sorted(library.review.suspended("tiny")) == [("tiny", "begins-with"), ("tiny", "where-signed")]
    state = COLUMN_KEYS.index("state")
    assert browser.model.index(0, state).data() == "new (suspended)"
    assert main_window.undo_action.text() == "&Undo Suspend Cards"
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert library.review.suspended("tiny") == []
    assert browser.model.index(0, state).data() == "new"
    with qtbot.wait_signal(main_window.operations.did_execute):  # all suspended: Ctrl+J brings them back
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(library.review.suspended("tiny")) == 2
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_J, CTRL)
    assert library.review.suspended("tiny") == []


def test_card_info_shows_history_curve_and_opens_the_section(qtbot, main_window, library, clock):
    _answer(library, "who-wrote", Rating.GOOD)
    clock.advance(days=2)
    _answer(library, "who-wrote", Rating.GOOD)
    browser = _open(qtbot, main_window)
    browser.select_rows([2])
    info = browser.info
    assert info.card.card_id == "who-wrote"
    assert info.history.toPlainText().count("Good") == 2
    assert len(info.curve.points) > 10 and len(info.curve.answers) == 2
    assert all(0 < r <= 1 for _, r in info.curve.points)
    info.section.linkActivated.emit("section")
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "second"


def test_the_table_model(qtmodeltester, library):
    model = CardTableModel(cards=library.cards)
    model.search("", guide_id=None)
    qtmodeltester.check(model)


def _state_rows(library) -> list[tuple]:
    return library.progress.database.execute(
        "SELECT card_id, state, due, phase, stability FROM card_state ORDER BY card_id").fetchall()


def test_forget_keeps_the_log_and_undo_redo_put_states_back(qtbot, main_window, library, clock):
    _answer(library, "where-signed", Rating.GOOD)
    _answer(library, "begins-with", Rating.EASY)
    before = _state_rows(library)
    browser = _open(qtbot, main_window)
    _search(qtbot, browser, "-is:new")
    browser.table.selectAll()
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    assert _state_rows(library) == []
    assert library.progress.review_count("tiny") == 2  # the answers stay in the log
    assert main_window.undo_action.text() == "&Undo Forget Cards"
    assert browser.model.index(0, COLUMN_KEYS.index("state")).data() == "new"
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _state_rows(library) == before
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert _state_rows(library) == []
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _state_rows(library) == before


def test_set_due_date_moves_studied_cards_and_undo_puts_it_back(qtbot, main_window, library, clock):
    _answer(library, "where-signed", Rating.EASY)
    before = _state_rows(library)
    browser = _open(qtbot, main_window)
    browser.table.selectAll()  # the new cards stay new
    with qtbot.wait_signal(main_window.operations.did_execute):
        browser.set_due(5)
    [(card, state, due, _phase, _stability)] = _state_rows(library)
    expected = (clock() + timedelta(days=5)).isoformat()
    assert (card, due) == ("where-signed", expected) and json.loads(state)["due"] == expected
    assert _ids_due(browser) == {"where-signed": (clock() + timedelta(days=5)).astimezone().strftime("%Y-%m-%d")}
    assert main_window.undo_action.text() == "&Undo Set Due Date"
    with qtbot.wait_signal(main_window.operations.did_execute):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _state_rows(library) == before


def _ids_due(browser) -> dict[str, str]:
    due = COLUMN_KEYS.index("due")
    return {browser.model.key(r)[1]: browser.model.index(r, due).data() for r in range(browser.model.rowCount())
            if browser.model.index(r, due).data()}
