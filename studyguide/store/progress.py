"""The user's progress: card states and the append-only review log.

Progress is keyed by (guide id, card id), both stable ids from the guide's
source, so rebuilding or re-importing a guide never loses a review. Each
answer is one transaction that appends a log row (holding the previous
state, for undo) and upserts the card's state; it is durable before the
next card is shown.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.domain.changes import Changes
from studyguide.domain.drill_ids import DRILL_PREFIX, DRILLS_END
from studyguide.domain.review import CardPhase
from studyguide.store import schema
from studyguide.store.bulk_insert import id_chunks
from studyguide.store.connection import explain, open_progress
from studyguide.store.due_days import bulk
from studyguide.store.errors import StoreUnavailable
from studyguide.store.transactions import immediate
from studyguide.store.wal import WalKeeper

if TYPE_CHECKING:
    import sqlite_utils

    from studyguide.store.progress_rows import CardProgress, RecordedAnswer, UndoneAnswer

#: Schedules an answer from the card's stored state (None for a new card): (new state, due).
Schedule = Callable[[dict[str, Any] | None], tuple[dict[str, Any], datetime]]


class UndoConflict(StoreUnavailable):
    """An answer cannot be taken back: it is gone, or the card was answered again after it (elsewhere)."""


class ProgressStore:
    """Reads and writes one user's progress database."""

    def __init__(self, *, path: Path, backups: Path, check: bool = True) -> None:
        self.path = path  # (``check``: False lets the caller check its integrity later: store/integrity.py)
        self._db = open_progress(path, migrate=schema.migrate_progress, pending=schema.pending_progress_migrations,
                                 backups=backups, check=check)
        #: Keeps the write-ahead log small: on a low disk, when idle, on close.
        self.wal = WalKeeper(self._db, path)
        #: The newest answer when it opened: a window undoes its own answers, then only those before it opened.
        self.opened_after = self.last_answer_id()

    def close(self) -> None:
        """Checkpoint the write-ahead log (truncating it) and close the connection."""
        self.wal.close()
        self._db.close()

    def changed_elsewhere(self) -> bool:
        """True if another connection (another window or process) saved something since the last call.

        ``PRAGMA data_version`` changes only with other connections' commits: a cheap poll.
        The first call only takes note and returns False.
        """
        try:
            version: int = self._db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        seen, self._data_version = getattr(self, "_data_version", version), version
        return version != seen

    @property
    def database(self) -> sqlite_utils.Database:
        """The connection, for the other progress-side stores (edits, stats, backups)."""
        return self._db

    @property
    def backups_folder(self) -> Path:
        """Where copies of this database are kept."""
        return self.path.parent / "backups"

    def backup(self, *, kind: str, now: datetime) -> Path:
        """Copy the database now (kind: "manual", "daily", ...)."""
        from studyguide.store import backups  # (not on the way to the window: opening needs none)

        return backups.make_backup(self.path, self.backups_folder, kind=kind, now=now)

    def daily_backup(self, *, now: datetime) -> Path | None:
        """Today's rotating copy, unless it exists (safe to call from a worker thread)."""
        from studyguide.store import backups  # (not on the way to the window: opening needs none)

        return backups.daily_backup(self.path, self.backups_folder, now=now)

    def restore_from(self, backup: Path, *, now: datetime) -> Changes:
        """Replace progress with a backup's (the current state is kept as a copy first)."""
        from studyguide.store import backups  # (not on the way to the window: opening needs none)

        changes = backups.restore(self._db.conn, backup, self.backups_folder, now=now)
        schema.migrate_progress(self._db)
        return changes

    def card_states(self, guide_id: str) -> dict[str, CardProgress]:
        """Every stored card state of a guide, by card id."""
        try:
            rows = self._db.execute(f"SELECT card_id, state, due FROM [{schema.CARD_STATE}] WHERE guide_id = ?",
                                    [guide_id]).fetchall()
            from studyguide.store.progress_rows import CardProgress  # (their classes: not made to open the file)

            return {c: CardProgress(c, json.loads(state), datetime.fromisoformat(due)) for c, state, due in rows}
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def card_state(self, guide_id: str, card_id: str) -> CardProgress | None:
        """One card's stored state, or None for a card never answered."""
        try:
            row = self._db.execute(
                f"SELECT state, due FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ?",
                [guide_id, card_id]).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        from studyguide.store.progress_rows import CardProgress  # (their classes: not made to open the file)

        return None if row is None else CardProgress(card_id, json.loads(row[0]), datetime.fromisoformat(row[1]))

    def review_count(self, guide_id: str, card_id: str | None = None) -> int:
        """How many answers are logged for a guide, or for one of its cards."""
        where, args = "guide_id = ?", [guide_id]
        if card_id is not None:
            where, args = where + " AND card_id = ?", args + [card_id]
        return int(self._db.execute(f"SELECT count(*) FROM [{schema.REVIEW_LOG}] WHERE {where}", args).fetchone()[0])

    def record_answer(self, *, guide_id: str, card_id: str, rating: int, reviewed_at: datetime,
                      new_state: dict[str, Any], due: datetime, previous_state: dict[str, Any] | None,
                      duration_ms: int | None = None) -> Changes:
        """Append one answer to the log and store the card's new state, atomically.

        Raises:
            StoreUnavailable: If the disk is full, the file locked or read-only;
                nothing is written in that case.
        """
        try:
            with immediate(self._db):
                self._write_answer(guide_id, card_id, rating, reviewed_at, new_state, due, previous_state,
                                   duration_ms)
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return Changes(progress=True, due_counts=True)

    def record_scheduled_answer(self, *, guide_id: str, card_id: str, rating: int, reviewed_at: datetime,
                                schedule: Schedule, duration_ms: int | None = None) -> RecordedAnswer:
        """Schedule an answer from the card's stored state and save it, in one write transaction.

        The state is read after the write lock is taken, so an answer another process (or
        window) saved a moment before is the one this answer follows, never a stale copy.

        Raises:
            StoreUnavailable: If the disk is full, the file locked or read-only;
                nothing is written in that case.
        """
        try:
            with immediate(self._db):
                row = self._db.execute(
                    f"SELECT state FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ?",
                    [guide_id, card_id]).fetchone()
                previous = None if row is None else json.loads(row[0])
                new_state, due = schedule(previous)
                answer_id = self._write_answer(guide_id, card_id, rating, reviewed_at, new_state, due, previous,
                                               duration_ms)
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        from studyguide.store.progress_rows import RecordedAnswer  # (their classes: not made to open the file)

        return RecordedAnswer(answer_id, previous, new_state, due)

    def _write_answer(self, guide_id: str, card_id: str, rating: int, reviewed_at: datetime, new_state: dict[str, Any],
                      due: datetime, previous_state: dict[str, Any] | None, duration_ms: int | None) -> int:
        """Log one answer and store the card's new state (inside a write transaction); returns the log row id."""
        cursor = self._db.execute(
            f"INSERT INTO [{schema.REVIEW_LOG}] (guide_id, card_id, rating, reviewed_at, duration_ms, "
            "previous_state, new_state) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [guide_id, card_id, rating, reviewed_at.isoformat(), duration_ms,
             json.dumps(previous_state) if previous_state is not None else None, json.dumps(new_state)])
        self._db.execute(  # plain SQL: sqlite-utils' upsert reads the table's schema on every call
            f"INSERT INTO [{schema.CARD_STATE}] (guide_id, card_id, state, due, phase, stability) VALUES (?, ?, ?, ?, "
            "?, ?) ON CONFLICT (guide_id, card_id) DO UPDATE SET state = excluded.state, due = excluded.due, "
            "phase = excluded.phase, stability = excluded.stability",
            [guide_id, card_id, json.dumps(new_state), due.isoformat(), new_state.get("state"),
             new_state.get("stability")])
        self._count_day(guide_id, reviewed_at, rating, previous_state, +1)
        assert cursor.lastrowid is not None  # an INSERT always sets it
        return cursor.lastrowid

    def _count_day(self, guide_id: str, at: datetime, rating: int, previous: dict[str, Any] | None, step: int) -> None:
        """Add (or with step -1 take back) one answer in the per-day totals (inside a transaction)."""
        self.wal.after_write()  # every answer and undo passes here: on a low disk, checkpoint at commit
        in_review = int(previous is not None and previous.get("state") == CardPhase.REVIEW)
        self._db.execute(
            f"INSERT INTO [{schema.REVIEW_DAILY}] (guide_id, day, reviews, review_total, review_passed) "
            "VALUES (:g, :d, :n, :t, :p) ON CONFLICT (guide_id, day) DO UPDATE SET "
            "reviews = reviews + :n, review_total = review_total + :t, review_passed = review_passed + :p",
            {"g": guide_id, "d": at.astimezone().date().isoformat(), "n": step,
             "t": step * in_review, "p": step * in_review * (rating > 1)},
        )

    def undo_last_answer(self, guide_id: str) -> UndoneAnswer | None:
        """Remove the newest answer of a guide and restore the state before it.

        Returns:
            The card and rating taken back, or None when there is nothing to undo.
        """
        newest = self.last_answer_of(guide_id)
        return None if newest is None else self.undo_answer(newest)

    def last_answer_of(self, guide_id: str, *, at_most: int | None = None) -> int | None:
        """The id of a guide's newest logged answer (up to the id ``at_most``), or None."""
        where, args = "guide_id = ?", list[object]([guide_id])
        if at_most is not None:
            where, args = where + " AND id <= ?", args + [at_most]
        try:
            row = self._db.execute(f"SELECT max(id) FROM [{schema.REVIEW_LOG}] WHERE {where}", args).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return None if row[0] is None else int(row[0])

    def undo_answer(self, answer_id: int, *, card_id: str | None = None,
                    reviewed_at: datetime | None = None) -> UndoneAnswer:
        """Take back one logged answer and restore its card's state before it, in one write transaction.

        Only that answer is removed, whatever was logged after it for other cards (by another window or process).

        Args:
            answer_id: The answer's review-log row.
            card_id: The card it must be about, and
            reviewed_at: when it must have been given: once an answer is taken back, its id
                may be given to the next answer logged, which is then refused.

        Raises:
            UndoConflict: The answer is no longer in the log (taken back elsewhere, or progress
                was restored), or its card was answered again after it: nothing changed.
            StoreUnavailable: If the database is locked, full or read-only; nothing changed.
        """
        try:
            with immediate(self._db):
                row = self._db.execute(
                    f"SELECT guide_id, card_id, rating, reviewed_at, previous_state FROM [{schema.REVIEW_LOG}] "
                    "WHERE id = ?", [answer_id]).fetchone()
                if row is None or (card_id is not None and row[1] != card_id) or (
                        reviewed_at is not None and row[3] != reviewed_at.isoformat()):
                    raise UndoConflict("That answer is no longer in your progress (it was taken back in "
                                       "another window, or progress was restored), so nothing was undone.")
                guide_id, card, rating, logged_at, previous_state = row
                later = self._db.execute(
                    f"SELECT 1 FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? AND card_id = ? AND id > ? LIMIT 1",
                    [guide_id, card, answer_id]).fetchone()
                if later is not None:
                    raise UndoConflict("This card was answered again after that answer (in another window "
                                       "or program), so that answer was not undone. Undo it there.")
                if previous_state is None:
                    self._db.execute(f"DELETE FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ?",
                                     [guide_id, card])
                else:
                    previous = json.loads(previous_state)
                    self._db.execute(f"UPDATE [{schema.CARD_STATE}] SET state = ?, due = ?, phase = ?, stability = ? "
                                     "WHERE guide_id = ? AND card_id = ?", [previous_state, previous["due"],
                                     previous.get("state"), previous.get("stability"), guide_id, card])
                self._count_day(guide_id, datetime.fromisoformat(logged_at), rating,
                                json.loads(previous_state) if previous_state else None, -1)
                self._db.execute(f"DELETE FROM [{schema.REVIEW_LOG}] WHERE id = ?", [answer_id])
                self._db.execute(schema.TAKEN_BACK_HERE, [answer_id])  # journaled: its undo is, by its key
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        from studyguide.store.progress_rows import UndoneAnswer  # (their classes: not made to open the file)

        return UndoneAnswer(card_id=card, rating=rating)

    def phases(self, guide_id: str) -> dict[str, tuple[int, datetime]]:
        """Every stored card's phase (fsrs State) and due time, without decoding states."""
        rows = self._db.execute(
            f"SELECT card_id, phase, due FROM [{schema.CARD_STATE}] WHERE guide_id = ?", [guide_id])
        return {card_id: (phase, datetime.fromisoformat(due)) for card_id, phase, due in rows}

    def new_cards_seen_since(self, guide_id: str, since: datetime) -> int:
        """How many cards of a guide got their first answer at or after ``since``."""
        # Drills (``domain.drills``) are not the guide's cards: they do not use up its new-card limit.
        return int(self._db.execute(
            f"SELECT count(*) FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? AND previous_state IS NULL "
            "AND reviewed_at >= ? AND NOT (card_id >= ? AND card_id < ?)",
            [guide_id, since.isoformat(), DRILL_PREFIX, DRILLS_END]).fetchone()[0])

    def forgotten_since(self, guide_id: str, since: datetime) -> set[str]:
        """The cards of a guide rated Again at or after ``since`` (custom study's "forgotten today")."""
        try:
            rows = self._db.execute(f"SELECT DISTINCT card_id FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? "
                                    "AND rating = 1 AND reviewed_at >= ?", [guide_id, since.isoformat()])
            return {row[0] for row in rows}
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def lapses_since(self, guide_id: str, since: datetime) -> dict[str, int]:
        """Lapses (Again on a card in review) per card of a guide at or after ``since``."""
        try:
            rows = self._db.execute(
                f"SELECT card_id, count(*) FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? AND reviewed_at >= ? "
                "AND rating = 1 AND json_extract(previous_state, '$.state') = ? GROUP BY card_id",
                [guide_id, since.isoformat(), int(CardPhase.REVIEW)])
            return {card_id: int(count) for card_id, count in rows}
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def lapses_among(self, guide_id: str, card_ids: Sequence[str], since: datetime) -> int:
        """Lapses (as ``lapses_since``) of ``card_ids`` at or after ``since``, all together: each card's answers
        rated Again read through their own index (``schema.LAPSES_INDEX``; 100 cards of 1,000,000 answers: 0.05 ms)."""
        total = 0
        try:
            for chunk, marks in id_chunks(card_ids):
                total += self._db.execute(
                    f"SELECT count(*) FROM [{schema.REVIEW_LOG}] "
                    f"WHERE guide_id = ? AND card_id IN ({marks}) AND reviewed_at >= ? "
                    "AND rating = 1 AND json_extract(previous_state, '$.state') = ?",
                    [guide_id, *chunk, since.isoformat(), int(CardPhase.REVIEW)]).fetchone()[0]
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return int(total)

    def average_answer_seconds(self, guide_id: str) -> float | None:
        """The mean time of a guide's last 1,000 timed answers (each up to 2 minutes), or None."""
        row = self._db.execute(
            f"SELECT avg(duration_ms) FROM (SELECT duration_ms FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? "
            "AND duration_ms BETWEEN 1 AND 120000 ORDER BY id DESC LIMIT 1000)", [guide_id]).fetchone()
        return None if row[0] is None else float(row[0]) / 1000

    def last_answer_id(self) -> int:
        """The id of the newest answer in the log (0 when it is empty); later answers get larger ids."""
        try:
            return int(self._db.execute(f"SELECT coalesce(max(id), 0) FROM [{schema.REVIEW_LOG}]").fetchone()[0])
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def answers_after(self, guide_id: str, after_id: int) -> tuple[int, int, int, int]:
        """Answers of a guide logged after the answer ``after_id``, for a sitting's summary.

        Returns:
            (answers, different cards, answers that were Again, milliseconds spent answering).
        """
        try:
            row = self._db.execute(
                f"SELECT count(*), count(DISTINCT card_id), coalesce(sum(rating = 1), 0), "
                f"coalesce(sum(duration_ms), 0) FROM [{schema.REVIEW_LOG}] WHERE id > ? AND guide_id = ?",
                [after_id, guide_id]).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return int(row[0]), int(row[1]), int(row[2]), int(row[3])

    def rebuild_card_state(self) -> int:
        """Recompute every card state from the review log (its newest answer per card).

        The log keeps each answer's resulting state, so this is exact. One transaction; returns the count.
        """
        log = schema.REVIEW_LOG
        latest = f"""
            SELECT guide_id, card_id, new_state FROM [{log}]
            WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY guide_id, card_id ORDER BY
                EXISTS (SELECT 1 FROM [{log}] AS later WHERE later.guide_id = r.guide_id AND later.card_id = r.card_id
                        AND later.id != r.id AND later.previous_state = r.new_state),
                reviewed_at DESC, id DESC) AS newest FROM [{log}] AS r) WHERE newest = 1)
        """  # the answer none followed (two processes' clocks may invert their order), else the newest in time
        try:
            with immediate(self._db):
                rows = self._db.execute(latest).fetchall()
                guides = {g for g, _, _ in rows} | {r[0] for r in self._db.execute(
                    f"SELECT DISTINCT guide_id FROM [{schema.CARD_STATE}]")}
                with bulk(self._db.conn, guides):  # every state: counted per due day once, at the end
                    self._db.execute(f"DELETE FROM [{schema.CARD_STATE}]")
                    self._db.table(schema.CARD_STATE).insert_all(
                        {"guide_id": g, "card_id": c, "state": state, "due": json.loads(state)["due"],
                         "phase": json.loads(state).get("state"), "stability": json.loads(state).get("stability")}
                        for g, c, state in rows
                    )
                self._db.execute(f"DELETE FROM [{schema.REVIEW_DAILY}]")
                self._db.execute(schema.DAILY_FROM_LOG)
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return len(rows)
