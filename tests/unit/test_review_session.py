"""Unit tests for studyguide.review.session: the Qt-free flashcard flow on real files."""

from __future__ import annotations

import itertools
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide import paths
from studyguide.domain.changes import Changes
from studyguide.domain.review import DueCounts
from studyguide.review.scheduler import Rating
from studyguide.review.session import Phase, ReviewSession

TINY_ORDER = ["where-signed", "begins-with", "who-wrote"]


def _answer(session: ReviewSession, rating: Rating) -> str:
    current = session.current
    assert current is not None
    assert session.reveal()
    assert session.answer(rating)
    return current.card.id


def test_new_cards_come_in_guide_order(library) -> None:
    session = library.start_review("tiny")

    assert session.current.card.id == "where-signed"
    assert session.current.phase is Phase.QUESTION
    assert session.current.is_new
    assert session.counts().new == 3
    # Easy sends a new card days away, so each answer shows the next new card.
    assert [_answer(session, Rating.EASY) for _ in TINY_ORDER] == TINY_ORDER
    assert session.current is None


def test_reveal_then_answer_writes_one_log_row_and_advances(library) -> None:
    session = library.start_review("tiny")

    assert session.reveal()
    assert session.current.phase is Phase.ANSWER
    changes = session.answer(Rating.GOOD)

    assert changes == Changes(progress=True, due_counts=True)
    assert library.progress.review_count("tiny") == 1
    assert library.progress.review_count("tiny", "where-signed") == 1
    assert session.current.card.id == "begins-with"
    assert session.current.phase is Phase.QUESTION
    assert session.reviewed == 1


def test_answer_before_reveal_does_nothing(library) -> None:
    session = library.start_review("tiny")

    changes = session.answer(Rating.GOOD)

    assert not changes
    assert library.progress.review_count("tiny") == 0
    assert session.current.card.id == "where-signed"
    assert session.current.phase is Phase.QUESTION


def test_reveal_twice_is_refused(library) -> None:
    session = library.start_review("tiny")

    assert session.reveal()
    assert not session.reveal()
    assert session.current.phase is Phase.ANSWER


def test_learning_card_comes_back_in_the_same_session(library) -> None:
    session = library.start_review("tiny")

    _answer(session, Rating.AGAIN)

    assert [session.current.card.id] == ["begins-with"]
    assert session.counts().new == 2 and session.counts().learning == 1
    _answer(session, Rating.EASY)
    _answer(session, Rating.EASY)
    assert session.current.card.id == "where-signed"
    assert not session.current.is_new


def test_fifty_answers_stay_consistent(make_library, clock) -> None:
    library = make_library(bundled=paths.bundled_guide_database())
    guide_id = library.guides()[0].id
    session = library.start_review(guide_id)
    ratings = itertools.cycle([Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD, Rating.GOOD])
    answered: set[str] = set()
    started = clock()

    for _ in range(50):
        if session.current is None:
            clock.advance(days=1)
            session.reload()
        answered.add(_answer(session, next(ratings)))
        clock.advance(minutes=3)

    assert session.reviewed == 50
    assert library.progress.review_count(guide_id) == 50
    states = library.progress.card_states(guide_id)
    assert set(states) == answered
    assert all(progress.due > started for progress in states.values())
    assert sum(library.progress.review_count(guide_id, card_id) for card_id in answered) == 50


def test_intervals_grow_with_successful_reviews(library, clock) -> None:
    session = library.start_review("tiny", section_id="second")
    intervals = []

    for rating in [Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.GOOD]:
        if session.current is None:
            session.reload()
        reviewed_at = clock()
        card_id = _answer(session, rating)
        due = library.progress.card_states("tiny")[card_id].due
        intervals.append(due - reviewed_at)
        clock.now = due  # come back exactly when it is due

    assert intervals == sorted(intervals)
    assert len(set(intervals)) == len(intervals), intervals
    assert intervals[-1] > timedelta(days=30)


