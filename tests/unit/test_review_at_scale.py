"""A review session reads a page of its queue at a time: starting one reads a bounded number of rows
whatever the guide's size, and the pages, read as the session goes, give the same queue as every
waiting card sorted (due cards by due time then guide order, then new cards in guide order)."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from studyguide.domain.guide import Card, Guide, GuideInfo, Section
from studyguide.domain.review import LEARNING_PHASES
from studyguide.guides.build import build_guide
from studyguide.review.queue import PAGE
from studyguide.review.scheduler import Rating

CARDS = 3_000
SECTIONS = 10


@pytest.fixture
def big(tmp_path: Path, make_library, clock):
    """A library whose bundled guide has 3,000 cards, 80% of them studied, about half of those due."""
    path = tmp_path / "big.sqlite"
    rng = random.Random(3)
    sections = tuple(Section(id=f"s{i}", title=f"Section {i}", body="Text.", position=i) for i in range(SECTIONS))
    # Positions are not the insertion order: the queue follows positions.
    cards = tuple(Card(id=f"c{i:05d}", section_id=f"s{rng.randrange(SECTIONS)}", front=f"Question {i}?",
                       back=f"Answer {i}.", position=(i * 7919) % CARDS) for i in range(CARDS))
    build_guide(Guide(info=GuideInfo(id="big", title="Big"), sections=sections, cards=cards), path)
    library = make_library(bundled=path)
    now = clock()
    rows = []
    for card in cards[: CARDS * 8 // 10]:
        phase = rng.choice((1, 2, 2, 3))
        # Whole minutes: many cards share a due time, so pages must break ties by position.
        due = (now + timedelta(minutes=rng.randint(-3000, 3000))).isoformat()
        state = json.dumps({"card_id": 1, "state": phase, "step": 0 if phase != 2 else None, "stability": 5.0,
                            "difficulty": 5.0, "due": due, "last_review": now.isoformat()})
        rows.append(("big", card.id, state, due, phase, 5.0))
    db = sqlite3.connect(library.progress.path)
    with db:
        db.executemany("INSERT INTO card_state (guide_id, card_id, state, due, phase, stability) "
                       "VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO card_edits (guide_id, card_id, suspended, updated_at) VALUES ('big', ?, 1, ?)",
                       [(card.id, now.isoformat()) for card in cards[::97]])
    db.close()
    library.review.due.forget()
    return library, cards


def _expected(library, cards, section_id=None) -> list[tuple[str, int]]:
    """Every waiting card in the order a session shows them, worked out in Python from every row."""
    now = library.clock()
    states = library.progress.phases("big")
    suspended = {cid for _, cid in library.review.suspended("big")}
    scope = [c for c in cards if section_id is None or c.section_id == section_id]
    due = sorted((states[c.id][1], c.position, c.id, states[c.id][0]) for c in scope
                 if c.id in states and states[c.id][1] <= now and c.id not in suspended)
    new = sorted((c.position, c.id) for c in scope if c.id not in states and c.id not in suspended)
    allowance = library.review.new_allowance("big")
    return ([(cid, 1 if phase in LEARNING_PHASES else 2) for _, _, cid, phase in due]
            + [(cid, 0) for _, cid in new[:allowance]])


class _RowCounter:
    """Counts the rows queries hand to Python: through sqlite-utils on the connections already open,
    and through any connection opened meanwhile (a job's own, read-only)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rows = 0
        counter = self
        original = sqlite_utils.Database.execute

        class Counted:
            def __init__(self, cursor) -> None:
                self._cursor = cursor

            def fetchall(self):
                rows = self._cursor.fetchall()
                counter.rows += len(rows)
                return rows

            def fetchone(self):
                row = self._cursor.fetchone()
                counter.rows += row is not None
                return row

            def __iter__(self):
                for row in self._cursor:
                    counter.rows += 1
                    yield row

            def __getattr__(self, name):
                return getattr(self._cursor, name)

        class CountingConnection(sqlite3.Connection):
            def execute(self, sql, parameters=(), /):
                return Counted(self.cursor().execute(sql, parameters))

        connect = sqlite3.connect
        def execute(db, sql, parameters=None):
            cursor = original(db, sql, parameters)
            return cursor if isinstance(cursor, Counted) else Counted(cursor)

        monkeypatch.setattr(sqlite_utils.Database, "execute", execute)
        monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: connect(
            *args, **{"factory": CountingConnection, **kwargs}))


def test_starting_a_session_reads_one_page_not_every_card(big, monkeypatch) -> None:
    library, _cards = big
    library.start_review("big")  # warm: the guide's card count and strays are kept between sessions
    suspended = len(library.review.suspended("big"))
    counter = _RowCounter(monkeypatch)
    session = library.start_review("big")
    assert session.current is not None
    # The counts (a few rows, and the suspended cards' ids and states, which they leave out), one
    # page of the queue and the first card; loading every card or every state, as sessions did,
    # reads thousands.
    assert counter.rows <= PAGE + 2 * suspended + 20, counter.rows


