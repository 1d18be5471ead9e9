"""Flashcards view: Space reveals, 1-4 rate, answers are saved and survive a restart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.domain.review import ReviewSettings
from studyguide.ui.main_window import MainWindow
from studyguide.ui.review_dialogs import SuspendedCardsDialog


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
    assert "3 answers, 3 cards" in flashcards.back.text() and "0 forgotten" in flashcards.back.text()
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
    qtbot.wait_until(lambda: "2 new" in main_window.review_actions.due_label.text())  # read after the repaint


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
    qtbot.wait_until(lambda: label.text().startswith("Due now: 2 new"))  # read after the repaint


def test_section_counts_catch_up_when_the_list_is_shown_again(qtbot, main_window, flashcards):
    model = main_window.sections.model
    # Counted on the task runner.
    qtbot.wait_until(lambda: model.index(0, 0).data(model.CountsRole) == "2 new")
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(flashcards, Qt.Key.Key_4)
    with qtbot.wait_signal(main_window.sections.counts_updated, timeout=10_000):
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


def _answer(qtbot, flashcards, key=Qt.Key.Key_4, times=1):
    for _ in range(times):
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, key)


def test_undo_after_an_answer_keeps_the_session_counts(qtbot, main_window, flashcards, library):
    library.review.save_settings(ReviewSettings(new_per_day=2))
    flashcards.refresh()
    _answer(qtbot, flashcards, times=2)
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "New 1" in flashcards.counts.text()
    qtbot.wait_until(lambda: "1 new" in main_window.review_actions.due_label.text())
    _answer(qtbot, flashcards)
    assert flashcards.front.text() == "Session complete."


def test_ctrl_z_after_s_brings_the_suspended_card_back(qtbot, main_window, flashcards, library):
    _answer(qtbot, flashcards)
    qtbot.keyClick(flashcards, Qt.Key.Key_S)
    assert flashcards.front.text() == "Who wrote the letter?"
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert library.progress.review_count("tiny") == 1
    assert library.suspended_cards("tiny") == []
    assert "Undone: Suspend" in main_window.statusBar().currentMessage()


def test_the_summary_counts_every_answer_of_the_sitting(qtbot, main_window, flashcards):
    _answer(qtbot, flashcards, times=2)
    main_window.study_section("second")  # a new session over one section
    _answer(qtbot, flashcards)
    assert flashcards.front.text() == "Session complete."
    assert flashcards.back.text().startswith("3 answers, 3 cards in under a minute")


def test_a_section_review_offers_the_whole_guide(qtbot, main_window, flashcards):
    assert not flashcards.whole_guide.isVisible()
    main_window.study_section("second")
    assert flashcards.front.text() == "Who wrote the letter?"
    assert flashcards.whole_guide.isVisible()
    qtbot.mouseClick(flashcards.whole_guide, Qt.MouseButton.LeftButton)
    assert flashcards.scope.text() == "Reviewing the whole guide"
    assert not flashcards.whole_guide.isVisible()
    assert flashcards.session.counts().new == 3


def test_cards_that_fall_due_are_offered_without_a_restart(qtbot, flashcards, clock):
    _answer(qtbot, flashcards, times=3)
    assert flashcards.front.text() == "Session complete."
    next_due = flashcards.session.summary().next_due
    timer = flashcards.end_actions.timer
    assert timer.isActive() and timer.interval() == 3_600_000  # at most an hour
    clock.now = next_due - timedelta(milliseconds=500)
    qtbot.mouseClick(flashcards.end_actions.check_again_button, Qt.MouseButton.LeftButton)
    assert flashcards.front.text() == "Session complete."  # not yet due
    assert 1000 <= timer.interval() <= 1600  # checks again just after it falls due
    clock.now = next_due
    qtbot.wait_until(lambda: flashcards.front.text() == "Where was the treaty signed?", timeout=5000)
    assert not timer.isActive()


def test_check_again_shows_cards_that_fell_due(qtbot, flashcards, clock):
    _answer(qtbot, flashcards, times=3)
    clock.advance(days=30)
    qtbot.mouseClick(flashcards.end_actions.check_again_button, Qt.MouseButton.LeftButton)
    assert flashcards.front.text() == "Where was the treaty signed?"
    assert "Due 3" in flashcards.counts.text()


def test_the_limit_of_new_cards_is_explained_and_can_be_raised_today(qtbot, main_window, flashcards, library):
    library.review.save_settings(ReviewSettings(new_per_day=1))
    main_window.study_section("first")
    _answer(qtbot, flashcards)
    assert "Today's limit of 1 new card is reached; 1 more waits in this section." in flashcards.back.text()
    assert flashcards.end_actions.study_more_button.isVisible()
    assert flashcards.end_actions.study_more_button.text() == "Study 1 more new card today"
    qtbot.mouseClick(flashcards.end_actions.study_more_button, Qt.MouseButton.LeftButton)
    assert flashcards.front.text() == "What does negotiation begin with?"
    qtbot.wait_until(lambda: "1 new" in main_window.review_actions.due_label.text())
    assert library.review.new_limit_today("tiny") == 2


# The offscreen platform cannot raise the picker's popup or grab the keyboard for it; harmless.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_space_reveals_after_a_guide_is_picked_with_the_mouse(qtbot, make_library):
    library, window = _bundled_and_tiny_window(qtbot, make_library)
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    window.tabs.setCurrentWidget(window.flashcards)
    picker = window.guide_picker
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton)  # opens the list of guides
    view = picker.view()
    qtbot.wait_until(view.isVisible)
    assert picker.findData("tiny") == picker.currentIndex() + 1
    # Pick the next guide in the open list (Qt ignores a mouse release right after the list opens).
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.guide_id == "tiny")
    assert QApplication.focusWidget() is picker  # where the mouse left the focus
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the key goes to the focus widget, the picker
    assert window.flashcards.back.isVisible() and window.flashcards.back.text() == "In Paris."
    assert not view.isVisible()


def test_suspended_cards_are_listed_and_unsuspended_from_the_review_menu(qtbot, main_window, flashcards, library):
    qtbot.keyClick(flashcards, Qt.Key.Key_S)
    assert flashcards.front.text() == "What does negotiation begin with?"
    review_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&Review")
    entry = next(a for a in review_menu.actions() if a.text() == "Suspended &Cards\u2026")
    entry.trigger()
    (dialog,) = main_window.findChildren(SuspendedCardsDialog)
    assert dialog.isVisible()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("Where was the treaty signed?")
    with qtbot.wait_signal(dialog.unsuspended):
        qtbot.mouseClick(dialog.unsuspend_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0 and not dialog.unsuspend_button.isEnabled()
    assert library.suspended_cards() == []
    assert flashcards.front.text() == "Where was the treaty signed?"  # back in the queue at once
    qtbot.wait_until(lambda: "3 new" in main_window.review_actions.due_label.text())
    dialog.close()


def test_deleting_the_guide_under_review_shows_the_next_one(qtbot, make_library):
    library, window = _bundled_and_tiny_window(qtbot, make_library)
    window.guide_picker.setCurrentIndex(window.guide_picker.findData("tiny"))
    window.tabs.setCurrentWidget(window.flashcards)
    assert window.flashcards.front.text() == "Where was the treaty signed?"
    with qtbot.wait_signal(window.operations.did_execute, timeout=10_000):
        window.guide_actions.delete_guide(confirmed=True)
    assert window.guide_id == "cuban-missile-crisis"
    assert window.flashcards.session.guide_id == "cuban-missile-crisis"


def test_ctrl_z_from_another_view_before_the_reviewer_was_shown(qtbot, make_library):
    first = make_library()
    session = first.start_review("tiny")
    session.reveal()
    session.answer(3)
    first.close()
    window = MainWindow(library=make_library())
    qtbot.add_widget(window)
    window.show()
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    assert window.tabs.currentWidget() is window.sections
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.flashcards
    assert window.flashcards.front.text() == "Where was the treaty signed?"
    assert "Undone: Answer: Good" in window.statusBar().currentMessage()


def _bundled_and_tiny_window(qtbot, make_library):
    """A shown window on a library holding the bundled guide and the tiny test guide."""
    from conftest import DATA

    from studyguide import paths
    from studyguide.guides.importing import read_file

    library = make_library(bundled=paths.bundled_guide_database())
    library.install_guide(read_file(DATA / "tiny-guide.md").guide)
    library.reload_guides()
    window = MainWindow(library=library)
    qtbot.add_widget(window)
    window.show()
    return library, window
