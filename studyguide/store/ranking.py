"""One tantivy index over every guide's search documents, beside SQLite: the only full-text index.

SQLite stays the source of truth, and this is its only full-text index: each guide
database holds its items' text once, in its content tables (``store.search_docs``
reads the documents from them); this index holds every guide's documents together,
so that every query is ranked exactly by bm25
with one set of statistics for the whole library (a small guide's hits and a big
guide's compare by the same scale), and a word in 40% of 200,000 items is ranked
in about a millisecond (block-max WAND top-k, where FTS5's ``ORDER BY bm25`` scores
every match).

Kept in step by stamps, never trusted blindly: a stamp file beside the index
names, per guide, the file it was built from and the last change it has applied.
``sync`` compares them with the guides as they are now and rebuilds a guide's
documents when its file was replaced (a build, an import, a restore) or applies the
items its writer logged since (``search_rows.SearchRows`` appends to ``search_changes``
in the edit's own transaction). A guide no longer in the library loses its
documents. A missing, unreadable or older-layout index is rebuilt from SQLite.

tantivy's own quirks handled here: one writer per index across processes (another
process's writer makes ``sync`` wait a little, then serve what is indexed); a search
of limit 0 panics (never asked); query text is never parsed by tantivy (terms are
analysed here and queries built from them).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy

from studyguide.store import ranking_query as qb
from studyguide.store import schema
from studyguide.store.ranking_commit import MOST, Pending
from studyguide.store.ranking_feed import Feeding
from studyguide.store.ranking_fill import Fills, file_identity
from studyguide.store.ranking_leftovers import RANKING_FOLDER as RANKING_FOLDER  # (the index's folder)
from studyguide.store.ranking_pending import Statistics
from studyguide.store.ranking_query import ANALYSER, ANALYSER_NAME, SCHEMA, items
from studyguide.store.ranking_search import Found as Found  # (where the engine finds it)
from studyguide.store.ranking_search import Searching
from studyguide.store.ranking_worker import Committing
from studyguide.store.search_docs import Doc, documents, edited_documents
from studyguide.store.sqlite import Database

if TYPE_CHECKING:
    import sqlite_utils

#: Bump when the fields or the analyser change: an index of another layout is rebuilt.
LAYOUT = 5  # 3: a document's rowid is its content row's key (store.search_docs); 4: each text indexed
# once; 5: an item's section is a tag (its id), not its section's title indexed again
STAMP = "studyguide-stamp.json"
CHANGES = "search_changes"
EPOCH_KEY = "search_epoch"
_WAIT = 2.0  # seconds to wait for another process's writer

class RankingIndex(Committing, Searching, Feeding):  # (Committing first: its flush, not a declaration)
    """The library's ranking index (in memory when ``path`` is None). Safe to share between threads.

    Args:
        path: Its folder (created, or rebuilt when unusable); None keeps it in memory.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._stamp: dict[str, object] = {}
        self._stamp_seen: float | None = None
        self._fills = Fills()  # guides being indexed on threads of their own (``fill_later``)
        self._index: tantivy.Index | None = None  # opened (or made) on first use: see ``_ready``
        self._searcher: tantivy.Searcher | None = None
        self._vocabulary: dict[str, tuple[tantivy.Searcher, list[tuple[str, int]]]] = {}
        self._pending = Pending()  # edits read from the guides' logs, committed on a thread (``ranking_commit``)
        self._work = threading.Condition(self._lock)  # the committing thread's: work asked for, or done
        self._stats: tuple[tantivy.Searcher, Statistics] | None = None
        self._probes: dict[str, str] = {}

    def _ready(self) -> tuple[tantivy.Index, tantivy.Searcher]:
        """The index and its searcher; a library never searched has no index folder at all."""
        with self._lock:
            if self._index is None or self._searcher is None:
                try:
                    self._index = self._open()
                except (OSError, ValueError):  # the folder cannot be made or read: rank in memory
                    self.path, self._stamp = None, {}
                    self._index = self._open()
                self._index.register_tokenizer(ANALYSER_NAME, ANALYSER)
                self._searcher = self._index.searcher()
            return self._index, self._searcher

    def _open(self) -> tantivy.Index:
        if self.path is None:
            return tantivy.Index(SCHEMA)
        self._stamp = self._read_stamp()
        if self._stamp.get("layout") != LAYOUT:
            shutil.rmtree(self.path, ignore_errors=True)
            self._stamp = {"layout": LAYOUT, "guides": {}, "edits": ""}
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            return tantivy.Index(SCHEMA, path=str(self.path), reuse=True)
        except (OSError, ValueError):  # damaged or foreign: rebuild it from SQLite
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir(parents=True, exist_ok=True)
            self._stamp = {"layout": LAYOUT, "guides": {}, "edits": ""}
            return tantivy.Index(SCHEMA, path=str(self.path), reuse=False)

    def _read_stamp(self) -> dict[str, object]:
        assert self.path is not None
        try:
            stamp_file = self.path / STAMP
            self._stamp_seen = stamp_file.stat().st_mtime_ns
            value = json.loads(stamp_file.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _write_stamp(self) -> None:
        if self.path is None:
            return
        tmp = self.path / f".{STAMP}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(self._stamp), "utf-8")
        os.replace(tmp, self.path / STAMP)
        self._stamp_seen = (self.path / STAMP).stat().st_mtime_ns

    def _numbers(self) -> dict[str, int]:
        """Each guide's number in the index (kept in the stamp; a document's ``gnum`` is twice it,
        plus one for a learner's edit)."""
        numbers = self._stamp.setdefault("numbers", {})
        assert isinstance(numbers, dict)
        return numbers

    def _number(self, guide_id: str) -> int:
        numbers = self._numbers()
        if guide_id not in numbers:
            numbers[guide_id] = max(numbers.values(), default=0) + 1
        return int(numbers[guide_id])

    def _guides(self) -> dict[str, list[object]]:
        guides = self._stamp.setdefault("guides", {})
        assert isinstance(guides, dict)
        return guides

    # Keeping in step --------------------------------------------------------------

    def add_guide(self, guide_id: str, path: Path) -> None:
        """Index one guide's file now (an import's job, so that the next search need not)."""
        opened = file_identity(path)
        db = Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
        try:
            self.sync([(guide_id, db, path)], prune=False)
        finally:
            db.close()
        if file_identity(path) != opened:  # replaced meanwhile: the stamp may give the new file the old rows
            with self._lock:
                if guide_id in self._guides():
                    self._guides()[guide_id] = ["replaced", None]  # the next sync indexes it again
                    self._write_stamp()

    def fill_later(self, guide_id: str, path: Path) -> None:
        """Index one guide's file on a thread of its own (``add_guide`` there), so that an import
        returns once the guide is written; a ``sync`` that has the guide waits for it first."""
        self._fills.start(guide_id, lambda: self.add_guide(guide_id, path))

    def wait_filled(self) -> None:
        """Wait until every guide handed to ``fill_later`` is indexed (or its fill failed)."""
        self._fills.wait()

    def sync(self, guides: Sequence[tuple[str, sqlite_utils.Database, Path | None]],
             edits: tuple[str, Sequence[tuple[str, sqlite_utils.Database]]] | None = None,
             *, prune: bool = True) -> None:
        """Bring the index in step with ``guides`` (every guide of the library, with its open
        database and file) and the learner's edited cards (a stamp and, per guide, the database
        of its edited cards' documents). Cheap when nothing changed: a stat and a read per guide.
        ``prune`` drops the documents of guides not given (False: ``guides`` is not all of them)."""
        self._fills.wait(g for g, _, _ in guides)  # a guide being indexed on a thread of its own: that first
        while self._sync(guides, edits, prune=prune):
            self._idle()  # a commit here waits for the one on its own thread

    def _sync(self, guides: Sequence[tuple[str, sqlite_utils.Database, Path | None]],
              edits: tuple[str, Sequence[tuple[str, sqlite_utils.Database]]] | None, *,
              prune: bool) -> bool:
        """Bring the index in step (False), or say that a background commit must end first (True)."""
        with self._lock:
            index, _ = self._ready()
            if self.path is not None:
                try:
                    seen = (self.path / STAMP).stat().st_mtime_ns
                except OSError:
                    seen = None
                if seen != self._stamp_seen:  # another process changed the index
                    if self._pending.busy or self._pending.wanted:
                        return True
                    self._stamp = self._read_stamp() or self._stamp
                    self._pending.drop()  # applied again from the stamp's last change
                    index.reload()
                    self._searcher = index.searcher()
            now = {guide_id: _state(db, path) for guide_id, db, path in guides}
            known = self._guides()
            stale = [g for g in now if known.get(g, [None])[0] != now[g][0] or known[g][1] != now[g][1]]
            gone = [g for g in known if g not in now] if prune else []
            edits_stale = edits is not None and self._stamp.get("edits") != edits[0]
            if not stale and not gone and not edits_stale:
                return False
            if not gone and not edits_stale and self._later(guides, now, stale):
                return False
            if self._pending.busy or self._pending.wanted:
                return True
            writer = self._writer(index)
            if writer is None:
                return False  # another process is writing: search what is there
            before = copy.deepcopy(self._stamp)
            try:
                self._update(writer, guides, now, stale, gone, edits if edits_stale else None)
                writer.commit()
                writer.wait_merging_threads()
                del writer
                self._write_stamp()
            except (OSError, ValueError):
                self._stamp = before
                if self.path is None:
                    raise
                # The folder cannot be written (read-only, full): rank in memory for this session.
                self.path, self._index, self._searcher = None, None, None
                self._stamp, self._pending = {}, Pending()
                return self._sync(guides, edits, prune=prune)
            self._pending.drop([*stale, *gone])  # applied from the log just now
            self._pending.failed = None
            index.reload()
            self._searcher = index.searcher()
            return False

    def _later(self, guides: Sequence[tuple[str, sqlite_utils.Database, Path | None]],
               now: dict[str, tuple[str, int | None]], stale: list[str]) -> bool:
        """Read the few changes the ``stale`` guides' writers logged into ``Pending`` and commit them on
        a thread of their own (True); False when they must be committed now (a guide replaced, many
        changes, an index in memory, or a background commit that failed)."""
        if self.path is None or self._pending.failed is not None:
            return False
        known, dbs = self._guides(), {g: db for g, db, _ in guides}
        reads = []
        for guide_id in stale:
            old, (epoch, seq) = known.get(guide_id), now[guide_id]
            if old is None or old[0] != epoch or not isinstance(old[1], int) or seq is None or seq < old[1]:
                return False
            after = self._pending.upto(guide_id, epoch)
            after = old[1] if after is None else after
            if seq < after:
                return False
            if seq > after:
                reads.append((guide_id, epoch, after, seq))
        count = sum(int(dbs[g].execute(f"SELECT count(DISTINCT item_id) FROM [{CHANGES}] WHERE seq > ? AND seq <= ?",
                                       [after, seq]).fetchone()[0]) for g, _, after, seq in reads)
        if self._pending.size() + count > MOST:
            return False
        for guide_id, epoch, after, seq in reads:
            self._pending.read(guide_id, epoch, self._number(guide_id), dbs[guide_id], after, seq)
        if self._pending and not self._pending.busy:
            self._ask_commit()
        return True

    def _update(self, writer: tantivy.IndexWriter, guides: Sequence[tuple[str, sqlite_utils.Database, Path | None]],
                now: dict[str, tuple[str, int | None]], stale: list[str], gone: list[str],
                edits: tuple[str, Sequence[tuple[str, sqlite_utils.Database]]] | None) -> None:
        """Write the documents of the stale guides, drop the gone ones', and those of the edits."""
        known = self._guides()
        for guide_id, db, _ in guides:
            if guide_id in stale:
                old, new_seq = known.get(guide_id), now[guide_id][1]
                if (old is not None and old[0] == now[guide_id][0] and isinstance(old[1], int)
                        and new_seq is not None and new_seq >= old[1]):
                    _apply_changes(writer, guide_id, self._number(guide_id), db, old[1])
                else:
                    writer.delete_documents_by_term("tag", qb.tag_guide(guide_id))
                    _add_rows(writer, guide_id, self._number(guide_id), documents(db), edit=False)
                known[guide_id] = list(now[guide_id])
        for guide_id in gone:
            writer.delete_documents_by_term("tag", qb.tag_guide(guide_id))
            del known[guide_id]
            self._numbers().pop(guide_id, None)
        if edits is not None:
            writer.delete_documents_by_term("tag", qb.TAG_EDIT)
            for guide_id, db in edits[1]:
                _add_rows(writer, guide_id, self._number(guide_id), edited_documents(db), edit=True)
            self._stamp["edits"] = edits[0]

    def _add(self, writer: tantivy.IndexWriter, guide_id: str, number: int, docs: list[Doc]) -> None:
        _add_rows(writer, guide_id, number, docs, edit=False)

    @staticmethod
    def _add_guide_rows(writer: tantivy.IndexWriter, guide_id: str, number: int, docs: Iterable[Doc]) -> None:
        _add_rows(writer, guide_id, number, docs, edit=False)  # (a ``Feed``'s)

    @staticmethod
    def _file_state(db: Database, path: Path) -> tuple[str, int | None]:
        return _state(db, path)  # (a ``Feed``'s)

    @staticmethod
    def _writer(index: tantivy.Index, wait: float = _WAIT) -> tantivy.IndexWriter | None:
        deadline = time.monotonic() + wait
        while True:
            try:
                return index.writer(heap_size=64_000_000, num_threads=1)
            except ValueError:  # LockBusy: another process writes
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.05)

