"""Keyboard only: review five cards, find an event and open its section, search and open a hit.

Every step is a key press sent to the widget that has the focus, as a keyboard user's would
be: no clicks, no calls into the views.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studyguide import paths
from tests.ui.keyboard import focused, shown_active

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, make_library):
    from studyguide.ui.main_window import MainWindow

    main = MainWindow(library=make_library(bundled=paths.bundled_guide_database()))
    main.resize(900, 600)
    return shown_active(qtbot, main)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def test_review_five_cards_with_keys_alone(qtbot, window):
    press(qtbot, Qt.Key.Key_2, CTRL)
    flashcards = window.flashcards
    qtbot.wait_until(lambda: window.tabs.currentWidget() is flashcards)
    library = flashcards._library
    questions = []
    for rating in (Qt.Key.Key_3, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_3):
        questions.append(flashcards.front.text())
        press(qtbot, Qt.Key.Key_Space)
        assert flashcards.back.isVisible()
        with qtbot.wait_signal(flashcards.answer_recorded):
            press(qtbot, rating)
    assert library.progress.review_count(window.guide_id) == 5
    assert len(set(questions)) == 5


def test_find_an_event_on_the_timeline_and_open_its_section(qtbot, window):
    press(qtbot, Qt.Key.Key_3, CTRL)
    timeline = window.timeline
    qtbot.wait_until(lambda: focused() is timeline.canvas)
    with qtbot.wait_signal(timeline.event_selected) as selected:
        press(qtbot, Qt.Key.Key_Right)  # the first event
    event = next(e for e in timeline.events if e.id == selected.args[0])
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Left)  # and back to it
    assert timeline.style_.selected_id == event.id
    # Tab into the details: the first link is "Read the section".
    for _ in range(10):
        if focused() is timeline.details and timeline.details.textCursor().hasSelection():
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert "section:" in timeline.details.textCursor().charFormat().anchorHref()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.tabs.currentWidget() is window.sections)
    assert window.sections.current_section_id() == event.section_id


def test_search_and_open_a_hit_with_keys_alone(qtbot, window):
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is window.search.box
    with qtbot.wait_signal(window.search.results_shown, timeout=10_000):
        qtbot.keyClicks(focused(), "kind:card khrushchev letter")
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is window.search.results
    press(qtbot, Qt.Key.Key_Down)  # the second hit
    hit = window.search.results.currentIndex().data(window.search.model.HitRole)
    assert hit.kind == "card"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.tabs.currentWidget() is window.flashcards)
    assert window.flashcards._preview.id == hit.item_id  # that card, with its answer
    assert window.flashcards.back.isVisible()
    press(qtbot, Qt.Key.Key_Escape)  # back to the review
    assert not window.flashcards.back_to_review.isVisible()
