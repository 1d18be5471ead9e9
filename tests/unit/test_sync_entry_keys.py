"""Each applied answer's entry key is recorded with its review-log row: made inside SQLite for a
segment of answers none of which is here yet, one by one otherwise, the same keys either way."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyguide.domain.journal import JournalAnswer, JournalUndo
from studyguide.library import Library
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.review.sync_reschedule import exact_steps, rescheduler
from studyguide.store.journal_files import Segment
from studyguide.store.sync_state import SyncStateStore
from tests.conftest import Clock

T0 = datetime(2026, 2, 3, 9, tzinfo=timezone.utc)


def _answers(count: int, start: datetime = T0) -> list[JournalAnswer]:
    scheduler, found, state = Scheduler(enable_fuzzing=False), [], None
    for n in range(count):
        at = start + timedelta(days=n)
        new = scheduler.answer(guide_id="tiny", card_id=f"c{n % 3}", state=None, rating=Rating.GOOD, now=at).state
        found.append(JournalAnswer("tiny", f"c{n % 3}", 3, at.isoformat(), 900, state, json.dumps(new)))
    return found


def _apply(library: Library, *segments: Segment) -> list[str]:
    store = SyncStateStore(db=library.progress.database, path=library.progress.path)
    statements: list[str] = []
    library.progress.database.conn.set_trace_callback(statements.append)
    try:
        store.apply(segments, reschedule=rescheduler(lambda _g: exact_steps(desired_retention=0.9, parameters=())),
                    applied_at=T0.isoformat())
    finally:
        library.progress.database.conn.set_trace_callback(None)
    return statements


def _keys(library: Library) -> list[tuple]:
    with sqlite3.connect(library.progress.path) as db:
        return db.execute("SELECT e.device, e.segment, e.idx, r.card_id, r.reviewed_at, r.rating, e.reviewed_at "
                          "FROM sync_entries e JOIN review_log r ON r.id = e.log_id ORDER BY 1, 2, 3").fetchall()


def _expected(segment: Segment) -> list[tuple]:
    return [(segment.device_id, segment.number, i, e.card_id, e.reviewed_at, e.rating, e.reviewed_at)
            for i, e in enumerate(segment.entries) if isinstance(e, JournalAnswer)]


@pytest.fixture
def library(tmp_path: Path, content_db: Path):
    made = Library(home=tmp_path / "home", bundled_guide=content_db, clock=Clock(T0))
    yield made
    made.close()


@pytest.mark.parametrize("before", [(), (JournalUndo(("other", 1, 0)),)])
def test_a_segment_of_new_answers_is_keyed_inside_sqlite(library: Library, before: tuple) -> None:
    with library.progress.database.conn:
        library.progress.database.conn.execute(  # a row already in the log: the new ones do not start at 1
            "INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, new_state) VALUES ('x', 'y', 3, ?, '{}')",
            [T0.isoformat()])
    segment = Segment("dev", "Desktop", 4, (*before, *_answers(6)))  # an undo first: the answers' indexes from 1

    statements = _apply(library, segment)

    assert _keys(library) == _expected(segment)
    assert not any("INSERT INTO [sync_entries] (device, segment, idx, log_id, reviewed_at) VALUES" in s
                   for s in statements)  # no row by row


@pytest.mark.parametrize("shape", ["undo between", "journaled twice"])
def test_any_other_segment_is_keyed_one_by_one_with_the_same_keys(library: Library, shape: str) -> None:
    answers = _answers(6)
    if shape == "undo between":  # the answers' indexes do not follow each other
        first = Segment("dev", "Desktop", 4, (*answers[:3], JournalUndo(("other", 1, 0)), *answers[3:]))
        _apply(library, first)
        expected = _expected(first)
    else:  # the device's first answer arrives again in a later segment (its progress restored)
        first = Segment("dev", "Desktop", 4, tuple(answers[:1]))
        again = Segment("dev", "Desktop", 5, tuple(answers))
        _apply(library, first)
        _apply(library, again)
        expected = sorted(_expected(first) + _expected(again))

    assert _keys(library) == expected
