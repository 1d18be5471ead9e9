"""The card browser searches and sorts on a worker thread: typing stays responsive, a newer
query wins over a slower older one, and the selected card stays selected."""

from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, Qt

from studyguide.domain.card_filter import COLUMN_KEYS
from tests.ui.keyboard import open_browser

CTRL = Qt.KeyboardModifier.ControlModifier


class _GatedFinder:
    """Wraps the real finder: records the thread, and holds ``text`` until ``release`` is set."""

    def __init__(self, real, hold: str, started: threading.Event, release: threading.Event, seen: list) -> None:
        self._real, self._hold, self._started, self._release, self._seen = real, hold, started, release, seen

    def find(self, text, **kwargs):
        self._seen.append((text, threading.current_thread()))
        if text == self._hold:
            self._started.set()
            assert self._release.wait(10)
        return self._real.find(text, **kwargs)


def _open(qtbot, main_window):
    return open_browser(qtbot, main_window)


def _ids(browser) -> list[str]:
    return [browser.model.key(r)[1] for r in range(browser.model.rowCount())]


def test_a_newer_query_wins_over_a_slow_older_one_and_typing_goes_on(qtbot, main_window, library, monkeypatch):
    browser = _open(qtbot, main_window)
    started, release, seen = threading.Event(), threading.Event(), []
    real = library.cards.finder
    monkeypatch.setattr(library.cards, "finder", lambda: _GatedFinder(real(), "treaty", started, release, seen))
    shown: list[int] = []
    browser.results_shown.connect(shown.append)
    browser.box.setText("treaty")
    browser.search()
    qtbot.wait_until(started.is_set)  # the worker is stuck in the old query...
    browser.box.clear()
    qtbot.keyClicks(browser.box, "is:new")  # ...and the window still takes keys
    assert browser.box.text() == "is:new"
    assert browser.finding.pending
    with qtbot.wait_signal(browser.results_shown) as blocker:
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)
        release.set()
    assert blocker.args == [3]
    assert _ids(browser) == ["where-signed", "begins-with", "who-wrote"]
    assert shown == [3]  # the old query's result ("treaty": 1 card) was dropped, never shown
    assert all(thread is not threading.main_thread() for _text, thread in seen)
    assert [text for text, _ in seen] == ["treaty", "is:new"]


def test_sorting_keeps_the_selected_cards_and_the_current_one(qtbot, main_window):
    browser = _open(qtbot, main_window)
    assert _ids(browser) == ["where-signed", "begins-with", "who-wrote"]
    browser.select_rows([2, 0])  # who-wrote current, where-signed also selected
    header = browser.table.horizontalHeader()
    column = COLUMN_KEYS.index("question")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.wait_signal(browser.results_shown):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert _ids(browser) == ["begins-with", "where-signed", "who-wrote"]
    assert [browser.model.key(r)[1] for r in browser.selected_rows()] == ["where-signed", "who-wrote"]
    assert browser.model.key(browser.table.currentIndex().row())[1] == "who-wrote"
    assert browser.info.card is not None and browser.info.card.card_id == "who-wrote"


def test_a_search_keeps_the_current_card_when_it_is_still_found(qtbot, main_window):
    browser = _open(qtbot, main_window)
    browser.select_rows([2])
    with qtbot.wait_signal(browser.results_shown):
        browser.box.setText("is:new")
        browser.search()
    assert browser.model.key(browser.table.currentIndex().row())[1] == "who-wrote"
    browser.select_rows([0])
    with qtbot.wait_signal(browser.results_shown):  # the current card is not found: the first row is current
        browser.box.setText("who")
        browser.search()
    assert browser.table.currentIndex().row() == 0 and browser.selected_rows() == [0]


def _search_held_for_treaty(qtbot, main_window, library, monkeypatch):
    """The browser with a search for "treaty" started and held on its worker until ``release`` is set;
    the rows the browser reads are recorded in ``rows_read``."""
    browser = _open(qtbot, main_window)
    started, release, seen = threading.Event(), threading.Event(), []
    real = library.cards.finder
    monkeypatch.setattr(library.cards, "finder", lambda: _GatedFinder(real(), "treaty", started, release, seen))
    rows_read: list = []
    real_rows = library.cards.rows
    monkeypatch.setattr(library.cards, "rows", lambda keys: rows_read.append(keys) or real_rows(keys))
    browser.box.setText("treaty")
    browser.search()
    qtbot.wait_until(started.is_set)
    return browser, release, rows_read


def test_a_result_arriving_after_the_browser_closed_is_dropped_and_found_again_on_reopening(
        qtbot, main_window, library, monkeypatch):
    browser, release, rows_read = _search_held_for_treaty(qtbot, main_window, library, monkeypatch)
    browser.close()  # e.g. the app quitting, its library about to close
    release.set()
    qtbot.wait_until(lambda: not browser.finding.pending)
    assert rows_read == []  # nothing was read for a window nobody sees
    assert _ids(browser) == ["where-signed", "begins-with", "who-wrote"]  # still the old list
    with qtbot.wait_signal(browser.results_shown):
        main_window.browse()
    assert _ids(browser) == ["where-signed"]


def test_a_result_arriving_after_the_main_window_closed_reads_nothing(qtbot, main_window, library, monkeypatch):
    browser, release, rows_read = _search_held_for_treaty(qtbot, main_window, library, monkeypatch)
    main_window.close()  # the app quitting: its library closes next
    release.set()
    qtbot.wait_until(lambda: not browser.finding.pending)
    assert rows_read == []
