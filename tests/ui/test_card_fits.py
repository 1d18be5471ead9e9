"""A long card fits the window: at 900x600 an imported Anki card's answer (a list, a table, a picture) made
the reviewer taller than the window, which grew to 613 px (looked at under Xvfb, light and dark). The card's
faces scroll inside the card instead."""

from __future__ import annotations


def test_a_long_answer_scrolls_inside_the_card_and_the_window_keeps_its_size(qtbot, flashcards, main_window) -> None:
    main_window.resize(900, 600)
    qtbot.wait_until(lambda: main_window.height() == 600)
    flashcards.reveal()
    flashcards.back.setText("\n".join(f"line {n} of a long answer" for n in range(40)))
    qtbot.wait(50)

    assert main_window.minimumSizeHint().height() <= 600
    assert main_window.height() == 600
    assert flashcards.back.visibleRegion().boundingRect().height() < flashcards.back.height()  # scrolled, not cut
