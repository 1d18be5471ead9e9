"""The sync journal's pure parts and its segment files: names, conflict copies, format, replay."""

from __future__ import annotations

import contextlib
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.journal import (
    JournalAnswer,
    JournalUndo,
    LoggedAnswer,
    entry_from_json,
    replay,
    segment_name,
    segment_number,
)
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.store.journal_files import (
    SegmentUnreadable,
    decode_segment,
    encode_segment,
    read_segment,
    segment_files,
    write_segment,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SCHEDULER = Scheduler(enable_fuzzing=False)


def reschedule(guide, card, state, rating, at):
    return SCHEDULER.answer(guide_id=guide, card_id=card, state=state, rating=Rating(rating), now=at).state


@pytest.mark.parametrize(("name", "expected"), [
    ("segment-00000007.jsonl.zst", (7, False)),
    ("segment-00000007.jsonl.sync-conflict-20250101-101010-ABCDEFG.zst", (7, True)),
    ("segment-00000007 (Ann's conflicted copy 2025-01-01).jsonl.zst", (7, True)),
    ("segment-00000007 (conflicted copy 2025-01-01 101010).jsonl.zst", (7, True)),
    ("segment-00000007 (Case Conflict).jsonl.zst", (7, True)),
    (".writing-123-456-segment-00000007.jsonl.zst", None),
    ("segment-7.jsonl.zst", None),
    ("segment-00000007.jsonl.zst.part", None),
    ("notes.txt", None),
])
def test_segment_names_and_sync_tools_conflict_copies_are_told_apart(name, expected) -> None:
    assert segment_number(name) == expected
    assert segment_number(segment_name(42)) == (42, False)


def _answer(card: str = "c1", rating: int = 3, at: datetime = T0, previous: dict | None = None) -> JournalAnswer:
    new = reschedule("g", card, previous, rating, at)
    return JournalAnswer("g", card, rating, at.isoformat(), 1200, None if previous is None else json.dumps(previous),
                         json.dumps(new))


def test_entries_round_trip_through_their_json() -> None:
    answer = _answer()
    assert entry_from_json(json.loads(json.dumps(answer.to_json()))) == answer
    undo = JournalUndo(("dev", 3, 9))
    assert entry_from_json(undo.to_json()) == undo


def _segment(entries, number=1, device="dev") -> bytes:
    return encode_segment(device_id=device, device_name="Laptop", number=number,
                          entries=[e.to_json() for e in entries], written_at=T0.isoformat())


def test_a_segment_reads_back_whole_and_every_truncation_is_refused() -> None:
    entries = [_answer("c1"), _answer("c2", 1), JournalUndo(("other", 1, 0))]
    data = _segment(entries)
    segment = decode_segment(data, device_id="dev", number=1)
    assert segment.entries == tuple(entries) and segment.device_name == "Laptop"
    for length in range(len(data)):
        with pytest.raises(SegmentUnreadable):
            decode_segment(data[:length], device_id="dev", number=1)


@given(st.binary(max_size=400))
def test_any_bytes_are_refused_or_read_never_a_crash(data: bytes) -> None:
    with contextlib.suppress(SegmentUnreadable):
        decode_segment(data, device_id="dev", number=1)


def test_a_segment_from_a_newer_app_or_another_place_is_refused_with_the_reason() -> None:
    import zstandard

    raw = zstandard.ZstdDecompressor().decompress(_segment([_answer()]))
    header, _, body = raw.partition(b"\n")
    newer = json.dumps({**json.loads(header), "version": 99}).encode() + b"\n" + body
    with pytest.raises(SegmentUnreadable, match="newer StudyGuide") as caught:
        decode_segment(zstandard.ZstdCompressor().compress(newer), device_id="dev", number=1)
    assert caught.value.newer
    with pytest.raises(SegmentUnreadable, match="another device or segment"):
        decode_segment(_segment([_answer()]), device_id="dev", number=2)
    flipped = raw.replace(b'"r":3', b'"r":4')
    with pytest.raises(SegmentUnreadable, match="checksum"):
        decode_segment(zstandard.ZstdCompressor().compress(flipped), device_id="dev", number=1)


def test_a_segment_is_written_once_and_a_whole_conflict_copy_stands_in_for_a_damaged_one(tmp_path: Path) -> None:
    data = _segment([_answer()])
    assert write_segment(tmp_path, "dev", 1, data)
    assert not write_segment(tmp_path, "dev", 1, b"other bytes")  # never rewritten
    folder = tmp_path / "StudyGuide-sync" / "dev"
    assert (folder / segment_name(1)).read_bytes() == data
    assert [p.name for p in folder.iterdir()] == [segment_name(1)]  # no temporary file left
    (folder / segment_name(1)).write_bytes(data[:-5])  # a sync tool wrote it half
    (folder / "segment-00000001.jsonl.sync-conflict-20260302-090000-ABC.zst").write_bytes(data)
    paths = segment_files(tmp_path, "dev")[1]
    assert paths[0].name == segment_name(1)
    segment, conflicts = read_segment(paths, "dev", 1)
    assert conflicts == 1 and len(segment.entries) == 1


def test_a_missing_sync_folder_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="is missing"):
        write_segment(tmp_path / "usb-stick", "dev", 1, b"x")


