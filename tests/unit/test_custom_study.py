"""Custom study: review ahead, a section or a search now, today's forgotten cards, the lowest
retrievability; practice writes nothing, "counts as reviews" writes as a review does."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.custom_study import CustomKind, CustomStudy
from studyguide.review.custom import pick_cards
from studyguide.review.scheduler import Rating

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _answer(session, rating: Rating) -> str:
    card_id = session.current.card.id
    session.reveal()
    session.answer(rating)
    return card_id


def _answer_all(session, rating: Rating = Rating.GOOD) -> list[str]:
    seen = []
    while session.current is not None and len(seen) < 50:
        seen.append(_answer(session, rating))
    return seen


def _custom(library, study: CustomStudy, found=()):
    return library.review.start_custom("tiny", library.content("tiny"), study, found=found)


def _dump(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def test_review_ahead_draws_the_cards_due_within_n_days(library, clock):
    _answer_all(library.start_review("tiny"), Rating.EASY)  # every card due in some days
    assert library.start_review("tiny").current is None
    due = library.progress.phases("tiny")
    days = max((when - clock()).days for _, when in due.values()) + 1
    ahead = _custom(library, CustomStudy(CustomKind.AHEAD, days))
    assert ahead.counts().review == 3
    assert _custom(library, CustomStudy(CustomKind.AHEAD, 0)).current is None
    before = library.progress.review_count("tiny")
    _answer_all(ahead)
    assert library.progress.review_count("tiny") == before + 3  # they count as reviews


def test_practice_writes_nothing_to_the_schedule_or_the_log(library, clock):
    _answer(library.start_review("tiny"), Rating.GOOD)
    library.progress.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _dump(library.progress.path)
    raw = library.progress.path.read_bytes()
    session = _custom(library, CustomStudy(CustomKind.SCOPE, section_id="first", practice=True))
    assert [c.id for c in [session.current.card]] == ["where-signed"]
    assert "practice only" in session.title
    clock.advance(seconds=5)
    _answer(session, Rating.AGAIN)  # comes back at the end
    answered = _answer_all(session, Rating.GOOD)
    assert answered == ["begins-with", "where-signed"]
    assert session.summary().reviewed == 3 and session.summary().forgotten == 1
    assert _dump(library.progress.path) == before
    library.progress.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert library.progress.path.read_bytes() == raw


def test_a_section_counting_as_reviews_is_logged_and_scheduled(library):
    session = _custom(library, CustomStudy(CustomKind.SCOPE, section_id="second"))
    assert _answer_all(session, Rating.EASY) == ["who-wrote"]
    assert library.progress.review_count("tiny") == 1
    assert "who-wrote" in library.progress.phases("tiny")


def test_a_search_draws_only_the_cards_it_found(library):
    session = _custom(library, CustomStudy(CustomKind.SCOPE, query="Paris", practice=True),
                      found=["where-signed"])
    assert _answer_all(session) == ["where-signed"]


def test_the_cards_forgotten_today(library, clock):
    session = library.start_review("tiny")
    _answer(session, Rating.AGAIN)  # where-signed
    _answer(session, Rating.GOOD)  # begins-with
    forgotten = _custom(library, CustomStudy(CustomKind.FORGOTTEN))
    assert _answer_all(forgotten, Rating.EASY) == ["where-signed"]
    clock.advance(days=1)
    assert _custom(library, CustomStudy(CustomKind.FORGOTTEN)).current is None


def test_the_n_cards_with_the_lowest_retrievability(library, clock):
    session = library.start_review("tiny")
    _answer(session, Rating.EASY)  # where-signed: long stability
    _answer(session, Rating.HARD)  # begins-with
    _answer(session, Rating.GOOD)  # who-wrote
    clock.advance(days=3)
    lowest = _custom(library, CustomStudy(CustomKind.LOWEST, 2, practice=True))
    assert _answer_all(lowest) == ["begins-with", "who-wrote"]


def test_undo_of_a_custom_review_puts_the_card_back(library):
    session = _custom(library, CustomStudy(CustomKind.SCOPE, section_id="first"))
    _answer(session, Rating.GOOD)
    assert session.current.card.id == "begins-with"
    changes, label = session.undo()
    assert label == "Undo Answer: Good" and session.current.card.id == "where-signed"
    assert library.progress.review_count("tiny") == 0


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(-5, 30)), st.integers(0, 20))
def test_review_ahead_picks_exactly_the_cards_due_by_then(due_in_days, days):
    phases = {cid: (2, NOW + timedelta(days=d)) for cid, d in due_in_days.items()}
    picked = pick_cards(CustomStudy(CustomKind.AHEAD, days), order=list("abcdef"), phases=phases, now=NOW)
    assert set(picked) == {cid for cid, d in due_in_days.items() if d <= days}
    assert [phases[c][1] for c in picked] == sorted(phases[c][1] for c in picked)


@given(st.dictionaries(st.sampled_from("abcdef"), st.floats(0, 1)), st.integers(0, 8))
def test_lowest_retrievability_picks_the_n_lowest(recall, count):
    picked = pick_cards(CustomStudy(CustomKind.LOWEST, count), order=list("abcdef"), phases={}, now=NOW,
                        retrievability=recall)
    assert len(picked) == min(count, len(recall))
    assert all(recall[p] <= recall[o] for p in picked for o in recall if o not in picked)
