"""The end of a custom study session says that it is done and how to go back, not "it will show here then".

After cramming the 20 least likely recalled cards, the end screen said "The next card is due Friday 06 March
at 12:20; it will show here then." That card was not one of the 20: a custom session never shows it."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt

from studyguide.domain.custom_study import CustomKind, CustomStudy
from studyguide.domain.review import SessionSummary
from studyguide.review.scheduler import Rating
from studyguide.ui.review_end import session_end
from tests.ui.keyboard import answer_to_the_end

DONE = "This custom study is done; \u201cReview the whole guide\u201d goes back to your schedule."


def test_a_finished_custom_session_says_it_is_done_and_when_the_schedule_resumes():
    summary = SessionSummary(reviewed=5, cards=5, seconds=90, forgotten=1,
                             next_due=datetime(2026, 3, 6, 12, 20, tzinfo=timezone.utc))
    end = session_end(summary, held_back=0, new_left=0, limit_today=20, new_per_day=20, section=False, custom=True)
    assert end.title == "Session complete."
    assert end.lines[1:] == [DONE, "Your schedule's next card is due Friday 06 March at 12:20."]
    no_next = SessionSummary(reviewed=5, cards=5, seconds=90, forgotten=1, next_due=None)
    end = session_end(no_next, held_back=0, new_left=0, limit_today=20, new_per_day=20, section=False, custom=True)
    assert end.lines[1:] == [DONE]


def test_cramming_a_section_to_its_end_in_the_window(qtbot, main_window, flashcards):
    main_window.custom_study.start("tiny", CustomStudy(CustomKind.SCOPE, section_id="first"))
    answer_to_the_end(qtbot, flashcards)
    assert flashcards.front.text() == "Session complete."
    lines = flashcards.back.text().splitlines()
    assert lines[1] == DONE
    assert lines[2].startswith("Your schedule's next card is due ")
    assert "it will show here then" not in flashcards.back.text()


def test_a_custom_sessions_summary_counts_its_own_answers(qtbot, main_window, flashcards, library):
    """After a day's study, cramming 2 cards ended with "107 answers, 76 cards": the whole sitting's."""
    session = library.start_review("tiny")
    for _ in range(3):
        session.reveal()
        session.answer(Rating.EASY)
    main_window.custom_study.start("tiny", CustomStudy(CustomKind.SCOPE, section_id="first"))
    for _ in range(10):
        if flashcards.session.current is None:
            break
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_3)
    assert flashcards.back.text().startswith("2 answers, 2 cards in under a minute; 0 forgotten")
