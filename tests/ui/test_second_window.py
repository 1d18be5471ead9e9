"""A second window (or process) on the same library: this window shows its answers when it is activated."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from studyguide.review.scheduler import Rating


def test_answers_saved_in_another_window_show_when_this_one_is_activated(main_window, make_library, qtbot) -> None:
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    first = main_window.flashcards.session.current.card.id
    due_before = main_window.review_actions.due_label.text()
    other = make_library().start_review("tiny")  # another window, or another process
    assert other.current.card.id == first
    other.reveal()
    other.answer(Rating.EASY)

    QApplication.sendEvent(main_window, QEvent(QEvent.Type.ActivationChange))

    assert main_window.flashcards.session.current.card.id != first
    qtbot.wait_until(lambda: main_window.review_actions.due_label.text() != due_before)
    # Nothing changed since: activating again reloads nothing.
    session = main_window.flashcards.session
    QApplication.sendEvent(main_window, QEvent(QEvent.Type.ActivationChange))
    assert main_window.flashcards.session is session


def test_ctrl_z_takes_back_this_windows_answer_not_the_newer_one_from_another_window(
        main_window, make_library, qtbot, clock) -> None:
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    mine = main_window.flashcards.session.current.card.id
    qtbot.keyClick(main_window.flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(main_window.flashcards, Qt.Key.Key_3)  # Good
    clock.advance(seconds=5)
    window_b = make_library()
    other = window_b.start_review("tiny")
    theirs = other.current.card.id
    assert theirs != mine
    other.reveal()
    other.answer(Rating.EASY)

    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert "Undone: Answer: Good" in main_window.statusBar().currentMessage()
    assert main_window.flashcards.session.current.card.id == mine
    assert window_b.progress.review_count("tiny", mine) == 0
    assert window_b.progress.review_count("tiny", theirs) == 1  # the other window's answer is kept
