"""Unit tests for studyguide.store.progress on real files: durability, undo, atomicity, safety."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studyguide.domain.changes import Changes
from studyguide.store import connection, schema
from studyguide.store.errors import ForeignDatabase, StoreUnavailable
from studyguide.store.progress import ProgressStore
from studyguide.store.progress_rows import UndoneAnswer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _state(due: datetime, step: int) -> dict:
    return {"state": 1, "step": step, "due": due.isoformat()}


@pytest.fixture
def progress_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "progress.sqlite"


@pytest.fixture
def store(progress_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore(path=progress_path, backups=progress_path.parent / "backups")
    yield opened
    opened.close()


def _answer(
    store: ProgressStore, card_id: str, rating: int, at: datetime, previous: dict | None, step: int
) -> dict:
    due = at + timedelta(minutes=10 * step)
    state = _state(due, step)
    changes = store.record_answer(
        guide_id="g",
        card_id=card_id,
        rating=rating,
        reviewed_at=at,
        new_state=state,
        due=due,
        previous_state=previous,
    )
    assert changes == Changes(progress=True, due_counts=True)
    return state


def _log_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT card_id, rating, previous_state IS NULL FROM review_log ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_new_store_is_empty(store: ProgressStore) -> None:
    assert store.card_states("g") == {}
    assert store.review_count("g") == 0
    assert store.undo_last_answer("g") is None


def test_record_answer_persists_across_reopen(store: ProgressStore, progress_path: Path) -> None:
    state = _answer(store, "c1", 3, T0, None, step=1)
    store.close()

    reopened = ProgressStore(path=progress_path, backups=progress_path.parent / "backups")
    try:
        (progress,) = reopened.card_states("g").values()
        assert progress.card_id == "c1"
        assert progress.state == state
        assert progress.due == T0 + timedelta(minutes=10)
        assert progress.due.tzinfo is not None
        assert reopened.review_count("g") == 1
        assert reopened.review_count("g", "c1") == 1
        assert reopened.review_count("other-guide") == 0
    finally:
        reopened.close()


def test_progress_is_kept_per_guide(store: ProgressStore) -> None:
    store.record_answer(
        guide_id="a",
        card_id="c",
        rating=3,
        reviewed_at=T0,
        new_state=_state(T0, 1),
        due=T0,
        previous_state=None,
    )

    assert list(store.card_states("a")) == ["c"]
    assert store.card_states("b") == {}


def test_undo_restores_the_previous_state(store: ProgressStore, progress_path: Path) -> None:
    first = _answer(store, "c1", 3, T0, None, step=1)
    _answer(store, "c1", 4, T0 + timedelta(minutes=10), first, step=2)

    undone = store.undo_last_answer("g")

    assert undone == UndoneAnswer(card_id="c1", rating=4)
    restored = store.card_states("g")["c1"]
    assert restored.state == first
    assert restored.due == T0 + timedelta(minutes=10)
    assert store.review_count("g") == 1
    assert _log_rows(progress_path) == [("c1", 3, 1)]


def test_undo_of_a_first_answer_deletes_the_state(
    store: ProgressStore, progress_path: Path
) -> None:
    _answer(store, "c1", 3, T0, None, step=1)
    _answer(store, "c2", 1, T0 + timedelta(minutes=1), None, step=1)

    assert store.undo_last_answer("g") == UndoneAnswer(card_id="c2", rating=1)
    assert list(store.card_states("g")) == ["c1"]
    assert store.undo_last_answer("g") == UndoneAnswer(card_id="c1", rating=3)
    assert store.card_states("g") == {}
    assert _log_rows(progress_path) == []
    assert store.undo_last_answer("g") is None


def test_undo_only_touches_its_guide(store: ProgressStore) -> None:
    store.record_answer(
        guide_id="a",
        card_id="c",
        rating=3,
        reviewed_at=T0,
        new_state=_state(T0, 1),
        due=T0,
        previous_state=None,
    )
    store.record_answer(
        guide_id="b",
        card_id="c",
        rating=2,
        reviewed_at=T0,
        new_state=_state(T0, 1),
        due=T0,
        previous_state=None,
    )

    assert store.undo_last_answer("a") == UndoneAnswer(card_id="c", rating=3)
    assert store.review_count("b") == 1
    assert list(store.card_states("b")) == ["c"]


def _fill_disk_on(store: ProgressStore, path: Path, event: str) -> None:
    """Make ``event`` hit a real SQLITE_FULL: a trigger writes 1 MB where the store may only grow 10 pages."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (b BLOB)")
    conn.execute(f"CREATE TRIGGER fill BEFORE {event} BEGIN INSERT INTO filler VALUES (zeroblob(1000000)); END")
    conn.commit()
    conn.close()
    pages = store.database.execute("PRAGMA page_count").fetchone()[0]
    store.database.execute(f"PRAGMA max_page_count = {pages + 10}")


