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
    assert flashcards.front.text() == "Session complete."
    assert "3 cards reviewed" in flashcards.back.text() and "0 forgotten" in flashcards.back.text()
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


def test_s_suspends_the_card(qtbot, main_window, flashcards, library):
    qtbot.keyClick(flashcards, Qt.Key.Key_S)
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert library.start_review("tiny").counts().new == 2
    assert "2 new" in main_window.review_actions.due_label.text()


def test_e_edits_the_card_in_place(qtbot, monkeypatch, flashcards, library):
    from studyguide.ui.review_dialogs import CardEditDialog

    def accept(dialog):
        dialog.front.setPlainText("Which city saw the signing?")
        dialog.back.setPlainText("Paris")
        return CardEditDialog.DialogCode.Accepted

    monkeypatch.setattr(CardEditDialog, "exec", accept)
    qtbot.keyClick(flashcards, Qt.Key.Key_E)
    assert flashcards.front.text() == "Which city saw the signing?"
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    assert flashcards.back.text() == "Paris"
    qtbot.keyClick(flashcards, Qt.Key.Key_3)
    assert library.progress.review_count("tiny", "where-signed") == 1


def test_due_counts_in_the_status_bar_follow_answers(qtbot, main_window, flashcards):
    label = main_window.review_actions.due_label
    assert label.text().startswith("Due now: 3 new")
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(flashcards, Qt.Key.Key_4)
    assert label.text().startswith("Due now: 2 new")


def test_section_counts_catch_up_when_the_list_is_shown_again(qtbot, main_window, flashcards):
    model = main_window.sections.model
    assert model.index(0, 0).data(model.CountsRole) == "2 new"
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(flashcards, Qt.Key.Key_4)
    main_window.tabs.setCurrentWidget(main_window.sections)
    assert model.index(0, 0).data(model.CountsRole) == "1 new"


def test_a_card_opened_from_search_shows_the_learners_wording(qtbot, monkeypatch, main_window, flashcards):
    from studyguide.ui.review_dialogs import CardEditDialog

    def accept(dialog):
        dialog.front.setPlainText("Which city saw the signing?")
        return CardEditDialog.DialogCode.Accepted

    monkeypatch.setattr(CardEditDialog, "exec", accept)
    qtbot.keyClick(flashcards, Qt.Key.Key_E)
    main_window.open_card("where-signed")
    assert flashcards.front.text() == "Which city saw the signing?"
    assert flashcards.back.text() == "In Paris."
