"""Table names and migrations of the content and progress databases.

Table names are constants private to ``studyguide.store`` (and the FTS table
to ``studyguide.search``). Progress migrations only ever add: a user's review
history is never rewritten by an upgrade.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from studyguide.domain.review import CardPhase
from studyguide.store.migration_set import MigrationSet
from studyguide.store.sqlite import columns, table_names

if TYPE_CHECKING:
    import sqlite_utils

# Content database (one per built guide).
META = "meta"
SECTIONS = "sections"
CARDS = "cards"
EVENTS = "events"
#: A user's guide's tags of cards and sections (written by ``store.authoring``, read by ``store.content`` too).
ITEM_TAGS = "item_tags"
#: Format of the content database; bump when the build writes a new shape
#: (2: the search index gained kind, section and date columns for filters;
#: 3: the search_terms vocabulary table; 4: no FTS5 table, each item's text once:
#: the library's ranking index is built from the content tables, ``store.search_docs``).
CONTENT_FORMAT = 4
#: Page size of a new guide database with long sections: a section of 120-250 words takes about
#: 1.3 KB, and SQLite's 4 KB pages left 17% of the sections table unused (3 rows a page); 16 KB pages
#: leave about 3% (188 -> 165 MB at 100,000 sections and 100,000 cards). A small guide keeps 4 KB
#: pages (each table and index takes a page at least); cards pack well in either.
CONTENT_PAGE_SIZE = 16384
#: Characters of section text from which a new guide gets ``CONTENT_PAGE_SIZE`` pages.
LONG_SECTIONS = 1_000_000

# Progress database (one per user library).
CARD_STATE = "card_state"
REVIEW_LOG = "review_log"
SETTINGS = "settings"

progress_migrations = MigrationSet("studyguide.progress")


@progress_migrations()
def m001_card_state_and_review_log(db: sqlite_utils.Database) -> None:
    """Card state keyed by stable ids, and the append-only review log."""
    db.table(CARD_STATE).create(
        {"guide_id": str, "card_id": str, "state": str, "due": str, "suspended": int},
        pk=("guide_id", "card_id"),
        not_null={"guide_id", "card_id", "state", "due"},
        defaults={"suspended": 0},
    )
    db.table(CARD_STATE).create_index(["guide_id", "due"])
    db.table(REVIEW_LOG).create(
        {
            "id": int,
            "guide_id": str,
            "card_id": str,
            "rating": int,
            "reviewed_at": str,
            "duration_ms": int,
            "previous_state": str,
            "new_state": str,
        },
        pk="id",
        not_null={"guide_id", "card_id", "rating", "reviewed_at", "new_state"},
    )
    db.table(REVIEW_LOG).create_index(["guide_id", "card_id"])
    db.table(REVIEW_LOG).create_index(["reviewed_at"])
    db.table(SETTINGS).create({"key": str, "value": str}, pk="key")


def pending_progress_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of progress migrations not yet applied to ``db``."""
    return [m.name for m in progress_migrations.pending(db)]


def migrate_progress(db: sqlite_utils.Database) -> list[str]:
    """Apply pending progress migrations; return the names applied."""
    names = pending_progress_migrations(db)
    progress_migrations.apply(db)
    return names


#: The user's own changes to a card: edited text, suspension. Kept apart from
#: the read-only guide so they survive guide updates.
CARD_EDITS = "card_edits"


@progress_migrations()
def m002_card_phase_and_edits(db: sqlite_utils.Database) -> None:
    """A queryable phase column (fsrs State) for fast due counts, and per-card user edits."""
    db.table(CARD_STATE).add_column("phase", int)
    db.execute(f"UPDATE [{CARD_STATE}] SET phase = json_extract(state, '$.state')")
    db.table(CARD_STATE).create_index(["guide_id", "phase", "due"])
    db.table(CARD_EDITS).create(
        {"guide_id": str, "card_id": str, "front": str, "back": str, "suspended": int, "updated_at": str},
        pk=("guide_id", "card_id"),
        not_null={"guide_id", "card_id"},
        defaults={"suspended": 0},
    )


#: Answers per guide and local day, kept up to date in each answer's transaction,
#: so statistics never scan the whole review log.
REVIEW_DAILY = "review_daily"


