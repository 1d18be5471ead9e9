"""Compaction of a device's own journal segments: one compacted segment replaces many, and every other
device still gets every entry exactly once, whichever old segments it read before or finds beside it
(two libraries in one process; the two-process property test copies in random orders)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from studyguide.review import sync as sync_module
from studyguide.store import journal_files
from studyguide.store.journal_files import SegmentUnreadable, decode_segment, encode_segment, segment_files
from tests.unit.test_sync_service import Device, two_devices


@pytest.fixture
def pair(tmp_path: Path, content_db: Path):
    yield from two_devices(tmp_path, content_db)


def _entries(device: Device) -> list[tuple]:
    with sqlite3.connect(device.library.progress.path) as db:
        return db.execute("SELECT device, segment, idx, undone FROM sync_entries ORDER BY 1, 2, 3").fetchall()


def _copy(src: Path, dst: Path, numbers: set[int] | None = None) -> list[str]:
    """Copy src's segments (those numbered ``numbers``, or all) into dst, never removing any there."""
    copied = []
    for path in sorted((src / "StudyGuide-sync").rglob("segment-*")):
        if numbers is None or int(path.name[8:16]) in numbers:
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.append(path.name[:16])
    return copied


def _study_and_sync(device: Device, times: int) -> None:
    for _ in range(times):
        device.clock.advance(days=2)
        device.study(3, 1)
        device.sync.sync()


