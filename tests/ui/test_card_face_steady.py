"""A card's text keeps its place when its faces' scroll bar comes and goes.

Seen (tour 9): since a long face scrolls inside the card, the centred question jumped left by half a scroll
bar's width as a long answer was revealed, and back on the next, short card.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea

LONG = "\n".join(f"line {n} of a long answer" for n in range(40))


def _settled(qtbot, read):
    """``read()`` once it returns the same over three rounds of events."""
    seen: list = []

    def still() -> bool:
        seen.append(read())
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]

    qtbot.wait_until(still)
    return seen[-1]


def _text_box(label, window) -> QRect:
    """Where ``label``'s text is drawn, in window coordinates (it is centred in the label)."""
    metrics = label.fontMetrics()
    inside = label.contentsRect()
    drawn = metrics.boundingRect(inside, int(label.alignment()) | int(label.wordWrap()) << 12, label.text())
    return QRect(label.mapTo(window, drawn.topLeft()), drawn.size())


@pytest.mark.parametrize("width", [900, 760])
def test_the_question_keeps_its_place_when_the_answer_needs_a_scroll_bar(qtbot, flashcards, main_window, width):
    main_window.resize(width, 600)
    qtbot.wait_until(lambda: main_window.width() == width)
    area = next(a for a in flashcards.findChildren(QScrollArea) if a.isAncestorOf(flashcards.front))
    bar = area.verticalScrollBar()
    flashcards.reveal()
    flashcards.back.setText("A short answer")
    short = _settled(qtbot, lambda: (_text_box(flashcards.front, main_window), bar.isVisibleTo(area)))
    assert not short[1]

    flashcards.back.setText(LONG)
    qtbot.wait_until(lambda: bar.isVisibleTo(area))
    long = _settled(qtbot, lambda: (_text_box(flashcards.front, main_window), bar.isVisibleTo(area)))

    assert long[0].x() == short[0].x() and long[0].width() == short[0].width()
    assert flashcards.back.width() == flashcards.front.width()

    flashcards.back.setText("A short answer again")
    qtbot.wait_until(lambda: not bar.isVisibleTo(area))
    again = _settled(qtbot, lambda: _text_box(flashcards.front, main_window))
    assert again.x() == short[0].x()


def test_the_faces_column_is_centred_in_the_card(qtbot, flashcards, main_window):
    main_window.resize(900, 600)
    qtbot.wait_until(lambda: main_window.width() == 900)
    area = next(a for a in flashcards.findChildren(QScrollArea) if a.isAncestorOf(flashcards.front))
    flashcards.reveal()
    flashcards.back.setText(LONG)
    qtbot.wait_until(lambda: area.verticalScrollBar().isVisibleTo(area))
    column = _settled(qtbot, lambda: QRect(area.viewport().mapTo(area, QPoint(0, 0)), area.viewport().size()))

    assert column.left() == area.width() - column.right() - 1  # the bar sits in the right gutter
    bar = area.verticalScrollBar()
    assert bar.mapTo(area, QPoint(0, 0)).x() >= column.right()  # beside the text, never over it
