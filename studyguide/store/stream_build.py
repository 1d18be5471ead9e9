"""Write a guide database from cards handed over in batches as a file is read (issue 18).

A CSV/TSV of a million cards never becomes a ``Guide`` in memory: its rows go into the
cards table a batch at a time. The database is the same as ``content.write_guide`` makes
(tables and indexes; no full-text table: the library's ranking index is filled from the
cards table afterwards), so everything that reads a guide reads it.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from studyguide.domain.guide import GuideInfo, Section
from studyguide.store import schema
from studyguide.store.connection import CONTENT_APPLICATION_ID
from studyguide.store.content import _TABLES

#: A card as the writer takes it: (id, section id, position in the file, front, back).
CardRow = tuple[str, str, int, str, str]


def write_streamed_guide(path: Path, info: GuideInfo, batches: Iterable[Sequence[CardRow]],
                         sections: Callable[[], Sequence[Section]], *, source_sha256: str = "") -> int:
    """Write a new guide database at ``path`` (a temporary file the caller moves into place).

    Args:
        path: The database to create.
        info: The guide's id and titles.
        batches: The cards, a batch at a time (each card's position its place in the file);
            whatever iterating them raises (a bad row, a cancel) ends the write with nothing kept.
        sections: Called once every batch is written: the sections the cards named, in order.
        source_sha256: Digest of the file read.

    Returns:
        The number of cards written. Cards are renumbered into section order, as the guide
        format stores them (file order within a section).
    """
    conn = sqlite3.connect(path, isolation_level=None)
    # Card ids are hashes, so each insert lands on a random page of the id index: a cache that holds
    # it (32 MiB at most, what a million cards' index needs) saved 1.8 s of CPU at 1,000,000 cards.
    conn.execute("PRAGMA cache_size=-32768")
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("BEGIN")
        for statement in _TABLES:
            conn.execute(statement)
        count = 0
        for batch in read_ahead(batches):  # read (and fed to the ranking index) on a thread of their own
            conn.executemany(f'INSERT INTO "{schema.CARDS}" ("id", "section_id", "position", "front", "back") '
                             "VALUES (?, ?, ?, ?, ?)", batch)
            count += len(batch)
        found = sections()
        conn.executemany(f'INSERT INTO "{schema.SECTIONS}" ("id", "position", "title", "body", "sources") '
                         "VALUES (?, ?, ?, ?, '[]')", ((s.id, s.position, s.title, s.body) for s in found))
        meta = {"id": info.id, "title": info.title, "subject": info.subject, "description": info.description,
                "format": str(schema.CONTENT_FORMAT), "source_sha256": source_sha256}
        conn.executemany(f'INSERT INTO "{schema.META}" ("key", "value") VALUES (?, ?)', meta.items())
        if len(found) > 1:  # file order to section order (one section: already in order)
            conn.execute(
                f'WITH ordered AS (SELECT c.id, ROW_NUMBER() OVER (ORDER BY s.position, c.position) - 1 AS p '
                f'FROM "{schema.CARDS}" c JOIN "{schema.SECTIONS}" s ON s.id = c.section_id) '
                f'UPDATE "{schema.CARDS}" SET position = ordered.p FROM ordered WHERE "{schema.CARDS}".id = ordered.id')
        conn.execute(f'CREATE INDEX "idx_cards_section_id_position" ON "{schema.CARDS}" ("section_id", "position")')
        conn.execute(f'CREATE INDEX "idx_events_start_pos" ON "{schema.EVENTS}" ("start_pos")')
        conn.execute(f'CREATE INDEX "cards_position" ON "{schema.CARDS}" ("position")')
        conn.execute(f'CREATE INDEX "sections_position" ON "{schema.SECTIONS}" ("position")')
        conn.execute("COMMIT")
        conn.execute(f"PRAGMA application_id={CONTENT_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={schema.CONTENT_FORMAT}")
        # No VACUUM: without an FTS5 table it reclaimed 2.6% of the file (0.43 of 16.5 MB at 100,000
        # cards, the renumbering's page splits) for 0.3-0.5 s.
        return count
    finally:
        conn.close()


_DONE = object()
#: Batches read ahead of the writer (memory stays flat: at most this many and the one being written).
READ_AHEAD = 2


def read_ahead(batches: Iterable[Sequence[CardRow]]) -> Iterator[Sequence[CardRow]]:
    """``batches``, iterated on a thread of its own a batch or two ahead of the caller.

    Reading a file's rows (and indexing them) is Python work that holds the GIL; SQLite releases it
    while it inserts, so the two overlap. Whatever reading raises (a bad row, a cancel) is raised
    here, in order; when the caller stops early (an insert failed), reading stops too.
    """
    handed: queue.Queue[object] = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for batch in batches:
                if not put(batch):
                    return
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread and raised there
            put(error)
            return
        put(_DONE)

    reader = threading.Thread(target=read, name="stream-read", daemon=True)
    reader.start()
    try:
        while (item := handed.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        reader.join()