def test_a_compacted_segment_replaces_old_ones_and_each_entry_arrives_once(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    laptop.study(3, 3)
    laptop.sync.sync(here)
    _study_and_sync(laptop, 4)  # segments 1-5
    laptop.clock.advance(days=2)
    session = laptop.library.start_review(laptop.guide)  # an undo in the journal too
    session.reveal()
    session.answer(3)
    laptop.sync.sync()
    session.undo()
    laptop.sync.sync()  # segments 6 (answer), 7 (its undo)
    laptop.library.cards.forget([(laptop.guide, laptop.log()[0][1])])
    laptop.sync.sync()  # 8: a forget
    assert sorted(segment_files(here, laptop.sync.status().device_id)) == list(range(1, 9))
    _copy(here, there, {1, 2})
    desktop.sync.sync(there)  # the desktop applied segments 1 and 2...
    _copy(here, there, {4, 6})  # ...and holds 4 and 6, not applied yet, when the compacted one comes
    report, _ = laptop.sync.sync(compact=True)
    device = laptop.sync.status().device_id
    assert report.compacted == 7  # 1-7 into 9; 8 stays (the newest)
    assert sorted(segment_files(here, device)) == [8, 9]  # the old files are gone from the laptop's folder
    compacted = decode_segment((here / "StudyGuide-sync" / device / "segment-00000009.jsonl.zst").read_bytes(),
                               device_id=device, number=9)
    assert [n for n, _ in compacted.parts] == [1, 2, 3, 4, 5, 6, 7]
    assert _copy(here, there) == ["segment-00000008", "segment-00000009"]
    report, _ = desktop.sync.sync()
    assert desktop.log() == laptop.log() and len(set(desktop.log())) == len(desktop.log())
    assert desktop.states() == laptop.states()
    assert _entries(desktop) == _entries(laptop)  # every entry once, under the key it always had
    report, _ = desktop.sync.sync()
    assert report.applied == 0  # the old segments beside the compacted one are never read again


def test_compacting_twice_and_old_files_copied_back_lose_and_repeat_nothing(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    laptop.study(3)
    laptop.sync.sync(here)
    _study_and_sync(laptop, 3)
    _copy(here, there)  # the desktop's folder keeps 1-4 (a copy by hand never removes)
    laptop.sync.sync(compact=True)  # 1-3 into 5
    _study_and_sync(laptop, 2)  # 6, 7
    _copy(there, here)  # 1-4 come back into the laptop's folder
    report, _ = laptop.sync.sync()
    assert report.applied == 0  # its own, known: nothing applied again
    report, _ = laptop.sync.sync(compact=True)  # 1-6 (and 5 itself) into 8; 7 stays
    device = laptop.sync.status().device_id
    assert sorted(segment_files(here, device)) == [7, 8]
    _copy(here, there)
    desktop.sync.sync(there)  # 1-4 as themselves or by 8, 5 by 8, 6 by 8, 7
    assert desktop.log() == laptop.log() and desktop.states() == laptop.states()
    assert _entries(desktop) == _entries(laptop)


def test_a_sync_compacts_by_itself_once_a_device_has_many_segments(pair, tmp_path: Path, monkeypatch) -> None:
    laptop, _ = pair
    monkeypatch.setattr(sync_module, "COMPACT_AT", 6)
    monkeypatch.setattr(sync_module, "KEEP_RECENT", 2)
    (tmp_path / "here").mkdir()
    laptop.study(3)
    laptop.sync.sync(tmp_path / "here")
    _study_and_sync(laptop, 4)
    device = laptop.sync.status().device_id
    assert sorted(segment_files(tmp_path / "here", device)) == [1, 2, 3, 4, 5]
    _study_and_sync(laptop, 1)  # the sixth: 1-4 compacted into 7, the newest two kept
    assert sorted(segment_files(tmp_path / "here", device)) == [5, 6, 7]


def test_an_older_studyguide_leaves_a_compacted_segment_for_later_and_damaged_parts_are_refused(monkeypatch) -> None:
    entries = [{"k": "undo", "of": ["ab", 1, 0]}, {"k": "undo", "of": ["ab", 2, 0]}]
    data = encode_segment(device_id="d", device_name="D", number=5, entries=entries, written_at="",
                          parts=((2, 1), (3, 1)))
    assert decode_segment(data, device_id="d", number=5).parts == ((2, 1), (3, 1))
    monkeypatch.setattr(journal_files, "SEGMENT_VERSION", 2)  # a StudyGuide that reads formats 1-2
    with pytest.raises(SegmentUnreadable) as raised:
        decode_segment(data, device_id="d", number=5)
    assert raised.value.newer
    monkeypatch.undo()
    for parts in (((2, 1), (3, 2)), ((5, 1), (3, 1))):  # counts not matching; a part not older than it
        bad = encode_segment(device_id="d", device_name="D", number=5, entries=entries, written_at="", parts=parts)
        with pytest.raises(SegmentUnreadable):
            decode_segment(bad, device_id="d", number=5)


def test_a_device_restored_from_a_backup_compacts_only_what_it_has_and_gets_the_rest_back(pair,
                                                                                          tmp_path: Path) -> None:
    laptop, _ = pair
    (tmp_path / "here").mkdir()
    laptop.study(3)
    laptop.sync.sync(tmp_path / "here")
    _study_and_sync(laptop, 1)
    backup = laptop.library.progress.backup(kind="manual", now=laptop.clock())  # knows segments 1-2
    _study_and_sync(laptop, 3)  # 3-5: in the folder only, once the backup is restored
    answers = laptop.log()
    laptop.library.progress.restore_from(backup, now=laptop.clock())
    report, _ = laptop.sync.sync(compact=True)
    assert report.compacted == 2  # 1-2 only
    assert laptop.log() == answers  # 3-5 applied back, nothing lost
    report, _ = laptop.sync.sync(compact=True)
    assert report.compacted == 3 and laptop.log() == answers  # 3-5, now known; the compacted 6 is the newest
    assert sorted(segment_files(tmp_path / "here", laptop.sync.status().device_id)) == [6, 7]


def test_a_merge_of_many_segments_reads_each_devices_logged_answers_once(pair, tmp_path: Path) -> None:
    laptop, desktop = pair  # a year of daily syncs is thousands of segments: each read the log once (quadratic)
    (tmp_path / "here").mkdir()
    laptop.study(3)
    laptop.sync.sync(tmp_path / "here")
    _study_and_sync(laptop, 5)
    desktop.study(3)
    own = desktop.log()
    statements: list[str] = []
    desktop.library.progress.database.conn.set_trace_callback(statements.append)
    try:
        report, _ = desktop.sync.sync(tmp_path / "here")
    finally:
        desktop.library.progress.database.conn.set_trace_callback(None)
    assert report.applied == 6 and desktop.log() == sorted(laptop.log() + own)
    reads = [s for s in statements if "LEFT JOIN [sync_entries] e ON e.log_id = r.id WHERE r.guide_id IN" in s]
    assert len(reads) == 1, len(reads)


def test_a_guide_written_here_travels_through_a_compacted_segment(tmp_path: Path) -> None:
    from studyguide import api

    folder = tmp_path / "Sync"
    folder.mkdir()
    with api.open_library(tmp_path / "laptop") as library:
        guide = library.new_guide("Notes")
        library.sync(folder)
        sections = [library.add_section(guide, f"Part {n}", f"Text {n}") for n in range(3)]
        library.sync()
        library._authoring.edit_section(guide, sections[0], body="Text 0, again")
        library.sync()
        assert library.sync(compact=True).compacted == 2
    with api.open_library(tmp_path / "desktop") as library:
        library.sync(folder)
        assert guide in [g.id for g in library.guides()]
        bodies = {s.title: s.body for s in library._core.load_guide(guide).sections}
    assert bodies == {"Part 0": "Text 0, again", "Part 1": "Text 1", "Part 2": "Text 2"}
