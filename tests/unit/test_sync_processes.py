"""Sync with real processes: two devices study offline while their sync folders are copied between them
in random orders, at random moments, whole or cut short (a property test); and a kill -9 mid-segment."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.domain.card_events import CardEvent, JournalCardEvent
from studyguide.domain.card_timeline import replay_cards
from studyguide.domain.journal import JournalAnswer, JournalUndo, LoggedAnswer
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.store.content_journal import read_items
from studyguide.store.journal_compaction import split
from studyguide.store.journal_files import decode_segment, devices_in, segment_files
from tests.conftest import ROOT

HELPER = Path(__file__).parent.parent / "sync_device.py"
SCHEDULER = Scheduler(enable_fuzzing=False)  # what a sync schedules again with (default settings)


def _env(guide: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SYNC_TEST_GUIDE": str(guide)}


def _start(args: list[str], guide: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], env=_env(guide), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> None:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, (process.args, out, err)


def _sync(home: Path, folder: Path, guide: Path, *more: str) -> subprocess.Popen:
    return _start(["-c", "import sys; from studyguide.cli import main; sys.exit(main(sys.argv[1:]))",
                   "--library", str(home), "sync", "--folder", str(folder), *more], guide)


def _copy(src: Path, dst: Path, fraction: float | None, some: int | None = None) -> None:
    """Copy what ``src`` has and ``dst`` lacks (whole, or the first ``fraction`` of each file; with
    ``some``, a random half of the files, that number seeding the choice): segments, and the media of
    the guides that travel (a sync tool copies them in any order). Never removes a file."""
    pick = random.Random(some)
    for path in sorted([*src.rglob("segment-*"), *src.glob("StudyGuide-sync/media/[0-9a-f]*")]):
        if some is not None and pick.random() < 0.5:
            continue
        target = dst / path.relative_to(src)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        have = target.stat().st_size if target.exists() else -1
        if have >= len(data):
            continue
        cut = len(data) if fraction is None else max(have + 1, int(len(data) * fraction))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data[:cut])


def _rows(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "progress.sqlite") as db:
        return sorted(db.execute(sql).fetchall())


def _conflicts(home: Path, guide: Path) -> list:
    from studyguide.library import Library
    from studyguide.review.sync import SyncService

    library = Library(home=home, bundled_guide=guide, clock=lambda: datetime.now(timezone.utc))
    try:
        return SyncService(progress=library.progress, settings=lambda: library.review.settings,
                           clock=library.clock, guides_folder=library.guides_folder).conflicts()
    finally:
        library.close()


def _merged_replay(folders: list[Path]) -> dict[tuple[str, str], str]:
    """The card states a replay of every answer, forget and set-due in the folders (minus those taken
    back) gives."""
    answers, events, undone = {}, {}, set()
    for folder in folders:
        for device in devices_in(folder):
            for number, paths in segment_files(folder, device).items():
                segment = decode_segment(paths[0].read_bytes(), device_id=device, number=number)
                for part, entries in split(segment):  # a compacted one: under the keys they always had
                    for index, entry in enumerate(entries):
                        if isinstance(entry, JournalAnswer):
                            answers[(device, part, index)] = entry
                        elif isinstance(entry, JournalUndo):
                            undone.add(entry.target)
                        elif isinstance(entry, JournalCardEvent):
                            events[(device, part, index)] = entry
    logged = [LoggedAnswer(i, a.guide_id, a.card_id, a.rating, a.reviewed_at, key,
                           a.previous_state, a.new_state)
              for i, (key, a) in enumerate(sorted(answers.items())) if key not in undone]

    def reschedule(guide, card, state, rating, at):
        return SCHEDULER.answer(guide_id=guide, card_id=card, state=state, rating=Rating(rating), now=at).state

    by_card: dict[tuple[str, str], list[CardEvent]] = {}
    for key, event in events.items():
        if key not in undone:
            by_card.setdefault((event.guide_id, event.card_id), []).append(CardEvent(*event, key))
    _, ends = replay_cards(logged, by_card, reschedule)
    return {key: state for key, state in ends.items() if state is not None}


def _same_guides(homes: list[Path], guide: Path, conflicts: dict) -> None:
    """Both libraries have the same own guides, with the same content, but for the items in conflict
    (each device shows its own version of those until the learner picks)."""
    from studyguide.store.content_journal import ContentJournal

    contents = []
    for home in homes:
        db = sqlite_utils.Database(home / "progress.sqlite")
        journal = ContentJournal(db=db, guides_folder=home / "guides", trash=home / "trash",
                                 clock=lambda: datetime.now(timezone.utc))
        contents.append({g: read_items(path) for g, path in journal.travelling().items()})
        db.close()
    assert set(contents[0]) == set(contents[1])
    for guide_id in contents[0]:
        (first, first_order), (second, second_order) = contents[0][guide_id], contents[1][guide_id]
        for item in set(first) | set(second):
            if (guide_id, item[1], item[0]) not in conflicts:
                assert first.get(item) == second.get(item), (guide_id, item)
        if (guide_id, "", "order") not in conflicts and not any(k[0] == guide_id and k[2] == "section"
                                                               for k in conflicts):
            assert first_order == second_order, guide_id


STEP = st.one_of(
    st.tuples(st.just("study"), st.integers(0, 1), st.text("1234", min_size=1, max_size=4), st.booleans(),
              st.sampled_from(["", "", "Reworded", "Said again"])),
    st.tuples(st.just("sync"), st.integers(0, 1), st.none(), st.none(), st.just("")),
    st.tuples(st.just("browse"), st.integers(0, 1), st.sampled_from(["forget", "due"]), st.booleans(), st.just("")),
    st.tuples(st.just("compact"), st.integers(0, 1), st.none(), st.none(), st.just("")),
    st.tuples(st.just("copy-some"), st.integers(0, 1), st.integers(0, 1 << 16), st.booleans(), st.just("")),
    st.tuples(st.just("copy"), st.integers(0, 1), st.one_of(st.none(), st.floats(0.05, 0.95)), st.booleans(),
              st.just("")),
    st.tuples(st.just("author"), st.integers(0, 1), st.integers(0, 10_000), st.none(), st.just("")),
)


def _two_devices_converge(tmp_path: Path, content_db: Path, steps: list) -> None:
    run = tmp_path / f"run-{time.monotonic_ns()}"
    homes = [run / "laptop", run / "desktop"]
    folders = [run / "laptop-sync", run / "desktop-sync"]
    for folder in folders:
        folder.mkdir(parents=True)
    running: subprocess.Popen | None = None
    for kind, device, arg, flag, edit in steps:
        if kind in ("copy", "copy-some"):  # one way, between the folders; while a sync runs when flag says so
            _copy(folders[device], folders[1 - device], *((arg, None) if kind == "copy" else (None, arg)))
            if not flag and running is not None:
                _finish(running)
                running = None
            continue
        if running is not None:
            _finish(running)
        if kind == "study":
            running = _start([str(HELPER), "study", str(homes[device]), arg, "1" if flag else "0",
                              f"{edit} on {device}" if edit else ""], content_db)
        elif kind == "author":
            running = _start([str(HELPER), "author", str(homes[device]), str(arg)], content_db)
        elif kind == "browse":  # the card browser's Forget or Set Due Date (and its undo)
            running = _start([str(HELPER), "browse", str(homes[device]), arg, "1" if flag else "0"], content_db)
        else:  # a sync; "compact" also rewrites the device's older segments as one
            running = _sync(homes[device], folders[device], content_db, *(["--compact"] if kind == "compact" else []))
    if running is not None:
        _finish(running)
    for device in (0, 1, 0, 1):  # at last everything arrives: each writes, copies both ways, applies
        _finish(_sync(homes[device], folders[device], content_db)) if homes[device].exists() else None
        _copy(folders[device], folders[1 - device], None)
        _copy(folders[1 - device], folders[device], None)
    for home, folder in zip(homes, folders, strict=True):
        if not home.exists():  # a device that never studied still takes part
            _finish(_sync(home, folder, content_db))
    for home, folder in zip(homes, folders, strict=True):
        _finish(_sync(home, folder, content_db))
    answers = [_rows(h, "SELECT guide_id, card_id, rating, reviewed_at FROM review_log") for h in homes]
    assert answers[0] == answers[1]  # every answer of both devices is on both
    assert len(set(answers[0])) == len(answers[0])  # none twice
    states = [_rows(h, "SELECT guide_id, card_id, state FROM card_state") for h in homes]
    assert states[0] == states[1]
    expected = _merged_replay(folders)
    assert {(g, c): json.loads(s) for g, c, s in states[0]} == {k: json.loads(v) for k, v in expected.items()}
    entries = [_rows(h, "SELECT device, segment, idx FROM sync_entries") for h in homes]
    assert entries[0] == entries[1]  # each entry applied (or written) exactly once on each
    for folder in folders:
        assert not [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("segment-")
                    and not (p.parent.name == "media" and len(p.name) == 64)]  # media: named by their hash
    versions = [_rows(h, "SELECT device, segment, idx, value, replaces FROM sync_versions") for h in homes]
    assert versions[0] == versions[1]  # every card change of both is on both
    conflicts = [{(c.guide_id, c.card_id, c.field): sorted(map(str, (v[1] for v in c.versions)))
                  for c in _conflicts(h, content_db)} for h in homes]
    assert conflicts[0] == conflicts[1]  # the same conflicts on both, each version kept
    _same_guides(homes, content_db, conflicts[0])
    edits = [{(g, c): row for g, c, *row in
              _rows(h, "SELECT guide_id, card_id, front, back, suspended FROM card_edits")} for h in homes]
    for key in set(edits[0]) | set(edits[1]):  # the rest agrees (a field in conflict shows each its own)
        fields = [e.get(key, (None, None, 0)) for e in edits]
        for index, name in enumerate(("front", "back", "suspended")):
            if (*key, name) not in conflicts[0]:
                assert fields[0][index] == fields[1][index], (key, name)


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(STEP, min_size=2, max_size=6))
def test_two_devices_offline_converge_whatever_the_copies(tmp_path: Path, content_db: Path, steps) -> None:
    _two_devices_converge(tmp_path, content_db, [("study", 0, "3", False, "Reworded"),
                                                 ("study", 1, "13", False, "Said again"),
                                                 ("sync", 0, None, None, ""), ("copy", 0, None, False, ""),
                                                 ("sync", 1, None, None, ""), ("browse", 1, "forget", False, ""),
                                                 ("study", 0, "2", False, ""),
                                                 ("browse", 0, "due", False, ""), ("sync", 0, None, None, ""),
                                                 ("copy-some", 0, 1, False, ""), ("study", 0, "4", False, ""),
                                                 ("sync", 0, None, None, ""), ("compact", 0, None, None, ""),
                                                 # the compacted segment (1-2 in 4) arrives beside old ones:
                                                 # 1 the desktop applied, 2 it holds but did not apply
                                                 ("copy", 0, None, False, ""),
                                                 ("author", 0, 1, None, ""), ("author", 1, 2, None, ""), *steps])


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(STEP, min_size=4, max_size=14))
def test_two_devices_offline_converge_over_many_schedules(tmp_path: Path, content_db: Path, steps) -> None:
    _two_devices_converge(tmp_path, content_db, steps)


@pytest.mark.slow
def test_a_sync_killed_mid_segment_leaves_no_segment_that_is_read_and_loses_nothing(tmp_path: Path,
                                                                                    content_db: Path) -> None:
    laptop, desktop, folder, other = (tmp_path / "laptop", tmp_path / "desktop", tmp_path / "sync",
                                      tmp_path / "desktop-sync")
    folder.mkdir()
    other.mkdir()
    _finish(_start([str(HELPER), "study", str(laptop), "3", "0"], content_db))
    ((state,),) = _rows(laptop, "SELECT new_state FROM review_log")
    with sqlite3.connect(laptop / "progress.sqlite") as db:  # a year of history, to make the segment big
        db.executemany("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, previous_state, new_state) "
                       "VALUES (?, ?, 3, ?, NULL, ?)",
                       [("tiny", f"card-{n}", f"2025-01-01T00:00:{n % 60:02d}.{n:06d}+00:00", state)
                        for n in range(30_000)])
    caught = 0
    for _attempt in range(10):
        process = _sync(laptop, folder, content_db)
        while process.poll() is None:  # kill it the moment a file of its segment shows up
            if [p for p in folder.rglob("*") if p.is_file() and p.stat().st_size > 0]:
                process.send_signal(signal.SIGKILL)
                break
        process.communicate()
        for path in folder.rglob("segment-*"):  # a segment in place is always whole
            decode_segment(path.read_bytes(), device_id=path.parent.name, number=int(path.name[8:16]))
        caught += bool(list(folder.rglob(".writing-*")))
        if caught >= 2:
            break
        shutil.rmtree(folder / "StudyGuide-sync", ignore_errors=True)  # try again from the start
        with sqlite3.connect(laptop / "progress.sqlite") as db:
            db.execute("DELETE FROM sync_entries")
            db.execute("DELETE FROM sync_segments")
            db.execute("DELETE FROM sync_outbox")
    assert caught, "the sync was never caught writing (too fast to kill): the test proved nothing"
    assert list(folder.rglob(".writing-*"))  # the half-written temporary file is there...
    shutil.copytree(folder, other, dirs_exist_ok=True)
    _finish(_sync(desktop, other, content_db))  # ...and never read as a segment
    assert _rows(desktop, "SELECT count(*) FROM review_log") == [(0,)]
    _finish(_sync(laptop, folder, content_db))  # the next sync writes the segment whole
    shutil.copytree(folder, other, dirs_exist_ok=True)
    _finish(_sync(desktop, other, content_db))
    assert _rows(desktop, "SELECT count(*) FROM review_log") == [(30_001,)]