def test_answering_reads_a_page_now_and_then(big, monkeypatch) -> None:
    library, _cards = big
    session = library.start_review("big")
    counter = _RowCounter(monkeypatch)
    for _ in range(2 * PAGE):
        session.reveal()
        session.answer(Rating.GOOD)
    assert counter.rows <= 2 * PAGE * 12, counter.rows  # a few rows per answer, a page every PAGE answers


def test_the_pages_give_every_waiting_card_in_order(big) -> None:
    library, cards = big
    session = library.start_review("big")
    expected = _expected(library, cards)
    assert len(expected) > 4 * PAGE
    assert session.queued() == expected
    assert session.counts().total == len(expected)


def test_a_sections_pages_give_its_waiting_cards_in_order(big) -> None:
    library, cards = big
    session = library.start_review("big", section_id="s3")
    assert session.queued() == _expected(library, cards, "s3")


def test_answers_and_undo_across_pages_keep_the_queue(big, clock) -> None:
    library, cards = big
    session = library.start_review("big")
    for i in range(PAGE + 5):  # past the first page
        before = session.queued()[:3]
        session.reveal()
        session.answer(Rating.AGAIN if i % 7 == 0 else Rating.GOOD)
        clock.advance(seconds=5)
    queued = session.queued()
    session.reveal()
    session.answer(Rating.GOOD)
    session.undo()
    assert session.queued() == queued
    assert before  # the queue had cards all along
    again = [cid for cid, _ in queued if cid.startswith("c")]
    assert len(set(again)) == len(again)


def test_counting_again_later_adds_only_the_cards_that_fell_due(big, clock, monkeypatch) -> None:
    from studyguide.store.due import DueCounter

    library, _cards = big
    guide = library.content("big")
    counter = library.review.due
    first = counter.waiting("big", guide=guide, now=clock())
    clock.advance(hours=5)
    monkeypatch.setattr(counter, "_count", lambda *args: pytest.fail("counted every card again"))
    later = counter.waiting("big", guide=guide, now=clock())
    assert later == DueCounter(db=library.progress.database).waiting("big", guide=guide, now=clock())
    assert later[1] + later[2] > first[1] + first[2]  # some fell due meanwhile
    monkeypatch.undo()
    session = library.start_review("big")  # an answer is a write: the next count counts again
    session.reveal()
    session.answer(Rating.GOOD)
    assert counter.waiting("big", guide=guide, now=clock()) == DueCounter(
        db=library.progress.database).waiting("big", guide=guide, now=clock())


def test_the_task_runners_start_reads_one_page_and_the_session_made_from_it_nothing_more(big, monkeypatch) -> None:
    library, cards = big
    guide = library.content("big")
    screens = library.review.first_screens()
    try:
        library.review.begin("big", guide, screens=screens)()  # its reader's counts are warm from now on
        suspended = len(library.review.suspended("big"))
        counter = _RowCounter(monkeypatch)
        begun = library.review.begin("big", guide, screens=screens)()
        # As a start on the UI thread, plus opening the guide's file (its schema and meta rows).
        assert counter.rows <= PAGE + 2 * suspended + 20 + 100, counter.rows
        counter.rows = 0
        session = library.start_review("big", begun=begun)
        assert session.current is not None and counter.rows <= 5, counter.rows  # the first card's text
    finally:
        screens.close()
    monkeypatch.undo()
    assert session.counts() == library.due_counts("big")
    assert session.queued() == _expected(library, cards)


def test_new_cards_read_ahead_are_used_when_the_due_cards_run_out(big, monkeypatch) -> None:
    from studyguide.store.review_queue import QueuePages

    library, cards = big
    session = library.start_review("big", section_id="s3")
    generation, limit = session.new_page_wanted()
    assert limit == library.review.new_allowance("big")  # due cards first: no new card read yet
    screens = library.review.first_screens()
    try:
        rows = library.review.read_new_ahead("big", library.content("big"), section_id="s3", limit=limit,
                                             screens=screens)()
    finally:
        screens.close()
    session.offer_new_page(generation, rows, limit)
    library.review.suspend("big", rows[0][0])  # meanwhile: a card read ahead is no longer new to show
    read = QueuePages.new

    def new(pages, after, count):
        if after is None:
            pytest.fail("the first page of new cards was read again")
        return read(pages, after, count)

    monkeypatch.setattr(QueuePages, "new", new)
    queued = session.queued()
    assert rows[0][0] not in {cid for cid, _ in queued}
    assert queued == _expected(library, cards, "s3")  # the next new card takes the suspended one's place
