"""Cards waiting now, counted one way for every view (the status bar, the reviewer, the section list, Stats).

A card of a guide is *waiting* when it is one of the guide's cards (progress of a card the
guide no longer has, a *stray*, is kept but never counted), it is not suspended, and it is
either new (no stored state) or stored with its due time at or before now. Waiting cards are
new, learning (``LEARNING_PHASES``) or review. Every count of due or new cards in the app
comes from ``DueCounter``, so no two views can disagree (tests/unit/test_due_counts_agree.py).

Speed at any size: a guide's studied cards and its cards due now are kept in the progress file
per phase and due day (``store/due_days.py``: a few rows, and one day of the due index), less the
few excluded cards (suspended ones and strays) read by id. The strays and the guide's number of
cards are kept in the progress file too (``store/strays.py``). A
section, or every section at once, is counted by a join with the guide's cards, on the guide's
open connection with the progress database attached read-only (a guide being deleted on the
task runner, its file already in the trash, is still counted until the library lets it go).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from studyguide.domain.drill_ids import DRILL_PREFIX, DRILLS_END
from studyguide.domain.review import LEARNING_PHASES, CardPhase, sql_phases
from studyguide.store import due_days, schema
from studyguide.store.connection import explain, file_stamp
from studyguide.store.content import ContentStore
from studyguide.store.sqlite import Database
from studyguide.store.strays import KeptStrays, file_key

_PROGRESS = "sg_due_progress"
_LEARNING = sql_phases(LEARNING_PHASES)
_REVIEW = sql_phases((CardPhase.REVIEW,))

#: Suspended ids of a guide that are not among its cards (strays among the states: ``store/strays.py``).
_SUSPENDED_STRAYS = (f"SELECT card_id FROM {_PROGRESS}.[{schema.CARD_EDITS}] WHERE guide_id = :guide AND suspended "
                     f"AND card_id NOT IN (SELECT id FROM [{schema.CARDS}])")

#: Waiting cards of one section: (new, learning due, review due), from the section's few cards.
_SECTION = (f"SELECT total(s.card_id IS NULL), total(s.phase IN ({_LEARNING}) AND s.due <= :now), "
            f"total(s.phase IN ({_REVIEW}) AND s.due <= :now) FROM [{schema.CARDS}] c "
            f"LEFT JOIN {_PROGRESS}.[{schema.CARD_STATE}] s ON s.guide_id = :guide AND s.card_id = c.id "
            f"WHERE c.section_id = :section AND NOT EXISTS (SELECT 1 FROM {_PROGRESS}.[{schema.CARD_EDITS}] e "
            "WHERE e.guide_id = :guide AND e.card_id = c.id AND e.suspended)")

_PER_SECTION_LEARNING = f"total(s.phase IN ({_LEARNING}) AND s.due <= :now)"
_PER_SECTION_REVIEW = f"total(s.phase IN ({_REVIEW}) AND s.due <= :now)"
#: Waiting cards of every section: cards per section, less the studied ones (driven from the
#: states' covering index), less the suspended ones (few); new = cards - studied.
_PER_SECTION = (
    "SELECT section_id, sum(cards) - sum(studied), sum(learning), sum(review) FROM ("
    f"SELECT section_id, count(*) AS cards, 0 AS studied, 0 AS learning, 0 AS review "
    f"FROM [{schema.CARDS}] GROUP BY section_id "
    f"UNION ALL SELECT c.section_id, 0, count(*), {_PER_SECTION_LEARNING}, {_PER_SECTION_REVIEW} "
    f"FROM {_PROGRESS}.[{schema.CARD_STATE}] s CROSS JOIN [{schema.CARDS}] c ON c.id = s.card_id "
    "WHERE s.guide_id = :guide GROUP BY c.section_id "
    f"UNION ALL SELECT c.section_id, -count(*), -count(s.card_id), -{_PER_SECTION_LEARNING}, "
    f"-{_PER_SECTION_REVIEW} FROM {_PROGRESS}.[{schema.CARD_EDITS}] e CROSS JOIN [{schema.CARDS}] c "
    f"ON c.id = e.card_id LEFT JOIN {_PROGRESS}.[{schema.CARD_STATE}] s "
    "ON s.guide_id = e.guide_id AND s.card_id = e.card_id "
    "WHERE e.guide_id = :guide AND e.suspended GROUP BY c.section_id"
    ") GROUP BY section_id")

#: A studied card waiting now, as a condition on its state ``s`` and its edits ``e`` joined to a
#: guide's card (the card browser's ``is:due``; new cards are listed by ``is:new``).
STUDIED_WAITING = "s.due <= :now AND NOT coalesce(e.suspended, 0)"

#: A page of a session's due cards (waiting as counted above: not suspended, the guide's cards), in
#: (due, position, id) order after a key, for ``store.review_queue``: the whole guide walks the
#: (guide, due) index, one section its few cards.
_NOT_SUSPENDED = (f"NOT EXISTS (SELECT 1 FROM {_PROGRESS}.[{schema.CARD_EDITS}] e WHERE e.guide_id = :guide "
                  "AND e.card_id = c.id AND e.suspended)")
_PAGE_AFTER = ("s.due >= :due AND (s.due > :due OR c.position > :position OR (c.position = :position "
               "AND s.card_id > :card))")
DUE_PAGE = (f"SELECT s.card_id, s.phase, s.due, c.position FROM {_PROGRESS}.[{schema.CARD_STATE}] s "
            f"INDEXED BY [idx_{schema.CARD_STATE}_guide_id_due] JOIN [{schema.CARDS}] c ON c.id = s.card_id "
            f"WHERE s.guide_id = :guide AND s.due <= :now AND {_PAGE_AFTER} AND {_NOT_SUSPENDED} "
            "ORDER BY s.due, c.position, s.card_id LIMIT :limit")
DUE_PAGE_OF_SECTION = (
    f"SELECT s.card_id, s.phase, s.due, c.position FROM [{schema.CARDS}] c CROSS JOIN "
    f"{_PROGRESS}.[{schema.CARD_STATE}] s ON s.guide_id = :guide AND s.card_id = c.id "
    f"WHERE c.section_id = :section AND s.due <= :now AND {_PAGE_AFTER} AND {_NOT_SUSPENDED} "
    "ORDER BY s.due, c.position, s.card_id LIMIT :limit")
#: A page of new cards (no state, not suspended) in guide order after a (position, id) key.
NEW_PAGE = (f"SELECT c.id, c.position FROM [{schema.CARDS}] c WHERE {{section}} c.position >= :position "
            "AND (c.position > :position OR c.id > :card) AND NOT EXISTS (SELECT 1 FROM "
            f"{_PROGRESS}.[{schema.CARD_STATE}] s WHERE s.guide_id = :guide AND s.card_id = c.id) "
            f"AND {_NOT_SUSPENDED} ORDER BY c.position, c.id LIMIT :limit")
#: Which of some cards (a page of new ones read ahead) have a state now, or are suspended.
TAKEN = (f"SELECT card_id FROM {_PROGRESS}.[{schema.CARD_STATE}] WHERE guide_id = :guide AND card_id IN "
         f"(SELECT value FROM json_each(:ids)) UNION SELECT card_id FROM {_PROGRESS}.[{schema.CARD_EDITS}] "
         "WHERE guide_id = :guide AND suspended AND card_id IN (SELECT value FROM json_each(:ids))")
#: The earliest due time of the scope's studied cards after :after, not suspended, not among :held.
NEXT_DUE = (f"SELECT s.due FROM {_PROGRESS}.[{schema.CARD_STATE}] s INDEXED BY [idx_{schema.CARD_STATE}_guide_id_due] "
            f"JOIN [{schema.CARDS}] c ON c.id = s.card_id WHERE s.guide_id = :guide AND s.due > :after "
            "AND {section} s.card_id NOT IN (SELECT value FROM json_each(:held)) "
            f"AND {_NOT_SUSPENDED} ORDER BY s.due LIMIT 1")

#: The studied cards of a guide that fell due between two counts (their phases).
_FELL_DUE = (f"SELECT card_id, phase FROM [{schema.CARD_STATE}] WHERE guide_id = :guide AND due > :then "
             "AND due <= :now")

#: The stored states of some cards of a guide (their ids as one JSON list).
_STATES_OF = (f"SELECT card_id, phase, due FROM [{schema.CARD_STATE}] WHERE guide_id = :guide "
              "AND card_id IN (SELECT value FROM json_each(:ids))")

#: Planned cards of a guide (their ids as one JSON list) not suspended: stored phase and due time (NULL:
#: new), whether answered since :since.
_PLANNED = (f"SELECT j.value, s.phase, s.due, EXISTS (SELECT 1 FROM [{schema.REVIEW_LOG}] l "
            "WHERE l.guide_id = :guide AND l.card_id = j.value AND l.reviewed_at >= :since) FROM json_each(:ids) j "
            f"LEFT JOIN [{schema.CARD_STATE}] s ON s.guide_id = :guide AND s.card_id = j.value WHERE NOT EXISTS "
            f"(SELECT 1 FROM [{schema.CARD_EDITS}] e WHERE e.guide_id = :guide AND e.card_id = j.value AND suspended)")


class DueCounter:
    """Counts a guide's waiting cards on one progress connection (one thread).

    Args:
        db: The progress database.
        keep: Keep each guide's strays, and its counts per due day once found stale, in the progress
            file (``store/strays.py``, ``store/due_days.py``; a writable connection).
    """

    def __init__(self, *, db: Database, keep: bool = False) -> None:
        self._db = db
        self._keep = keep
        self.kept = KeptStrays(db.conn, attached=_PROGRESS, writable=keep)
        #: The progress file, attached to a guide's connection for the joins.
        self._path = Path(next(row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"))
        #: Each guide's strays and number of cards, with what they were found from (the guide
        #: file's and its write-ahead log's stamps, and the progress connection's ``data_version``).
        self._guides: dict[str, tuple[object, frozenset[str], int]] = {}
        #: Each guide's last whole-guide count: (what it was counted from, when, the counts). While
        #: nothing is written, a count later on adds only the cards that fell due in between.
        self._waiting: dict[str, tuple[object, str, tuple[int, int, int]]] = {}

    @property
    def database(self) -> Database:
        """The progress connection it counts on."""
        return self._db

    def forget(self) -> None:
        """Find the strays afresh next time (progress was restored or rebuilt on this connection)."""
        self._guides.clear()
        self._waiting.clear()

    @contextmanager
    def joined(self, guide: ContentStore) -> Iterator[Database]:
        """The guide's connection with this progress database attached (read-only, as the guide's is)."""
        db = guide.database
        try:
            db.execute(f"ATTACH DATABASE ? AS {_PROGRESS}", [f"{self._path.resolve().as_uri()}?mode=ro"])
        except sqlite3.Error as error:
            raise explain(error, guide.path) from error
        try:
            yield db
        except sqlite3.Error as error:
            raise explain(error, guide.path) from error
        finally:
            db.execute(f"DETACH DATABASE {_PROGRESS}")

    def _guide(self, guide_id: str, guide: ContentStore) -> tuple[frozenset[str], int]:
        """(strays, cards): the ids with progress in ``guide_id`` that the ``guide`` does not have,
        and its number of cards; found again only when either side changed."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        path = guide.path
        # The file's path and stamps, not the store object: a session's first screen is counted on
        # a worker's connections (``review.begin``), which open the guide afresh each time. Another
        # connection's commit moves ``data_version``, this connection's writes ``total_changes`` (a sync
        # on it may bring states of cards the guide lacks: the kept strays then tell, by rowid range).
        stamp = (path, file_stamp(path), file_stamp(path.with_name(path.name + "-wal")), version,
                 self._db.conn.total_changes)
        kept = self._guides.get(guide_id)
        if kept is not None and kept[0] == stamp:
            return kept[1], kept[2]
        with self.joined(guide) as db:
            states, cards = self.kept.find(guide_id, stamp=file_key(path, stamp[1:3]), guide=db)
            strays = states | frozenset(row[0] for row in db.execute(_SUSPENDED_STRAYS, {"guide": guide_id}))
        self._guides[guide_id] = (stamp, strays, cards)
        return strays, cards

    def strays(self, guide_id: str, guide: ContentStore) -> frozenset[str]:
        """Ids with progress in ``guide_id`` (a state or a suspension) that its database ``guide`` lacks."""
        return self._guide(guide_id, guide)[0]

    def _excluded(self, guide_id: str, guide: ContentStore) -> tuple[frozenset[str], frozenset[str]]:
        """(strays, suspended cards of the guide that are not strays): the few cards never counted."""
        # Drills (``domain.drills``) have states in the guide but are not its cards: never counted.
        drills = frozenset(row[0] for row in self._db.execute(
            f"SELECT card_id FROM [{schema.CARD_STATE}] WHERE guide_id = ? AND card_id >= ? AND card_id < ?",
            [guide_id, DRILL_PREFIX, DRILLS_END]))
        strays = self.strays(guide_id, guide) | drills
        suspended = frozenset(row[0] for row in self._db.execute(
            f"SELECT card_id FROM [{schema.CARD_EDITS}] WHERE guide_id = ? AND suspended", [guide_id]))
        return strays, suspended - strays

    def _states_of(self, guide_id: str, ids: frozenset[str]) -> list[tuple[str, int, str]]:
        if not ids:
            return []
        return self._db.execute(_STATES_OF, {"guide": guide_id, "ids": json.dumps(sorted(ids))}).fetchall()

    def waiting(self, guide_id: str, *, guide: ContentStore, now: datetime,
                section_id: str | None = None) -> tuple[int, int, int]:
        """The waiting cards of a guide (or of one of its sections), the new ones not capped.

        Args:
            guide_id: The guide.
            guide: Its content store.
            now: Cards due at or before this are waiting.
            section_id: Count only this section's cards.

        Returns:
            (new, learning due, review due).

        Raises:
            StoreUnavailable: If the guide or the progress cannot be read.
        """
        at = now.isoformat()
        args = {"guide": guide_id, "now": at, "section": section_id}
        try:
            if section_id is not None:
                with self.joined(guide) as db:
                    new, learning, review = db.execute(_SECTION, args).fetchone()
                return int(new), int(learning), int(review)
            strays, suspended = self._excluded(guide_id, guide)  # (may keep a guide's strays: a write)
            cards = self._guide(guide_id, guide)[1]
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            stamp = (version, self._db.conn.total_changes)
            kept = self._waiting.get(guide_id)
            if kept is not None and kept[0] == (stamp, strays, suspended, cards) and kept[1] <= at:
                # Nothing written since the last count: only the cards that fell due since then join.
                new, learning, review = kept[2]
                for card_id, phase in self._db.execute(_FELL_DUE, {**args, "then": kept[1]}).fetchall():
                    if card_id not in strays and card_id not in suspended:
                        learning += phase in LEARNING_PHASES
                        review += phase == CardPhase.REVIEW
            else:
                new, learning, review = self._count(guide_id, args, strays, suspended, cards)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        self._waiting[guide_id] = ((stamp, strays, suspended, cards), at, (new, learning, review))
        return new, learning, review

    def _count(self, guide_id: str, args: dict[str, str | None], strays: frozenset[str], suspended: frozenset[str],
               cards: int) -> tuple[int, int, int]:
        """``waiting`` for a whole guide, from the counts kept per due day (``store/due_days.py``)."""
        stored, learning, review = due_days.studied_and_due(self._db, guide_id, str(args["now"]),
                                                            writable=self._keep)
        studied_suspended = 0
        for card_id, phase, due_at in self._states_of(guide_id, strays | suspended):
            is_due = due_at <= str(args["now"])
            learning -= is_due and phase in LEARNING_PHASES
            review -= is_due and phase == CardPhase.REVIEW
            stored -= card_id in strays
            studied_suspended += card_id in suspended
        new = cards - stored - (len(suspended) - studied_suspended)
        return int(new), int(learning), int(review)

    def planned_cards(self, guide_id: str, *, reviews: Sequence[str], new: Sequence[str], since: datetime,
                      now: datetime) -> list[tuple[str, int]]:
        """The waiting cards of today's exam plan (``review.exam``) in its order, with their kinds (0 new,
        1 learning, 2 review, as in ``DueCounts``): its new cards not studied yet, its reviews not answered
        since ``since`` (the day's start), its cards answered today in (re)learning due by ``now``; not the
        suspended ones. The plan's session serves these (raises ``StoreUnavailable``)."""
        planned_new, order = set(new), [*reviews, *new]
        try:
            rows = self._db.execute(_PLANNED, {"guide": guide_id, "since": since.isoformat(),
                                               "ids": json.dumps(order)}).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        at, kinds = now.isoformat(), {}
        for card_id, phase, due_at, answered in rows:
            if phase is None:
                kinds[card_id] = 0 if card_id in planned_new else None
            elif answered or card_id in planned_new:
                kinds[card_id] = 1 if phase in LEARNING_PHASES and due_at <= at else None
            else:
                kinds[card_id] = 2
        return [(card_id, kind) for card_id in dict.fromkeys(order) if (kind := kinds.get(card_id)) is not None]

    def planned(self, guide_id: str, *, reviews: Sequence[str], new: Sequence[str], since: datetime,
                now: datetime) -> tuple[int, int, int]:
        """``planned_cards`` counted: (new, learning due, review)."""
        kinds = [kind for _, kind in self.planned_cards(guide_id, reviews=reviews, new=new, since=since, now=now)]
        return kinds.count(0), kinds.count(1), kinds.count(2)

    def drills(self, guide_id: str, ids: Collection[str], *, now: datetime) -> tuple[int, int, int]:
        """The waiting timeline drills (``domain.drills``) among ``ids`` of a guide: never answered,
        (re)learning due, review due; only the drills' few states are read, by id (raises ``StoreUnavailable``)."""
        try:
            stored = [(phase, due_at) for _, phase, due_at in self._states_of(guide_id, frozenset(ids))]
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        at = now.isoformat()
        learning = sum(1 for phase, due_at in stored if due_at <= at and phase in LEARNING_PHASES)
        review = sum(1 for phase, due_at in stored if due_at <= at and phase not in LEARNING_PHASES)
        return len(set(ids)) - len(stored), learning, review

    def per_section(self, guide_id: str, *, guide: ContentStore, now: datetime) -> dict[str, tuple[int, int, int]]:
        """``waiting`` for every section that has cards, in one query: section id -> (new, learning, review)."""
        with self.joined(guide) as db:
            rows = db.execute(_PER_SECTION, {"guide": guide_id, "now": now.isoformat()}).fetchall()
        return {section: (int(new), int(learning), int(review)) for section, new, learning, review in rows}

    def excluded_due(self, guide_id: str, *, guide: ContentStore, until: datetime) -> list[str]:
        """Due times (ISO) before ``until`` of the studied cards never counted (suspended ones, strays),
        to take away from a count of ``card_state`` by due time (the forecast, "by the end of today")."""
        strays, suspended = self._excluded(guide_id, guide)
        return [due_at for _, _, due_at in self._states_of(guide_id, strays | suspended) if due_at < until.isoformat()]

    def due_before(self, guide_id: str, *, guide: ContentStore, until: datetime) -> int:
        """Studied cards that are waiting before ``until`` (overdue ones included): "by the end of today"."""
        try:
            due = due_days.due_before(self._db, guide_id, until.isoformat(), writable=self._keep)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
        return int(due) - len(self.excluded_due(guide_id, guide=guide, until=until))

    def due_per_day(self, guide_id: str, *, guide: ContentStore, until: datetime, now: datetime) -> dict[str, int]:
        """Studied cards falling due per local day up to ``until`` (overdue ones count today).

        The cards never counted (suspended ones, strays) are left out, as in ``waiting``: they
        are few, read by id and taken away, so the main count stays a scan of the (guide, due) index.
        """
        day = "max(date({}, :off), date(:now, :off)) AS day"
        offset = now.astimezone().utcoffset()  # the local day, as a modifier of SQLite's date()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        args = {"off": f"{minutes:+d} minutes", "guide": guide_id, "until": until.isoformat(), "now": now.isoformat()}
        counts = dict(self._db.execute(
            f"SELECT {day.format('s.due')}, count(*) FROM [{schema.CARD_STATE}] s "
            "WHERE guide_id = :guide AND due < :until GROUP BY day", args).fetchall())
        excluded = self.excluded_due(guide_id, guide=guide, until=until)
        if excluded:
            for when, count in self._db.execute(
                    f"SELECT {day.format('j.value')}, count(*) FROM json_each(:dues) j GROUP BY day",
                    {**args, "dues": json.dumps(excluded)}):
                counts[when] -= count
        return {when: count for when, count in counts.items() if count}
