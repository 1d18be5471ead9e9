"""Two devices' answers are two answers, whatever their content: an answer is known by its device
(and its entry key), never by its card, rating and time alone (issue 19: the Syncthing run that
ended with 14 of 16 answers after both devices answered the same cards in the same microsecond)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.unit.test_sync_service import Device


@pytest.fixture
def twins(tmp_path: Path, content_db: Path):
    """Two devices whose clocks read the same time: the same ratings give the same answers."""
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    made = [Device(tmp_path / "laptop", content_db, start), Device(tmp_path / "desktop", content_db, start)]
    yield made
    for device in made:
        device.library.close()


def _origins(device: Device) -> list[tuple]:
    with sqlite3.connect(device.library.progress.path) as db:
        return sorted(db.execute("SELECT e.device, r.card_id, r.rating, r.reviewed_at FROM review_log r "
                                 "JOIN sync_entries e ON e.log_id = r.id").fetchall())


def _chained(device: Device) -> bool:
    """Each card's answers, in merged-log order (time, then entry key: the tie-break of two answers
    of one moment), each follow the state the one before left, and the card's state is the last one's."""
    with sqlite3.connect(device.library.progress.path) as db:
        rows = db.execute("SELECT r.card_id, r.previous_state, r.new_state FROM review_log r JOIN sync_entries e "
                          "ON e.log_id = r.id ORDER BY r.card_id, r.reviewed_at, e.device, e.segment, e.idx").fetchall()
        states = dict(db.execute("SELECT card_id, state FROM card_state").fetchall())
    last: dict[str, str | None] = {}
    for card, previous, new in rows:
        if last.get(card) != previous:
            return False
        last[card] = new
    return last == states


def test_two_devices_answering_the_same_cards_at_the_same_moment_keep_both_answers(twins, tmp_path) -> None:
    laptop, desktop = twins
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 1, 3, 2)
    desktop.study(3, 1, 3, 2)
    assert laptop.log() == desktop.log()  # the very same (card, rating, time) on both
    laptop.sync.sync(folder)
    report, _ = desktop.sync.sync(folder)
    assert report.answers_applied == 4
    report, _ = laptop.sync.sync()
    assert report.answers_applied == 4
    for device in twins:
        log = device.log()
        assert len(log) == 8 and len(set(log)) == 4  # each answer twice: once from each device
        assert _chained(device) and device.day_totals_match_the_log()
        assert len({device for device, *_ in _origins(device)}) == 2
    assert laptop.states() == desktop.states()
    assert _origins(laptop) == _origins(desktop)
    before = desktop.states()  # the states rebuilt from the log (its chain: each answer's state follows
    desktop.library.progress.rebuild_card_state()  # another's) are the merged ones, ties and all
    assert desktop.states() == before
    # a sync tool's conflict copy of every segment, and syncs again: nothing applied twice
    for segment in list((folder / "StudyGuide-sync").rglob("segment-*")):
        shutil.copyfile(segment, segment.with_name(segment.name.replace(".jsonl.zst", ".jsonl.sync-conflict-x.zst")))
    for device in (laptop, desktop, laptop):
        report, changes = device.sync.sync()
        assert (report.applied, report.answers_applied, bool(changes)) == (0, 0, False)
    assert len(laptop.log()) == len(desktop.log()) == 8


def test_the_same_moment_on_two_devices_then_a_third_device_gets_both(twins, tmp_path, content_db) -> None:
    laptop, desktop = twins
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(2, 4)
    desktop.study(2, 4)
    laptop.sync.sync(folder)
    desktop.sync.sync(folder)
    tablet = Device(tmp_path / "tablet", content_db, laptop.clock())
    try:
        report, _ = tablet.sync.sync(folder)  # both segments in one merge
        assert report.answers_applied == 4 and len(tablet.log()) == 4
        laptop.sync.sync()
        assert tablet.states() == laptop.states()
    finally:
        tablet.library.close()


def test_one_device_journaling_the_same_answers_twice_still_counts_them_once(twins, tmp_path) -> None:
    laptop, desktop = twins
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 3)
    laptop.sync.sync(folder)
    with sqlite3.connect(laptop.library.progress.path) as db:  # as after a restore older than the journal
        for table in ("sync_entries", "sync_segments"):
            db.execute(f"DELETE FROM {table}")
    laptop.sync.sync()  # journals both answers again, in segment 2, and reads its segment 1 back
    assert len(laptop.log()) == 2
    report, _ = desktop.sync.sync(folder)
    assert report.applied == 2 and report.answers_applied == 2 and len(desktop.log()) == 2
    assert desktop.states() == laptop.states()


def test_an_answer_taken_back_and_given_again_in_the_same_moment_travels_as_the_new_one(twins, tmp_path) -> None:
    from studyguide.review.scheduler import Rating

    laptop, desktop = twins
    folder = tmp_path / "Sync"
    folder.mkdir()
    session = laptop.library.start_review(laptop.guide)
    session.reveal()
    session.answer(Rating.AGAIN)
    laptop.sync.sync(folder)
    desktop.sync.sync(folder)
    assert [r[2] for r in desktop.log()] == [1]
    assert session.undo() is not None  # its log row goes, and the next answer gets the same row id...
    session.reveal()
    session.answer(Rating.EASY)  # ...and, on this clock, the same time
    report, _ = laptop.sync.sync()
    assert report.written == 1
    report, _ = desktop.sync.sync()
    assert (report.answers_applied, report.undos_applied) == (1, 1)
    assert desktop.log() == laptop.log() and [r[2] for r in desktop.log()] == [4]
    assert desktop.states() == laptop.states()
