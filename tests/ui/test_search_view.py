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
    assert main_window.flashcards.back.text().replace(
        "<b style='background-color:#ffd60a; color:#1a1a1a'>Paris</b>", "Paris") == "In Paris."


def test_clicking_a_section_hit_opens_it_highlighted(qtbot, main_window, search):
    _type(qtbot, search, "negotiation")
    row = next(r for r in range(search.model.rowCount())
               if search.model.index(r, 0).data(search.model.HitRole).kind == "section")
    rect = search.results.visualRect(search.model.index(row, 0))
    qtbot.mouseClick(search.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "first"


def test_down_from_the_box_goes_to_the_first_result(qtbot, search):
    assert _type(qtbot, search, "treaty") >= 2
    qtbot.keyClick(search.box, Qt.Key.Key_Down)
    assert search.results.hasFocus()
    assert search.results.currentIndex().row() == 0
    qtbot.keyClick(search.results, Qt.Key.Key_Down)
    assert search.results.currentIndex().row() == 1


def test_event_hit_opens_the_timeline(qtbot, main_window, search):
    _type(qtbot, search, "seasonal")
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert main_window.tabs.currentWidget() is main_window.timeline
    assert main_window.timeline.selected_event_id == "season-event"


@pytest.mark.parametrize("text", ['"unbalanced', "AND", "*", "-", "OR OR", "a AND (b", "NEAR(", "\U0001f600",
                                  "x" * 3000])
def test_odd_input_never_shows_an_error(qtbot, monkeypatch, search, text):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))
    with qtbot.wait_signal(search.results_shown, timeout=5000):
        search.box.setText(text)
    assert shown == []
    assert search.status.text() and "unavailable" not in search.status.text()


def test_no_match_says_so(qtbot, search):
    assert _type(qtbot, search, "zebra") == 0
    assert "No matches" in search.status.text()


def test_a_misspelt_word_shows_the_suggestions_results_at_once(qtbot, search):
    assert _type(qtbot, search, "Krushchev") >= 1
    assert "Showing results for <b>Khrushchev</b>" in search.status.text()
    assert search.box.text() == "Krushchev"
    hit = search.model.index(0, 0).data(search.model.HitRole)
    assert "Khrushchev" in hit.title + hit.snippet
    assert search.results.currentIndex().row() == 0


def test_the_text_as_typed_can_be_searched_instead_and_enter_applies_the_suggestion(qtbot, search):
    _type(qtbot, search, "traety ")
    assert search.model.rowCount() == 2
    with qtbot.wait_signal(search.results_shown, timeout=2000) as blocker:
        search.status.linkActivated.emit("as-typed")
    assert blocker.args[0] == 0
    assert "No matches" in search.status.text() and "Did you mean" in search.status.text()
    with qtbot.wait_signal(search.results_shown, timeout=2000) as blocker:
        qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert search.box.text() == "treaty "
    assert blocker.args[0] == 2


def test_filters_work_in_the_box(qtbot, search):
    assert _type(qtbot, search, "kind:card treaty") == 1
    assert search.model.index(0, 0).data(search.model.HitRole).item_id == "where-signed"


def test_searches_run_off_the_ui_thread(qtbot, monkeypatch, search):
    import threading

    from studyguide.search.engine import SearchEngine

    threads = []
    original = SearchEngine.search

    def recording(self, text, **kwargs):
        threads.append(threading.current_thread())
        return original(self, text, **kwargs)

    monkeypatch.setattr(SearchEngine, "search", recording)
    _type(qtbot, search, "treaty")
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_stale_results_are_dropped(qtbot, search):
    _type(qtbot, search, "treaty")
    rows = search.model.rowCount()
    old = search._library.search.search("the", limit=50)
    assert len(old.hits) != rows
    with qtbot.assert_not_emitted(search.results_shown):
        search._on_finished(search._generation - 1, old)  # an older request finishing late
    assert search.model.rowCount() == rows


def test_many_matches_say_how_many_and_show_the_best(qtbot, monkeypatch, search):
    # Every query is ranked: more matches than are shown gives the exact count and the best hits.
    monkeypatch.setattr("studyguide.ui.search.LIMIT", 2)
    total = search._library.search.search("the", limit=1).total
    assert total > 2
    assert _type(qtbot, search, "the ") == 2
    assert f"{total:,} matches, the best 2 shown." in search.status.text()


def test_an_unavailable_index_is_a_message(qtbot, monkeypatch, search):
    from studyguide.search.engine import SearchEngine
    from studyguide.store.errors import StoreUnavailable

    def broken(self):
        raise StoreUnavailable("The guide database is gone.")

    monkeypatch.setattr(SearchEngine, "for_this_thread", broken)
    assert _type(qtbot, search, "treaty") == 0
    assert "unavailable" in search.status.text() and "gone" in search.status.text()


def test_changed_guides_search_again(qtbot, search):
    from studyguide.domain.changes import Changes

    _type(qtbot, search, "treaty")
    with qtbot.wait_signal(search.results_shown, timeout=2000):
        search.on_changes(Changes(search_index=True), initiator=None)


def test_highlighted_html_marks_word_forms_and_escapes():
    from studyguide.search.engine import MARK_START
    from studyguide.ui.search import highlighted_html

    marked = highlighted_html("Negotiations <began> in Paris; negotiate!", ["negotiate", "paris"])
    assert marked.count("<b ") == 3
    assert "&lt;began&gt;" in marked and MARK_START not in marked
    assert highlighted_html("a < b", []) == "a &lt; b"


def test_opening_a_card_hit_marks_the_searched_words(qtbot, main_window, search):
    _type(qtbot, search, "paris")
    row = next(r for r in range(search.model.rowCount())
               if search.model.index(r, 0).data(search.model.HitRole).kind == "card")
    search.results.setCurrentIndex(search.model.index(row, 0))
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    back = main_window.flashcards.back
    assert back.textFormat() == Qt.TextFormat.RichText
    assert "<b style=" in back.text() and ">Paris</b>" in back.text()
    # Back to the review: plain text again, no marks.
    main_window.flashcards.end_preview()
    assert main_window.flashcards.front.textFormat() == Qt.TextFormat.PlainText


def _set(qtbot, search, text: str) -> int:
    with qtbot.wait_signal(search.results_shown, timeout=2000) as blocker:
        search.box.setText(text)
    return blocker.args[0]


def test_a_bad_card_filter_says_what_is_wrong(qtbot, search):
    assert _type(qtbot, search, "is:zebra") == 0
    assert "is:zebra is not a card state" in search.status.text()
    assert _set(qtbot, search, "treaty is:zebra") > 0
    assert "is:zebra is not a card state" in search.status.text()


def test_card_state_filters_narrow_the_search_view(qtbot, search):
    assert _type(qtbot, search, "treaty") > 1
    assert _set(qtbot, search, "treaty is:new") == 1
    assert search.model.index(0, 0).data(search.model.HitRole).kind == "card"
