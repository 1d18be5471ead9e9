"""An Anki package's history is replayed and written while its guide is built (review/history_job.py),
committed only once the guide is in place, rolled back when it never is, and the same rows as saving
it after the build."""

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


def _held_at_the_gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set once the history's thread has written everything and waits to commit."""
    reached, wait = threading.Event(), history_job.PendingHistory._wait

    def waiting(self) -> None:
        reached.set()
        wait(self)

    monkeypatch.setattr(history_job.PendingHistory, "_wait", waiting)
    return reached


def test_the_history_is_written_while_the_guide_is_built_and_committed_once_it_is_in_place(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    reached, build = _held_at_the_gate(monkeypatch), guide_files.build_with_media
    seen: list[int] = []

    def building(guide, dest: Path, **kwargs) -> None:
        assert reached.wait(timeout=20), "the history was not written while the guide was built"
        seen.append(_rows(progress, guide_id))  # written, not committed: another connection sees none
        build(guide, dest, **kwargs)

    monkeypatch.setattr(guide_files, "build_with_media", building)
    library.install_guide(result.guide, history=result.history)

    assert seen == [0]
    assert _rows(progress, guide_id) == len(result.history.reviews) > 0


def test_a_guide_that_is_not_imported_leaves_no_history(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    reached = _held_at_the_gate(monkeypatch)

    def full_disk(guide, dest: Path, **kwargs) -> None:
        assert reached.wait(timeout=20)
        raise DiskFull("No space left on device")

    monkeypatch.setattr(guide_files, "build_with_media", full_disk)
    with pytest.raises(DiskFull):
        library.install_guide(result.guide, history=result.history)

    assert _rows(library.progress.path, result.guide.info.id) == 0
    monkeypatch.undo()  # the write lock was let go: the same import goes through now
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


def test_history_waiting_for_a_slow_guide_lets_the_write_lock_go(library: Library,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's answers wait 2 s at most for the lock: written history waiting longer than
    HOLD_S for its guide (slow media files) is rolled back and written again once the guide is in place."""
    result = read_file(FIXTURES / "current.apkg")
    guide_id, progress = result.guide.info.id, library.progress.path
    monkeypatch.setattr(history_job, "HOLD_S", 0.05)
    reached, build = _held_at_the_gate(monkeypatch), guide_files.build_with_media
    answered: list[int] = []

    def slow_media(guide, dest: Path, **kwargs) -> None:
        assert reached.wait(timeout=20)
        other = sqlite3.connect(progress, timeout=10, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # an answer in the window: gets the lock while the guide is built
            answered.append(other.execute("SELECT count(*) FROM review_log WHERE guide_id = ?",
                                          [guide_id]).fetchone()[0])
            other.execute("ROLLBACK")
        finally:
            other.close()
        build(guide, dest, **kwargs)

    monkeypatch.setattr(guide_files, "build_with_media", slow_media)
    library.install_guide(result.guide, history=result.history)

    assert answered == [0]
    assert _rows(progress, guide_id) == len(result.history.reviews)


@pytest.mark.parametrize("hold", [history_job.HOLD_S, 0.0])
@pytest.mark.parametrize("form", ["current.apkg", "legacy.colpkg", "anki2.apkg", "fsrs-params.apkg"])
def test_the_same_rows_as_the_history_saved_after_the_build(tmp_path: Path, content_db: Path, clock,
                                                            monkeypatch: pytest.MonkeyPatch, form: str,
                                                            hold: float) -> None:
    """Held for the guide or written again after it (hold 0), the rows are those saved after the build."""
    monkeypatch.setattr(history_job, "HOLD_S", hold)
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
