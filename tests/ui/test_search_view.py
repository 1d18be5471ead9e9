"""Search view: results as you type, keyboard navigation, opening hits, odd input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def search(qtbot, main_window):
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.tabs.currentWidget() is main_window.search
    assert main_window.search.box.hasFocus()
    return main_window.search


def _type(qtbot, search, text: str) -> int:
    with qtbot.wait_signal(search.results_shown, timeout=2000) as blocker:
        qtbot.keyClicks(search.box, text)
    return blocker.args[0]


def test_typing_shows_matching_results(qtbot, search):
    assert _type(qtbot, search, "treaty") >= 2
    kinds = {search.model.index(r, 0).data(search.model.HitRole).kind for r in range(search.model.rowCount())}
    assert kinds == {"section", "card"}


def test_results_update_as_you_type_with_prefixes(qtbot, search):
    assert _type(qtbot, search, "Khrush") >= 1
    hit = search.model.index(0, 0).data(search.model.HitRole)
    assert "Khrushchev" in hit.title + hit.snippet


def test_arrow_keys_and_enter_open_a_card(qtbot, main_window, search):
    _type(qtbot, search, "paris")
    qtbot.keyClick(search.box, Qt.Key.Key_Down)
    assert search.results.hasFocus()
    rows = [search.model.index(r, 0).data(search.model.HitRole) for r in range(search.model.rowCount())]
    card_row = next(r for r, hit in enumerate(rows) if hit.kind == "card")
    search.results.setCurrentIndex(search.model.index(card_row, 0))
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is main_window.flashcards
    assert main_window.flashcards.front.text() == "Where was the treaty signed?"
    assert main_window.flashcards.back.text() == "In Paris."


def test_clicking_a_section_hit_opens_it_highlighted(qtbot, main_window, search):
    _type(qtbot, search, "negotiation")
    row = next(r for r in range(search.model.rowCount())
               if search.model.index(r, 0).data(search.model.HitRole).kind == "section")
    rect = search.results.visualRect(search.model.index(row, 0))
    qtbot.mouseClick(search.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "first"


def test_event_hit_opens_the_timeline(qtbot, main_window, search):
    _type(qtbot, search, "seasonal")
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is main_window.timeline
    assert main_window.timeline.selected_event_id == "season-event"


@pytest.mark.parametrize("text", ['"unbalanced', "AND", "*", "-", "OR OR", "a AND (b", "NEAR(", "\U0001f600", "x" * 3000])
def test_odd_input_never_shows_an_error(qtbot, monkeypatch, search, text):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))
    search.box.setText(text)
    search.run_query()
    assert shown == []
    assert search.status.text()


def test_no_match_says_so(qtbot, search):
    assert _type(qtbot, search, "zebra") == 0
    assert "No matches" in search.status.text()
