"""A guide's own fitted FSRS parameters travel through the sync journal: the latest fit wins on every
device, and a merge schedules answers again with the parameters it settled on (two libraries in one
process)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from studyguide.review.scheduler import Rating, Scheduler
from tests.unit.test_sync_service import Device

DEFAULTS = tuple(float(w) for w in fsrs.scheduler.DEFAULT_PARAMETERS)
#: Two fits unlike the defaults: a first answer's stability (the first four numbers), the difficulty
#: (4-7) and a recalled card's stability (8-10) differ.
FIT = (2.0, 5.0, 9.0, 30.0, 7.5, 1.2, 2.0, 0.05, 2.5, 0.3, 1.2, *DEFAULTS[11:])
OTHER_FIT = (0.5, 1.5, 4.0, 12.0, *DEFAULTS[4:])


@pytest.fixture
def pair(tmp_path: Path, content_db: Path):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    made = [Device(tmp_path / "laptop", content_db, start), Device(tmp_path / "desktop", content_db,
                                                                  start + timedelta(minutes=3))]
    (tmp_path / "Sync").mkdir()
    yield made
    for device in made:
        device.library.close()


def _parameters(device: Device) -> tuple[float, ...] | None:
    device.library.review.reload_settings()  # what the window does when a sync brought settings
    return device.library.review.guide_parameters(device.guide)


def test_a_guides_own_parameters_travel_and_so_does_going_back_to_the_settings(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    laptop.library.review.set_guide_parameters(laptop.guide, FIT)
    laptop.sync.sync(tmp_path / "Sync")
    report, changes = desktop.sync.sync(tmp_path / "Sync")
    assert report.fields_applied == 1 and report.conflicts == 0 and changes
    assert _parameters(desktop) == FIT
    assert desktop.library.review.parameters_for(desktop.guide) == FIT  # what its answers are scheduled with
    laptop.clock.advance(minutes=10)
    laptop.library.review.set_guide_parameters(laptop.guide, None)  # Optimize's "Use the settings' parameters"
    laptop.sync.sync()
    desktop.sync.sync()
    assert _parameters(desktop) is None and _parameters(laptop) is None
    for device in pair:
        report, _ = device.sync.sync()
        assert (report.written, report.applied) == (0, 0)


def test_two_fits_made_offline_are_no_conflict_the_latest_wins_on_both(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    laptop.library.review.set_guide_parameters(laptop.guide, FIT)
    desktop.library.review.set_guide_parameters(desktop.guide, OTHER_FIT)
    laptop.sync.sync(tmp_path / "Sync")  # 09:00
    report, _ = desktop.sync.sync(tmp_path / "Sync")  # 09:03: its version is the latest
    assert report.conflicts == 0
    laptop.sync.sync()
    assert _parameters(laptop) == _parameters(desktop) == OTHER_FIT
    assert laptop.sync.conflicts() == desktop.sync.conflicts() == []
    laptop.clock.advance(minutes=30)  # a newer fit on the laptop wins in turn
    laptop.library.review.set_guide_parameters(laptop.guide, FIT)
    laptop.sync.sync()
    desktop.sync.sync()
    assert _parameters(laptop) == _parameters(desktop) == FIT


def test_a_merge_schedules_answers_again_with_the_parameters_it_brings(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    laptop.study(3)
    laptop.sync.sync(tmp_path / "Sync")
    desktop.sync.sync(tmp_path / "Sync")
    laptop.library.review.set_guide_parameters(laptop.guide, FIT)  # fitted on the laptop, offline
    laptop.clock.advance(days=10)  # both answer the card again ten days on, offline
    laptop.study(3)
    desktop.clock.now = laptop.clock() + timedelta(days=3)
    desktop.study(3)  # three days after the laptop's: scheduled again from it by the merge
    with sqlite3.connect(laptop.library.progress.path) as db:
        card, laptop_state = db.execute("SELECT card_id, new_state FROM review_log ORDER BY id DESC").fetchone()
    laptop.sync.sync()
    desktop.sync.sync()  # the fit and the laptop's answer arrive together
    laptop.sync.sync()
    assert laptop.states() == desktop.states()
    with sqlite3.connect(desktop.library.progress.path) as db:
        at, new = db.execute("SELECT reviewed_at, new_state FROM review_log WHERE card_id = ? "
                             "ORDER BY reviewed_at DESC LIMIT 1", [card]).fetchone()
    expected = Scheduler(enable_fuzzing=False, parameters=FIT).answer(
        guide_id=desktop.guide, card_id=card, state=json.loads(laptop_state), rating=Rating.GOOD,
        now=datetime.fromisoformat(at))
    assert at > json.loads(laptop_state)["last_review"] and json.loads(new) == expected.state
