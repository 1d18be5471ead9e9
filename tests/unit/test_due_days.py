"""Each guide's studied cards per phase and due day are kept in the progress file (``store/due_days.py``,
m011) by triggers on ``card_state``: whatever writes a state, the kept counts equal a fresh count, and
a review session's first count reads a few rows instead of walking every state."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import studyguide
from studyguide.domain.review import LEARNING_PHASES, ReviewSettings
from studyguide.library import Library
from studyguide.review.scheduler import Rating
from studyguide.review.sync import SyncService
from studyguide.store import schema
from studyguide.store.due_days import bulk, due_before, studied_and_due
from studyguide.store.progress import ProgressStore, UndoConflict
from studyguide.store.progress_import import import_history
from studyguide.store.review_queue import read_only_counter
from studyguide.store.sqlite import Database
from tests.conftest import Clock
from tests.unit.test_due_counts_agree import _build

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
GUIDE = "many"


@pytest.fixture(scope="module")
def guide_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("due-days"), GUIDE, 0)


def _kept(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(f"SELECT guide_id, phase, day, cards FROM [{schema.GUIDE_DUE_DAYS}] "
                        "ORDER BY 1, 2, 3").fetchall()


def _fresh(conn: sqlite3.Connection) -> list[tuple]:
    """The counts per guide, phase and due day, counted from the states now."""
    return conn.execute(f"SELECT guide_id, ifnull(phase, -1), substr(due, 1, 10), count(*) FROM [{schema.CARD_STATE}] "
                        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").fetchall()


def _waiting_oracle(library: Library, now: datetime, until: datetime) -> tuple[int, int, int, int]:
    """(new, learning due, review due; studied cards due before ``until``) of the guide, from its cards,
    every state and the suspensions."""
    cards = {c.id for c in library.content(GUIDE).cards()}
    db = library.progress.database
    states = {c: (p, d) for c, p, d in db.execute(
        f"SELECT card_id, phase, due FROM [{schema.CARD_STATE}] WHERE guide_id = ?", [GUIDE])}
    suspended = {c for (c,) in db.execute(
        f"SELECT card_id FROM [{schema.CARD_EDITS}] WHERE guide_id = ? AND suspended", [GUIDE])}
    counts = Counter()
    for card in cards - suspended:
        if card not in states:
            counts["new"] += 1
        elif states[card][1] <= now.isoformat():
            counts["learning" if states[card][0] in LEARNING_PHASES else "review"] += 1
        counts["before"] += card in states and states[card][1] < until.isoformat()
    return counts["new"], counts["learning"], counts["review"], counts["before"]


class _Device:
    def __init__(self, home: Path, guide_db: Path, start: datetime) -> None:
        self.clock = Clock(start)
        self.library = Library(home=home, bundled_guide=guide_db, clock=self.clock, enable_fuzzing=False)
        self.library.review.save_settings(ReviewSettings(new_per_day=100))
        self.sync = SyncService(progress=self.library.progress, settings=lambda: self.library.review.settings,
                                clock=self.clock)
        self.session = self.library.start_review(GUIDE)

    def answer(self, rating: int) -> None:
        if self.session.current is None:
            self.session = self.library.start_review(GUIDE)
        if self.session.current is not None:
            self.session.reveal()
            self.session.answer(Rating(rating))

    def studied(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.library.progress.database.execute(
            f"SELECT guide_id, card_id FROM [{schema.CARD_STATE}] WHERE guide_id = ? ORDER BY card_id", [GUIDE])]


def _imported(ids: list[str], at: datetime) -> list:
    """Imported cards (as an Anki package's history gives them): one Good answer each, due in 0-9 days."""
    cards = []
    for n, card in enumerate(ids):
        due = at + timedelta(days=n % 10, hours=n)
        state = {"card_id": n, "state": 2, "step": None, "stability": 3.0, "difficulty": 5.0, "due": due.isoformat(),
                 "last_review": at.isoformat()}
        cards.append((card, [(3, (at - timedelta(days=1)).isoformat(), 4000, None, json.dumps(state))], state, due))
    return cards


_STEP = st.one_of(
    st.tuples(st.just("answer"), st.sampled_from(list(Rating))),
    st.tuples(st.just("undo"), st.none()),
    st.tuples(st.just("forget"), st.integers(0, 20)),
    st.tuples(st.just("set due"), st.integers(-3, 30)),
    st.tuples(st.just("undo browser"), st.none()),
    st.tuples(st.just("suspend"), st.integers(0, 20)),
    st.tuples(st.just("import"), st.integers(1, 30)),  # some of the guide's cards, some strays, another guide
    st.tuples(st.just("sync"), st.sampled_from(list(Rating))),  # the other device answers, both sync
    st.tuples(st.just("rebuild"), st.none()),
    st.tuples(st.just("replace"), st.integers(0, 20)),  # an INSERT OR REPLACE of a state, on the app's connection
    st.tuples(st.just("restore"), st.none()),
    st.tuples(st.just("hours"), st.integers(1, 24 * 20)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_STEP, max_size=14))
# A sync on the app's own connection brings back a stray (an imported card the guide lacks) after a
# restore: the due counter's strays, kept while nothing else committed, were not looked for again.
@example(steps=[("import", 1), ("sync", Rating.AGAIN), ("restore", None), ("sync", Rating.AGAIN)])
def test_the_kept_counts_equal_a_fresh_count_whatever_writes_the_states(tmp_path_factory, guide_db: Path,
                                                                        steps) -> None:
    folder = tmp_path_factory.mktemp("sync")
    laptop = _Device(folder / "laptop", guide_db, START)
    desktop = _Device(folder / "desktop", guide_db, START + timedelta(minutes=3))
    browser_undo: list = []
    imports = 0
    try:
        laptop.library.backup_now()
        db = laptop.library.progress.database
        for kind, value in steps:
            if kind == "answer":
                laptop.answer(value)
            elif kind == "undo":
                with contextlib.suppress(UndoConflict):
                    laptop.session.undo()
            elif kind in ("forget", "set due") and laptop.studied():
                keys = laptop.studied()[value % len(laptop.studied()):][:3]
                cards = laptop.library.cards
                _, snapshot = cards.forget(keys) if kind == "forget" else cards.set_due(keys, value)
                browser_undo.append((keys, snapshot))
            elif kind == "undo browser" and browser_undo:
                laptop.library.cards.restore(*browser_undo.pop())
            elif kind == "suspend":
                card = f"c{value % 3}-{value % 5}"
                laptop.library.review.set_suspended_cards([(GUIDE, card)], suspended=value % 2 == 0)
            elif kind == "import":
                imports += 1
                ids = [f"c{n % 3}-{n % 5}" if n % 2 else f"imported-{imports}-{n}" for n in range(value)]
                for guide in (GUIDE, f"other-{imports % 2}"):
                    import_history(laptop.library.progress.path, guide_id=guide, cards=_imported(ids, laptop.clock()),
                                   suspended=[], now=laptop.clock())
            elif kind == "sync":
                desktop.answer(value)
                desktop.sync.sync(folder)
                laptop.sync.sync(folder)
            elif kind == "rebuild":
                laptop.library.progress.rebuild_card_state()
            elif kind == "replace":
                due, phase = (laptop.clock() + timedelta(days=value - 5)).isoformat(), 1 + value % 3
                state = {"card_id": value, "state": phase, "step": None if phase == 2 else 0, "stability": 2.0,
                         "difficulty": 5.0, "due": due, "last_review": laptop.clock().isoformat()}
                with db.conn:
                    db.conn.execute(f"INSERT OR REPLACE INTO [{schema.CARD_STATE}] (guide_id, card_id, state, due, "
                                    "phase, stability) VALUES (?, ?, ?, ?, ?, 2.0)",
                                    [GUIDE, f"c{value % 3}-{value % 5}", json.dumps(state), due, phase])
            elif kind == "restore":
                laptop.library.restore_backup(laptop.library.backups()[-1].path)
                laptop.session = laptop.library.start_review(GUIDE)
                browser_undo.clear()
            elif kind == "hours":
                laptop.clock.now += timedelta(hours=value)
            assert _kept(db.conn) == _fresh(db.conn), (kind, steps)
            assert not db.execute(f"SELECT * FROM [{schema.GUIDE_DUE_STALE}]").fetchall()
            now, until = laptop.clock(), laptop.clock() + timedelta(hours=len(steps) * 7 % 40 - 9)
            due, content = laptop.library.review.due, laptop.library.content(GUIDE)
            assert (*due.waiting(GUIDE, guide=content, now=now), due.due_before(GUIDE, guide=content, until=until)) \
                == _waiting_oracle(laptop.library, now, until), (kind, steps)
    finally:
        laptop.library.close()
        desktop.library.close()


def _progress(home: Path, guide_db: Path) -> Path:
    Library(home=home, bundled_guide=guide_db, clock=lambda: START).close()
    return home / "progress.sqlite"


def _states(path: Path, rows: int, *, guide: str = GUIDE) -> None:
    """``rows`` states written straight into the file, due over 60 days around START."""
    with sqlite3.connect(path) as db:
        db.executemany(f"INSERT INTO [{schema.CARD_STATE}] (guide_id, card_id, state, due, phase, stability) "
                       "VALUES (?, ?, '{}', ?, ?, 1.0)",
                       [(guide, f"x{n}", (START + timedelta(hours=n % 1440 - 720)).isoformat(), 1 + n % 3)
                        for n in range(rows)])
    db.close()


def test_a_first_count_reads_the_kept_rows_not_every_state(tmp_path: Path, guide_db: Path) -> None:
    """A fresh connection's count of a guide's studied and due cards (and of those due by the end of the day)
    runs about as many SQLite steps at 30,000 states as at 3,000: it walks neither every state nor the due
    ones (counted one by one, thousands)."""
    steps = []
    for rows in (3_000, 30_000):
        path = _progress(tmp_path / str(rows), guide_db)
        _states(path, rows)
        db = Database(sqlite3.connect(path))
        try:
            ticks: list[int] = []
            db.conn.set_progress_handler(lambda ticks=ticks: ticks.append(1) or 0, 100)
            counted = studied_and_due(db, GUIDE, START.isoformat(), writable=True)
            before = due_before(db, GUIDE, (START + timedelta(hours=15)).isoformat(), writable=True)
        finally:
            db.close()
        due = [n for n in range(rows) if n % 1440 <= 720]
        assert counted == (rows, sum(1 for n in due if n % 3 != 1), sum(1 for n in due if n % 3 == 1))
        assert before == sum(1 for n in range(rows) if n % 1440 < 735)
        steps.append(len(ticks))
    assert steps[1] < steps[0] + 20, f"{steps[0] * 100} SQLite steps at 3,000 states, {steps[1] * 100} at 30,000"


def test_the_migration_counts_the_states_already_there(tmp_path: Path, guide_db: Path) -> None:
    path = _progress(tmp_path, guide_db)
    _states(path, 500)
    _states(path, 20, guide="second")
    with sqlite3.connect(path) as db:  # as m010 left it: no counts, no triggers
        for name, _ in schema.GUIDE_DUE_TRIGGERS:
            db.execute(f"DROP TRIGGER [{name}]")
        db.execute(f"DROP TABLE [{schema.GUIDE_DUE_DAYS}]")
        db.execute(f"DROP TABLE [{schema.GUIDE_DUE_STALE}]")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_guide_due_days'")
        db.execute(f"PRAGMA user_version = {schema.progress_format() - 1}")
    db.close()
    library = Library(home=tmp_path, bundled_guide=guide_db, clock=lambda: START)
    try:
        conn = library.progress.database.conn
        assert conn.execute(f"SELECT * FROM [{schema.GUIDE_DUE_STALE}] ORDER BY 1").fetchall() == [(GUIDE,),
                                                                                                ("second",)]
        for guide in (GUIDE, "second"):  # each counted afresh at its first count, once
            studied_and_due(library.progress.database, guide, START.isoformat(), writable=True)
        assert _kept(conn) == _fresh(conn) and sum(r[3] for r in _kept(conn)) == 520
        assert not conn.execute(f"SELECT * FROM [{schema.GUIDE_DUE_STALE}]").fetchall()
        _states(path, 0)
        conn.execute(f"DELETE FROM [{schema.CARD_STATE}] WHERE card_id = 'x7'")  # kept from now on, by the triggers
        assert _kept(conn) == _fresh(conn)
    finally:
        library.close()


def test_a_guide_marked_stale_is_counted_afresh_once_or_counted_from_its_states_read_only(tmp_path: Path,
                                                                                         guide_db: Path) -> None:
    path = _progress(tmp_path, guide_db)
    _states(path, 400)
    with sqlite3.connect(path) as db:  # as a bulk write cut short would leave it, were it ever committed
        db.execute(f"INSERT INTO [{schema.GUIDE_DUE_STALE}] VALUES (?)", [GUIDE])
        db.execute(f"UPDATE [{schema.GUIDE_DUE_DAYS}] SET cards = cards + 7")
    db.close()
    expected = (400, *[sum(1 for n in range(400) if n <= 720 and (n % 3 != 1) == learning) for learning in (1, 0)])
    reader = read_only_counter(path)
    try:
        assert studied_and_due(reader.database, GUIDE, START.isoformat(), writable=False) == expected
    finally:
        reader.database.close()
    db = Database(sqlite3.connect(path))
    try:
        assert studied_and_due(db, GUIDE, START.isoformat(), writable=True) == expected
        assert _kept(db.conn) == _fresh(db.conn)
        assert not db.execute(f"SELECT * FROM [{schema.GUIDE_DUE_STALE}]").fetchall()
    finally:
        db.close()


def test_a_bulk_write_counts_its_guides_at_the_end_and_leaves_the_triggers(tmp_path: Path, guide_db: Path) -> None:
    path = _progress(tmp_path, guide_db)
    _states(path, 50)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        with bulk(conn, [GUIDE]):
            conn.execute(f"DELETE FROM [{schema.CARD_STATE}] WHERE card_id < 'x3'")
            assert conn.execute(f"SELECT * FROM [{schema.GUIDE_DUE_STALE}]").fetchall() == [(GUIDE,)]
        conn.execute("COMMIT")
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {name for name, _ in schema.GUIDE_DUE_TRIGGERS} <= triggers
        assert _kept(conn) == _fresh(conn) and not conn.execute(f"SELECT * FROM [{schema.GUIDE_DUE_STALE}]").fetchall()
        conn.execute(f"DELETE FROM [{schema.CARD_STATE}] WHERE card_id = 'x40'")
        assert _kept(conn) == _fresh(conn)
    finally:
        conn.close()


#: The modules that write card states, each exercised by the property test above (the writer there):
#: answers, undo and rebuild-progress; Forget, Set Due Date and their undo; a progress import; a sync merge.
_WRITERS = {"store/progress.py": "answer, undo, rebuild", "store/card_reset.py": "forget, set due, undo browser",
            "store/progress_import.py": "import", "store/sync_state.py": "sync"}
_WRITE = re.compile(r"(INSERT|REPLACE|UPDATE|DELETE)\b[^\n]*?(\[\{schema\.CARD_STATE\}\]|\bcard_state\b)"
                    r"|table\(schema\.CARD_STATE\)|\[schema\.CARD_STATE\]", re.IGNORECASE)
_REPLACE = re.compile(r"REPLACE\s+INTO\s+\[?\{?(schema\.CARD_STATE|card_state)|CARD_STATE\)\.[^\n]*replace=True",
                      re.IGNORECASE)


def test_every_writer_of_card_states_is_one_the_property_test_runs_and_none_bypasses_the_triggers() -> None:
    """A new place that writes card states fails here until the property test above runs it; no state is
    written with OR REPLACE (counted only with recursive triggers); only ``store/due_days.py`` drops the
    triggers (``bulk``, which counts the guides afresh before its transaction ends)."""
    root = Path(studyguide.__file__).parent
    writers, replaces, drops = set(), [], []
    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if name != "store/schema.py" and _WRITE.search(text):  # (the migrations before m011 wrote states too)
            writers.add(name)
        replaces += [name for _ in re.finditer(_REPLACE, text)]
        drops += [name for _ in re.finditer(r"DROP\s+TRIGGER", text, re.IGNORECASE)]
    assert writers == set(_WRITERS), "a writer of card states the property test does not run"
    assert not replaces and set(drops) <= {"store/due_days.py"}


def test_every_progress_connection_counts_an_insert_or_replace(tmp_path: Path, guide_db: Path) -> None:
    """OR REPLACE deletes the old row without its delete trigger unless recursive triggers are on."""
    path = _progress(tmp_path, guide_db)
    store = ProgressStore(path=path, backups=tmp_path / "backups")
    try:
        conn = store.database.conn
        assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        for day in (1, 2):
            with conn:
                conn.execute(f"INSERT OR REPLACE INTO [{schema.CARD_STATE}] (guide_id, card_id, state, due, phase) "
                             "VALUES (?, 'c0-0', '{}', ?, 2)", [GUIDE, (START + timedelta(days=day)).isoformat()])
        assert _kept(conn) == _fresh(conn) == [(GUIDE, 2, "2026-03-04", 1)]
    finally:
        store.close()