@pytest.mark.skipif(os.geteuid() != 0, reason="remounting read-only needs root")
def test_a_read_only_or_full_sync_folder_is_said_plainly_and_leaves_no_file(tiny_disk: Path) -> None:
    import subprocess

    with pytest.raises(StoreUnavailable, match="is full"):
        write_segment(tiny_disk, "dev", 1, os.urandom(3 << 20))
    assert not any((tiny_disk / "StudyGuide-sync" / "dev").iterdir())
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    try:
        with pytest.raises(StoreUnavailable, match="cannot be written"):
            write_segment(tiny_disk, "dev", 2, b"x")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], check=True)


def _logged(row: int, device: str, card: str, rating: int, at: datetime, previous: str | None) -> LoggedAnswer:
    state = None if previous is None else json.loads(previous)
    return LoggedAnswer(row, "g", card, rating, at.isoformat(), (device, 1, row), previous,
                        json.dumps(reschedule("g", card, state, rating, at)))


def test_replay_keeps_each_devices_outcome_and_schedules_again_only_what_another_device_came_before() -> None:
    a1 = _logged(1, "A", "c", 3, T0, None)
    a2 = _logged(2, "A", "c", 3, T0 + timedelta(days=2), a1.new_state)
    b1 = _logged(3, "B", "c", 1, T0 + timedelta(days=1), None)  # B answered the same card offline
    merged = replay([a2, b1, a1], reschedule)[("g", "c")]
    assert [r.answer.row for r in merged] == [1, 3, 2]
    assert not merged[0].changed  # a1 came first: kept as recorded
    assert merged[1].changed and merged[1].previous_state == a1.new_state  # b1 follows a1 now
    expected = reschedule("g", "c", json.loads(merged[1].new_state), 3, a2.moment)
    assert json.loads(merged[2].new_state) == expected


@given(st.lists(st.tuples(st.sampled_from("AB"), st.sampled_from(["c1", "c2"]), st.integers(1, 4),
                          st.integers(0, 60 * 24 * 30)), max_size=12), st.randoms())
def test_replay_is_the_same_whatever_order_the_answers_arrive_in(answers, random) -> None:
    logged = [_logged(i, device, card, rating, T0 + timedelta(minutes=minute), None)
              for i, (device, card, rating, minute) in enumerate(answers)]
    shuffled = list(logged)
    random.shuffle(shuffled)
    first, second = replay(logged, reschedule), replay(shuffled, reschedule)
    assert {k: [r.new_state for r in v] for k, v in first.items()} == {
        k: [r.new_state for r in v] for k, v in second.items()}
