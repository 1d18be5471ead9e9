"""An event's details list the first cards of its section as links: one opens that card in Flashcards.

From the timeline a student could review the whole section, but the cards listed under it were plain
text: the one that caught the eye could not be opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor


def _click(qtbot, browser, text: str) -> None:
    found = browser.document().find(text)
    assert not found.isNull(), browser.toPlainText()
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 1)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(inside).center())


def test_a_listed_card_opens_in_flashcards_with_its_answer(qtbot, main_window):
    timeline = main_window.timeline
    main_window.tabs.setCurrentWidget(timeline)
    timeline.select_event("season-event")
    details = timeline.details
    assert "What does negotiation begin with?" in details.toPlainText()
    _click(qtbot, details, "What does negotiation begin with?")
    flashcards = main_window.flashcards
    qtbot.wait_until(lambda: main_window.tabs.currentWidget() is flashcards)
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert flashcards.back.text() == "Patience." and flashcards.back.isVisible()