def test_record_answer_is_atomic(store: ProgressStore, progress_path: Path) -> None:
    _answer(store, "c1", 3, T0, None, step=1)
    # Make the second write of the transaction (the card_state upsert) fill the disk.
    _fill_disk_on(store, progress_path, "INSERT ON card_state")

    with pytest.raises(StoreUnavailable, match="full"):
        _answer(store, "c2", 3, T0 + timedelta(minutes=1), None, step=1)

    assert store.review_count("g") == 1
    assert list(store.card_states("g")) == ["c1"]
    assert _log_rows(progress_path) == [("c1", 3, 1)]


def test_database_is_in_wal_mode_with_our_application_id(
    store: ProgressStore, progress_path: Path
) -> None:
    conn = sqlite3.connect(progress_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert (
            conn.execute("PRAGMA application_id").fetchone()[0]
            == connection.PROGRESS_APPLICATION_ID
        )
    finally:
        conn.close()


# --- Files that are not a progress database -------------------------------------------------


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO messages (body) VALUES ('hello')")
    conn.commit()
    conn.close()


def _content_db(path: Path) -> None:
    from studyguide.guides.build import build_from_source

    build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", path)


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        pytest.param(
            _foreign, ForeignDatabase, "not a StudyGuide progress database", id="other-app"
        ),
        pytest.param(
            _content_db, ForeignDatabase, "not a StudyGuide progress database", id="guide-db"
        ),
        pytest.param(
            lambda p: p.write_bytes(bytes(range(256)) * 64),
            StoreUnavailable,
            "damaged or is not a StudyGuide database",
            id="garbage",
        ),
        pytest.param(
            lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000),
            StoreUnavailable,
            "StudyGuide",
            id="truncated-header",
        ),
    ],
)
def test_files_that_are_not_progress_are_refused_untouched(
    tmp_path: Path, make, error: type, words: str
) -> None:
    path = tmp_path / "progress.sqlite"
    make(path)
    before = path.read_bytes()

    with pytest.raises(error, match=words):
        ProgressStore(path=path, backups=tmp_path / "backups")

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite"]


def test_empty_file_is_treated_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"")

    opened = ProgressStore(path=path, backups=tmp_path / "backups")
    opened.close()

    assert not (tmp_path / "backups").exists()


# --- Migrations -----------------------------------------------------------------------------


def test_new_database_is_not_backed_up(progress_path: Path) -> None:
    ProgressStore(path=progress_path, backups=progress_path.parent / "backups").close()
    ProgressStore(path=progress_path, backups=progress_path.parent / "backups").close()

    assert not (progress_path.parent / "backups").exists()
    db = _open(progress_path)
    try:
        assert schema.pending_progress_migrations(db) == []
    finally:
        db.close()


def _open(path: Path):
    import sqlite_utils

    return sqlite_utils.Database(sqlite3.connect(path))


