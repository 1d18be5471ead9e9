"""G in the reviewer reads the section the card comes from, as its "From" link does with the mouse.

A student who never touches the mouse could not follow the card's "From <section>" link: Tab never
reaches it (Space and Enter belong to the reviewer), and no menu entry or key did it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.keyboard import choose_with_keys


def test_g_opens_the_cards_section_and_ctrl_2_comes_back_to_the_card(qtbot, main_window, flashcards):
    card = flashcards.session.current.card
    qtbot.keyClick(flashcards, Qt.Key.Key_G)
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == card.section_id
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.tabs.currentWidget() is flashcards
    assert flashcards.session.current.card.id == card.id


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # menus, offscreen
def test_the_review_menu_names_the_key_and_reads_the_section(qtbot, main_window, flashcards):
    card = flashcards.session.current.card
    actions = [a for a in main_window.menuBar().findChildren(type(main_window.menuBar().actions()[0]))
               if a.text().startswith("Read the Card's Section")]
    assert len(actions) == 1 and actions[0].text().endswith("\tG")
    choose_with_keys(qtbot, main_window, actions[0])
    qtbot.wait_until(lambda: main_window.tabs.currentWidget() is main_window.sections)
    assert main_window.sections.current_section_id() == card.section_id