@progress_migrations()
def m003_daily_totals_and_stability(db: sqlite_utils.Database) -> None:
    """Per-day answer totals, a stability column for mastery, and a (guide, time) index."""
    db.table(REVIEW_LOG).create_index(["guide_id", "reviewed_at"])
    db.table(CARD_STATE).add_column("stability", float)
    db.execute(f"UPDATE [{CARD_STATE}] SET stability = json_extract(state, '$.stability')")
    # Covers per-card scans (section counts, mastery) without reading the JSON states.
    db.table(CARD_STATE).create_index(["guide_id", "card_id", "phase", "due", "stability"])
    db.table(REVIEW_DAILY).create(
        {"guide_id": str, "day": str, "reviews": int, "review_total": int, "review_passed": int},
        pk=("guide_id", "day"),
        not_null={"guide_id", "day"},
        defaults={"reviews": 0, "review_total": 0, "review_passed": 0},
    )
    db.execute(DAILY_FROM_LOG)


#: Whether a review-log row's previous state was REVIEW: json_extract of its ``$.state`` equal to REVIEW's number, with
#: the phase read off the text's start when it starts as fsrs's ``Card.to_dict`` through ``json.dumps`` always
#: does, ``{"card_id": <digits>, "state": <digit>,`` up to its first comma and 13 characters on (SQLite 3.40's
#: json_extract parses the whole text: 50,000 answers' totals 54 -> 47 ms). Any valid JSON that starts so has
#: that top-level state (a number's value ends at the comma); other texts go to json_extract.
#: tests/unit/test_daily_phase.py compares the two.
_HEAD = """substr(previous_state, 1, instr(previous_state, ',') + 12) GLOB char(123) || '"card_id": [0-9]*, "state": """
PHASE_IS_REVIEW = f"""CASE WHEN {_HEAD}{CardPhase.REVIEW:d},' THEN 1 WHEN {_HEAD}[0-9],' THEN 0
    ELSE json_extract(previous_state, '$.state') = {CardPhase.REVIEW:d} END"""
#: Recomputes ``review_daily`` from the log (days in the machine's local time).
#: The daily totals counted from the review-log rows ``{where}`` picks. Each row's phase is read from its JSON
#: in a subquery SQLite keeps as it is (``LIMIT -1``): flattened, the states themselves went into the GROUP BY's
#: sort, 10 MB for 50,000 answers (an Anki import's history: 0.086 against 0.053 s).
DAILY_FROM_LOG_WHERE = f"""
    INSERT INTO [{REVIEW_DAILY}] (guide_id, day, reviews, review_total, review_passed)
    SELECT guide_id, day, count(*), coalesce(sum(review), 0), coalesce(sum(review AND rating > 1), 0)
    FROM (SELECT guide_id, date(reviewed_at, 'localtime') AS day, rating, {PHASE_IS_REVIEW} AS review
          FROM [{REVIEW_LOG}] WHERE {{where}} LIMIT -1)
    GROUP BY 1, 2
"""
#: Every guide's daily totals, from the whole log.
DAILY_FROM_LOG = DAILY_FROM_LOG_WHERE.format(where="1")


@progress_migrations()
def m004_zero_day_totals(db: sqlite_utils.Database) -> None:
    """Day totals left NULL by an earlier rebuild become 0 (later answers added to NULL were lost)."""
    db.execute(f"UPDATE [{REVIEW_DAILY}] SET review_total = coalesce(review_total, 0), "
               "review_passed = coalesce(review_passed, 0) "
               "WHERE review_total IS NULL OR review_passed IS NULL")


#: When the library first saw each guide (the Added time of its cards that record none).
GUIDE_ADDED = "guide_added"


@progress_migrations()
def m005_guide_added(db: sqlite_utils.Database) -> None:
    """When the library first saw each guide (filled by ``store.card_added.note_guides``)."""
    db.table(GUIDE_ADDED).create({"guide_id": str, "added_at": str}, pk="guide_id",
                                 not_null={"guide_id", "added_at"})


#: The sync journal (docs/sync.md): every journal entry applied or written here, by its key
#: (device, segment, index), with its review-log row (NULL once taken back) and, once a replay gave
#: that row other states, the states its device recorded (what later replays compare); the segments applied
#: or written per device; the devices seen; this device's segments not yet in the folder.
SYNC_ENTRIES = "sync_entries"
SYNC_SEGMENTS = "sync_segments"
SYNC_DEVICES = "sync_devices"
SYNC_OUTBOX = "sync_outbox"
#: ``sync_entries.undone`` of a journaled answer taken back here whose undo is not journaled yet
#: (1: taken back, here and in the journal); and how an undo here marks it: by its entry, not its
#: row (the next answer may get the same row id, and on a coarse clock the same time).
UNDO_TO_JOURNAL = 2
TAKEN_BACK_HERE = f"UPDATE [{SYNC_ENTRIES}] SET log_id = NULL, undone = {UNDO_TO_JOURNAL} WHERE log_id = ?"