def test_pending_migration_backs_up_first(
    progress_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = ProgressStore(path=progress_path, backups=progress_path.parent / "backups")
    _answer(opened, "c1", 3, T0, None, step=1)
    opened.close()
    applied: list[str] = []

    def migrate(db) -> list[str]:
        # The backup must already exist when the migration runs.
        assert len(list((progress_path.parent / "backups").glob("*.sqlite"))) == 1
        db["m002_added"].create({"id": int}, pk="id")
        applied.append("m002_added")
        return applied

    monkeypatch.setattr(schema, "pending_progress_migrations", lambda db: ["m002_added"])
    monkeypatch.setattr(schema, "migrate_progress", migrate)

    reopened = ProgressStore(path=progress_path, backups=progress_path.parent / "backups")
    reopened.close()

    assert applied == ["m002_added"]
    (backup,) = (progress_path.parent / "backups").glob("*.sqlite")
    assert backup.name.startswith("progress-before-migration-")
    copy = _open(backup)
    try:
        assert copy["review_log"].count == 1
        assert "m002_added" not in copy.table_names()
    finally:
        copy.close()


def test_backup_copies_a_live_database(progress_path: Path, tmp_path: Path) -> None:
    opened = ProgressStore(path=progress_path, backups=progress_path.parent / "backups")
    _answer(opened, "c1", 3, T0, None, step=1)
    live = _open(progress_path)
    try:
        dest = connection.backup(live, tmp_path / "copies" / "copy.sqlite")
    finally:
        live.close()
        opened.close()

    copy = _open(dest)
    try:
        assert copy.execute("SELECT card_id FROM card_state").fetchall() == [("c1",)]
    finally:
        copy.close()


def test_extra_new_cards_on_a_full_disk_raise_store_unavailable(progress_path: Path, store: ProgressStore) -> None:
    from studyguide.store.settings import SettingsStore

    settings = SettingsStore(db=store.database)
    assert settings.add_extra_new("g", "2026-03-02", 5).due_counts
    assert settings.extra_new("g", "2026-03-02") == 5 and settings.extra_new("g", "2026-03-03") == 0
    _fill_disk_on(store, progress_path, "UPDATE ON settings")

    with pytest.raises(StoreUnavailable, match="full"):
        settings.add_extra_new("g", "2026-03-02", 5)
    assert settings.extra_new("g", "2026-03-02") == 5


def _daily_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT day, reviews, review_total, review_passed FROM review_daily ORDER BY day").fetchall()
    finally:
        conn.close()


def test_rebuild_writes_zero_day_totals_for_days_without_review_answers(
    store: ProgressStore, progress_path: Path
) -> None:
    # Only first answers (no previous state, so no review-phase answer) that day.
    _answer(store, "c1", 3, T0, None, step=1)
    _answer(store, "c2", 1, T0 + timedelta(minutes=1), None, step=1)
    day = T0.astimezone().date().isoformat()

    store.rebuild_card_state()

    assert _daily_rows(progress_path) == [(day, 2, 0, 0)]
    # A later review-phase answer that day is counted on top of the zeros, not lost in a NULL.
    store.record_answer(guide_id="g", card_id="c2", rating=3, reviewed_at=T0 + timedelta(minutes=3),
                        new_state=_state(T0, 3), due=T0, previous_state={"state": 2, "due": T0.isoformat()})
    assert _daily_rows(progress_path) == [(day, 3, 1, 1)]


def test_rebuild_follows_the_answers_chain_when_two_processes_clocks_disagree(store: ProgressStore) -> None:
    # Two processes answer one card: the second answer follows the first (its previous state is the
    # first's new state) but its clock read a moment earlier. The rebuilt state is the second's.
    first = _answer(store, "c1", 3, T0 + timedelta(milliseconds=2), None, step=1)
    second = _answer(store, "c1", 3, T0 + timedelta(milliseconds=1), first, step=2)
    # A card answered on one clock keeps the newest in time.
    _answer(store, "c2", 3, T0, None, step=1)
    last = _answer(store, "c2", 3, T0 + timedelta(minutes=5), None, step=3)

    store.rebuild_card_state()

    assert store.card_state("g", "c1").state == second  # type: ignore[union-attr]
    assert store.card_state("g", "c2").state == last  # type: ignore[union-attr]
