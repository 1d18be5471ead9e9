"""An author's text colour stays readable on the card: in the dark theme an imported Anki card's
``<span style="color:#0000ff">blue</span>`` was dark blue on the dark card (2.2:1, looked at under Xvfb at
900x600). A colour under 3:1 against the card is moved towards the text colour until it reaches 4.5:1;
one that is readable already (red on white, 4:1) is drawn as the author chose it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

from studyguide.domain.guide import Card
from studyguide.ui.card_face import draw_faces
from studyguide.ui.focus_ring import contrast

BACK = ('<span style="color:#0000ff">blue</span>, <span style="color:#ffff00">yellow</span>, '
        '<span style="color:#ff0000">red</span>, <span style="color:#000000">black</span>')


def _themed(qtbot, main_window, flashcards, theme: str) -> None:
    """Switch to ``theme`` and wait until the card's labels have its palette (it reaches them later)."""
    from PySide6.QtWidgets import QApplication

    main_window.theme.set_theme(theme)
    wanted = QApplication.palette().color(QPalette.ColorRole.Base)
    qtbot.wait_until(lambda: flashcards.back.palette().color(QPalette.ColorRole.Base) == wanted)


def _colours(html: str) -> list[QColor]:
    return [QColor(found) for found in re.findall(r"color:(#[0-9a-fA-F]{6})", html)]


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_an_authors_colour_is_readable_on_the_card(qtbot, main_window, flashcards, theme) -> None:
    _themed(qtbot, main_window, flashcards, theme)
    draw_faces(flashcards.front, flashcards.back, Card(id="c", section_id="s", front="Colours", back=BACK))

    card = flashcards.back.palette().color(QPalette.ColorRole.Base)
    shown = _colours(flashcards.back.text())
    assert len(shown) == 4
    assert all(contrast(colour, card) >= 3.0 for colour in shown), [c.name() for c in shown]


def test_a_readable_colour_is_kept_as_written(qtbot, main_window, flashcards) -> None:
    _themed(qtbot, main_window, flashcards, "light")
    draw_faces(flashcards.front, flashcards.back, Card(id="c", section_id="s", front="Colours", back=BACK))

    names = [colour.name() for colour in _colours(flashcards.back.text())]
    assert "#0000ff" in names and "#ff0000" in names and "#000000" in names  # 8.6:1, 4:1, 21:1 on white
    assert "#ffff00" not in names  # 1.07:1 on white


@pytest.mark.parametrize(("first", "then"), [("light", "dark"), ("dark", "light")])
def test_a_card_shown_when_the_theme_changes_is_drawn_again_for_it(qtbot, main_window, flashcards, first,
                                                                    then) -> None:
    """(Its colours were worked out for the old theme's card until the next card.)"""
    _themed(qtbot, main_window, flashcards, first)
    draw_faces(flashcards.front, flashcards.back, Card(id="c", section_id="s", front="Colours", back=BACK))
    before = flashcards.back.text()

    _themed(qtbot, main_window, flashcards, then)
    card = flashcards.back.palette().color(QPalette.ColorRole.Base)
    qtbot.wait_until(lambda: flashcards.back.text() != before)
    assert all(contrast(colour, card) >= 3.0 for colour in _colours(flashcards.back.text()))
