"""The status bar: a message ("Imported ...: 12,000 cards, 50,000 answers.") takes the whole bar for its
few seconds, and the due counts come back after it (at 900 px the counts beside it cut it off)."""

from __future__ import annotations


def test_a_message_takes_the_whole_bar_and_the_due_counts_come_back(qtbot, main_window) -> None:
    main_window.resize(900, 600)
    bar, due = main_window.statusBar(), main_window.review_actions.due_label
    qtbot.wait_until(lambda: due.isVisible() and due.text().startswith("Due now"))

    bar.showMessage("Imported A Guide With A Long Title: 20 sections, 12,000 cards, 0 events, 50,000 answers.", 8000)
    qtbot.wait_until(lambda: not due.isVisible())
    assert bar.currentMessage().endswith("50,000 answers.")

    bar.clearMessage()
    qtbot.wait_until(due.isVisible)
    assert due.text().startswith("Due now")
