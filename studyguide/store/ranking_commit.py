"""A guide's edits on their way into the ranking index: committed on a thread, searched meanwhile.

Committing the tantivy index on disk costs about 50 ms on this machine, most of it 14 fsyncs
(docs/authoring.md), and issue 15 wants an edit found by search within 50 ms. So when a search
finds that a guide's writer logged a few changes (``search_changes``) since the index's stamp,
it reads the changed items' documents from SQLite into ``Pending`` and hands the commit to a
thread of its own (``RankingIndex._commit_pending``); the search itself goes on at once:

- the disk index's documents of the changed items are left out of its hits (``excluded``);
- the items' new documents are matched and scored in Python (``ranking_pending``) with the
  disk index's statistics, and merged with its hits by score: the same top k, order and
  count tantivy gives with those statistics (a query not scored there waits for the commit);
- completions and spelling candidates count the pending documents' words too.

Once committed, the index is reloaded and the committed entries leave ``Pending`` together (under
the index's lock), so a search sees each document exactly once. The stamp (the last change
applied) moves only after the commit: a crash before it loses nothing, as the next search
applies the logged changes again. Closing the library waits for the commit (``flush``).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import tantivy

from studyguide.store.ranking_pending import PendingDoc, Statistics, pending_doc, score
from studyguide.store.ranking_query import WORD_FIELDS, Query, combine, items
from studyguide.store.search_docs import Doc, documents

if TYPE_CHECKING:
    import sqlite_utils

#: Most documents held pending; more changes than that are committed before the search.
MOST = 256
CHANGES = "search_changes"


@dataclass
class _Guide:
    epoch: str
    number: int
    upto: int  # the last logged change read
    #: (kind, item id) -> (version, its documents as indexed, as scored here)
    items: dict[tuple[str, str], tuple[int, list[Doc], list[PendingDoc]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Batch:
    """What one commit writes: per guide, its epoch, number, last change, and the items' versions and documents."""

    guides: tuple[tuple[str, str, int, int, tuple[tuple[str, str, int, tuple[Doc, ...]], ...]], ...]


