"""Two windows on one library (two ``Library`` instances, as two processes would have).

Each answer is scheduled from the card's state as stored when it is saved, and undo
takes back only what its own window did.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from studyguide.review.scheduler import Rating
from studyguide.review.session import ReviewSession
from studyguide.store.progress import UndoConflict


def _answer(session: ReviewSession, rating: Rating) -> str:
    card_id = session.current.card.id
    assert session.reveal()
    assert session.answer(rating)
    return card_id


def _log(library) -> list[tuple[int, str, int, dict | None, dict]]:
    conn = sqlite3.connect(library.progress.path)
    try:
        rows = conn.execute("SELECT id, card_id, rating, previous_state, new_state FROM review_log ORDER BY id")
        return [(i, card, rating, json.loads(prev) if prev else None, json.loads(new))
                for i, card, rating, prev, new in rows.fetchall()]
    finally:
        conn.close()


def test_an_answer_is_scheduled_from_the_state_another_window_saved(make_library, clock) -> None:
    window_a, window_b = make_library(), make_library()
    session_a, session_b = window_a.start_review("tiny"), window_b.start_review("tiny")
    # B read its queue (the card is new there) before A answered the card.
    assert session_b.current.card.id == session_a.current.card.id == "where-signed"
    assert session_b.current.is_new

    _answer(session_a, Rating.GOOD)
    clock.advance(minutes=1)
    _answer(session_b, Rating.EASY)

    (_, _, _, prev_a, new_a), (_, card, _, prev_b, new_b) = _log(window_a)
    assert card == "where-signed"
    assert prev_a is None
    assert prev_b == new_a  # B followed A's answer, not its own stale "new card"
    assert window_a.progress.card_state("tiny", "where-signed").state == new_b
    assert window_a.review.new_allowance("tiny") == 19  # one new card seen, not two


def test_undo_takes_back_this_windows_answer_not_the_newer_one_of_another_window(make_library, clock) -> None:
    window_a, window_b = make_library(), make_library()
    session_a, session_b = window_a.start_review("tiny"), window_b.start_review("tiny")
    first = _answer(session_a, Rating.GOOD)
    clock.advance(seconds=10)
    session_b.reload()  # B's queue now starts after A's card
    other = _answer(session_b, Rating.EASY)
    assert other != first

    changes, label = session_a.undo()

    assert label == "Undo Answer: Good"
    assert [(card, rating) for _, card, rating, _, _ in _log(window_a)] == [(other, int(Rating.EASY))]
    assert window_a.progress.card_state("tiny", first) is None
    assert session_a.current.card.id == first
    # B still undoes its own answer, and then A and B have nothing left of this run.
    assert session_b.undo()[1] == "Undo Answer: Easy"
    assert _log(window_a) == []
    assert session_a.undo() is None
    assert session_b.undo() is None


def test_undo_is_refused_when_another_window_answered_the_card_since(make_library, clock) -> None:
    window_a, window_b = make_library(), make_library()
    session_a, session_b = window_a.start_review("tiny"), window_b.start_review("tiny")
    card = _answer(session_a, Rating.AGAIN)
    clock.advance(minutes=1)
    assert _answer(session_b, Rating.EASY) == card  # B's session still had the card in front
    before = _log(window_a)

    with pytest.raises(UndoConflict, match="answered again"):
        session_a.undo()

    assert _log(window_a) == before  # nothing taken back, B's answer least of all
    assert window_a.progress.card_state("tiny", card).state == before[-1][4]
    assert session_a.undo() is None  # the refused answer is not offered again
    assert session_b.undo()[1] == "Undo Answer: Easy"


def test_answers_of_an_earlier_run_are_undone_but_not_those_another_window_logs_meanwhile(
        make_library, clock) -> None:
    earlier = make_library()
    _answer(earlier.start_review("tiny"), Rating.HARD)
    earlier.close()
    window_a, window_b = make_library(), make_library()
    session_b = window_b.start_review("tiny")
    session_b.reload()
    clock.advance(minutes=1)
    other = _answer(session_b, Rating.EASY)

    _, label = window_a.start_review("tiny").undo()

    assert label == "Undo Answer: Hard"  # the earlier run's answer, not B's newer one
    assert [(card, rating) for _, card, rating, _, _ in _log(window_a)] == [(other, int(Rating.EASY))]


def test_an_answer_undone_in_another_window_is_not_undone_twice(make_library, clock) -> None:
    earlier = make_library()
    card = _answer(earlier.start_review("tiny"), Rating.GOOD)
    window_b = make_library()  # opened after that answer: for B it is an answer of an earlier run
    assert window_b.start_review("tiny").undo()[1] == "Undo Answer: Good"
    clock.advance(minutes=1)
    _answer(window_b.start_review("tiny"), Rating.EASY)  # the id is free again: B's answer may take it

    with pytest.raises(UndoConflict, match="no longer"):
        earlier.review.start("tiny", earlier.content("tiny")).undo()

    assert [(c, r) for _, c, r, _, _ in _log(earlier)] == [(card, int(Rating.EASY))]
