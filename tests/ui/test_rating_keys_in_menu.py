"""The Review menu names the rating keys (Again 1, Hard 2, Good 3, Easy 4) and rates from the menu.

A student who never touches the mouse found Show Answer (Space), Edit Card (E) and Suspend Card (S) in the
Review menu, but no word of how to answer: the keys 1-4 were said only in the buttons' tooltips."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from studyguide.review.scheduler import Rating
from tests.conftest import answers_logged
from tests.ui.keyboard import choose_with_keys


def _review_menu(main_window):
    return next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&Review")


def test_the_review_menu_lists_each_rating_with_its_key(main_window):
    texts = [a.text() for a in _review_menu(main_window).actions()]
    show = texts.index("Show Answer\tSpace")
    assert texts[show + 1:show + 5] == [f"Answer {r.label}\t{int(r)}" for r in Rating]


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # menus, offscreen
def test_good_chosen_from_the_menu_answers_the_card(qtbot, main_window, flashcards, library):
    flashcards.reveal()
    shown = flashcards.session.current.card.id
    good = next(a for a in _review_menu(main_window).findChildren(QAction) if a.text() == "Answer Good\t3")
    choose_with_keys(qtbot, main_window, good)
    qtbot.wait_until(lambda: answers_logged(library.progress.path, "tiny") == 1)
    assert flashcards.session.current is None or flashcards.session.current.card.id != shown