@progress_migrations()
def m006_sync_journal(db: sqlite_utils.Database) -> None:
    """What the sync journal applied and wrote (docs/sync.md); only adds tables."""
    # Without rowid: one B-tree keyed by the entry, not a table plus its key's index (a merge adds
    # a row per answer: a year of them at once).
    db.execute(f"CREATE TABLE [{SYNC_ENTRIES}] (device TEXT NOT NULL, segment INTEGER NOT NULL, idx INTEGER NOT NULL, "
               "log_id INTEGER, reviewed_at TEXT, undone INTEGER DEFAULT 0, original_previous TEXT, original_new TEXT, "
               "PRIMARY KEY (device, segment, idx)) WITHOUT ROWID")
    db.table(SYNC_ENTRIES).create_index(["log_id"])
    db.table(SYNC_SEGMENTS).create({"device": str, "segment": int, "entries": int, "applied_at": str},
                                   pk=("device", "segment"), not_null={"device", "segment"})
    db.table(SYNC_DEVICES).create({"device": str, "name": str, "last_merged_at": str}, pk="device",
                                  not_null={"device"})
    db.table(SYNC_OUTBOX).create({"segment": int, "data": bytes}, pk="segment", not_null={"segment", "data"})


#: Versions of the learner's card changes that travel (wording, suspension; docs/sync.md), each by its
#: entry key with the keys it replaces; and the conflicts the learner settled here, still to journal.
SYNC_VERSIONS = "sync_versions"
SYNC_PICKS = "sync_picks"


@progress_migrations()
def m007_sync_versions(db: sqlite_utils.Database) -> None:
    """Versions of the learner's card changes in the sync journal; only adds tables."""
    db.execute(f"CREATE TABLE [{SYNC_VERSIONS}] (device TEXT NOT NULL, segment INTEGER NOT NULL, idx INTEGER NOT NULL, "
               "guide_id TEXT NOT NULL, card_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT, "
               "replaces TEXT NOT NULL, at TEXT, PRIMARY KEY (device, segment, idx)) WITHOUT ROWID")
    db.execute(f"CREATE INDEX idx_sync_versions_item ON [{SYNC_VERSIONS}] (guide_id, card_id, field)")
    db.table(SYNC_PICKS).create({"guide_id": str, "card_id": str, "field": str}, pk=("guide_id", "card_id", "field"))


#: Card states of a guide in due order with their card ids, read from the index alone (the card
#: browser's sort by due at 100,000 cards: the (guide, due) index made a row lookup per card).
CARD_STATE_BY_DUE = "idx_card_state_guide_id_due_card_id"


@progress_migrations()
def m008_card_state_due_order(db: sqlite_utils.Database) -> None:
    """An index of (guide, due, card id): a guide's cards in due order without reading the states."""
    db.table(CARD_STATE).create_index(["guide_id", "due", "card_id"], index_name=CARD_STATE_BY_DUE,
                                      if_not_exists=True)


#: The card browser's Forget and Set Due Date, as a log replayed with the answers (docs/sync.md): each
#: with its time (and the due date set), its journal entry once journaled, and whether an undo took
#: it back (1: to journal, 2: journaled).
CARD_EVENTS = "card_events"


@progress_migrations()
def m009_card_events(db: sqlite_utils.Database) -> None:
    """The card browser's Forget and Set Due Date, kept so they travel and replay; only adds a table."""
    db.execute(f"CREATE TABLE [{CARD_EVENTS}] (id INTEGER PRIMARY KEY, guide_id TEXT NOT NULL, "
               "card_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, due TEXT, device TEXT, segment INTEGER, "
               "idx INTEGER, undone INTEGER NOT NULL DEFAULT 0)")
    db.execute(f"CREATE INDEX idx_card_events_card ON [{CARD_EVENTS}] (guide_id, card_id)")
    db.execute(f"CREATE INDEX idx_card_events_entry ON [{CARD_EVENTS}] (device, segment, idx)")


#: Each guide's strays (card states of ids its file does not have, ``store/strays.py``) and number of
#: cards, with the guide file's stamp they were found against and the highest ``card_state`` rowid
#: examined; a fresh process reads them instead of comparing every state with the guide.
GUIDE_STRAYS = "guide_strays"
#: Keeps ``guide_strays.examined`` at or below the highest rowid: a deleted top row's rowid may be reused.
GUIDE_STRAYS_TRIGGER = "guide_strays_after_state_delete"


