"""The review log as the optimizer reads it: each answer's card, time and rating, card by card."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from studyguide.store import schema
from studyguide.store.connection import explain


def answer_log(path: Path, guide_id: str | None = None) -> list[tuple[str, datetime, int]]:
    """Every answer (rating 1-4) of a guide, or of all guides when ``guide_id`` is None, as
    (card key, UTC time, rating), each card's answers together and oldest first; read through a
    read-only connection of its own (worker-safe).

    Raises:
        StoreUnavailable: The progress database cannot be read.
    """
    where, args = ("WHERE guide_id = ?", [guide_id]) if guide_id is not None else ("", [])
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)) as db:
            rows = db.execute(f"SELECT guide_id, card_id, reviewed_at, rating FROM [{schema.REVIEW_LOG}] {where} "
                              "ORDER BY guide_id, card_id, reviewed_at, id", args).fetchall()
    except sqlite3.Error as error:
        raise explain(error, path) from error
    log = []
    for guide, card, reviewed_at, rating in rows:
        try:
            when = datetime.fromisoformat(reviewed_at)
        except (TypeError, ValueError):
            continue  # a damaged row is left out, as the export does
        if when.tzinfo is None or rating not in (1, 2, 3, 4):
            continue
        log.append((f"{guide}\x00{card}", when.astimezone(timezone.utc), int(rating)))
    return log
