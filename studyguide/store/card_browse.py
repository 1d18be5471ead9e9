"""The card browser's queries: every card of a guide with its state, filtered and sorted in SQL.

A guide's cards live in its own database and their progress in the library's progress
database, keyed by (guide id, card id); each query runs on the guide's connection with the
progress database attached read-only (as ``store.due`` does), so filtering and sorting 100,000
cards is one statement. Reviews and lapses are counted from the review log (a grouped scan,
joined only when a filter or the sort needs them). Retrievability is FSRS's forgetting curve,
``(1 + factor * t / S) ** decay`` with ``t`` the whole days since the last review and ``S`` the
stability, computed in SQL (fsrs's ``Scheduler.get_card_retrievability``).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.domain.card_filter import CardFilter, CardRow, ReviewEntry
from studyguide.domain.review import CardPhase
from studyguide.store import schema
from studyguide.store.authoring import ITEM_TAGS
from studyguide.store.card_added import CARD_ADDED
from studyguide.store.connection import explain
from studyguide.store.content import ContentStore
from studyguide.store.due import STUDIED_WAITING
from studyguide.store.search_docs import CODES

if TYPE_CHECKING:
    import sqlite_utils

_P = "sg_browse_progress"
#: The progress database's index of (guide, card, phase, due, stability) (migration m003): it
#: covers the state columns most sorts and filters read, so the wide JSON rows stay unread.
_COVERING = "idx_card_state_guide_id_card_id_phase_due_stability"
_LAST = "json_extract(s.state, '$.last_review')"
_LOG = (f"LEFT JOIN (SELECT card_id, count(*) AS reviews, total(rating = 1 AND "
        f"json_extract(previous_state, '$.state') = {CardPhase.REVIEW:d}) AS lapses "
        f"FROM {_P}.[{schema.REVIEW_LOG}] WHERE guide_id = :guide GROUP BY card_id) l ON l.card_id = c.id ")
_STATE = (f"CASE WHEN s.card_id IS NULL THEN 'new' WHEN s.phase = {CardPhase.LEARNING:d} THEN 'learning' "
          f"WHEN s.phase = {CardPhase.REVIEW:d} THEN 'review' ELSE 'relearning' END")
_EDITED = "CASE WHEN e.front IS NOT NULL OR e.back IS NOT NULL THEN e.updated_at END"
_TAGS = f"(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM [{ITEM_TAGS}] WHERE kind = 'card' AND item_id = c.id " \
        "ORDER BY ord))"
#: When the library first saw the guide: the Added time of its cards that record none (store.card_added).
_GUIDE_ADDED = f"(SELECT added_at FROM {_P}.[{schema.GUIDE_ADDED}] WHERE guide_id = :guide)"
#: The SQL of each column (tags are filled in per guide: a built guide has none).
EXPRESSIONS = {
    "question": "coalesce(e.front, c.front)",
    "answer": "coalesce(e.back, c.back)",
    "section": "x.title",
    "guide": "NULL",
    "state": "coalesce(s.phase, 0)",
    "due": "s.due",
    "interval": f"julianday(s.due) - julianday({_LAST})",
    "stability": "s.stability",
    "difficulty": "json_extract(s.state, '$.difficulty')",
    "retrievability": (f"CASE WHEN s.stability > 0 AND {_LAST} IS NOT NULL THEN pow(1.0 + :factor * "
                       f"max(0, CAST(julianday(:now) - julianday({_LAST}) AS INTEGER)) / s.stability, :decay) END"),
    "lapses": "coalesce(l.lapses, 0)",
    "reviews": "coalesce(l.reviews, 0)",
    "added": f"coalesce(ad.added_at, {_GUIDE_ADDED})",
    "edited": _EDITED,
}
_PROPS = {"ivl": "interval", "r": "retrievability", "stability": "stability", "difficulty": "difficulty",
          "lapses": "lapses", "reviews": "reviews"}
_IS = {
    "new": "s.card_id IS NULL",
    "learn": f"s.phase IN ({CardPhase.LEARNING:d}, {CardPhase.RELEARNING:d})",
    "review": f"s.phase = {CardPhase.REVIEW:d}",
    "due": STUDIED_WAITING,
    "suspended": "coalesce(e.suspended, 0)",
    "lapsed": "coalesce(l.lapses, 0) > 0",
}


@dataclass(frozen=True, slots=True)
class CardSearch:
    """What to list of one guide.

    Attributes:
        keys: Only the cards with these search-document keys (``store.search_docs``: what the
            ranking index found for the query's words; None: any card).
        tags: Only cards with all these (casefolded) tags; not_tags: none of these.
        cards: Card-state filters, all of which must hold.
        only: Only these card ids (None: any).
    """

    keys: tuple[int, ...] | None = None
    tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    cards: tuple[CardFilter, ...] = ()
    only: tuple[str, ...] | None = None


def _expression(key: str, tables: Collection[str]) -> str:
    """A column's SQL in a guide with these tables (a built guide has no tags nor card times)."""
    if key == "tags":
        return _TAGS if ITEM_TAGS in tables else "NULL"
    if key == "added" and CARD_ADDED not in tables:
        return _GUIDE_ADDED
    return EXPRESSIONS.get(key, "NULL")


def _pow(base: float, exponent: float) -> float | None:
    try:
        return math.pow(base, exponent)
    except (ValueError, OverflowError):
        return None


class CardBrowseStore:
    """Runs the browser's queries on guides' connections (the calling thread's).

    Args:
        progress: The progress database file.
        decay, factor: FSRS's forgetting-curve constants.
    """

    def __init__(self, *, progress: Path, decay: float, factor: float) -> None:
        self._progress = progress
        self._decay = decay
        self._factor = factor

    @contextmanager
    def _joined(self, db: sqlite_utils.Database, path: Path | None) -> Iterator[sqlite_utils.Database]:
        where = path or self._progress
        try:
            db.conn.create_function("pow", 2, _pow, deterministic=True)
            db.execute(f"ATTACH DATABASE ? AS {_P}", [f"{self._progress.resolve().as_uri()}?mode=ro"])
        except sqlite3.Error as error:
            raise explain(error, where) from error
        try:
            yield db
        except sqlite3.Error as error:
            raise explain(error, where) from error
        finally:
            db.execute(f"DETACH DATABASE {_P}")

    @staticmethod
    def _from(log: bool, by_due: bool = False, uses: str | None = None, tables: Collection[str] = ()) -> str:
        """The tables a query reads. ``by_due``: the studied cards only, driven by the (guide, due)
        index; ``uses``: the rest of the query, so tables it does not name are not joined (a join
        kept only for a column nobody reads still costs a lookup per card)."""
        def wanted(alias: str) -> bool:
            return uses is None or re.search(rf"\b{alias}\.", uses) is not None

        if by_due:
            cards = (f"FROM {_P}.[{schema.CARD_STATE}] s INDEXED BY [{_COVERING}] CROSS JOIN "
                     f"[{schema.CARDS}] c ON c.id = s.card_id ")
        else:
            cards = f"FROM [{schema.CARDS}] c "
            if wanted("s"):
                cards += (f"LEFT JOIN {_P}.[{schema.CARD_STATE}] s INDEXED BY [{_COVERING}] "
                          "ON s.guide_id = :guide AND s.card_id = c.id ")
        if wanted("x"):
            cards += f"LEFT JOIN [{schema.SECTIONS}] x ON x.id = c.section_id "
        if wanted("ad") and CARD_ADDED in tables:
            cards += f"LEFT JOIN [{CARD_ADDED}] ad ON ad.card_id = c.id "
        if wanted("e"):
            cards += f"LEFT JOIN {_P}.[{schema.CARD_EDITS}] e ON e.guide_id = :guide AND e.card_id = c.id "
        return cards + (_LOG if log and wanted("l") else "")

    def _args(self, guide_id: str, now: datetime) -> dict[str, Any]:
        return {"guide": guide_id, "now": now.isoformat(), "decay": self._decay, "factor": self._factor}

    def _where(self, db: sqlite_utils.Database, search: CardSearch, args: dict[str, Any],
               now: datetime) -> str | None:
        """The conditions (``WHERE ...`` or empty), adding their parameters to ``args``; None: nothing matches."""
        conditions: list[str] = []

        def param(value: object) -> str:
            name = f"p{len(args)}"
            args[name] = value
            return f":{name}"

        if search.keys is not None:
            conditions.append(f"c.rowid IN (SELECT value >> 2 FROM json_each({param(json.dumps(search.keys))}) "
                              f"WHERE value & 3 = {CODES['card']})")
        if search.only is not None:
            conditions.append(f"c.id IN (SELECT value FROM json_each({param(json.dumps(search.only))}))")
        tables = set(db.table_names())
        has_tags = ITEM_TAGS in tables
        if search.tags and not has_tags:
            return None
        tagged = f"SELECT item_id FROM [{ITEM_TAGS}] WHERE kind = 'card' AND folded = "
        conditions += [f"c.id IN ({tagged}{param(tag)})" for tag in search.tags]
        if has_tags:
            conditions += [f"c.id NOT IN ({tagged}{param(tag)})" for tag in search.not_tags]
        for card in search.cards:
            condition = self._condition(card, param, now, tables)
            conditions.append(f"NOT coalesce(({condition}), 0)" if card.negated else f"({condition})")
        return "WHERE " + " AND ".join(conditions) + " " if conditions else ""

    @staticmethod
    def _condition(card: CardFilter, param: Any, now: datetime, tables: Collection[str]) -> str:
        if card.name == "is":
            return _IS[card.value]
        if card.name == "due":
            return f"s.due <= {param((now + timedelta(days=card.number)).isoformat())}"
        if card.name == "rated":
            rating = "" if card.rating is None else f" AND rating = {card.rating:d}"
            return (f"c.id IN (SELECT card_id FROM {_P}.[{schema.REVIEW_LOG}] WHERE guide_id = :guide AND "
                    f"reviewed_at >= {param((now - timedelta(days=card.number)).isoformat())}{rating})")
        if card.name == "added":
            return f"{_expression('added', tables)} >= {param((now - timedelta(days=card.number)).isoformat())}"
        if card.name == "edited":
            return f"{_EDITED} >= {param((now - timedelta(days=card.number)).isoformat())}"
        if card.value == "due":
            return f"julianday(s.due) - julianday(:now) {card.op} {param(card.number)}"
        return f"{EXPRESSIONS[_PROPS[card.value]]} {card.op} {param(card.number)}"

    @staticmethod
    def _needs_log(search: CardSearch, sort: str | None) -> bool:
        return sort in ("lapses", "reviews") or any(
            c.value in ("lapsed", "lapses", "reviews") for c in search.cards)

    def find(self, guide: tuple[sqlite_utils.Database, Path | None], guide_id: str, search: CardSearch, *,
             now: datetime, sort: str | None = None, descending: bool = False,
             keys: bool = True) -> list[Any]:
        """The matching cards of one guide as (sort key, position, card id), sorted (``keys``
        False: only the card ids, quicker).

        Sorting by due reads the studied cards in the order of the progress database's
        (guide, due) index, after the new cards (which have no due time) in guide order: no
        sort of 100,000 rows.

        Args:
            guide: The guide's connection (of this thread) and its file.
            sort: A column key (``EXPRESSIONS``), or None for the guide's order.
            keys: Read the sort keys and positions (to merge several guides); False: the card ids only.

        Raises:
            StoreUnavailable: If the guide or the progress cannot be read.
        """
        args = self._args(guide_id, now)
        with self._joined(*guide) as db:
            where = self._where(db, search, args, now)
            if where is None:
                return []
            tables = set(db.table_names())
            key = "NULL" if sort is None else _expression(sort, tables)
            direction = "DESC" if descending else "ASC"
            selected = f"{key} AS k, c.position, c.id" if keys else "c.id"
            log = self._needs_log(search, sort)
            if sort != "due":
                order = f"ORDER BY {key} {direction}, c.position {direction}" if sort else \
                    f"ORDER BY c.position {direction}"
                uses = f"{selected} {where}{order}"
                tables_read = self._from(log, uses=uses, tables=tables)
                rows = db.execute(f"SELECT {selected} {tables_read}{where}{order}", args).fetchall()
                return rows if keys else [row[0] for row in rows]
            if not where and not keys:  # every card, one guide: card ids only, merged here
                return self._ids_by_due(db, args, direction)
            condition = where + ("AND " if where else "WHERE ")
            uses = f"{selected} {condition} s."
            new = db.execute(f"SELECT {selected} {self._from(log, uses=uses, tables=tables)}{condition}"
                             "s.card_id IS NULL "
                             f"ORDER BY c.position {direction}", args).fetchall()
            studied = db.execute(f"SELECT {selected} {self._from(log, True, uses, tables)}{condition}"
                                 "s.guide_id = :guide "
                                 f"ORDER BY s.due {direction}", args).fetchall()
            found = new + studied if not descending else studied + new
            return found if keys else [row[0] for row in found]

    @staticmethod
    def _ids_by_due(db: sqlite_utils.Database, args: dict[str, Any], direction: str) -> list[str]:
        """Every card id of a guide by due, new ones (no due time) first in guide order: the studied
        cards' ids in due order from the (guide, due, card id) index alone, the guide's card ids in
        its order, merged here (no join of 100,000 rows; a state of a card the guide no longer has
        is left out)."""
        studied = [row[0] for row in db.execute(
            f"SELECT card_id FROM {_P}.[{schema.CARD_STATE}] INDEXED BY [{schema.CARD_STATE_BY_DUE}] "
            f"WHERE guide_id = :guide ORDER BY due {direction}, card_id {direction}", args)]
        cards = [row[0] for row in db.execute(f"SELECT id FROM [{schema.CARDS}] ORDER BY position {direction}")]
        known = set(studied)
        new = [card for card in cards if card not in known]
        if len(cards) - len(new) != len(known):  # states of cards the guide no longer has (rare)
            have = set(cards)
            studied = [card for card in studied if card in have]
        return new + studied if direction == "ASC" else studied + new

    def rows(self, guide: ContentStore, card_ids: Sequence[str], *, now: datetime) -> list[CardRow]:
        """The browser's rows of some cards of one guide (any order; missing cards are left out)."""
        if not card_ids:
            return []
        guide_id = guide.info.id
        args = {**self._args(guide_id, now), "ids": json.dumps(list(card_ids))}
        with self._joined(guide.database, guide.path) as db:
            tables = set(db.table_names())
            tags = _TAGS if ITEM_TAGS in tables else "''"
            columns = ", ".join(_expression(k, tables) for k in (
                "question", "answer", "due", "interval", "stability", "difficulty", "retrievability",
                "lapses", "reviews", "edited", "added"))
            log = self._from(True, tables=tables).replace(
                "WHERE guide_id = :guide", "WHERE guide_id = :guide AND card_id IN (SELECT value FROM json_each(:ids))")
            sql = (f"SELECT c.id, c.section_id, coalesce(x.title, ''), {tags}, {_STATE}, coalesce(e.suspended, 0), "
                   f"{columns} {log}WHERE c.id IN (SELECT value FROM json_each(:ids))")
            found = db.execute(sql, args).fetchall()
        title = guide.info.title
        return [CardRow(guide_id=guide_id, card_id=r[0], section_id=r[1], section=r[2],
                        tags=tuple((r[3] or "").split()), state=r[4], suspended=bool(r[5]), question=r[6],
                        answer=r[7], due=_when(r[8]), interval=r[9], stability=r[10],
                        difficulty=None if r[11] is None else float(r[11]), retrievability=r[12],
                        lapses=int(r[13]), reviews=int(r[14]), edited=_when(r[15]), added=_when(r[16]),
                        guide=title)
                for r in found]


def history(progress: sqlite_utils.Database, guide_id: str, card_id: str) -> list[ReviewEntry]:
    """A card's answers, oldest first, from the review log on the progress connection."""
    try:
        found = progress.execute(
            f"SELECT reviewed_at, rating, coalesce(duration_ms, 0), json_extract(new_state, '$.stability'), "
            f"json_extract(new_state, '$.due') FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? AND card_id = ? "
            "ORDER BY id", [guide_id, card_id]).fetchall()
    except sqlite3.Error as error:
        raise explain(error, Path(progress.execute("PRAGMA database_list").fetchone()[2])) from error
    return [ReviewEntry(at=datetime.fromisoformat(at), rating=int(rating), seconds=ms / 1000,
                        stability=None if stability is None else float(stability), due=_when(due))
            for at, rating, ms, stability, due in found]


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
