"""The progress file's integrity check runs after the window is usable (``store/integrity.py``), and
nothing is written to the file before it passes: a damaged file is found, said so, and left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide.library import Library
from studyguide.store.errors import DamagedDatabase

ANSWERS = 3_000


def _answered(library_home: Path, content_db: Path, clock, answers: int = 40) -> None:
    """A library with some answers, closed (its log copied into the file)."""
    library = Library(home=library_home, bundled_guide=content_db, clock=clock)
    for i in range(answers):
        library.progress.record_answer(guide_id="tiny", card_id=f"card-{i}", rating=3, reviewed_at=clock.now,
                                       new_state={"state": 2, "text": "x" * 80}, due=clock.now,
                                       previous_state=None)
    library.close()


def _damage(path: Path) -> None:
    """Garbage over pages in the middle of the file (its header, schema and settings stay readable)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    for n in range(pages // 2, pages // 2 + 4):
        data[n * page:(n + 1) * page] = bytes(range(256)) * (page // 256)
    path.write_bytes(bytes(data))


def _files(home: Path) -> dict[str, bytes]:
    """The progress file and its log, if it holds anything (not the shared-memory index)."""
    return {p.name: p.read_bytes() for p in sorted(home.glob("progress.sqlite*"))
            if not p.name.endswith("-shm") and p.stat().st_size}


def test_nothing_is_written_until_the_check_passes(library_home: Path, content_db: Path, clock) -> None:
    _answered(library_home, content_db, clock)
    before = _files(library_home)
    library = Library(home=library_home, bundled_guide=content_db, clock=clock, check_later=True)
    try:
        library.due_counts("tiny")  # would keep the guide's strays in the file (store/strays.py)
        library.search.search("anything")  # would note when the library first saw its guides
        assert not library.idle() and library.progress.wal.checkpoint() is False
        assert _files(library_home) == before
        library.check_progress()
        library.progress_checked()
        library.due_counts("tiny")
    finally:
        library.close()
    assert _files(library_home) != before  # once checked: the strays kept, the guides noted


def test_a_write_asked_for_before_the_check_runs_the_check_first(library_home: Path, content_db: Path,
                                                                  clock) -> None:
    _answered(library_home, content_db, clock)
    library = Library(home=library_home, bundled_guide=content_db, clock=clock, check_later=True)
    try:
        library.progress.record_answer(guide_id="tiny", card_id="one-more", rating=3, reviewed_at=clock.now,
                                       new_state={"state": 2}, due=clock.now, previous_state=None)
        assert library.progress.review_count("tiny", "one-more") == 1
    finally:
        library.close()


def test_a_damaged_file_opened_before_its_check_is_found_and_never_written(library_home: Path, content_db: Path,
                                                                             clock) -> None:
    _answered(library_home, content_db, clock, ANSWERS)
    _damage(library_home / "progress.sqlite")
    before = _files(library_home)
    with pytest.raises(DamagedDatabase):  # checked as it opens (the command line, the API)
        Library(home=library_home, bundled_guide=content_db, clock=clock)
    library = Library(home=library_home, bundled_guide=content_db, clock=clock, check_later=True)  # the window
    try:
        with pytest.raises(DamagedDatabase) as found:
            library.check_progress()
        assert "damaged" in str(found.value) and found.value.path == library_home / "progress.sqlite"
        with pytest.raises(DamagedDatabase):  # a write before the check passed checks first
            library.progress.record_answer(guide_id="tiny", card_id="new", rating=3, reviewed_at=clock.now,
                                           new_state={"state": 2}, due=clock.now, previous_state=None)
    finally:
        library.close()
    assert _files(library_home) == before