def test_undo_puts_the_card_back_in_front(library) -> None:
    session = library.start_review("tiny")
    _answer(session, Rating.EASY)
    _answer(session, Rating.GOOD)
    assert session.current.card.id == "who-wrote"

    changes, label = session.undo()

    assert changes == Changes(progress=True, due_counts=True)
    assert label == "Undo Answer: Good"
    assert session.current.card.id == "begins-with"
    assert session.current.phase is Phase.QUESTION
    assert session.current.is_new
    assert library.progress.review_count("tiny") == 1
    assert "begins-with" not in library.progress.card_states("tiny")
    assert session.reviewed == 1


def test_undo_restores_the_state_before_a_second_answer(library, clock) -> None:
    session = library.start_review("tiny", section_id="second")
    _answer(session, Rating.GOOD)
    before = library.progress.card_states("tiny")["who-wrote"]
    clock.now = before.due
    session.reload()
    _answer(session, Rating.GOOD)

    session.undo()

    assert library.progress.card_states("tiny")["who-wrote"] == before
    assert session.current.card.id == "who-wrote"
    assert not session.current.is_new


def test_undo_with_nothing_to_undo(library) -> None:
    assert library.start_review("tiny").undo() is None


def test_restarted_library_sees_saved_progress(make_library, clock) -> None:
    first = make_library()
    session = first.start_review("tiny")
    _answer(session, Rating.EASY)
    _answer(session, Rating.GOOD)
    saved = first.progress.card_states("tiny")
    first.close()

    second = make_library()

    assert second.progress.card_states("tiny") == saved
    assert second.progress.review_count("tiny") == 2
    resumed = second.start_review("tiny")
    assert resumed.current.card.id == "who-wrote"
    assert resumed.counts().new == 1
    clock.advance(minutes=15)  # the Good card's learning step is now due
    resumed.reload()
    assert resumed.current.card.id == "begins-with"


def test_section_session_only_has_that_sections_cards(library) -> None:
    session = library.start_review("tiny", section_id="first")

    seen = [_answer(session, Rating.EASY) for _ in range(2)]

    assert seen == ["where-signed", "begins-with"]
    assert session.current is None
    assert library.start_review("tiny", section_id="third").current is None


def test_intervals_preview_lengthens_with_the_rating(library) -> None:
    intervals = library.start_review("tiny").intervals()

    assert list(intervals) == list(Rating)
    assert intervals[Rating.AGAIN] < intervals[Rating.GOOD] < intervals[Rating.EASY]


def test_undo_keeps_the_daily_new_card_limit(library) -> None:
    from studyguide.domain.review import ReviewSettings

    library.review.save_settings(ReviewSettings(new_per_day=2))
    session = library.start_review("tiny")
    _answer(session, Rating.EASY)
    _answer(session, Rating.EASY)
    assert session.current is None

    session.undo()

    assert session.current.card.id == "begins-with"
    assert session.counts().new == 1  # not the limit again: one new card is already seen today
    _answer(session, Rating.EASY)
    assert session.current is None
    assert library.progress.new_cards_seen_since("tiny", library.clock() - timedelta(hours=1)) == 2


def test_undo_puts_back_exactly_the_queue_before_the_answer(library, clock) -> None:
    session = library.start_review("tiny")
    _answer(session, Rating.AGAIN)  # a learning card, back in a minute, queued last
    clock.advance(seconds=20)
    before = (session.current.card.id, session.counts(), [cid for cid, _ in session.queued()])
    _answer(session, Rating.GOOD)

    session.undo()

    assert (session.current.card.id, session.counts(), [cid for cid, _ in session.queued()]) == before
    assert session.current.phase is Phase.QUESTION


def test_undo_after_a_restarted_session_keeps_the_limit(library) -> None:
    from studyguide.domain.review import ReviewSettings

    library.review.save_settings(ReviewSettings(new_per_day=2))
    first = library.start_review("tiny")
    _answer(first, Rating.EASY)
    _answer(first, Rating.EASY)
    second = library.start_review("tiny")  # e.g. the view refreshed

    second.undo()
    second.undo()

    assert second.current.card.id == "where-signed"
    assert second.counts().new == 2
    assert [_answer(second, Rating.EASY) for _ in range(2)] == ["where-signed", "begins-with"]
    assert second.current is None


