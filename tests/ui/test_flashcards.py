"""Flashcards view: Space reveals, 1-4 rate, answers are saved and survive a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studyguide.ui.main_window import MainWindow


@pytest.fixture
def flashcards(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    view = main_window.flashcards
    view.setFocus()
    return view


def test_shows_the_first_question_without_its_answer(flashcards):
    assert flashcards.front.text() == "Where was the treaty signed?"
    assert not flashcards.back.isVisible()
    assert flashcards.reveal_button.isVisible()
    assert not any(b.isVisible() for b in flashcards.rating_buttons.values())


def test_space_reveals_the_answer_and_rating_buttons(qtbot, flashcards):
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    assert flashcards.back.isVisible()
    assert flashcards.back.text() == "In Paris."
    assert all(b.isVisible() for b in flashcards.rating_buttons.values())
    # Each button shows the interval it would give.
    assert "\u00b7" in flashcards.rating_buttons[3].text()


def test_rating_key_before_reveal_is_ignored(qtbot, flashcards, library):
    qtbot.keyClick(flashcards, Qt.Key.Key_3)
    assert library.progress.review_count("tiny") == 0
    assert flashcards.front.text() == "Where was the treaty signed?"


def test_space_then_3_saves_one_review_and_shows_the_next_card(qtbot, flashcards, library):
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    with qtbot.wait_signal(flashcards.answer_recorded) as blocker:
        qtbot.keyClick(flashcards, Qt.Key.Key_3)
    assert blocker.args == [3]
    assert library.progress.review_count("tiny", "where-signed") == 1
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert not flashcards.back.isVisible()


def test_clicking_the_buttons_works_like_the_keys(qtbot, flashcards, library):
    qtbot.mouseClick(flashcards.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(flashcards.rating_buttons[4], Qt.MouseButton.LeftButton)
    assert library.progress.review_count("tiny", "where-signed") == 1
    assert library.progress.card_states("tiny")["where-signed"].state["state"] == 2  # Review


def test_ratings_survive_a_restart(qtbot, flashcards, make_library, clock):
    for _ in range(3):
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_4)
    assert flashcards.front.text() == "All caught up."
    reopened = make_library()
    window = MainWindow(library=reopened)
    qtbot.add_widget(window)
    window.show()
    window.tabs.setCurrentWidget(window.flashcards)
    assert reopened.progress.review_count("tiny") == 3
    assert window.flashcards.front.text() == "All caught up."
    clock.advance(days=30)
    window.flashcards.refresh()
    assert window.flashcards.session.counts().review == 3


def test_undo_restores_the_card_and_removes_the_review(qtbot, main_window, flashcards, library):
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(flashcards, Qt.Key.Key_1)
    assert library.progress.review_count("tiny") == 1
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.progress.review_count("tiny") == 0
    assert flashcards.front.text() == "Where was the treaty signed?"


def test_source_link_opens_the_section(qtbot, main_window, flashcards):
    flashcards.source.linkActivated.emit("section:first")
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "first"