def _state(db: sqlite_utils.Database, path: Path | None) -> tuple[str, int | None]:
    """(what the guide's rows were built from, the last logged change or None without a log)."""
    has_log = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (CHANGES,)).fetchone() is not None
    if has_log:
        epoch = db.execute(f"SELECT value FROM [{schema.META}] WHERE key = ?", (EPOCH_KEY,)).fetchone()
        seq = db.execute(f"SELECT max(seq) FROM [{CHANGES}]").fetchone()[0]
        return f"epoch:{epoch[0] if epoch else ''}", int(seq or 0)
    identity = ""
    if path is not None:
        with contextlib.suppress(OSError):
            info = path.stat()
            identity = f"file:{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"
    if not identity:  # in memory: its rows
        identity = "rows:" + str(db.execute(
            f"SELECT (SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM [{schema.SECTIONS}]), "
            f"(SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM [{schema.CARDS}]), "
            f"(SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM [{schema.EVENTS}])").fetchone())
    return identity, None


def _add_rows(writer: tantivy.IndexWriter, guide_id: str, number: int, docs: Iterable[Doc], *, edit: bool) -> None:
    gnum = 2 * number + 1 if edit else 2 * number
    guide, kinds = qb.tag_guide(guide_id), {k: qb.tag_kind(k) for k in ("section", "event", "card")}
    for key, kind, title, body, item_id, section_id, start, end in docs:
        doc = tantivy.Document()
        doc.add_text("tag", guide)
        doc.add_text("tag", kinds.get(kind) or qb.tag_kind(kind))
        doc.add_text("tag", qb.tag_item(item_id))
        if section_id:
            doc.add_text("tag", qb.tag_section(section_id))
        if edit:
            doc.add_text("tag", qb.TAG_EDIT)
        doc.add_unsigned("ref", qb.ref(gnum, key))
        doc.add_text("title", title or "")
        doc.add_text("body", body or "")
        if start is not None:
            doc.add_float("start", float(start))
        if end is not None:
            doc.add_float("end", float(end))
        writer.add_document(doc)


def _apply_changes(writer: tantivy.IndexWriter, guide_id: str, number: int, db: sqlite_utils.Database,
                   after: int) -> None:
    """Replace the documents of the items the guide's writer logged after change ``after``."""
    changed: dict[str, list[str]] = {}
    for kind, item_id in db.execute(f"SELECT DISTINCT kind, item_id FROM [{CHANGES}] WHERE seq > ?", [after]):
        changed.setdefault(str(kind), []).append(str(item_id))
    for kind, item_ids in changed.items():
        writer.delete_documents_by_query(items(guide_id, kind, item_ids, edits=False).tantivy)
        _add_rows(writer, guide_id, number, documents(db, kind, item_ids), edit=False)