def test_suspend_is_undone_before_the_previous_answer(library) -> None:
    session = library.start_review("tiny")
    _answer(session, Rating.EASY)
    assert session.current.card.id == "begins-with"
    session.suspend_current()
    assert session.current.card.id == "who-wrote"

    changes, label = session.undo()

    assert label == "Undo Suspend" and changes.due_counts
    assert session.current.card.id == "begins-with"
    assert library.progress.review_count("tiny") == 1
    assert library.review.suspended("tiny") == []
    assert library.start_review("tiny").counts().new == 2
    assert session.undo()[1] == "Undo Answer: Easy"
    assert session.current.card.id == "where-signed"


def test_suspended_card_stays_out_after_a_reload(library) -> None:
    session = library.start_review("tiny")
    session.suspend_current()
    session.reload()
    assert session.current.card.id == "begins-with" and session.counts().new == 2


def test_summary_counts_every_answer_of_the_sitting_across_sessions(library, clock) -> None:
    session = library.start_review("tiny")
    _answer(session, Rating.AGAIN)
    _answer(session, Rating.GOOD)
    # The learner switches to one section and back: each starts a new session.
    section = library.start_review("tiny", section_id="second")
    _answer(section, Rating.EASY)
    clock.advance(minutes=11)
    again = library.start_review("tiny")
    while again.current is not None:
        _answer(again, Rating.EASY)

    summary = again.summary()

    assert summary.reviewed == library.progress.review_count("tiny") == 5
    assert summary.cards == 3 and summary.forgotten == 1
    again.undo()
    assert again.summary().reviewed == 4


_STEPS = st.lists(st.one_of(st.sampled_from(list(Rating)), st.sampled_from(["undo", "suspend", "wait", "restart"])),
                  max_size=40)


@settings(max_examples=40, deadline=None)
@given(new_per_day=st.integers(0, 6), steps=_STEPS)
def test_any_answers_and_undos_keep_the_limit_and_undo_restores_the_state(new_per_day, steps) -> None:
    from studyguide.domain.review import ReviewSettings
    from studyguide.library import Library
    from studyguide.review.service import start_of_day

    clock_now = [datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)]
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(),
                          clock=lambda: clock_now[0], enable_fuzzing=False)
        try:
            guide_id = library.guides()[0].id
            library.review.save_settings(ReviewSettings(new_per_day=new_per_day))
            session = library.start_review(guide_id)
            before: list[tuple] = []  # this session's states before each of its actions

            def look() -> tuple:
                current = session.current
                return (current.card.id if current else None, session.counts())

            for step in steps:
                if step == "wait":
                    clock_now[0] += timedelta(minutes=7)
                elif step == "restart":
                    session, before = library.start_review(guide_id), []
                elif step == "undo":
                    if session.undo() is not None and before:
                        assert look() == before.pop()
                elif session.current is not None:
                    state = look()
                    if step == "suspend":
                        session.suspend_current()
                    else:
                        session.reveal()
                        session.answer(step)
                    before.append(state)
                seen = library.progress.new_cards_seen_since(guide_id, start_of_day(clock_now[0]))
                assert seen + session.counts().new <= new_per_day
                assert session.counts() == _recount(session)  # kept step by step, they match the queue
        finally:
            library.close()


def _recount(session) -> DueCounts:
    """The session's queue counted card by card (the session counts it as the status bar does)."""
    tally = [0, 0, 0]
    for _card_id, kind in session.queued():
        tally[kind] += 1
    return DueCounts(*tally)


def test_undo_beyond_the_kept_steps_still_takes_answers_back(library, clock, monkeypatch) -> None:
    from studyguide.review import session as session_module

    monkeypatch.setattr(session_module, "UNDO_STEPS", 2)
    session = library.start_review("tiny")
    for _ in range(3):
        _answer(session, Rating.EASY)
    assert len(session._undo) == 2

    labels = [session.undo()[1] for _ in range(3)]

    assert labels == ["Undo Answer: Easy"] * 3
    assert library.progress.review_count("tiny") == 0
    assert session.current.card.id == "where-signed" and session.counts().new == 3
