"""An Anki package's history is replayed while its guide is built (review/history_job.py), written
only once the guide is in place (no write lock held before), never when it is not, and the same rows
as saving it after the build."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from studyguide.domain.errors import DiskFull
from studyguide.guides import guide_files
from studyguide.guides.importing import read_file
from studyguide.library import Library
from studyguide.review import history_job
from studyguide.review.imported import save_history
from studyguide.store.media import media_folder

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
#: What an import writes into the progress file.
PROGRESS_TABLES = ("review_log", "card_state", "card_edits", "review_daily")


def _rows(progress: Path, guide_id: str) -> int:
    conn = sqlite3.connect(progress)
    try:
        return conn.execute("SELECT count(*) FROM review_log WHERE guide_id = ?", [guide_id]).fetchone()[0]
    finally:
        conn.close()


def _replayed_during(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set once the history's thread has replayed the answers."""
    replayed, replay = threading.Event(), history_job.replay

    def replaying(*args, **kwargs):
        found = replay(*args, **kwargs)
        replayed.set()
        return found

    monkeypatch.setattr(history_job, "replay", replaying)
    return replayed


def _lock_is_free(progress: Path) -> bool:
    """True if another connection (an answer in the window) gets the write lock at once."""
    other = sqlite3.connect(progress, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_the_history_is_replayed_while_the_guide_is_built_and_written_once_it_is_in_place(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    replayed, build = _replayed_during(monkeypatch), guide_files.build_with_media
    seen: list[tuple[int, bool]] = []

    def building(guide, dest: Path, **kwargs) -> None:
        assert replayed.wait(timeout=20), "the history was not replayed while the guide was built"
        seen.append((_rows(progress, guide_id), _lock_is_free(progress)))  # nothing written, no lock held
        build(guide, dest, **kwargs)

    monkeypatch.setattr(guide_files, "build_with_media", building)
    library.install_guide(result.guide, history=result.history)

    assert seen == [(0, True)]
    assert _rows(progress, guide_id) == len(result.history.reviews) > 0


def test_a_guide_that_is_not_imported_leaves_no_history(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    replayed = _replayed_during(monkeypatch)

    def full_disk(guide, dest: Path, **kwargs) -> None:
        assert replayed.wait(timeout=20)
        raise DiskFull("No space left on device")

    monkeypatch.setattr(guide_files, "build_with_media", full_disk)
    with pytest.raises(DiskFull):
        library.install_guide(result.guide, history=result.history)

    assert _rows(library.progress.path, result.guide.info.id) == 0 and _lock_is_free(library.progress.path)
    monkeypatch.undo()  # the same import goes through now
    library.install_guide(result.guide, history=result.history)
    assert _rows(library.progress.path, result.guide.info.id) == len(result.history.reviews)


def _everything(path: Path, tables: tuple[str, ...] | None = None) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = tables or tuple(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        found = {t: conn.execute(f"SELECT * FROM [{t}]").fetchall() for t in names}
        found.pop("meta", None)  # the search epoch is random
        return found
    finally:
        conn.close()


@pytest.mark.parametrize("form", ["current.apkg", "legacy.colpkg", "anki2.apkg", "fsrs-params.apkg"])
def test_the_same_rows_as_the_history_saved_after_the_build(tmp_path: Path, content_db: Path, clock,
                                                            form: str) -> None:
    result = read_file(FIXTURES / form)
    guide_id = result.guide.info.id
    homes = {}
    for way in ("overlapped", "after"):
        library = Library(home=tmp_path / way, bundled_guide=content_db, clock=clock, enable_fuzzing=False)
        try:
            if way == "overlapped":
                library.install_guide(result.guide, history=result.history)
            else:  # the way it was: the guide built and in place, then its history saved
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
