"""An Anki package's history is replayed while its guide's media files are created, before its database
is built (review/history_job.py), never kept when the guide is not imported, and the same rows as saving
it after the build."""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from studyguide.domain.errors import DiskFull
from studyguide.guides import build
from studyguide.guides.importing import read_file
from studyguide.library import Library
from studyguide.review import history_job
from studyguide.review.imported import save_history
from studyguide.store import bulk_insert, media_writer, progress_import
from studyguide.store.media import media_folder
from tests.conftest import answers_logged, lock_is_free

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
#: What an import writes into the progress file.
PROGRESS_TABLES = ("review_log", "card_state", "card_edits", "review_daily")


def test_the_history_is_replayed_while_the_media_files_are_created_before_the_guide_is_built(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    dest = library.guides_folder / f"{guide_id}.sqlite"
    replayed, replay, write = threading.Event(), history_job.replay_rows, os.write
    seen: list[tuple[bool, int, bool]] = []
    steps: list[str] = []
    build_database = build.write_guide_database

    def building(*args, **kwargs):
        steps.append("database")
        return build_database(*args, **kwargs)

    def replaying(*args, **kwargs):
        steps.append("replay")
        seen.append((dest.exists(), answers_logged(progress, guide_id), lock_is_free(progress)))
        found = replay(*args, **kwargs)
        replayed.set()
        return found

    def write_once_replayed(fd: int, data) -> int:  # the media wait for the replay: it runs meanwhile
        if not replayed.wait(timeout=20):
            raise OSError(errno.EIO, "the history was not replayed while the media files were created")
        return write(fd, data)

    monkeypatch.setattr(history_job, "replay_rows", replaying)
    monkeypatch.setattr(build, "write_guide_database", building)
    monkeypatch.setattr(media_writer, "_tar", [None])  # written here, so this test sees each write
    monkeypatch.setattr(media_writer.os, "write", write_once_replayed)
    library.install_guide(result.guide, history=result.history)

    assert seen == [(False, 0, True)]  # before the guide is in place: nothing written, no lock held
    assert steps == ["replay", "database"]  # its rows then written beside the build, not after it
    assert answers_logged(progress, guide_id) == len(result.history.reviews) > 0


@pytest.mark.parametrize("failing", ["media", "replay"])
def test_a_guide_that_is_not_imported_leaves_no_history(library: Library, monkeypatch: pytest.MonkeyPatch,
                                                         failing: str) -> None:
    """A full disk while the media are written, or an error in the replay: no guide, no history."""
    result = read_file(FIXTURES / "current.apkg")

    def fails(*args, **kwargs):
        if failing == "media":
            raise OSError(errno.ENOSPC, "No space left on device")
        raise DiskFull("No space left on device")

    monkeypatch.setattr(*(media_writer, "write_files", fails) if failing == "media"
                        else (history_job, "replay_rows", fails))
    with pytest.raises(DiskFull):
        library.install_guide(result.guide, history=result.history)

    assert answers_logged(library.progress.path, result.guide.info.id) == 0 and lock_is_free(library.progress.path)
    assert list(library.guides_folder.iterdir()) == []
    monkeypatch.undo()  # the same import goes through now
    library.install_guide(result.guide, history=result.history)
    assert answers_logged(library.progress.path, result.guide.info.id) == len(result.history.reviews)


def _everything(path: Path, tables: tuple[str, ...] | None = None) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = tables or tuple(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        found = {t: conn.execute(f"SELECT * FROM [{t}]").fetchall() for t in names}
        found.pop("meta", None)  # the search epoch is random
        return found
    finally:
        conn.close()


@pytest.mark.parametrize("bulk", [False, True])
@pytest.mark.parametrize("form", ["current.apkg", "legacy.colpkg", "anki2.apkg", "fsrs-params.apkg"])
def test_the_same_rows_as_the_history_saved_after_the_build(tmp_path: Path, content_db: Path, clock,
                                                            monkeypatch: pytest.MonkeyPatch, form: str,
                                                            bulk: bool) -> None:
    """``bulk``: the log's and the states' indexes made again after the rows (store/bulk_insert.py), as for
    a first import of 10,000 answers or more (here of any number); the same rows, indexes and schema."""
    result = read_file(FIXTURES / form)
    guide_id = result.guide.info.id
    homes = {}
    for way in ("overlapped", "after"):
        library = Library(home=tmp_path / way, bundled_guide=content_db, clock=clock, enable_fuzzing=False)
        try:
            if way == "overlapped":
                with monkeypatch.context() as patched:
                    if bulk:
                        patched.setattr(bulk_insert, "BULK_ROWS", 1)
                        patched.setattr(progress_import, "BULK_ROWS", 1)
                    library.install_guide(result.guide, history=result.history)
            else:  # the way it was: the guide built and in place, then its history saved, indexes kept up
                library.install_guide(result.guide)
                save_history(library.progress.path, guide_id=guide_id, history=result.history, now=clock())
        finally:
            library.close()
        homes[way] = tmp_path / way

    progress = [_everything(next(home.glob("progress.sqlite")), PROGRESS_TABLES) for home in homes.values()]
    guides = [_everything(home / "guides" / f"{guide_id}.sqlite") for home in homes.values()]
    media = [sorted((p.name, p.read_bytes()) for p in media_folder(home / "guides" / f"{guide_id}.sqlite").glob("*"))
             for home in homes.values()]
    assert progress[0] == progress[1] and progress[0]["review_log"]
    assert guides[0] == guides[1]
    assert media[0] == media[1]
    schemas, indexed = [], []
    for home in homes.values():
        conn = sqlite3.connect(next(home.glob("progress.sqlite")))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            schemas.append(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall())
            indexed.append([conn.execute(f"SELECT * FROM review_log INDEXED BY [{name}] ORDER BY rowid").fetchall()
                            for name in ("idx_review_log_guide_id_card_id", "idx_review_log_reviewed_at",
                                         "idx_review_log_guide_id_reviewed_at")])
        finally:
            conn.close()
    assert schemas[0] == schemas[1] and indexed[0] == indexed[1]
