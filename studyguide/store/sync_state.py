"""The sync journal's side of the progress database: identity, what was written, what was applied.

Every journal entry this library wrote or applied has a row in ``sync_entries`` under its key
(device, segment, index), so nothing is ever applied twice; an undo whose answer has not
arrived yet leaves that answer's key behind as taken back, so it is never applied. Applying
segments (``apply``) is one write transaction: the answers go into the review log, the undone
ones leave it, and the cards they touch are replayed in time order (``domain.journal.replay``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from studyguide.domain.card_events import JournalCardEvent
from studyguide.domain.card_timeline import replay_cards
from studyguide.domain.journal import (
    DeviceStatus,
    EntryKey,
    FieldConflict,
    JournalAnswer,
    JournalField,
    JournalUndo,
    LoggedAnswer,
    Reschedule,
)
from studyguide.domain.journal_content import CONTENT_FIELDS
from studyguide.store import schema
from studyguide.store.bulk_insert import indexes_after, worth_rebuilding
from studyguide.store.connection import explain
from studyguide.store.content_journal import ContentJournal
from studyguide.store.day_totals import DayTotals
from studyguide.store.journal_files import Segment, encode_segment
from studyguide.store.sync_events import CardEventJournal
from studyguide.store.sync_fields import FieldVersions
from studyguide.store.sync_logged import LoggedAnswers
from studyguide.store.sync_settings import DEVICE_ID, SyncSettings
from studyguide.store.transactions import immediate

#: Where a local answer with no entry yet sorts among answers of the same moment.
_LOCAL = 1 << 62
_tuple = tuple.__new__  # a named tuple without its __new__ frame: a year of answers per merge


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _chained(answers: list[LoggedAnswer]) -> bool:
    """True when a card's answers, as they were added (each device's in order, devices in id order),
    are already in merged-log order and each follows the state the one before left (one device's
    history: the common case of a big merge): their replay is what they recorded, no work to do."""
    state, at = None, ""
    for answer in answers:
        if answer.previous_state != state or not answer.reviewed_at.endswith("+00:00") or answer.reviewed_at < at:
            return False
        state, at = answer.new_state, answer.reviewed_at
    return True


class SyncStateStore(SyncSettings):
    """The sync tables of one progress database (its connection's thread).

    Args:
        db: The progress database.
        path: Its file (for error messages).
    """

    def __init__(self, *, db: sqlite_utils.Database, path: Path) -> None:
        super().__init__(db=db, path=path)
        #: During ``apply``: the review-log rows it added (by row id), the day totals' changes, and
        #: the learner's card fields it brought versions of.
        self._new_rows: dict[int, LoggedAnswer] = {}
        self._days = DayTotals()
        self._fields: set[tuple[str, str, str]] = set()
        self._arrived: set[EntryKey] = set()  # the versions it brought
        #: The versions of the learner's card changes (wording, suspension).
        self.versions = FieldVersions(db=db)
        #: The versions of the user's own guides (None: they do not travel, as in a bare progress store).
        self.content: ContentJournal | None = None
        #: The card browser's forgets and set-due dates; the cards this device's new ones touch (replayed
        #: by the next ``apply``).
        self.events = CardEventJournal(db=db)
        #: Each device's answers already logged, read once per merge.
        self._logged = LoggedAnswers(db=db, here=lambda: self._setting(DEVICE_ID) or "")
        self._local_touched: set[tuple[str, str]] = set()
        #: Forgets and set-due dates the last ``apply`` brought.
        self.events_applied = 0

    def known_segments(self, device: str) -> set[int]:
        """The segments of ``device`` written or applied here."""
        rows = self._db.execute(f"SELECT segment FROM [{schema.SYNC_SEGMENTS}] WHERE device = ?", [device])
        return {int(r[0]) for r in rows}

    def prepare_outgoing(self, *, device_id: str, device_name: str, at_least: int,
                         written_at: str) -> list[tuple[int, bytes]]:
        """Put this device's new entries (answers not journaled yet, journaled answers since taken
        back) into a new segment kept in the outbox, in one transaction; returns every segment
        still to be written into the folder, oldest first.

        Args:
            at_least: The new segment's number is at least this (one above what the folder holds).
        """
        try:
            with immediate(self._db):
                self._new_segment(device_id, device_name, at_least, written_at)
            return [(int(n), bytes(d)) for n, d in self._db.execute(
                f"SELECT segment, data FROM [{schema.SYNC_OUTBOX}] ORDER BY segment")]
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def _new_segment(self, device_id: str, device_name: str, at_least: int, written_at: str) -> None:
        entries, log = schema.SYNC_ENTRIES, schema.REVIEW_LOG
        gone = self._db.execute(
            f"SELECT e.device, e.segment, e.idx FROM [{entries}] e LEFT JOIN [{log}] r ON r.id = e.log_id "
            f"WHERE e.undone = {schema.UNDO_TO_JOURNAL} OR "
            "(e.log_id IS NOT NULL AND (r.id IS NULL OR r.reviewed_at IS NOT e.reviewed_at))").fetchall()
        self._db.conn.executemany(f"UPDATE [{entries}] SET log_id = NULL, undone = 1 WHERE device = ? AND "
                                  "segment = ? AND idx = ?", gone)
        new = self._db.execute(
            f"SELECT id, guide_id, card_id, rating, reviewed_at, duration_ms, previous_state, new_state FROM [{log}] r "
            f"WHERE NOT EXISTS (SELECT 1 FROM [{entries}] e WHERE e.log_id = r.id) ORDER BY id").fetchall()
        row = self._db.execute(f"SELECT max(segment) FROM [{schema.SYNC_SEGMENTS}] WHERE device = ?",
                               [device_id]).fetchone()
        number = max(at_least, (row[0] or 0) + 1)
        fields: list[JournalField] = self.versions.local_changes(
            device_id=device_id, number=number, first_index=len(new) + len(gone), at=written_at)
        if self.content is not None:  # the user's own guides: their versions follow the card changes'
            fields += self.content.local_changes(device_id=device_id, number=number,
                                                 first_index=len(new) + len(gone) + len(fields), at=written_at,
                                                 add=self.versions.add)
        events, touched = self.events.local_entries(device_id=device_id, number=number,
                                                    first_index=len(new) + len(gone) + len(fields))
        self._local_touched |= touched
        if not gone and not new and not fields and not events:
            return
        payload: list[dict[str, Any]] = [JournalAnswer(g, c, r, t, d, p, n).to_json()
                                         for _, g, c, r, t, d, p, n in new]
        payload += [JournalUndo((d, s, i)).to_json() for d, s, i in gone]
        payload += [f.to_json() for f in fields]
        payload += events
        keyed = [(device_id, number, i, log_id, at) for i, (log_id, _, _, _, at, *_) in enumerate(new)]
        keyed += [(device_id, number, len(new) + i, None, None) for i in range(len(gone) + len(fields) + len(events))]
        self._db.conn.executemany(f"INSERT INTO [{entries}] (device, segment, idx, log_id, reviewed_at) "
                                  "VALUES (?, ?, ?, ?, ?)", keyed)
        self._db.execute(f"INSERT INTO [{schema.SYNC_SEGMENTS}] (device, segment, entries, applied_at) "
                         "VALUES (?, ?, ?, ?)", [device_id, number, len(payload), written_at])
        data = encode_segment(device_id=device_id, device_name=device_name, number=number, entries=payload,
                              written_at=written_at)
        self._db.execute(f"INSERT INTO [{schema.SYNC_OUTBOX}] (segment, data) VALUES (?, ?)", [number, data])

    def written(self, number: int) -> None:
        """Segment ``number`` of this device is in the folder: drop it from the outbox."""
        try:
            with immediate(self._db):
                self._db.execute(f"DELETE FROM [{schema.SYNC_OUTBOX}] WHERE segment = ?", [number])
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def conflicts(self, this_device: tuple[str, str]) -> list[FieldConflict]:
        """The learner's card changes two devices made offline, each version kept (this device's
        versions named by ``this_device``: its id and name)."""
        names = {d: n for d, n in self._db.execute(f"SELECT device, name FROM [{schema.SYNC_DEVICES}]")}
        names[this_device[0]] = this_device[1]
        return self.versions.conflicts(names) + ([] if self.content is None else self.content.conflicts(names))

    def pick(self, guide_id: str, card_id: str, field: str, value: str | int | None, *, now: datetime) -> None:
        """Settle a conflict with one of its versions' ``value`` (journaled by the next sync)."""
        try:
            with immediate(self._db):
                if field in CONTENT_FIELDS and self.content is not None:
                    self.content.pick(guide_id, card_id, field, value)
                else:
                    self.versions.pick(guide_id, card_id, field, value, now=now)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def outbox(self) -> list[tuple[int, bytes]]:
        """This device's segments not yet written into the folder, oldest first."""
        return [(int(n), bytes(d)) for n, d in self._db.execute(
            f"SELECT segment, data FROM [{schema.SYNC_OUTBOX}] ORDER BY segment")]

    def waiting(self) -> int:
        """This device's segments not yet written into the folder."""
        return int(self._db.execute(f"SELECT count(*) FROM [{schema.SYNC_OUTBOX}]").fetchone()[0])

    def devices(self) -> list[DeviceStatus]:
        """Every device this library merged from (or wrote as), with its segments and last merge."""
        rows = self._db.execute(
            f"SELECT d.device, d.name, d.last_merged_at, (SELECT count(*) FROM [{schema.SYNC_SEGMENTS}] s "
            f"WHERE s.device = d.device) FROM [{schema.SYNC_DEVICES}] d ORDER BY d.name, d.device").fetchall()
        return [DeviceStatus(d, n or d, int(c), None if at is None else _moment(at)) for d, n, at, c in rows]

    def apply(self, segments: Sequence[Segment], *, reschedule: Reschedule,
              applied_at: str) -> tuple[int, int, int, int]:
        """Apply other devices' segments in one write transaction.

        Returns:
            (answers added, answers taken back, card changes brought, fields in conflict).
        """
        cache = self._db.execute("PRAGMA cache_size").fetchone()[0]
        self._db.execute("PRAGMA cache_size = -65536")  # a merge writes a year of answers: 64 MiB of pages
        try:
            with immediate(self._db):
                touched, self._local_touched = self._local_touched, set()  # this device's forgets, set-dues
                self._new_rows, self._days, self._fields, self._arrived = {}, DayTotals(), set(), set()
                self._logged.reset()
                added = undone = self.events_applied = 0
                for segment in segments:
                    a, u = self._apply_segment(segment, touched, applied_at)
                    added, undone = added + a, undone + u
                # settings first: a replay schedules again with the ones the merge settled on
                content = {f for f in self._fields if f[2] in CONTENT_FIELDS}
                conflicts = self.versions.settle(self._fields - content, now=_moment(applied_at))
                if self.content is not None:
                    conflicts += self.content.settle(content, self._arrived)
                    self.content.journal_held(add=self.versions.add, at=applied_at)
                if touched:
                    self._replay(touched, reschedule)
                    self._days.save(self._db)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        finally:
            self._db.execute(f"PRAGMA cache_size = {int(cache)}")
            # a year of answers is let go now (the store and its lookups refer to each other: left to
            # the cycle collector, every later collection walked them, slowing the next merge)
            self._new_rows = {}
            self._logged.reset()
        return added, undone, len(self._fields), conflicts

    def _apply_segment(self, segment: Segment, touched: set[tuple[str, str]], applied_at: str) -> tuple[int, int]:
        entries, log, execute = schema.SYNC_ENTRIES, schema.REVIEW_LOG, self._db.execute
        known = {int(r[0]) for r in execute(f"SELECT idx FROM [{entries}] WHERE device = ? AND segment = ?",
                                            [segment.device_id, segment.number])}
        answers = [(i, e) for i, e in enumerate(segment.entries) if isinstance(e, JournalAnswer) and i not in known]
        logged = self._logged.of_device({e.guide_id for _, e in answers}, segment.device_id)
        next_id = int(execute(f"SELECT coalesce(max(id), 0) FROM [{log}]").fetchone()[0]) + 1
        logged_rows = next_id - 1  # at most: ids are never reused
        rows, ids, new_rows, device, number = [], [], self._new_rows, segment.device_id, segment.number
        for index, entry in answers:  # a year of answers: each read once, rows in the entry's own field order
            guide, card, rating, at, _, previous, new = entry
            same = (guide, card, at, rating)
            row_id = logged.get(same)
            if row_id is None:  # else: this very answer of this device is here already (journaled twice)
                row_id = logged[same] = next_id
                next_id += 1
                rows.append((row_id, *entry))  # id, guide, card, rating, reviewed_at, duration, previous, new
                new_rows[row_id] = _tuple(LoggedAnswer, (row_id, guide, card, rating, at, (device, number, index),
                                                             previous, new))
            ids.append(row_id)
            touched.add((guide, card))
        with indexes_after(self._db.conn, log, rebuild=worth_rebuilding(len(rows), logged_rows)):
            self._db.conn.executemany(f"INSERT INTO [{log}] (id, guide_id, card_id, rating, reviewed_at, "
                                      "duration_ms, previous_state, new_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._key_answers(segment, answers, ids, added=len(rows))
        undone = 0
        for index, item in enumerate(segment.entries):
            if index in known or isinstance(item, JournalAnswer):
                continue
            if isinstance(item, JournalUndo):
                undone += self._take_back(item.target, touched)
            elif isinstance(item, JournalCardEvent):  # a forget or set-due date from the card browser
                self.events.add((segment.device_id, segment.number, index), item)
                self.events_applied += 1
                touched.add((item.guide_id, item.card_id))
            else:
                self.versions.add((segment.device_id, segment.number, index), item)
                self._fields.add((item.guide_id, item.card_id, item.field))
                self._arrived.add((segment.device_id, segment.number, index))
            execute(f"INSERT INTO [{entries}] (device, segment, idx) VALUES (?, ?, ?)",
                    [segment.device_id, segment.number, index])
        execute(f"INSERT OR REPLACE INTO [{schema.SYNC_SEGMENTS}] (device, segment, entries, applied_at) "
                "VALUES (?, ?, ?, ?)", [segment.device_id, segment.number, len(segment.entries), applied_at])
        execute(f"INSERT OR REPLACE INTO [{schema.SYNC_DEVICES}] (device, name, last_merged_at) VALUES (?, ?, ?)",
                [segment.device_id, segment.device_name, applied_at])
        return len(rows), undone

    def _key_answers(self, segment: Segment, answers: list[tuple[int, JournalAnswer]], ids: list[int], *,
                     added: int) -> None:
        """Record each applied answer's key with its review-log row (``ids``: each answer's; ``added`` of
        them new rows). When each answer added a row and their indexes follow each other (a segment of
        answers, none here yet: a year of them), the keys are made from those rows inside SQLite (for a
        year, 0.07 s of CPU, not 0.13 s plus building the tuples)."""
        entries, device, number = schema.SYNC_ENTRIES, segment.device_id, segment.number
        if answers and added == len(answers) and answers[-1][0] - answers[0][0] == added - 1:
            self._db.execute(f"INSERT INTO [{entries}] (device, segment, idx, log_id, reviewed_at) SELECT ?, ?, "
                             f"id - ?, id, reviewed_at FROM [{schema.REVIEW_LOG}] WHERE id BETWEEN ? AND ? ORDER BY id",
                             [device, number, ids[0] - answers[0][0], ids[0], ids[-1]])
            return
        self._db.conn.executemany(f"INSERT INTO [{entries}] (device, segment, idx, log_id, reviewed_at) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  [(device, number, index, row_id, entry.reviewed_at)
                                   for (index, entry), row_id in zip(answers, ids, strict=True)])

    def _take_back(self, target: EntryKey, touched: set[tuple[str, str]]) -> int:
        entries, log, execute = schema.SYNC_ENTRIES, schema.REVIEW_LOG, self._db.execute
        row = execute(f"SELECT log_id FROM [{entries}] WHERE device = ? AND segment = ? AND idx = ?",
                      list(target)).fetchone()
        if row is None:  # its answer has not arrived: it never will be applied
            execute(f"INSERT INTO [{entries}] (device, segment, idx, undone) VALUES (?, ?, ?, 1)", list(target))
            return 0
        if row[0] is None:  # a forget or set-due date (or taken back already)
            card = self.events.take_back(target)
            if card is None:
                return 0
            execute(f"UPDATE [{entries}] SET undone = 1 WHERE device = ? AND segment = ? AND idx = ?", list(target))
            touched.add(card)
            return 1
        answer = execute(f"SELECT guide_id, card_id, reviewed_at, rating, previous_state FROM [{log}] WHERE id = ?",
                         [row[0]]).fetchone()
        execute(f"UPDATE [{entries}] SET log_id = NULL, undone = 1 WHERE log_id = ?", [row[0]])
        if answer is None:
            return 0
        if self._new_rows.pop(row[0], None) is None:  # one applied in this batch was never counted
            self._days.count(answer[0], answer[2], answer[3], answer[4], -1)
        execute(f"DELETE FROM [{log}] WHERE id = ?", [row[0]])
        self._logged.removed((answer[0], answer[1], answer[2], answer[3]), row[0])
        touched.add((answer[0], answer[1]))
        return 1

    def _replay(self, touched: set[tuple[str, str]], reschedule: Reschedule) -> None:
        execute = self._db.execute
        execute("CREATE TEMP TABLE IF NOT EXISTS sync_touched (guide_id TEXT, card_id TEXT)")
        execute("DELETE FROM sync_touched")
        self._db.conn.executemany("INSERT INTO sync_touched VALUES (?, ?)", sorted(touched))
        events = self.events.of_touched()  # cards forgotten or re-dated: replayed with them
        rows = execute(  # the answers logged before this merge (those it added are at hand)
            f"SELECT r.id, r.guide_id, r.card_id, r.rating, r.reviewed_at, r.previous_state, r.new_state, "
            f"e.device, e.segment, e.idx, e.original_previous, e.original_new FROM sync_touched t "
            f"JOIN [{schema.REVIEW_LOG}] r ON r.guide_id = t.guide_id AND r.card_id = t.card_id "
            f"LEFT JOIN [{schema.SYNC_ENTRIES}] e ON e.log_id = r.id WHERE r.id < ?",
            [min(self._new_rows, default=_LOCAL)]).fetchall()
        answers: list[LoggedAnswer] = []  # those logged before; then the added ones that need a replay
        stored: dict[int, tuple[str | None, str, EntryKey, bool]] = {}
        for row_id, guide, card, rating, at, previous, new, device, segment, index, was_previous, was_new in sorted(
                rows, key=lambda r: (r[0], r[7] or "", r[8] or 0, r[9] or 0)):
            if row_id in stored:
                continue  # journaled twice: its first key orders it
            origin = (device, segment, index) if device is not None else ("", _LOCAL, row_id)
            stored[row_id] = (previous, new, origin, was_new is not None)
            recorded = (was_previous, was_new) if was_new is not None else (previous, new)
            answers.append(LoggedAnswer(row_id, guide, card, rating, at, origin, *recorded))
        days, new_rows = self._days, self._new_rows
        count = days.count
        logged_before = {(a.guide_id, a.card_id) for a in answers}
        by_card: dict[tuple[str, str], list[LoggedAnswer]] = {}
        for answer in new_rows.values():
            by_card.setdefault((answer.guide_id, answer.card_id), []).append(answer)
        chained: dict[tuple[str, str], str] = {}  # card -> its final state, for cards needing no replay
        for key, added in by_card.items():
            if key in logged_before or key in events or not _chained(added):
                answers += added
                continue
            days.add((g, t, r, p) for _, g, _, r, t, _, p, _ in added)
            chained[key] = added[-1].new_state
        result, ends = replay_cards(answers, events, reschedule)
        rewrite, originals = [], []
        for group in result.values():
            for answer, replayed_previous, replayed_new in group:
                if answer.row in new_rows:  # added now: its states are the ones it came with
                    count(answer.guide_id, answer.reviewed_at, answer.rating, replayed_previous, 1)
                    previous, new, origin, kept = answer.previous_state, answer.new_state, answer.origin, False
                else:
                    previous, new, origin, kept = stored[answer.row]
                    if replayed_previous != previous:  # still one answer that day, maybe no longer in review
                        count(answer.guide_id, answer.reviewed_at, answer.rating, previous, -1)
                        count(answer.guide_id, answer.reviewed_at, answer.rating, replayed_previous, 1)
                if replayed_previous != previous or replayed_new != new:
                    rewrite.append((replayed_previous, replayed_new, answer.row))
                    if not kept and origin[0]:
                        originals.append((previous, new, *origin))
        self._db.conn.executemany(  # what its device recorded stays what later replays compare with
            f"UPDATE [{schema.SYNC_ENTRIES}] SET original_previous = ?, original_new = ? WHERE device = ? "
            "AND segment = ? AND idx = ?", originals)
        self._db.conn.executemany(
            f"UPDATE [{schema.REVIEW_LOG}] SET previous_state = ?, new_state = ? WHERE id = ?", rewrite)
        finals = []
        studied = [(key, final) for key, final in ends.items() if final is not None]
        for (guide, card), final in [*studied, *chained.items()]:
            state = json.loads(final)
            finals.append((guide, card, final, state["due"], state.get("state"), state.get("stability")))
        self._db.conn.executemany(
            f"INSERT INTO [{schema.CARD_STATE}] (guide_id, card_id, state, due, phase, stability) VALUES "
            "(?, ?, ?, ?, ?, ?) ON CONFLICT (guide_id, card_id) DO UPDATE SET state = excluded.state, "
            "due = excluded.due, phase = excluded.phase, stability = excluded.stability", finals)
        self._db.conn.executemany(  # every answer of these taken back: new again
            f"DELETE FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id = ?",
            sorted(touched - {key for key, _ in studied} - set(chained)))
