"""Table names and migrations of the content and progress databases.

Table names are constants private to ``studyguide.store`` (and the FTS table
to ``studyguide.search``). Progress migrations only ever add: a user's review
history is never rewritten by an upgrade.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

# Content database (one per built guide).
META = "meta"
SECTIONS = "sections"
CARDS = "cards"
EVENTS = "events"
#: FTS5 table over sections, cards and events, built with the guide.
SEARCH_INDEX = "search_index"
#: The index's vocabulary (term, documents), for prefix expansion and "did you mean".
SEARCH_TERMS = "search_terms"
#: How the search index splits text into terms: case and diacritics folded,
#: English (Porter) stemming. Query words must go through the same tokenizer.
SEARCH_TOKENIZER = "porter unicode61 remove_diacritics 2"
#: Format of the content database; bump when the build writes a new shape
#: (2: the search index gained kind, section and date columns for filters;
#: 3: the search_terms vocabulary table).
CONTENT_FORMAT = 3

# Progress database (one per user library).
CARD_STATE = "card_state"
REVIEW_LOG = "review_log"
SETTINGS = "settings"

progress_migrations = Migrations("studyguide.progress")


@progress_migrations()
def m001_card_state_and_review_log(db: sqlite_utils.Database) -> None:
    """Card state keyed by stable ids, and the append-only review log."""
    db[CARD_STATE].create(
        {"guide_id": str, "card_id": str, "state": str, "due": str, "suspended": int},
        pk=("guide_id", "card_id"),
        not_null={"guide_id", "card_id", "state", "due"},
        defaults={"suspended": 0},
    )
    db[CARD_STATE].create_index(["guide_id", "due"])
    db[REVIEW_LOG].create(
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
    db[REVIEW_LOG].create_index(["guide_id", "card_id"])
    db[REVIEW_LOG].create_index(["reviewed_at"])
    db[SETTINGS].create({"key": str, "value": str}, pk="key")


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
    db[CARD_STATE].add_column("phase", int)
    db.execute(f"UPDATE [{CARD_STATE}] SET phase = json_extract(state, '$.state')")
    db[CARD_STATE].create_index(["guide_id", "phase", "due"])
    db[CARD_EDITS].create(
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
    db[REVIEW_LOG].create_index(["guide_id", "reviewed_at"])
    db[CARD_STATE].add_column("stability", float)
    db.execute(f"UPDATE [{CARD_STATE}] SET stability = json_extract(state, '$.stability')")
    # Covers per-card scans (section counts, mastery) without reading the JSON states.
    db[CARD_STATE].create_index(["guide_id", "card_id", "phase", "due", "stability"])
    db[REVIEW_DAILY].create(
        {"guide_id": str, "day": str, "reviews": int, "review_total": int, "review_passed": int},
        pk=("guide_id", "day"),
        not_null={"guide_id", "day"},
        defaults={"reviews": 0, "review_total": 0, "review_passed": 0},
    )
    db.execute(DAILY_FROM_LOG)


#: Recomputes ``review_daily`` from the log (days in the machine's local time).
DAILY_FROM_LOG = f"""
    INSERT INTO [{REVIEW_DAILY}] (guide_id, day, reviews, review_total, review_passed)
    SELECT guide_id, date(reviewed_at, 'localtime'), count(*),
           sum(json_extract(previous_state, '$.state') = 2),
           sum(json_extract(previous_state, '$.state') = 2 AND rating > 1)
    FROM [{REVIEW_LOG}] GROUP BY 1, 2
"""
