"""The card browser's sort by due at scale: the studied cards' ids in due order come from the
(guide, due, card id) index alone, merged with the guide's card ids (no join of every card)."""

from __future__ import annotations

import sqlite3

from studyguide.review.scheduler import Rating
from studyguide.store import schema


def _answer(library, card_id: str, rating: Rating) -> None:
    session = library.start_review("tiny")
    assert session.bring_to_front(card_id)
    session.reveal()
    session.answer(rating)


def test_due_order_new_cards_first_then_by_due_and_strays_left_out(library, clock) -> None:
    _answer(library, "begins-with", Rating.GOOD)  # due again in minutes: a learning step
    _answer(library, "where-signed", Rating.EASY)  # due in days
    state = library.progress.card_state("tiny", "where-signed")
    library.progress.record_answer(guide_id="tiny", card_id="gone", rating=3, reviewed_at=clock(),
                                   new_state=state.state, due=state.due, previous_state=None)  # a stray
    found = [card for _, card in library.cards.find("", guide_id="tiny", sort="due").keys]
    assert found == ["who-wrote", "begins-with", "where-signed"]
    down = [card for _, card in library.cards.find("", guide_id="tiny", sort="due", descending=True).keys]
    assert down == ["where-signed", "begins-with", "who-wrote"]


def test_the_sort_by_due_reads_the_covering_index_and_joins_nothing(library) -> None:
    statements: list[str] = []
    connection = library.content("tiny").database.conn  # the browser's queries run on the guide's
    connection.set_trace_callback(statements.append)
    library.cards.find("", guide_id="tiny", sort="due")
    connection.set_trace_callback(None)
    by_due = [s for s in statements if schema.CARD_STATE_BY_DUE in s]
    assert by_due and not any("JOIN" in s for s in statements if "ORDER BY" in s)
    with sqlite3.connect(library.progress.path) as db:
        plan = db.execute("EXPLAIN QUERY PLAN SELECT card_id FROM card_state INDEXED BY "
                          f"[{schema.CARD_STATE_BY_DUE}] WHERE guide_id = 'tiny' ORDER BY due, card_id").fetchall()
    assert any("COVERING INDEX" in row[-1] for row in plan), plan


def test_an_older_progress_file_gets_the_index(library) -> None:
    names = {row[0] for row in library.progress.database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert schema.CARD_STATE_BY_DUE in names