@progress_migrations()
def m010_guide_strays(db: sqlite_utils.Database) -> None:
    """Each guide's strays, kept between processes; only adds a table and a trigger."""
    db.execute(f"CREATE TABLE [{GUIDE_STRAYS}] (guide_id TEXT PRIMARY KEY, guide_stamp TEXT NOT NULL, "
               "examined INTEGER NOT NULL, strays TEXT NOT NULL, cards INTEGER NOT NULL)")
    top = f"(SELECT coalesce(max(rowid), 0) FROM [{CARD_STATE}])"
    db.execute(f"CREATE TRIGGER [{GUIDE_STRAYS_TRIGGER}] AFTER DELETE ON [{CARD_STATE}] BEGIN "
               f"UPDATE [{GUIDE_STRAYS}] SET examined = {top} WHERE examined > {top}; END")


#: Each guide's card states counted per phase and due day (``store/due_days.py``): the phase (NULL as
#: -1) and the first 10 characters of ``due`` (its UTC date), kept by triggers on ``card_state`` in the
#: writer's own transaction; a guide listed in ``guide_due_stale`` is counted afresh before it is read.
GUIDE_DUE_DAYS = "guide_due_days"
GUIDE_DUE_STALE = "guide_due_stale"
_DUE_KEY = "guide_id = old.guide_id AND phase = ifnull(old.phase, -1) AND day = substr(old.due, 1, 10)"
_COUNT_IN = (f"INSERT INTO [{GUIDE_DUE_DAYS}] (guide_id, phase, day, cards) VALUES (new.guide_id, "
             "ifnull(new.phase, -1), substr(new.due, 1, 10), 1) ON CONFLICT DO UPDATE SET cards = cards + 1;")
_COUNT_OUT = (f"UPDATE [{GUIDE_DUE_DAYS}] SET cards = cards - 1 WHERE {_DUE_KEY}; "
              f"DELETE FROM [{GUIDE_DUE_DAYS}] WHERE {_DUE_KEY} AND cards <= 0;")
#: The triggers (name, SQL): every write of ``card_state`` keeps the counts, whoever writes it (an ``OR
#: REPLACE`` only with ``PRAGMA recursive_triggers``, which every progress connection sets).
GUIDE_DUE_TRIGGERS = (
    ("guide_due_days_insert", f"AFTER INSERT ON [{CARD_STATE}] BEGIN {_COUNT_IN} END"),
    ("guide_due_days_delete", f"AFTER DELETE ON [{CARD_STATE}] BEGIN {_COUNT_OUT} END"),
    ("guide_due_days_update", f"AFTER UPDATE OF guide_id, phase, due ON [{CARD_STATE}] WHEN old.guide_id IS NOT "
     "new.guide_id OR old.phase IS NOT new.phase OR substr(old.due, 1, 10) IS NOT substr(new.due, 1, 10) "
     f"BEGIN {_COUNT_OUT} {_COUNT_IN} END"),
)


@progress_migrations()
def m011_guide_due_days(db: sqlite_utils.Database) -> None:
    """Each guide's card states counted per phase and due day, kept by triggers; only adds tables and triggers."""
    db.execute(f"CREATE TABLE [{GUIDE_DUE_DAYS}] (guide_id TEXT NOT NULL, phase INTEGER NOT NULL, day TEXT NOT NULL, "
               "cards INTEGER NOT NULL, PRIMARY KEY (guide_id, phase, day)) WITHOUT ROWID")
    db.execute(f"CREATE TABLE [{GUIDE_DUE_STALE}] (guide_id TEXT PRIMARY KEY) WITHOUT ROWID")
    for name, body in GUIDE_DUE_TRIGGERS:
        db.execute(f"CREATE TRIGGER [{name}] {body}")
    # Every guide with states is counted afresh at its first count (store/due_days.py), as the due counter counts.
    db.execute(f"INSERT INTO [{GUIDE_DUE_STALE}] (guide_id) SELECT DISTINCT guide_id FROM [{CARD_STATE}]")


#: The answers rated Again, by guide, card and time: a section's lapses of the week read through its cards
#: alone (the reviewer asks for every card it shows; ``ProgressStore.lapses_among``).
LAPSES_INDEX = "idx_review_log_lapses"


@progress_migrations()
def m012_lapses_index(db: sqlite_utils.Database) -> None:
    """A partial index of the answers rated Again (a fifth of them); only adds an index."""
    db.execute(f"CREATE INDEX IF NOT EXISTS [{LAPSES_INDEX}] ON [{REVIEW_LOG}] (guide_id, card_id, reviewed_at) "
               "WHERE rating = 1")


