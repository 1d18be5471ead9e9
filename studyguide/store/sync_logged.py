"""The answers of each device already in the review log, as a merge looks them up (one query per device).

An answer a device journaled twice (its progress restored from an older copy) is recognised by
(guide, card, time, rating) among that device's logged answers and not added again; another
device's answer with the same card, rating and time is another answer. A logged answer's device
is that of the entries it came in or went out as; one with none is this device's, not journaled
yet. A merge of a year of daily segments reads each device's answers once, not once per segment
(3,000 segments of 100,000 answers made that 150 million rows), and keeps them current as it
adds and takes back answers. Runs inside ``SyncStateStore.apply``'s transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from studyguide.store import schema

#: (guide id, card id, time as logged, rating).
AnswerKey = tuple[str, str, str, int]


class LoggedAnswers:
    """Each device's logged answers by ``AnswerKey`` (their review-log row), for one merge.

    Args:
        db: The progress database.
        here: This device's id ("" before its first sync).
    """

    def __init__(self, *, db: sqlite_utils.Database, here: Callable[[], str]) -> None:
        self._db = db
        self._here = here
        self._devices: dict[str, tuple[dict[AnswerKey, int], set[str]]] = {}

    def reset(self) -> None:
        """Forget what was read (a new merge: the log may have changed since)."""
        self._devices = {}

    def of_device(self, guides: set[str], device: str) -> dict[AnswerKey, int]:
        """``device``'s logged answers (for at least these guides); the caller adds the rows it logs."""
        logged, read = self._devices.setdefault(device, ({}, set()))
        missing = sorted(guides - read)
        if missing:
            here = self._here()
            marks = ", ".join("?" * len(missing))
            logged.update(((g, c, t, r), i) for i, g, c, t, r, d in self._db.execute(
                f"SELECT r.id, r.guide_id, r.card_id, r.reviewed_at, r.rating, e.device FROM [{schema.REVIEW_LOG}] r "
                f"LEFT JOIN [{schema.SYNC_ENTRIES}] e ON e.log_id = r.id WHERE r.guide_id IN ({marks})",
                missing) if (d if d is not None else here) == device)
            read.update(missing)
        return logged

    def removed(self, key: AnswerKey, row: int) -> None:
        """The answer logged as ``row`` left the log (taken back)."""
        for logged, _ in self._devices.values():
            if logged.get(key) == row:
                del logged[key]
