"""Write a guide database from cards handed over in batches as a file is read (issue 18).

A CSV/TSV of a million cards never becomes a ``Guide`` in memory: its rows go into the
cards table a batch at a time, and the search index is then filled from that table by
SQL. The database is the same as ``content.write_guide`` makes (tables, indexes, FTS5
rows in sections-then-cards order, vocabulary), so everything that reads a guide reads it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from studyguide.domain.guide import GuideInfo, Section
from studyguide.domain.text import markdown_to_plain
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
        conn.create_function("plain", 1, markdown_to_plain, deterministic=True)
        conn.execute("BEGIN")
        for statement in _TABLES:
            conn.execute(statement)
        count = 0
        for batch in batches:
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
        _search_rows(conn)
        conn.execute("COMMIT")
        conn.execute(f"PRAGMA application_id={CONTENT_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={schema.CONTENT_FORMAT}")
        conn.execute("VACUUM")
        return count
    finally:
        conn.close()


def _search_rows(conn: sqlite3.Connection) -> None:
    """The FTS5 rows (sections, then cards in position order) and the vocabulary, by SQL from the tables."""
    conn.execute(
        f"CREATE VIRTUAL TABLE [{schema.SEARCH_INDEX}] USING fts5("
        "kind, section, title, body, item_id UNINDEXED, section_id UNINDEXED, "
        f"start_pos UNINDEXED, end_pos UNINDEXED, tokenize = '{schema.SEARCH_TOKENIZER}')")
    insert = (f"INSERT INTO [{schema.SEARCH_INDEX}] (kind, section, title, body, item_id, section_id, start_pos, "
              "end_pos) ")
    conn.execute(insert + f"SELECT 'section', title, title, plain(body), id, id, NULL, NULL "
                 f'FROM "{schema.SECTIONS}" ORDER BY position')
    conn.execute(insert + f"SELECT 'card', s.title, plain(c.front), plain(c.back), c.id, c.section_id, NULL, NULL "
                 f'FROM "{schema.CARDS}" c JOIN "{schema.SECTIONS}" s ON s.id = c.section_id ORDER BY c.position')
    conn.execute(f"INSERT INTO [{schema.SEARCH_INDEX}]([{schema.SEARCH_INDEX}]) VALUES ('optimize')")
    conn.execute(f"CREATE VIRTUAL TABLE temp.vocabulary_build USING fts5vocab(main, [{schema.SEARCH_INDEX}], 'row')")
    conn.execute(f"CREATE TABLE [{schema.SEARCH_TERMS}] (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID")
    conn.execute(f"INSERT INTO [{schema.SEARCH_TERMS}] (term, docs) SELECT term, doc FROM temp.vocabulary_build")
    conn.execute("DROP TABLE temp.vocabulary_build")

