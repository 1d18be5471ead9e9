"""Reading a foreign Anki collection (``collection.anki2``) held in memory.

Anki packages are zip files around an SQLite database. This is the one place
that queries it; ``guides.apkg`` turns what it returns into a guide.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
    """

    notes: list[tuple]
    models: dict
    deck_of: dict[int, str]


def read_anki_collection(data: bytes) -> AnkiCollection:
    """Read notes, note types and decks from a collection's bytes (read-only, temp file).

    Raises:
        AnkiCollectionError: If it is damaged or not an Anki collection.
    """
    fd, tmp_name = tempfile.mkstemp(suffix=".anki2")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        conn = sqlite3.connect(f"{Path(tmp_name).as_uri()}?mode=ro", uri=True)
        try:
            notes = conn.execute("SELECT id, guid, flds, tags, mid FROM notes ORDER BY id").fetchall()
            models_json, decks_json = conn.execute("SELECT models, decks FROM col").fetchone()
            decks = {str(k): v.get("name", "") for k, v in json.loads(decks_json or "{}").items()}
            note_decks = dict(conn.execute("SELECT nid, did FROM cards GROUP BY nid").fetchall())
            models = json.loads(models_json or "{}")
        finally:
            conn.close()
    except (sqlite3.Error, json.JSONDecodeError, TypeError, AttributeError) as error:
        raise AnkiCollectionError(str(error)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
    deck_of = {nid: decks.get(str(did), "") for nid, did in note_decks.items()}
    return AnkiCollection([tuple(row) for row in notes], models, deck_of)
