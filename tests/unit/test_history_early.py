"""An import's history is written on a thread of its own while its guide is built and its media files are
still being created (review/history_job.py, ``write_early``): the write lock held only while it is
written, taken back if the guide is then not imported."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from studyguide.domain.errors import DiskFull, StoreUnavailable
from studyguide.guides.importing import read_file
from studyguide.library import Library
from studyguide.review import history_job
from studyguide.store import media_writer
from tests.conftest import answers_logged, lock_is_free

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
PROGRESS_TABLES = ("review_log", "card_state", "card_edits", "review_daily", "guide_due_days", "guide_due_stale",
                   "guide_strays")


def _tables(progress: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(progress)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in PROGRESS_TABLES}
    finally:
        conn.close()


def test_the_history_is_written_while_the_media_files_are_still_being_created(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    dest = library.guides_folder / f"{guide_id}.sqlite"
    written, write = threading.Event(), os.write
    seen: list[tuple[bool, int, bool]] = []

    def write_once_the_history_is(fd: int, data) -> int:  # the media files wait for the history
        if not written.wait(timeout=20):
            raise OSError(errno.EIO, "the history was not written while the media files were created")
        return write(fd, data)

    def early(path: Path, **kwargs):
        found = write_history(path, **kwargs)
        seen.append((dest.exists(), answers_logged(progress, guide_id), lock_is_free(progress)))
        written.set()
        return found

    write_history = history_job.write_history
    monkeypatch.setattr(history_job, "write_history", early)
    monkeypatch.setattr(media_writer, "_tar", [None])  # written here, so this test holds each write
    monkeypatch.setattr(media_writer.os, "write", write_once_the_history_is)
    library.install_guide(result.guide, history=result.history)

    # Written before the guide is in place, and the lock free again while the media are still created.
    assert seen == [(False, len(result.history.reviews), True)] and seen[0][1] > 0
    assert answers_logged(progress, guide_id) == len(result.history.reviews)


def test_a_history_written_early_is_taken_back_when_the_guide_is_not_imported(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    before = _tables(progress)
    written = threading.Event()

    def full_once_the_history_is_written(folder: Path, files: dict[str, bytes]) -> None:
        if not written.wait(timeout=20):
            raise OSError(errno.EIO, "the history was not written while the media files were created")
        raise OSError(errno.ENOSPC, "No space left on device")

    def early(path: Path, **kwargs):
        found = write_history(path, **kwargs)
        assert answers_logged(progress, guide_id) > 0
        written.set()
        return found

    write_history = history_job.write_history
    monkeypatch.setattr(history_job, "write_history", early)
    monkeypatch.setattr(media_writer, "write_files", full_once_the_history_is_written)
    with pytest.raises(DiskFull):
        library.install_guide(result.guide, history=result.history)

    assert written.is_set() and _tables(progress) == before and lock_is_free(progress)
    assert list(library.guides_folder.iterdir()) == []
    monkeypatch.undo()  # the same import goes through now
    library.install_guide(result.guide, history=result.history)
    assert answers_logged(progress, guide_id) == len(result.history.reviews)


def test_the_guide_is_published_while_its_history_is_written(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """The early write runs on a thread of its own: the guide goes in place (and its ranking index is
    filled) without waiting for it; the install returns once it is written."""
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    dest = library.guides_folder / f"{guide_id}.sqlite"
    write_history = history_job.write_history

    def once_published(path: Path, **kwargs):
        for _ in range(400):  # polled: the guide is published by the install's own thread meanwhile
            if dest.exists():
                return write_history(path, **kwargs)
            threading.Event().wait(0.05)
        raise AssertionError("the guide waited for its history to be written")

    monkeypatch.setattr(history_job, "write_history", once_published)
    library.install_guide(result.guide, history=result.history)

    assert answers_logged(progress, guide_id) == len(result.history.reviews) > 0


def test_a_failed_early_write_is_raised_by_the_install(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")

    def locked(path: Path, **kwargs):
        raise StoreUnavailable("the progress file is locked")

    monkeypatch.setattr(history_job, "write_history", locked)
    with pytest.raises(StoreUnavailable):
        library.install_guide(result.guide, history=result.history)

    assert answers_logged(library.progress.path, result.guide.info.id) == 0