#: The columns of each progress table once every migration ran. A newer app's extra column
#: shows against this (a test checks it matches what the migrations build).
PROGRESS_COLUMNS = {
    CARD_STATE: frozenset({"guide_id", "card_id", "state", "due", "suspended", "phase", "stability"}),
    REVIEW_LOG: frozenset({"id", "guide_id", "card_id", "rating", "reviewed_at", "duration_ms",
                           "previous_state", "new_state"}),
    SETTINGS: frozenset({"key", "value"}),
    CARD_EDITS: frozenset({"guide_id", "card_id", "front", "back", "suspended", "updated_at"}),
    REVIEW_DAILY: frozenset({"guide_id", "day", "reviews", "review_total", "review_passed"}),
    GUIDE_ADDED: frozenset({"guide_id", "added_at"}),
    SYNC_ENTRIES: frozenset({"device", "segment", "idx", "log_id", "reviewed_at", "undone", "original_previous",
                             "original_new"}),
    SYNC_SEGMENTS: frozenset({"device", "segment", "entries", "applied_at"}),
    SYNC_DEVICES: frozenset({"device", "name", "last_merged_at"}),
    SYNC_OUTBOX: frozenset({"segment", "data"}),
    SYNC_VERSIONS: frozenset({"device", "segment", "idx", "guide_id", "card_id", "field", "value", "replaces", "at"}),
    SYNC_PICKS: frozenset({"guide_id", "card_id", "field"}),
    CARD_EVENTS: frozenset({"id", "guide_id", "card_id", "kind", "at", "due", "device", "segment", "idx", "undone"}),
    GUIDE_STRAYS: frozenset({"guide_id", "guide_stamp", "examined", "strays", "cards"}),
    GUIDE_DUE_DAYS: frozenset({"guide_id", "phase", "day", "cards"}),
    GUIDE_DUE_STALE: frozenset({"guide_id"}),
}


@functools.cache
def _known_progress_shape() -> tuple[int, frozenset[str], dict[str, frozenset[str]]]:
    """(format, migration names, columns of each table) of a progress database this app writes."""
    names = frozenset(m.name for m in progress_migrations.migrations)
    return len(names), names, PROGRESS_COLUMNS


def progress_format() -> int:
    """The progress format this app writes (``PRAGMA user_version``): its number of migrations."""
    return _known_progress_shape()[0]


def progress_tables() -> set[str]:
    """The tables a progress database of this app has."""
    return set(_known_progress_shape()[2])


def newer_progress_shape(db: sqlite_utils.Database) -> str | None:
    """Why ``db`` looks written by a newer app (read-only), or None when this app knows its shape.

    A newer app shows as a higher ``user_version``, a migration this app does not
    know, or a column this app does not know in one of its tables.
    """
    fmt, names, known_columns = _known_progress_shape()
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > fmt:
        return f"progress format {version}"
    unknown = [name for name in progress_migrations.applied(db) if name not in names]
    if unknown:
        return f"the unknown change {unknown[0]!r}"
    tables = table_names(db.conn)
    for table, known in known_columns.items():
        if table in tables:
            extra = sorted(columns(db.conn, table) - known)
            if extra:
                return f"the unknown column {table}.{extra[0]}"
    return None


def written_by(db: sqlite_utils.Database) -> str | None:
    """The app version recorded as the last to open ``db`` for writing, if any (read-only)."""
    if SETTINGS not in table_names(db.conn):
        return None
    row = db.execute(f"SELECT value FROM [{SETTINGS}] WHERE key = ?", [APP_VERSION_KEY]).fetchone()
    return row[0] if row else None


#: Settings key of the app version that last opened the database for writing.
APP_VERSION_KEY = "app_version"


def needs_stamp(db: sqlite_utils.Database, app_version: str) -> bool:
    """True if ``stamp_progress`` would write (another format or app version opened it last)."""
    return db.execute("PRAGMA user_version").fetchone()[0] != progress_format() or written_by(db) != app_version


def stamp_progress(db: sqlite_utils.Database, app_version: str) -> None:
    """Record this app's format and version in ``db`` (writes only what changed)."""
    fmt = progress_format()
    if db.execute("PRAGMA user_version").fetchone()[0] != fmt:
        db.execute(f"PRAGMA user_version = {fmt}")
    if written_by(db) != app_version:
        with db.atomic():
            db.execute(f"INSERT OR REPLACE INTO [{SETTINGS}] (key, value) VALUES (?, ?)",
                       [APP_VERSION_KEY, app_version])
