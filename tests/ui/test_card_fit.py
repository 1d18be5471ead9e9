"""The reviewer's card gives a short card the room it has (``ui/card_fit.py``). At 200% text in 900x600 the faces
had 192 px of a 290 px card: a three-line question and a one-line answer scrolled, the answer below the fold."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea

from studyguide.review.scheduler import Rating
from studyguide.ui.card_fit import TIGHT_MARGIN

SHORT_CARDS = ["castro-asked-conventional", "u2-pilot-killed"]


def _area(flashcards) -> QScrollArea:
    area = flashcards.findChild(QScrollArea)
    assert area is not None
    return area


def _reviewing(qtbot, window, percent: int):
    window.text_size.set_percent(percent)
    window.tabs.setCurrentWidget(window.flashcards)
    qtbot.wait_until(lambda: window.flashcards.session is not None)
    return window.flashcards


def _fitted(flashcards) -> bool:
    fit = flashcards.card_fit
    return not fit._timer.isActive() and fit._fitted == fit._state()


@pytest.mark.parametrize("card_id", SHORT_CARDS)
def test_at_200_percent_in_900_by_600_a_short_cards_answer_does_not_scroll(qtbot, crisis_900, card_id) -> None:
    flashcards = _reviewing(qtbot, crisis_900, 200)
    assert flashcards.show_card(card_id)
    area = _area(flashcards)
    qtbot.wait_until(lambda: _fitted(flashcards) and not area.verticalScrollBar().isVisible())
    app_points = QApplication.font().pointSizeF()
    assert flashcards.front.font().pointSizeF() >= 1.25 * app_points - 0.01  # still larger than the text around
    assert flashcards.back.font().pointSizeF() >= app_points - 0.01
    assert crisis_900.size().toTuple() == (900, 600)


def test_at_200_percent_the_questions_of_a_session_do_not_scroll(qtbot, crisis_900) -> None:
    flashcards = _reviewing(qtbot, crisis_900, 200)
    area = _area(flashcards)
    for _ in range(3):  # three questions and their answers, as a learner meets them
        assert len(flashcards.front.text()) < 80 and len(flashcards.back.text()) < 80, "short cards"
        qtbot.wait_until(lambda: _fitted(flashcards) and not area.verticalScrollBar().isVisible())
        flashcards.reveal()
        qtbot.wait_until(lambda: _fitted(flashcards) and not area.verticalScrollBar().isVisible())
        with qtbot.wait_signal(flashcards.answer_recorded):
            flashcards.answer(Rating.GOOD)


def test_at_100_percent_a_short_card_is_drawn_as_before(qtbot, crisis_900) -> None:
    flashcards = _reviewing(qtbot, crisis_900, 100)
    assert flashcards.show_card(SHORT_CARDS[0])
    qtbot.wait_until(lambda: _fitted(flashcards))
    assert flashcards.card_fit.scale == 1.0
    card_layout = flashcards.card_fit._layout
    assert card_layout.contentsMargins().top() == 32 and card_layout.contentsMargins().bottom() == 32
    assert not _area(flashcards).verticalScrollBar().isVisible()


def test_a_long_answer_keeps_its_full_size_and_scrolls(qtbot, crisis_900) -> None:
    """Shrinking only helps a card it makes fit: a long one is read at its full size, scrolled."""
    flashcards = _reviewing(qtbot, crisis_900, 200)
    assert flashcards.show_card(SHORT_CARDS[0])
    qtbot.wait_until(lambda: _fitted(flashcards))
    flashcards.back.setText("\n".join(f"line {n} of a long answer" for n in range(30)))
    qtbot.wait_until(lambda: _fitted(flashcards) and _area(flashcards).verticalScrollBar().isVisible())
    assert flashcards.card_fit.scale == 1.0
    assert flashcards.card_fit._layout.contentsMargins().top() == TIGHT_MARGIN  # the room it can have


def test_back_at_100_percent_the_card_has_its_margins_and_sizes_again(qtbot, crisis_900) -> None:
    # A window a little shorter than 600 px: at 600 the short card fits at 200% without shrinking since the
    # status bar is one line and the drills' note shares the header's row (test_one_line_at_200_percent).
    crisis_900.resize(900, 500)
    flashcards = _reviewing(qtbot, crisis_900, 200)
    assert flashcards.show_card(SHORT_CARDS[0])
    qtbot.wait_until(lambda: _fitted(flashcards) and flashcards.card_fit.scale < 1.0)
    crisis_900.text_size.set_percent(100)
    qtbot.wait_until(lambda: _fitted(flashcards) and flashcards.card_fit.scale == 1.0
                     and flashcards.card_fit._layout.contentsMargins().top() == 32)
    system = QApplication.font().pointSizeF()  # the system's size, at 100%
    assert flashcards.front.font().pointSizeF() == pytest.approx(max(system, 10) + 10, abs=0.01)
