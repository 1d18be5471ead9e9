"""Backups of progress: daily rotation, restore (keeping the current state), bad backups refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studyguide.review.scheduler import Rating
from studyguide.store.backups import daily_backup, list_backups
from studyguide.store.errors import DiskFull, StoreUnavailable


def _answer_one(library) -> None:
    session = library.start_review("tiny")
    session.reveal()
    session.answer(Rating.GOOD)


def test_one_daily_backup_per_day_and_old_ones_rotate(library, clock):
    progress = library.progress
    assert progress.daily_backup(now=clock.now) is not None
    assert progress.daily_backup(now=clock.now) is None
    for _ in range(9):
        clock.advance(days=1)
        progress.daily_backup(now=clock.now)
    dailies = [b for b in list_backups(progress.backups_folder) if b.kind == "daily"]
    assert len(dailies) == 7
    assert dailies[0].created > dailies[-1].created


def test_restore_brings_back_the_answers_of_the_backup(library, clock):
    _answer_one(library)
    backup = library.progress.backup(kind="manual", now=clock.now)
    clock.advance(seconds=5)
    _answer_one(library)
    _answer_one(library)
    assert library.progress.review_count("tiny") == 3
    changes = library.restore_backup(backup)
    assert changes.progress
    assert library.progress.review_count("tiny") == 1
    # The state before the restore was kept, with its three answers.
    kept = [b for b in library.backups() if b.kind == "before-restore"]
    assert len(kept) == 1 and kept[0].reviews == 3


def test_restored_progress_is_usable_after_a_restart(library, make_library, clock):
    _answer_one(library)
    backup = library.progress.backup(kind="manual", now=clock.now)
    _answer_one(library)
    library.restore_backup(backup)
    assert make_library().progress.review_count("tiny") == 1


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50])
def test_a_bad_backup_is_refused_and_nothing_changes(library, clock, tmp_path, content):
    _answer_one(library)
    bad = tmp_path / "progress-manual-20260101-000000.sqlite"
    bad.write_bytes(content)
    with pytest.raises(StoreUnavailable):
        library.restore_backup(bad)
    assert library.progress.review_count("tiny") == 1


def test_daily_backup_function_works_from_a_plain_path(library, clock, tmp_path):
    made = daily_backup(library.progress.path, tmp_path / "copies", now=clock.now + timedelta(days=1))
    assert made is not None and made.is_file()


def _full_target(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every copy's target may grow to 2 pages only: SQLite's own SQLITE_FULL, mid-copy."""
    import sqlite3

    from studyguide.store import connection

    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):
        conn = real_connect(target, *args, **kwargs)
        if str(target).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 2")
        return conn

    monkeypatch.setattr(connection.sqlite3, "connect", connect)


def _enospc_on_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from studyguide.store import connection

    def replace(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(connection.os, "replace", replace)


@pytest.mark.parametrize("fill", [_full_target, _enospc_on_rename], ids=["sqlite-full", "enospc"])
def test_a_backup_on_a_full_disk_leaves_nothing_and_says_so(library, clock, monkeypatch, fill):
    for _ in range(3):
        _answer_one(library)
    folder = library.progress.backups_folder
    fill(monkeypatch)

    with pytest.raises(DiskFull, match="is full. Free some space"):
        library.progress.backup(kind="manual", now=clock.now)

    assert list(folder.iterdir()) == []


def test_partial_copies_left_by_a_kill_are_removed_at_the_next_start(library, make_library):
    folder = library.progress.backups_folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "progress-manual-20260101-000000.sqlite.partial").write_bytes(b"half")
    library.close()
    make_library()
    assert list(folder.iterdir()) == []


def test_a_bad_or_missing_backup_is_named_in_plain_words(library, tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreUnavailable) as refused:
        library.restore_backup(garbage)
    assert "is not a StudyGuide progress backup (it is not a database, or it is damaged)" in str(refused.value)
    assert "file is not a database" not in str(refused.value)  # SQLite's own words stay out

    with pytest.raises(StoreUnavailable, match="does not exist or is not a file"):
        library.restore_backup(tmp_path / "missing.sqlite")
