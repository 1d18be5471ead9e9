"""The Stats view's retention bars are labelled with the day each week starts, not "W09"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.review.scheduler import Rating


def _review_all(library) -> None:
    session = library.start_review("tiny")
    while session.current is not None:
        session.reveal()
        session.answer(Rating.EASY)


def test_retention_weeks_are_named_by_their_first_day(qtbot, main_window, library, clock):
    _review_all(library)
    clock.advance(days=60)  # Friday 1 May 2026: the week of Monday 27 April
    _review_all(library)
    with qtbot.wait_signal(main_window.stats.updated, timeout=10_000):
        qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert main_window.stats.retention.labels == ["27 Apr"]
