"""Sync between two libraries in one process: union merge, replay, undo, damaged and copied segments."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyguide.domain.errors import StoreUnavailable
from studyguide.library import Library
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.review.sync import NoSyncFolder, SyncService
from studyguide.store import schema
from tests.conftest import Clock


class Device:
    """A library with its own clock and sync service."""

    def __init__(self, home: Path, content_db: Path, start: datetime) -> None:
        self.clock = Clock(start)
        self.library = Library(home=home, bundled_guide=content_db, clock=self.clock)  # fuzz on, as for users
        self.sync = SyncService(progress=self.library.progress, settings=lambda: self.library.review.settings,
                                clock=self.clock)
        self.guide = self.library.guides()[0].id

    def study(self, *ratings: int) -> None:
        session = self.library.start_review(self.guide)
        for rating in ratings:
            self.clock.advance(minutes=7)
            session.reveal()
            session.answer(Rating(rating))

    def states(self) -> dict[str, str]:
        return {c: p.state["due"] + str(p.state["stability"]) for c, p in
                self.library.progress.card_states(self.guide).items()}

    def chained(self) -> bool:
        """Each card's answers, in time order, each follow the state the one before left, and the
        card's state is its last one's (what a replay of the merged log gives)."""
        with sqlite3.connect(self.library.progress.path) as db:
            rows = db.execute("SELECT card_id, previous_state, new_state FROM review_log "
                              "ORDER BY card_id, reviewed_at").fetchall()
            states = dict(db.execute("SELECT card_id, state FROM card_state").fetchall())
        last: dict[str, str | None] = {}
        for card, previous, new in rows:
            if last.get(card) != previous:
                return False
            last[card] = new
        return last == states

    def day_totals_match_the_log(self) -> bool:
        """The per-day totals (kept with each answer, changed by merges) are what the log says."""
        with sqlite3.connect(self.library.progress.path) as db:
            kept = db.execute("SELECT * FROM review_daily WHERE reviews != 0 ORDER BY 1, 2").fetchall()
            db.execute("CREATE TEMP TABLE recount AS SELECT * FROM review_daily WHERE 0")
            db.execute(schema.DAILY_FROM_LOG.replace(f"INSERT INTO [{schema.REVIEW_DAILY}]", "INSERT INTO recount"))
            return kept == db.execute("SELECT * FROM recount ORDER BY 1, 2").fetchall()

    def log(self) -> list[tuple]:
        with sqlite3.connect(self.library.progress.path) as db:
            return sorted(db.execute("SELECT guide_id, card_id, rating, reviewed_at FROM review_log"))


def two_devices(tmp_path: Path, content_db: Path) -> Iterator[list[Device]]:
    """A laptop and a desktop (its clock 3 minutes on), closed after the test (a fixture's body)."""
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    made = [Device(tmp_path / "laptop", content_db, start), Device(tmp_path / "desktop", content_db,
                                                                  start + timedelta(minutes=3))]
    yield made
    for device in made:
        device.library.close()


@pytest.fixture
def devices(tmp_path: Path, content_db: Path):
    yield from two_devices(tmp_path, content_db)


def test_two_devices_that_studied_the_same_cards_offline_end_with_the_same_states(devices, tmp_path: Path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 1, 3, 4)
    desktop.study(2, 3, 3)
    first = laptop.library.progress  # both answered the first card, the laptop 3 minutes earlier
    with sqlite3.connect(first.path) as db:
        card, laptop_state = db.execute("SELECT card_id, new_state FROM review_log ORDER BY id").fetchone()
    laptop.sync.sync(folder)
    report, changes = desktop.sync.sync(folder)
    assert report.answers_applied == 4 and changes.progress
    report, _ = laptop.sync.sync()  # the remembered folder
    assert report.answers_applied == 3
    assert laptop.log() == desktop.log() and len(laptop.log()) == 7
    assert laptop.states() == desktop.states()
    assert laptop.chained() and desktop.chained()
    assert laptop.day_totals_match_the_log() and desktop.day_totals_match_the_log()
    with sqlite3.connect(desktop.library.progress.path) as db:  # the desktop's answer now follows the laptop's
        rating, at, new = db.execute("SELECT rating, reviewed_at, new_state FROM review_log WHERE card_id = ? "
                                     "ORDER BY reviewed_at LIMIT 1 OFFSET 1", [card]).fetchone()
    expected = Scheduler(enable_fuzzing=False).answer(guide_id=laptop.guide, card_id=card,
                                                      state=json.loads(laptop_state), rating=Rating(rating),
                                                      now=datetime.fromisoformat(at))
    assert json.loads(new) == expected.state
    for device in devices:  # nothing more to write or apply, nothing applied twice
        report, changes = device.sync.sync()
        assert (report.written, report.applied, report.answers_applied, bool(changes)) == (0, 0, 0, False)
    assert len(laptop.log()) == 7
    status = laptop.sync.status()
    assert status.folder == str(folder.resolve()) and status.waiting == 0
    assert [d.this_device for d in status.devices] .count(False) == 1


def test_an_undo_travels_even_when_it_arrives_before_its_answer(devices, tmp_path: Path) -> None:
    laptop, desktop = devices
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    laptop.study(3, 3)
    laptop.sync.sync(here)
    session = laptop.library.start_review(laptop.guide)
    session.reveal()
    session.answer(Rating.AGAIN)
    laptop.sync.sync()
    assert session.undo() is not None
    laptop.sync.sync()  # segment 3 holds the undo of segment 2's answer
    copied = sorted((here / "StudyGuide-sync").rglob("segment-*"))
    assert [p.name[:16] for p in copied] == ["segment-00000001", "segment-00000002", "segment-00000003"]
    for path in (copied[0], copied[2]):  # the undo arrives first
        target = there / path.relative_to(here)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    report, _ = desktop.sync.sync(there)
    assert report.answers_applied == 2 and report.undos_applied == 0
    shutil.copyfile(copied[1], there / copied[1].relative_to(here))
    report, _ = desktop.sync.sync()
    assert report.applied == 1 and report.answers_applied == 0  # the answer taken back is never applied
    assert desktop.log() == laptop.log() and len(desktop.log()) == 2
    assert desktop.states() == laptop.states()


def test_an_undo_of_an_answer_already_merged_takes_it_back_on_the_other_device(devices, tmp_path: Path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    session = laptop.library.start_review(laptop.guide)
    session.reveal()
    session.answer(Rating.GOOD)
    laptop.sync.sync(folder)
    desktop.sync.sync(folder)
    assert len(desktop.log()) == 1
    assert session.undo() is not None
    laptop.sync.sync()
    report, _ = desktop.sync.sync()
    assert report.undos_applied == 1
    assert desktop.log() == [] and desktop.states() == {}
    assert desktop.day_totals_match_the_log()


def test_a_segment_still_being_copied_is_skipped_with_a_message_and_applied_once_whole(devices, tmp_path) -> None:
    laptop, desktop = devices
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    laptop.study(3, 3, 3)
    laptop.sync.sync(here)
    (segment,) = (here / "StudyGuide-sync").rglob("segment-*")
    target = there / segment.relative_to(here)
    target.parent.mkdir(parents=True)
    target.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    report, changes = desktop.sync.sync(there)
    assert report.applied == 0 and not changes
    assert len(report.skipped) == 1 and "left for later" in report.skipped[0]
    shutil.copyfile(segment, target)
    conflict = target.with_name("segment-00000001.jsonl.sync-conflict-20260302-100000-XYZ.zst")
    shutil.copyfile(segment, conflict)
    report, _ = desktop.sync.sync()
    assert (report.applied, report.answers_applied, report.skipped, report.conflict_copies) == (1, 3, (), 1)
    report, _ = desktop.sync.sync()
    assert (report.applied, report.answers_applied) == (0, 0)  # the conflict copy is never applied again


def test_progress_restored_from_an_older_backup_gets_its_own_later_answers_back_from_the_folder(devices,
                                                                                                 tmp_path) -> None:
    laptop, _ = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3)
    laptop.sync.sync(folder)
    backup = laptop.library.progress.backup(kind="manual", now=laptop.clock())
    laptop.study(3, 3)
    laptop.sync.sync()
    laptop.library.progress.restore_from(backup, now=laptop.clock())
    assert len(laptop.log()) == 1
    laptop.study(2)
    report, _ = laptop.sync.sync()
    assert report.written == 1 and report.answers_applied == 2
    assert len(laptop.log()) == 4
    names = sorted(p.name for p in (folder / "StudyGuide-sync").rglob("segment-*"))
    assert names == [f"segment-0000000{n}.jsonl.zst" for n in (1, 2, 3)]  # a new number, nothing overwritten


def test_sync_without_a_folder_or_with_a_missing_one_says_so(devices, tmp_path: Path) -> None:
    laptop, _ = devices
    with pytest.raises(NoSyncFolder, match="No sync folder is set"):
        laptop.sync.sync()
    with pytest.raises(StoreUnavailable, match="is missing"):
        laptop.sync.sync(tmp_path / "gone")
    folder = tmp_path / "stick"
    folder.mkdir()
    laptop.sync.sync(folder)
    folder.rmdir()
    with pytest.raises(StoreUnavailable, match="USB stick"):
        laptop.sync.sync()


def _edits(device: Device):
    return device.library.card_edits(device.guide)


def test_a_suspension_and_its_undo_travel(devices, tmp_path: Path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    card = next(iter(laptop.library.load_guide(laptop.guide).cards)).id
    laptop.library.review.suspend(laptop.guide, card)
    laptop.sync.sync(folder)
    report, changes = desktop.sync.sync(folder)
    assert report.fields_applied == 1 and changes.due_counts and changes.content
    assert _edits(desktop)[card].suspended
    laptop.library.review.unsuspend(laptop.guide, card)
    laptop.sync.sync()
    desktop.sync.sync()
    assert not _edits(desktop)[card].suspended
    assert desktop.sync.conflicts() == []


def test_the_same_card_reworded_on_both_devices_keeps_both_until_the_learner_picks(devices, tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    card = next(iter(laptop.library.load_guide(laptop.guide).cards)).id
    laptop.sync.rename_device("Laptop")
    desktop.sync.rename_device("Desktop")
    laptop.library.review.set_card_text(laptop.guide, card, front="Laptop's wording", back=None)
    desktop.library.review.set_card_text(desktop.guide, card, front="Desktop's wording", back=None)
    laptop.sync.sync(folder)
    report, _ = desktop.sync.sync(folder)
    assert report.conflicts == 1
    laptop.sync.sync()
    for device, own in ((laptop, "Laptop's wording"), (desktop, "Desktop's wording")):
        assert _edits(device)[card].front == own  # nothing dropped: each keeps its own until a pick
        (conflict,) = device.sync.conflicts()
        assert (conflict.card_id, conflict.field) == (card, "front")
        assert sorted((name, value) for name, value, _at in conflict.versions) == [
            ("Desktop", "Desktop's wording"), ("Laptop", "Laptop's wording")]
    (conflict,) = laptop.sync.conflicts()
    choice = [v[1] for v in conflict.versions].index("Desktop's wording")
    laptop.sync.pick(conflict, choice)
    laptop.sync.sync()
    desktop.sync.sync()
    for device in devices:
        assert _edits(device)[card].front == "Desktop's wording"
        assert device.sync.conflicts() == []


def test_the_status_of_a_library_that_never_synced_writes_nothing(devices) -> None:
    laptop, _ = devices
    before = laptop.library.progress.database.execute("PRAGMA data_version").fetchone()[0]
    changes = laptop.library.progress.database.conn.total_changes
    status = laptop.sync.status()
    assert (status.folder, status.device_id, status.devices, status.waiting) == (None, "", (), 0)
    assert laptop.sync.conflicts() == []
    assert laptop.library.progress.database.conn.total_changes == changes  # not even the device id
    assert laptop.library.progress.database.execute("PRAGMA data_version").fetchone()[0] == before


def test_a_new_device_merging_two_devices_that_studied_the_same_cards_gets_their_states(
        devices, tmp_path: Path, content_db: Path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 1, 3)
    desktop.study(2, 3, 4)  # the same new cards, a few minutes later each time
    for device in (laptop, desktop, laptop):
        device.sync.sync(folder)
    tablet = Device(tmp_path / "tablet", content_db, laptop.clock())
    try:
        report, _ = tablet.sync.sync(folder)
        assert report.answers_applied == 6
        assert tablet.states() == laptop.states() == desktop.states()
        assert tablet.chained() and tablet.day_totals_match_the_log()
    finally:
        tablet.library.close()


def test_review_settings_travel_and_the_same_change_on_both_devices_is_no_conflict(devices, tmp_path) -> None:
    from dataclasses import replace

    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    for device in devices:  # both suspend the same card offline: the same change, no conflict
        device.library.review.suspend(device.guide, "where-signed")
    laptop.library.review.save_settings(replace(laptop.library.review.settings, desired_retention=0.85))
    laptop.sync.sync(folder)
    report, _ = desktop.sync.sync(folder)
    assert report.conflicts == 0 and desktop.sync.conflicts() == []
    desktop.library.review.reload_settings()
    assert desktop.library.review.settings.desired_retention == 0.85
    assert _edits(desktop)["where-signed"].suspended
    for device, retention in ((laptop, 0.8), (desktop, 0.95)):  # both change it offline: both kept
        device.library.review.save_settings(replace(device.library.review.settings, desired_retention=retention))
    for device in (laptop, desktop, laptop):
        device.sync.sync()
    for device, retention in ((laptop, 0.8), (desktop, 0.95)):
        (conflict,) = device.sync.conflicts()
        assert (conflict.card_id, conflict.field) == ("", "desired_retention")
        assert sorted(v[1] for v in conflict.versions) == ["0.8", "0.95"]
        device.library.review.reload_settings()
        assert device.library.review.settings.desired_retention == retention  # each keeps its own meanwhile


def test_a_merge_lets_go_of_the_answers_it_read(devices, tmp_path: Path) -> None:
    # The merge's lookups refer back to the store: what they held (a year of answers) stayed until a
    # full cycle collection, which then walked it on every later collection (a slower next merge).
    import gc

    from studyguide.domain.journal import LoggedAnswer

    laptop, desktop = devices
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 1, 3, 4)
    laptop.sync.sync(folder)
    gc.collect()
    was_enabled = gc.isenabled()  # off in the suite but at each test's end (conftest)
    gc.disable()  # only what reference counting frees counts
    try:
        assert desktop.sync.sync(folder)[0].answers_applied == 4
        assert not [o for o in gc.get_objects() if isinstance(o, LoggedAnswer)]
    finally:
        if was_enabled:
            gc.enable()
