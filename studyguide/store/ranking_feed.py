"""A guide's cards indexed for ranking as an import writes them (issue 18: searchable sooner).

A streamed CSV/TSV import used to write the guide database, then read every card back from it
to index it (``RankingIndex.fill_later``). A ``Feed`` is handed each batch of cards as the
writer inserts it and gives tantivy their documents at once, so tantivy's indexing thread works
while the file is still being read and written, and nothing is read back but the sections.
What the feed writes is what ``search_docs.documents`` would read from the finished file: a
card's key is its rowid in the new cards table (the writer inserts every card, in the order
fed, into a table it has just made) and its text is made plain the same way.

Then, on a thread of its own registered as a fill (a search of the guide waits for it), the
sections and events are added from the file, the writer commits and the stamp records the
file; or, when the import fails or is cancelled, the writer rolls back and nothing is indexed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.domain.text import markdown_to_plain
from studyguide.store import ranking_query as qb
from studyguide.store.ranking_fill import Fills, file_identity
from studyguide.store.search_docs import Doc, documents
from studyguide.store.sqlite import Database

if TYPE_CHECKING:
    import tantivy

    from studyguide.store.stream_build import CardRow

#: Adds documents to a writer: (writer, guide id, guide number, documents, edit?).
AddRows = Callable[["tantivy.IndexWriter", str, int, "Iterable[Doc]"], None]
#: Commits the writer and records the guide's file (its identity when written) in the stamp.
Commit = Callable[["tantivy.IndexWriter", str, Database, Path, "tuple[int, int] | None"], None]


class Feed:
    """Index one guide's cards as they are written (made by ``RankingIndex.feed``).

    Call ``add`` with each batch the writer inserts, in order, then ``finish`` once the guide's
    file is in place, or ``cancel`` if it is not.
    """

    def __init__(self, writer: tantivy.IndexWriter, guide_id: str, number: int, add_rows: AddRows,
                 commit: Commit, start: Callable[[str, Callable[[], None]], None]) -> None:
        self._writer: tantivy.IndexWriter | None = writer
        self.guide_id, self._number = guide_id, number
        self._add_rows, self._commit, self._start = add_rows, commit, start
        self._rowid = 0  # the last card's rowid in the new cards table
        #: Cards fed so far.
        self.cards = 0

    def add(self, cards: Sequence[CardRow]) -> None:
        """Index a batch of cards (id, section id, position, front, back) as the writer inserts them."""
        if self._writer is None:
            return
        first = self._rowid + 1
        self._rowid += len(cards)
        self.cards += len(cards)
        plain = markdown_to_plain
        docs = ((rowid * 4 + 2, "card", plain(front or ""), plain(back or ""), card_id, section_id, None, None)
                for rowid, (card_id, section_id, _, front, back) in enumerate(cards, first))
        try:
            self._add_rows(self._writer, self.guide_id, self._number, docs)
        except (ValueError, OSError):  # the index failed (tantivy's errors are ValueErrors), not the import:
            self.cancel()  # the guide is indexed from its file at the next search, as any changed guide

    def cancel(self) -> None:
        """Nothing was written: drop what was fed (the index stays as it was)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.rollback()

    def finish(self, path: Path) -> None:
        """The guide's file is in place: index its sections and events, commit and stamp, on a
        thread of its own (a search of the guide waits for it)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        opened = file_identity(path)
        self._start(self.guide_id, lambda: self.index_rest(writer, path, opened))

    def index_rest(self, writer: tantivy.IndexWriter, path: Path, opened: tuple[int, int] | None) -> None:
        """The sections and events of the written guide, then the commit (on the fill's thread)."""
        try:
            db = Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
            try:
                for kind in ("section", "event"):
                    self._add_rows(writer, self.guide_id, self._number, documents(db, kind))
                self._commit(writer, self.guide_id, db, path, opened)
            finally:
                db.close()
        except (sqlite3.Error, OSError, ValueError) as error:  # the file went away, or the index failed:
            writer.rollback()  # nothing is kept, the next search indexes the guide from its file
            if isinstance(error, ValueError):
                raise OSError(f"the ranking index could not be written: {error}") from error
            raise


class Feeding:
    """``RankingIndex``'s feeds (a base class: what of the index a feed needs, declared here)."""

    _lock: threading.RLock
    _fills: Fills
    _searcher: tantivy.Searcher | None
    _add_guide_rows: AddRows

    if TYPE_CHECKING:  # (``RankingIndex``'s)
        def _ready(self) -> tuple[tantivy.Index, tantivy.Searcher]: ...
        def _number(self, guide_id: str) -> int: ...
        def _guides(self) -> dict[str, list[object]]: ...
        def _write_stamp(self) -> None: ...
        @staticmethod
        def _file_state(db: Database, path: Path) -> tuple[str, int | None]: ...
        @staticmethod
        def _writer(index: tantivy.Index, wait: float = ...) -> tantivy.IndexWriter | None: ...

    def feed(self, guide_id: str) -> Feed | None:
        """A ``Feed`` that indexes ``guide_id``'s cards as an import writes them (its old documents
        dropped when it commits), or None when another writer holds the index (then ``fill_later``)."""
        with self._lock:
            index, _ = self._ready()
            writer = self._writer(index, wait=0.0)
            if writer is None:
                return None
            writer.delete_documents_by_term("tag", qb.tag_guide(guide_id))
            return Feed(writer, guide_id, self._number(guide_id), self._add_guide_rows, self._fed, self._fills.start)

    def _fed(self, writer: tantivy.IndexWriter, guide_id: str, db: Database, path: Path,
             opened: tuple[int, int] | None) -> None:
        """Commit a feed's writer and stamp the guide's file as indexed (``Feed.finish``)."""
        state = self._file_state(db, path)
        with self._lock:
            index, _ = self._ready()
            writer.commit()
            writer.wait_merging_threads()
            # Replaced meanwhile (another import of it): the next sync indexes it again.
            self._guides()[guide_id] = list(state) if file_identity(path) == opened else ["replaced", None]
            self._write_stamp()
            index.reload()
            self._searcher = index.searcher()
