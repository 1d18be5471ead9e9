"""Each guide's strays are kept in the progress file (``store/strays.py``): a fresh process reads them
instead of comparing every card state with the guide (about 0.5 s at 1,000,000 cards), compares only
the states added since, and finds them all again when the guide's file changed."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyguide.domain.review import DueCounts, ReviewSettings
from studyguide.library import Library
from studyguide.review.scheduler import Rating
from tests.unit.test_due_counts_agree import _build

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
#: Stray states written straight into the progress file (cards the guide does not have).
STRAYS = 3_000


@pytest.fixture(scope="module")
def guides(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the guide, the same guide with each section's first card removed)."""
    return (_build(tmp_path_factory.mktemp("kept"), "many", 0),
            _build(tmp_path_factory.mktemp("kept-fewer"), "many", 1))


def _open(home: Path, guide: Path) -> Library:
    library = Library(home=home, bundled_guide=guide, clock=lambda: NOW, enable_fuzzing=False)
    library.review.save_settings(ReviewSettings(new_per_day=100))
    return library


def _add_states(home: Path, card_ids: list[str]) -> None:
    """States of these cards of ``many``, half of them due (as a sync from another device might write)."""
    with sqlite3.connect(home / "progress.sqlite") as db:
        db.executemany("INSERT INTO card_state (guide_id, card_id, state, due, phase, stability) "
                       "VALUES ('many', ?, '{}', ?, 2, 3.0)",
                       [(card, (NOW + timedelta(days=1 if n % 2 else -1)).isoformat())
                        for n, card in enumerate(card_ids)])
    db.close()


def _counts(home: Path, guide: Path, *, steps: list[int] | None = None) -> DueCounts:
    """The due counts of a fresh library (new connections and caches, as a fresh process has);
    ``steps`` gets the number of SQLite VM steps (in thousands) the guide's connection ran."""
    library = _open(home, guide)
    try:
        if steps is not None:
            library.content("many").database.conn.set_progress_handler(lambda: steps.append(1) and 0, 1000)
        return library.due_counts("many")
    finally:
        library.close()


def _from_scratch(home: Path, guide: Path) -> DueCounts:
    """The counts with nothing kept: the strays found by comparing every state with the guide."""
    with sqlite3.connect(home / "progress.sqlite") as db:
        db.execute("DELETE FROM guide_strays")
    db.close()
    return _counts(home, guide)


def test_a_fresh_process_reads_the_kept_strays_and_compares_only_the_states_added_since(tmp_path, guides) -> None:
    guide = guides[0]
    _open(tmp_path, guide).close()
    _add_states(tmp_path, [f"gone-{n}" for n in range(STRAYS)])
    first: list[int] = []
    counted = _counts(tmp_path, guide, steps=first)  # finds the strays, and keeps them
    assert counted == DueCounts(new=15, learning=0, review=0)
    kept: list[int] = []
    assert _counts(tmp_path, guide, steps=kept) == counted
    assert len(first) > STRAYS // 1000  # comparing every state takes thousands of steps
    assert len(kept) <= 1, "a fresh process compared every state with the guide again"
    library = _open(tmp_path, guide)  # an answer adds a state; so does another device's sync
    try:
        session = library.start_review("many")
        session.reveal()
        session.answer(Rating.GOOD)
    finally:
        library.close()
    _add_states(tmp_path, ["gone-late-1", "gone-late-2"])
    added: list[int] = []
    assert _counts(tmp_path, guide, steps=added).new == 14
    assert len(added) <= 1
    assert _counts(tmp_path, guide) == _from_scratch(tmp_path, guide)


def test_a_changed_guide_file_has_its_strays_found_again(tmp_path, guides) -> None:
    guide_file = tmp_path / "guide.sqlite"
    shutil.copy(guides[0], guide_file)
    home = tmp_path / "library"
    _open(home, guide_file).close()
    _add_states(home, ["c0-0", "c1-0", "c2-0", "gone-1"])  # three of the guide's cards studied, one stray
    assert _counts(home, guide_file) == DueCounts(new=12, learning=0, review=2)
    shutil.copy(guides[1], guide_file)  # re-imported without each section's first card
    again: list[int] = []
    assert _counts(home, guide_file, steps=again) == DueCounts(new=12, learning=0, review=0)
    assert _from_scratch(home, guide_file) == DueCounts(new=12, learning=0, review=0)


def test_a_rowid_given_again_after_the_top_state_was_deleted_is_still_compared(tmp_path, guides) -> None:
    guide = guides[0]
    _open(tmp_path, guide).close()
    _add_states(tmp_path, ["c0-0", "c0-1"])
    assert _counts(tmp_path, guide) == DueCounts(new=13, learning=0, review=1)
    with sqlite3.connect(tmp_path / "progress.sqlite") as db:  # the top row goes (an undo), its rowid is reused
        top = db.execute("SELECT max(rowid) FROM card_state").fetchone()[0]
        db.execute("DELETE FROM card_state WHERE rowid = ?", [top])
    db.close()
    _add_states(tmp_path, ["gone-reusing-the-rowid"])
    with sqlite3.connect(tmp_path / "progress.sqlite") as db:
        assert db.execute("SELECT max(rowid) FROM card_state").fetchone()[0] == top
    db.close()
    assert _counts(tmp_path, guide) == DueCounts(new=14, learning=0, review=1) == _from_scratch(tmp_path, guide)


def test_strays_found_before_the_file_was_checked_are_kept_once_it_passes(tmp_path, guides) -> None:
    guide = guides[0]
    _open(tmp_path, guide).close()
    _add_states(tmp_path, [f"gone-{n}" for n in range(STRAYS)])
    library = Library(home=tmp_path, bundled_guide=guide, clock=lambda: NOW, check_later=True)  # as the window
    try:
        counted = library.due_counts("many")  # the status bar counts before the check is done: nothing written
        library.check_progress()
        library.progress_checked()
    finally:
        library.close()
    kept: list[int] = []
    assert _counts(tmp_path, guide, steps=kept) == counted
    assert len(kept) <= 1, "what was found before the check was not kept"
