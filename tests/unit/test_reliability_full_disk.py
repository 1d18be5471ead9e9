"""A full or nearly full disk: the write-ahead log is checkpointed, a backup leaves nothing behind.

Low disks are injected (``shutil.disk_usage`` reporting 1 MB free) and, when the tests
run as root on Linux, real: a 2 MB tmpfs holding the library.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

from studyguide.library import Library
from studyguide.store import wal

ROOT = Path(__file__).parent.parent.parent
ANSWERS = 300


def _answer(library: Library, count: int, clock) -> None:
    for i in range(count):
        library.progress.record_answer(guide_id="tiny", card_id=f"c{i}", rating=3, reviewed_at=clock.now,
                                       new_state={"state": 1, "padding": "x" * 400}, due=clock.now,
                                       previous_state=None)


def _wal(library: Library) -> int:
    path = library.progress.path.with_name("progress.sqlite-wal")
    return path.stat().st_size if path.exists() else 0


def test_the_log_is_emptied_once_the_app_is_idle(library: Library, clock, monkeypatch) -> None:
    _answer(library, ANSWERS, clock)
    assert _wal(library) > 256 * 1024
    assert not library.idle()  # answers were just saved: not idle yet
    assert _wal(library) > 256 * 1024

    monkeypatch.setattr(wal, "IDLE_AFTER_S", 0.0)
    assert library.idle()

    assert _wal(library) == 0
    assert library.progress.review_count("tiny") == ANSWERS
    assert not library.idle()  # nothing new to checkpoint


def test_closing_empties_the_log(make_library, clock) -> None:
    library = make_library()
    _answer(library, ANSWERS, clock)
    reader = make_library()  # a second connection keeps SQLite from checkpointing on close by itself
    library.close()
    assert not library.progress.path.with_name("progress.sqlite-wal").exists() or \
        library.progress.path.with_name("progress.sqlite-wal").stat().st_size == 0
    assert reader.progress.review_count("tiny") == ANSWERS


def _low_disk(monkeypatch, free: int = 1024 * 1024) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(wal.shutil, "disk_usage", lambda folder: usage(2 * free, free, free))


def test_on_a_low_disk_the_log_is_checkpointed_with_each_answer(make_library, clock, monkeypatch) -> None:
    _low_disk(monkeypatch)
    library = make_library()

    _answer(library, ANSWERS, clock)

    assert library.progress.wal.low_disk
    assert _wal(library) <= wal.LOW_DISK_WAL_LIMIT + 32 * 1024
    assert library.progress.review_count("tiny") == ANSWERS


def test_the_log_grows_as_usual_when_the_disk_has_room(library: Library, clock) -> None:
    _answer(library, ANSWERS, clock)
    assert not library.progress.wal.low_disk
    assert _wal(library) > wal.LOW_DISK_WAL_LIMIT  # no checkpoint per answer: answers stay fast


# A real small disk --------------------------------------------------------------------------


def test_two_thousand_answers_fit_on_a_2_mb_disk(tiny_disk: Path, content_db: Path, clock) -> None:
    """Before, the log alone grew to 1.9 MB and the disk filled up after some 500 answers."""
    library = Library(home=tiny_disk / "library", bundled_guide=content_db, clock=clock)
    try:
        for start in range(0, 2000, 100):
            for i in range(start, start + 100):
                library.progress.record_answer(guide_id="tiny", card_id=f"c{i % 50}", rating=3,
                                               reviewed_at=clock.now, new_state={"state": 1}, due=clock.now,
                                               previous_state=None)
            assert _wal(library) <= wal.LOW_DISK_WAL_LIMIT + 32 * 1024
        assert library.progress.review_count("tiny") == 2000
    finally:
        library.close()
    assert not (tiny_disk / "library" / "progress.sqlite-wal").exists()


def test_a_backup_on_a_real_full_disk_says_so_and_leaves_nothing(tiny_disk: Path) -> None:
    home = tiny_disk / "library"
    command = [sys.executable, "-m", "studyguide", "--library", str(home)]
    first = subprocess.run([*command, "suspended"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert first.returncode == 0, first.stderr
    free = shutil.disk_usage(tiny_disk).free
    with (tiny_disk / "filler").open("wb") as filler:
        try:
            filler.write(b"\0" * (free - 8 * 1024))
        except OSError as error:
            assert error.errno == errno.ENOSPC

    result = subprocess.run([*command, "backup"], capture_output=True, text=True, cwd=ROOT, timeout=60)

    assert result.returncode == 2
    assert "is full. Free some space and try again" in result.stderr and "Traceback" not in result.stderr
    backups = home / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []
