"""The card browser when a search finds nothing, and a card's review history at 900x600.

A search that found nothing said "Select a card to see its history." over an empty plot marked "Not
studied yet" (there was nothing to select, and no card was meant). A card's history table wrapped its
dates and its "Answered" title in the narrow pane ("2026-03-0 / 6 13:38", "Answere / d")."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.review.scheduler import Rating
from tests.ui.keyboard import open_browser


def _open(qtbot, main_window):
    main_window.resize(900, 600)
    browser = open_browser(qtbot, main_window)
    browser.resize(900, 600)
    return browser


def _search(qtbot, browser, text: str) -> None:
    browser.box.setText(text)
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)


def test_a_search_that_finds_nothing_says_so_and_shows_no_history(qtbot, main_window):
    browser = _open(qtbot, main_window)
    assert browser.info.curve.isVisible() and browser.info.history.isVisible()
    _search(qtbot, browser, "zzzz")
    assert browser.model.rowCount() == 0
    assert browser.info.title.text().startswith("No card matches \u201czzzz\u201d")
    assert not browser.info.curve.isVisible() and not browser.info.history.isVisible()
    _search(qtbot, browser, "")
    assert browser.info.card is not None and browser.info.curve.isVisible() and browser.info.history.isVisible()


def test_a_cards_history_keeps_each_answer_on_one_line(qtbot, main_window, library, clock):
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.HARD, Rating.GOOD):
        session = library.start_review("tiny")
        assert session.bring_to_front("who-wrote")
        session.reveal()
        session.answer(rating)
        clock.advance(days=2)
    browser = _open(qtbot, main_window)
    _search(qtbot, browser, "wrote")
    assert browser.info.card is not None and browser.info.card.card_id == "who-wrote"
    browser.splitter.setSizes([660, 240])  # the pane as the bundled guide's long questions leave it at 900 px
    qtbot.wait_until(lambda: browser.info.history.viewport().width() <= 230)
    document = browser.info.history.document()
    document.setTextWidth(browser.info.history.viewport().width())
    block, cells = document.begin(), {}
    while block.isValid():
        cells[block.text().replace("\xa0", " ")] = block.layout().lineCount()  # (nowrap makes spaces hard)
        block = block.next()
    dated = {text: lines for text, lines in cells.items() if text.endswith(" Mar 09:00")}
    assert len(dated) == 4 and "Answered" in cells
    assert set(dated.values()) == {1} and cells["Answered"] == 1, cells
    assert document.idealWidth() <= browser.info.history.viewport().width()  # and no sideways scrolling
