"""Reading a foreign Anki collection held in memory.

Anki packages are zip files around an SQLite database. This is the one place
that queries it; ``guides.apkg`` turns what it returns into a guide. The
database is opened from its bytes in memory (``sqlite3.Connection.deserialize``):
nothing is written to disk, so an import that is killed leaves no file behind.

Two schemas are read: 11 (``collection.anki2``/``anki21``: note types and decks as
JSON in ``col``) and 18 (``collection.anki21b``: tables ``notetypes``, ``fields``,
``templates`` and ``decks``, settings as protobuf, deck paths split by ``\\x1f``). Both
come out in schema 11's shape (note types as its JSON objects, deck paths with ``::``).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import struct
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from studyguide.store import protowire
from studyguide.store.errors import StoreError


class AnkiCollectionError(StoreError):
    """The bytes are not a readable Anki collection."""


@dataclass(frozen=True, slots=True)
class AnkiCollection:
    """What an import needs from a collection.

    Attributes:
        notes: (id, guid, flds, tags, mid) per note, in id order.
        models: Note types by id, as Anki stores them (JSON objects).
        deck_of: The deck name of each note's first card, by note id.
        cards: (id, nid, did, ord, type, queue, due, ivl, reps, lapses, data) per card, by note, ord and id.
        revlog: (id, cid, ease, type, time) per review, in id (time) order.
        created: The collection's day zero (``col.crt``, seconds since the epoch).
        deck_names: Every deck's path (``A::B``), by deck id.
        deck_parameters: The FSRS parameters of each deck's preset (its options), by deck id, as
            Anki stores them (FSRS-6's 21 numbers, else FSRS-5's 19 or FSRS-4's 17); a deck whose
            preset has none is left out. A card's ``did`` is its home deck (a filtered deck's ``odid``).
    """

    notes: list[tuple[Any, ...]]
    models: dict[str, Any]
    deck_of: dict[int, str]
    cards: list[tuple[Any, ...]] = ()  # type: ignore[assignment]
    revlog: list[tuple[Any, ...]] = ()  # type: ignore[assignment]
    created: int = 0
    deck_names: dict[int, str] | None = None
    deck_parameters: dict[int, tuple[float, ...]] = field(default_factory=dict)


#: The tables a collection must hold as real tables (not views, not virtual tables).
_TABLES = ("col", "notes", "cards")
#: Schema 18's tables for note types and decks, and the review log (all optional).
_MORE = ("notetypes", "fields", "templates", "decks", "revlog")
#: SQLite virtual-machine steps between checks of the time limit and the cancel flag.
_CHECK_EVERY = 1000


def read_anki_collection(data: bytes, *, interrupted: Callable[[], bool] | None = None,
                         time_limit: float = 30.0) -> AnkiCollection:
    """Read notes, note types and decks from a collection's bytes (in memory, read-only).

    The file is foreign: its tables are checked to be real tables before they are
    queried (a view named ``notes`` could refer to itself or never end), the schema is
    not trusted (no functions run from it), and every query stops when ``interrupted``
    returns True or after ``time_limit`` seconds.

    Raises:
        AnkiCollectionError: If it is damaged, not an Anki collection, or was interrupted.
    """
    deadline = time.monotonic() + time_limit
    stopped: list[str] = []

    def check() -> int:
        if interrupted is not None and interrupted():
            stopped.append("the import was cancelled")
        elif time.monotonic() > deadline:
            stopped.append(f"reading it took over {time_limit:.0f} s")
        return 1 if stopped else 0

    try:
        conn = sqlite3.connect(":memory:")
        try:
            conn.deserialize(_rollback_journal(data))
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.set_progress_handler(check, _CHECK_EVERY)
            tables = {name for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'")
                if not str(sql).lstrip().upper().startswith("CREATE VIRTUAL")}
            missing = [name for name in _TABLES if name not in tables]
            if missing:
                raise AnkiCollectionError(f"it has no {missing[0]} table")
            notes = conn.execute("SELECT id, guid, flds, tags, mid FROM notes ORDER BY id").fetchall()
            row = conn.execute("SELECT models, decks, crt FROM col").fetchone()
            if row is None:
                raise AnkiCollectionError("its col table is empty")
            if {"notetypes", "fields", "templates"} <= tables:  # schema 18
                models = _notetypes(conn)
            else:
                models = _json_object(row[0], "note types (col.models)")
            decks: dict[str, Any]
            if "decks" in tables:
                decks = {str(i): str(n).replace("\x1f", "::") for i, n in conn.execute("SELECT id, name FROM decks")}
            else:
                decks = {str(k): v.get("name") if isinstance(v, dict) else None
                         for k, v in _json_object(row[1], "decks (col.decks)").items()}
            note_decks = dict(conn.execute("SELECT nid, did FROM cards GROUP BY nid").fetchall())
            # Sorted whole (+nid: not by walking the nid index, a look-up per card: 12,000 cards 14.6 -> 11.6 ms).
            cards = conn.execute("SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, type, queue, "
                                 "due, ivl, reps, lapses, data FROM cards ORDER BY +nid, ord, id").fetchall()
            parameters = _deck_parameters(conn, tables, row[1])
            revlog = conn.execute("SELECT id, cid, ease, type, time FROM revlog ORDER BY id").fetchall() \
                if "revlog" in tables else []
            created = row[2]
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise AnkiCollectionError(stopped[0] if stopped else str(error)) from None
    deck_of = {nid: name for nid, did in note_decks.items() if isinstance(name := decks.get(str(did)), str)}
    names = {int(k): v for k, v in decks.items() if isinstance(v, str) and k.lstrip("-").isdigit()}
    return AnkiCollection([tuple(row) for row in notes], models, deck_of, cards=cards, revlog=revlog,
                          created=created if isinstance(created, int) else 0, deck_names=names,
                          deck_parameters=parameters)


def _deck_parameters(conn: sqlite3.Connection, tables: set[str], decks_json: object) -> dict[int, tuple[float, ...]]:
    """Each deck's preset's FSRS parameters (see ``AnkiCollection``). Schema 18 keeps presets in
    ``deck_config`` (protobuf ``DeckConfig.Config``: ``fsrs_params_4`` = 3, ``_5`` = 5, ``_6`` = 6)
    and a deck's preset in ``decks.kind`` (``KindContainer.normal`` = 1, its ``config_id`` = 1);
    schema 11 in ``col.dconf`` (``fsrsWeights``, ``fsrsParams5``, ``fsrsParams6``) and each deck's
    ``conf`` in ``col.decks``. Parameters that cannot be read (a damaged preset, a ``col`` without
    ``dconf``) are left out, never failing the import: the replay then uses fsrs's defaults, as for
    a preset without any."""
    presets: dict[int, tuple[float, ...]] = {}
    preset_of: dict[int, int] = {}
    try:
        if "deck_config" in tables and "decks" in tables:
            for preset, config in conn.execute("SELECT id, config FROM deck_config"):
                found = protowire.message(config if isinstance(config, bytes) else b"")
                presets[preset] = _first_filled(*(_floats(found.get(n, [])) for n in (6, 5, 3)))
            for deck, kind in conn.execute("SELECT id, kind FROM decks"):
                normal = protowire.message(kind if isinstance(kind, bytes) else b"").get(1, [])
                if normal and isinstance(normal[-1], bytes):
                    preset_of[deck] = protowire.number(protowire.message(normal[-1]), 1)
        else:
            presets_json = conn.execute("SELECT dconf FROM col").fetchone()[0]
            for key, config in _json_object(presets_json, "presets (col.dconf)").items():
                if isinstance(config, dict) and key.lstrip("-").isdigit():
                    presets[int(key)] = _first_filled(*(tuple(v for v in config.get(k) or () if _is_number(v))
                                                        for k in ("fsrsParams6", "fsrsParams5", "fsrsWeights")))
            for key, deck in _json_object(decks_json, "decks (col.decks)").items():
                if isinstance(deck, dict) and key.lstrip("-").isdigit() and isinstance(deck.get("conf"), int):
                    preset_of[int(key)] = deck["conf"]
    except (protowire.ProtoError, AnkiCollectionError, sqlite3.Error, TypeError, OverflowError, struct.error):
        return {}
    return {deck: presets[preset] for deck, preset in preset_of.items() if presets.get(preset)}


def _floats(values: list[int | bytes]) -> tuple[float, ...]:
    """A repeated ``float`` field: packed (bytes of 4-byte floats) or one fixed32 per value."""
    found: list[float] = []
    for value in values:
        raw = value if isinstance(value, bytes) else value.to_bytes(4, "little")
        found += struct.unpack(f"<{len(raw) // 4}f", raw[:len(raw) // 4 * 4])
    return tuple(float(f"{v:.7g}") for v in found)  # a float32's digits, as Anki shows them


def _first_filled(*candidates: tuple[float, ...]) -> tuple[float, ...]:
    return next((c for c in candidates if c), ())


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _notetypes(conn: sqlite3.Connection) -> dict[str, Any]:
    """Schema 18's note types in schema 11's JSON shape (name, type, flds, tmpls, originalStockKind)."""
    models: dict[str, Any] = {}
    try:
        for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
            found = protowire.message(config if isinstance(config, bytes) else b"")
            models[str(ntid)] = {"id": ntid, "name": str(name), "type": protowire.number(found, 1),
                                 "originalStockKind": protowire.number(found, 9), "flds": [], "tmpls": []}
        for ntid, _ord, name in conn.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            if str(ntid) in models:
                models[str(ntid)]["flds"].append({"name": str(name)})
        for ntid, _ord, name, config in conn.execute("SELECT ntid, ord, name, config FROM templates "
                                                     "ORDER BY ntid, ord"):
            found = protowire.message(config if isinstance(config, bytes) else b"")
            if str(ntid) in models:
                models[str(ntid)]["tmpls"].append({"name": str(name), "qfmt": protowire.text(found, 1),
                                                   "afmt": protowire.text(found, 2)})
    except protowire.ProtoError as error:
        raise AnkiCollectionError(f"its note types are damaged ({error})") from None
    return models


def _rollback_journal(data: bytes) -> bytes:
    """The bytes with a WAL-mode header marked as rollback-journal (an in-memory database has no WAL)."""
    if len(data) >= 20 and data[:16] == b"SQLite format 3\x00" and data[18:20] == b"\x02\x02":
        return data[:18] + b"\x01\x01" + data[20:]
    return data


def _json_object(text: object, what: str) -> dict[str, Any]:
    """A JSON object from a column, or ``AnkiCollectionError`` naming what it should be."""
    try:
        value = json.loads(text) if isinstance(text, (str, bytes)) and text else {}
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise AnkiCollectionError(f"its {what} are not valid JSON ({error})") from None
    if not isinstance(value, dict):
        raise AnkiCollectionError(f"its {what} are a JSON {type(value).__name__}, not an object")
    return value


@dataclass(frozen=True, slots=True)
class AnkiCardRow:
    """A card's scheduling, written over genanki's new card (found by its note's GUID and ``ord``).

    Attributes:
        kind: Anki's card type (1 learning, 2 review, 3 relearning).
        queue: 1 learning (due in seconds), 2 review, 3 learning over a day (due a day number).
        due: When it is due; ``day_based``: written as the day number from the collection's
            creation (``col.crt``), else in seconds since the epoch.
        data: The card's ``data`` JSON (FSRS memory state), or "".
    """

    guid: str
    ord: int
    kind: int
    queue: int
    due: datetime
    day_based: bool
    interval: int
    factor: int
    reps: int
    lapses: int
    data: str


@dataclass(frozen=True, slots=True)
class AnkiReviewRow:
    """One ``revlog`` row: ``id`` the answer's time in ms (unique), ``interval`` in days (negative:
    seconds), ``kind`` 0 learning, 1 review, 2 relearning."""

    guid: str
    ord: int
    id: int
    ease: int
    interval: int
    last_interval: int
    factor: int
    time_ms: int
    kind: int


_CARD_OF = "(SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ? AND c.ord = ?)"


def _write_history(conn: sqlite3.Connection, cards: Sequence[AnkiCardRow], reviews: Sequence[AnkiReviewRow],
                   suspended: Sequence[tuple[str, int]]) -> None:
    """Write card states, review log rows and suspensions into a collection genanki has just written."""
    # Scheduler v2's numbers (genanki leaves it unset, and Anki then shifts learning answers' eases as v1's).
    conn.execute("UPDATE col SET conf = json_set(conf, '$.schedVer', 2)")
    created = conn.execute("SELECT crt FROM col").fetchone()[0]
    conn.executemany(
        "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, "
        f"factor = ?, reps = ?, lapses = ?, data = ? WHERE id = {_CARD_OF}",
        [(c.kind, c.queue, (int(c.due.timestamp()) - created) // 86400 if c.day_based else int(c.due.timestamp()),
          c.interval, c.factor, c.reps, c.lapses, c.data, c.guid, c.ord) for c in cards])
    conn.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
        f"SELECT ?, {_CARD_OF}, -1, ?, ?, ?, ?, ?, ? WHERE {_CARD_OF} IS NOT NULL",
        [(r.id, r.guid, r.ord, r.ease, r.interval, r.last_interval, r.factor, r.time_ms, r.kind, r.guid, r.ord)
         for r in reviews])
    conn.executemany(f"UPDATE cards SET queue = -1 WHERE id = {_CARD_OF}", suspended)


def write_package(package: Any, dest: Path, media: Sequence[tuple[str, Path]] = (), *,
                  cards: Sequence[AnkiCardRow] = (), reviews: Sequence[AnkiReviewRow] = (),
                  suspended: Sequence[tuple[str, int]] = (), now: float | None = None,
                  extra: Mapping[str, bytes] | None = None) -> None:
    """``genanki.Package.write_to_file``, but its collection file is removed afterwards
    (genanki leaves it in the system's temporary folder), even when the disk fills up.

    ``media`` are (name, file) pairs: each file is stored in the package under a number, and
    the package's ``media`` map gives its name, as Anki does (fields refer to it by name).
    ``cards`` and ``reviews`` (an export with history) are written into the collection, and the
    ``suspended`` cards ((GUID, ord) each) are suspended. ``now`` (seconds since the epoch) is the
    notes' and cards' modification time: Anki updates a note it has only from a newer one.
    ``extra`` members (name -> bytes) are added as they are (Anki reads none but its own)."""
    with tempfile.TemporaryDirectory(prefix="studyguide-export-") as folder:
        collection = Path(folder) / "collection.anki2"
        conn = sqlite3.connect(collection)
        try:
            now = time.time() if now is None else now
            package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
            _write_history(conn, cards, reviews, suspended)
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(dest, "w") as package_file:
            package_file.write(collection, "collection.anki2")
            for number, (_name, path) in enumerate(media):
                package_file.write(path, str(number))
            package_file.writestr("media", json.dumps({str(n): name for n, (name, _path) in enumerate(media)}))
            for name, data in (extra or {}).items():
                package_file.writestr(name, data)