class Pending:
    """Changes read from the guides' logs and not yet committed (guarded by the index's lock)."""

    def __init__(self) -> None:
        self._guides: dict[str, _Guide] = {}
        self._version = 0
        #: The thread that commits (started once, waiting for ``wanted``), and whether it should stop.
        self.worker: threading.Thread | None = None
        self.closing = False
        #: A commit is asked of the worker; a commit is under way (its writer held).
        self.wanted = self.busy = False
        #: The error the last background commit ended with (the next sync commits in the foreground).
        self.failed: BaseException | None = None

    def __bool__(self) -> bool:
        return bool(self._guides)

    def upto(self, guide_id: str, epoch: str) -> int | None:
        """The last change of ``guide_id`` read into pending (None: none of that epoch)."""
        found = self._guides.get(guide_id)
        return found.upto if found is not None and found.epoch == epoch else None

    def size(self) -> int:
        return sum(len(docs) or 1 for g in self._guides.values() for _, _, docs in g.items.values())

    def read(self, guide_id: str, epoch: str, number: int, db: sqlite_utils.Database, after: int, upto: int) -> None:
        """Read the items ``guide_id``'s writer logged after change ``after`` (up to ``upto``)."""
        guide = self._guides.get(guide_id)
        if guide is None or guide.epoch != epoch:
            guide = self._guides[guide_id] = _Guide(epoch, number, after)
        changed: dict[str, list[str]] = {}
        for kind, item_id in db.execute(f"SELECT DISTINCT kind, item_id FROM [{CHANGES}] WHERE seq > ? AND seq <= ?",
                                        [after, upto]):
            changed.setdefault(str(kind), []).append(str(item_id))
        for kind, item_ids in changed.items():
            found: dict[str, list[Doc]] = {item_id: [] for item_id in item_ids}
            for doc in documents(db, kind, item_ids):
                found[doc[4]].append(doc)
            for item_id, docs in found.items():
                self._version += 1
                scored = [pending_doc(guide_id, 2 * number, d) for d in docs]
                guide.items[(kind, item_id)] = (self._version, docs, scored)
        guide.upto = upto

    def drop(self, guide_ids: Iterable[str] | None = None) -> None:
        """Forget the pending changes of ``guide_ids`` (None: all): they were committed another way."""
        for guide_id in list(self._guides) if guide_ids is None else guide_ids:
            self._guides.pop(guide_id, None)

    def batch(self) -> Batch:
        return Batch(tuple((g, p.epoch, p.number, p.upto,
                            tuple((kind, item, version, tuple(docs)) for (kind, item), (version, docs, _)
                                  in p.items.items()))
                           for g, p in self._guides.items()))

    def done(self, batch: Batch) -> None:
        """``batch`` is committed: its entries not changed since leave."""
        for guide_id, epoch, _, upto, entries in batch.guides:
            guide = self._guides.get(guide_id)
            if guide is None or guide.epoch != epoch:
                continue
            for kind, item, version, _ in entries:
                if guide.items.get((kind, item), (None,))[0] == version:
                    del guide.items[(kind, item)]
            if not guide.items and guide.upto == upto:
                del self._guides[guide_id]

    # Searching ------------------------------------------------------------------------

    def docs(self) -> list[PendingDoc]:
        return [d for g in self._guides.values() for _, _, docs in g.items.values() for d in docs]

    def groups(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """The pending items, as (guide, kind, item ids) groups."""
        groups: dict[tuple[str, str], list[str]] = {}
        for guide_id, guide in self._guides.items():
            for kind, item in guide.items:
                groups.setdefault((guide_id, kind), []).append(item)
        return tuple((g, k, tuple(ids)) for (g, k), ids in groups.items())


@dataclass(frozen=True, slots=True)
class Overlay:
    """A snapshot of the pending documents, taken with the searcher they go with."""

    searcher: tantivy.Searcher
    stats: Statistics
    docs: tuple[PendingDoc, ...]
    groups: tuple[tuple[str, str, tuple[str, ...]], ...]

    def excluding(self, query: Query) -> Query:
        """``query`` without the disk index's documents of the pending items (the guides' own rows)."""
        return combine(must=[query], must_not=[items(g, k, ids, edits=False) for g, k, ids in self.groups])

    def matches(self, query: Query) -> list[tuple[float, PendingDoc]]:
        """The pending documents ``query`` matches, with their scores (``Unscorable`` if it cannot tell)."""
        found = [(value, doc) for doc in self.docs if (value := score(query, doc, self.stats)) is not None]
        found.sort(key=lambda pair: -pair[0])
        return found

    def terms(self, prefix: str) -> Counter[str]:
        """How many pending documents hold each word starting with ``prefix``, per field (a word in a
        title and a body counts twice, as ``ranking_query.prefixed_terms`` counts them)."""
        counts: Counter[str] = Counter()
        for doc in self.docs:
            for name in WORD_FIELDS:
                counts.update({t for t in doc.positions[name].values() if t.startswith(prefix)})
        return counts


def write_batch(writer: tantivy.IndexWriter, batch: Batch,
                add: Callable[[tantivy.IndexWriter, str, int, list[Doc]], None]) -> None:
    """Write and commit one batch of pending changes: each item's old documents out, its new ones in (``add``).
    The writer stays open for the next batch."""
    for guide_id, _, number, _, entries in batch.guides:
        changed: dict[str, list[str]] = {}
        for kind, item, _, _ in entries:
            changed.setdefault(kind, []).append(item)
        for kind, item_ids in changed.items():
            writer.delete_documents_by_query(items(guide_id, kind, item_ids, edits=False).tantivy)
        add(writer, guide_id, number, [doc for *_, docs in entries for doc in docs])
    writer.commit()
