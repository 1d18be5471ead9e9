"""Review service: daily new-card limit, settings, edits and suspension, due counts, rebuild."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from studyguide.domain.review import DueCounts, ReviewSettings
from studyguide.review.scheduler import Rating


def _answer_all(session, rating: Rating = Rating.GOOD) -> int:
    count = 0
    while session.current is not None and count < 100:
        session.reveal()
        session.answer(rating)
        count += 1
    return count


def test_new_cards_are_limited_per_day(library, clock):
    library.review.save_settings(ReviewSettings(new_per_day=2))
    session = library.start_review("tiny")
    assert session.counts().new == 2
    session.reveal()
    session.answer(Rating.EASY)
    # Later the same day only one more new card is allowed.
    assert library.start_review("tiny").counts().new == 1
    assert library.due_counts("tiny").new == 1
    clock.advance(days=1)
    assert library.start_review("tiny").counts().new == 2


def test_settings_survive_a_restart(make_library):
    make_library().review.save_settings(ReviewSettings(desired_retention=0.85, new_per_day=7))
    assert make_library().review.settings == ReviewSettings(desired_retention=0.85, new_per_day=7)


def test_higher_retention_gives_shorter_intervals(make_library, clock):
    intervals = {}
    for retention in (0.80, 0.97):
        library = make_library()
        library.review.save_settings(ReviewSettings(desired_retention=retention))
        session = library.start_review("tiny")
        session.reveal()
        intervals[retention] = session.intervals()[Rating.EASY]
    assert intervals[0.97] < intervals[0.80]


def test_suspended_card_leaves_every_queue(library):
    session = library.start_review("tiny")
    suspended = session.current.card.id
    assert session.suspend_current().due_counts
    assert session.current.card.id != suspended
    fresh = library.start_review("tiny")
    assert suspended not in {fresh.current.card.id} and fresh.counts().new == 2
    assert library.due_counts("tiny").new == 2


def test_edited_card_keeps_its_progress_and_shows_new_text(library, clock):
    session = library.start_review("tiny")
    card_id = session.current.card.id
    assert session.edit_current(front="Where was it signed?", back="Paris, France").content
    assert session.current.card.front == "Where was it signed?"
    session.reveal()
    session.answer(Rating.AGAIN)
    clock.advance(minutes=20)
    again = library.start_review("tiny")
    assert again.current.card.id == card_id
    assert (again.current.card.front, again.current.card.back) == ("Where was it signed?", "Paris, France")
    assert not again.current.is_new
    assert library.progress.review_count("tiny", card_id) == 1


def test_blank_edits_are_refused(library):
    session = library.start_review("tiny")
    assert not session.edit_current(front="   ", back="x")
    assert session.current.card.front == "Where was the treaty signed?"


def test_due_counts_match_a_session(library, clock):
    _answer_all(library.start_review("tiny"), Rating.EASY)
    assert library.due_counts("tiny") == DueCounts(0, 0, 0)
    clock.advance(days=60)
    assert library.due_counts("tiny") == DueCounts(0, 0, 3)
    assert library.start_review("tiny").counts() == DueCounts(0, 0, 3)
    per_section = library.section_due_counts("tiny")
    assert per_section["first"] == DueCounts(0, 0, 2) and per_section["second"] == DueCounts(0, 0, 1)


def test_rebuild_from_the_log_gives_the_same_state(library, clock, library_home):
    for _ in range(4):
        _answer_all(library.start_review("tiny"), Rating.GOOD)
        clock.advance(days=3)
    before = library.progress.card_states("tiny")
    assert len(before) == 3
    conn = sqlite3.connect(library_home / "progress.sqlite")
    conn.execute("UPDATE card_state SET state = '{}', due = '2000-01-01T00:00:00+00:00'")
    conn.commit()
    conn.close()
    assert library.progress.card_states("tiny") != before
    assert library.progress.rebuild_card_state() == 3
    assert library.progress.card_states("tiny") == before


def test_intervals_grow_over_simulated_days(library, clock):
    intervals = []
    card_id = None
    for _ in range(6):
        session = library.start_review("tiny")
        while session.current is not None:
            card = session.current.card
            session.reveal()
            session.answer(Rating.GOOD)
            if card_id in (None, card.id):
                card_id = card.id
        state = library.progress.card_states("tiny")[card_id]
        intervals.append(state.due - clock.now)
        clock.now = state.due
    assert all(later > earlier for earlier, later in zip(intervals[1:], intervals[2:], strict=False))
    assert intervals[-1].days >= 20


def test_session_summary_counts_answers_forgotten_and_time(library, clock):
    session = library.start_review("tiny")
    session.reveal()
    clock.advance(seconds=30)
    session.answer(Rating.AGAIN)
    session.reveal()
    clock.advance(seconds=30)
    session.answer(Rating.EASY)
    summary = session.summary()
    assert (summary.reviewed, summary.forgotten, summary.seconds) == (2, 1, 60.0)
    assert summary.next_due is not None


def test_rebuilding_an_edited_guide_keeps_every_review(make_library, content_db, clock, tmp_path):
    from conftest import DATA

    from studyguide.guides.build import build_from_source

    library = make_library()
    _answer_all(library.start_review("tiny"), Rating.GOOD)
    answered = library.progress.review_count("tiny")
    states = library.progress.card_states("tiny")
    library.close()
    # The author rewords a question (same id) and adds a card, then rebuilds the guide.
    source = (DATA / "tiny-guide.md").read_text(encoding="utf-8")
    source = source.replace("Q: Where was the treaty signed? {#where-signed}",
                            "Q: In which city was it signed? {#where-signed}")
    source = source.replace("A: Khrushchev.\n", "A: Khrushchev.\n\nQ: A brand-new card? {#brand-new}\nA: Yes.\n")
    edited = tmp_path / "edited.md"
    edited.write_text(source, encoding="utf-8")
    build_from_source(edited, content_db)
    rebuilt = make_library()
    assert rebuilt.progress.review_count("tiny") == answered
    assert rebuilt.progress.card_states("tiny") == states
    clock.advance(days=1)
    session = rebuilt.start_review("tiny")
    fronts = set()
    while session.current is not None:
        fronts.add(session.current.card.front)
        session.reveal()
        session.answer(Rating.GOOD)
    assert "A brand-new card?" in fronts
    assert rebuilt.progress.card_states("tiny").keys() >= states.keys()


def test_interval_preview_is_not_fuzzed(clock):
    from studyguide.review.scheduler import Scheduler

    fuzzed, exact = Scheduler(enable_fuzzing=True), Scheduler(enable_fuzzing=False)
    state, now = None, clock()
    for _ in range(4):  # Easy four times: a review card with an interval of months, where fuzz shows
        state = exact.answer(guide_id="g", card_id="c", state=state, rating=Rating.EASY, now=now).state
        now = exact.answer(guide_id="g", card_id="c", state=state, rating=Rating.EASY, now=now).due
    previews = [fuzzed.preview(guide_id="g", card_id="c", state=state, now=now) for _ in range(12)]
    unfuzzed = {rating: exact.answer(guide_id="g", card_id="c", state=state, rating=rating, now=now).due - now
                for rating in Rating}
    assert all(preview == unfuzzed for preview in previews)
    assert unfuzzed[Rating.EASY] > timedelta(days=60)


def test_restoring_a_backup_brings_back_its_review_settings(library, clock):
    library.review.save_settings(ReviewSettings(desired_retention=0.85, new_per_day=7))
    backup = library.progress.backup(kind="manual", now=clock.now)
    library.review.save_settings(ReviewSettings(desired_retention=0.95, new_per_day=1))

    library.restore_backup(backup)

    assert library.review.settings == ReviewSettings(desired_retention=0.85, new_per_day=7)
    assert library.start_review("tiny").counts().new == 3  # not 1, the limit before the restore


def test_suspended_cards_are_listed_and_unsuspended(library):
    session = library.start_review("tiny")
    session.suspend_current()
    session.suspend_current()

    listed = library.suspended_cards()

    # Suspended at the same moment: in card-id order.
    assert [(gid, card.id) for gid, card in listed] == [("tiny", "begins-with"), ("tiny", "where-signed")]
    assert library.suspended_cards("other") == []
    assert library.review.unsuspend("tiny", "where-signed").due_counts
    assert [card.id for _, card in library.suspended_cards("tiny")] == ["begins-with"]
    assert library.start_review("tiny").current.card.id == "where-signed"


def test_study_more_new_cards_today_only(library, clock):
    library.review.save_settings(ReviewSettings(new_per_day=1))
    _answer_all(library.start_review("tiny"), Rating.EASY)
    session = library.start_review("tiny")
    assert session.current is None and session.new_held_back() == 2

    assert library.review.study_more_new("tiny", 2).due_counts

    assert library.review.new_limit_today("tiny") == 3
    session.reload()
    assert session.counts().new == 2 and library.due_counts("tiny").new == 2
    clock.advance(days=1)
    assert library.review.new_limit_today("tiny") == 1


def test_study_more_is_taken_back_by_a_negative_count_never_below_the_daily_limit(library) -> None:
    library.review.save_settings(ReviewSettings(new_per_day=1))
    library.review.study_more_new("tiny", 2)
    assert library.review.study_more_new("tiny", -2).due_counts
    assert library.review.new_limit_today("tiny") == 1
    library.review.study_more_new("tiny", -5)
    assert library.review.new_limit_today("tiny") == 1
