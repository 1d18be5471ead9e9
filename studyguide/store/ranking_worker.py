"""The ranking index's committing thread: pending edits committed to disk off the searching thread.

``store.ranking_commit`` says why and what a search sees meanwhile. One thread per index,
started at the first edit and waiting for work after (a thread started per edit stalled the
searches under load: the search waited for the new thread to be scheduled, then for the GIL it
took). It commits batch after batch with one writer, which it lets go (and whose merges it
waits for) when nothing is left, so another process can write between edits. Closing the
library commits what is left (``close``); a crash before that loses nothing, as the stamp moves
only after a commit and the next search applies the logged changes again.
"""

from __future__ import annotations

import threading

import tantivy

from studyguide.store.ranking_commit import Pending, write_batch
from studyguide.store.search_docs import Doc


class Committing:
    """The committing half of ``RankingIndex`` (which provides what is declared here)."""

    _lock: threading.RLock
    _work: threading.Condition
    _pending: Pending
    _index: tantivy.Index | None
    _searcher: tantivy.Searcher | None

    def _guides(self) -> dict[str, list[object]]:
        raise NotImplementedError

    def _write_stamp(self) -> None:
        raise NotImplementedError

    def _add(self, writer: tantivy.IndexWriter, guide_id: str, number: int, docs: list[Doc]) -> None:
        raise NotImplementedError

    @staticmethod
    def _writer(index: tantivy.Index) -> tantivy.IndexWriter | None:
        raise NotImplementedError

    def _idle(self) -> None:
        """Wait until no commit is under way or asked for on the committing thread."""
        with self._lock:
            while self._pending.busy or self._pending.wanted:
                self._work.wait()

    def _ask_commit(self) -> None:
        """Ask the committing thread for a commit (started once: a thread started per edit stalled the
        searches, as it waits to be scheduled while the search waits for it and the GIL)."""
        self._pending.wanted = True
        if self._pending.worker is None:
            self._pending.closing = False
            self._pending.worker = threading.Thread(target=self._committing, name="ranking-commit", daemon=True)
            self._pending.worker.start()
        self._work.notify_all()

    def _committing(self) -> None:
        """The committing thread: one commit run per ``wanted``, until ``close``."""
        while True:
            with self._lock:
                while not self._pending.wanted and not self._pending.closing:
                    self._work.wait()
                if not self._pending.wanted:
                    self._pending.worker = None
                    return
                self._pending.wanted, self._pending.busy = False, True
            self._commit_pending()

    def _commit_pending(self) -> None:
        """Commit the pending changes (``busy`` set by the caller), batch after batch with one writer, then
        search through the index again; the writer goes (and merges end) once none is left."""
        writer: tantivy.IndexWriter | None = None
        failed: BaseException | None = None
        left = False
        try:
            while True:
                with self._lock:
                    batch, index = self._pending.batch(), self._index
                if not batch.guides or index is None or self._pending.failed is not None:
                    break
                writer = writer or self._writer(index)
                if writer is None:  # another process writes: the next search asks again
                    left = True
                    break
                write_batch(writer, batch, self._add)
                index.reload()  # (no other thread reloads meanwhile: a sync that would waits for this one)
                searcher = index.searcher()
                with self._lock:  # the new searcher and the pending documents it holds now change together
                    known = self._guides()
                    for guide_id, epoch, _, upto, _ in batch.guides:
                        if known.get(guide_id, [None])[0] == epoch:
                            known[guide_id][1] = upto
                    self._write_stamp()
                    self._searcher = searcher
                    self._pending.done(batch)
            if writer is not None:
                writer.wait_merging_threads()
        except (OSError, ValueError) as error:  # the next search commits in the foreground (or in memory)
            failed = error
        finally:
            del writer
            with self._lock:
                self._pending.busy = False
                self._pending.failed = failed or self._pending.failed
                if self._pending and self._pending.failed is None and not left:  # read while the writer went
                    self._ask_commit()
                self._work.notify_all()

    def flush(self) -> None:
        """Wait until the pending changes are committed (here, if the committing thread has not)."""
        with self._lock:
            while self._pending.busy or self._pending.wanted:
                self._work.wait()
            if not self._pending or self._pending.failed is not None:
                return
            self._pending.busy = True
        self._commit_pending()

    def close(self) -> None:
        """Commit what is pending and end the committing thread (closing the library)."""
        self.flush()
        with self._lock:
            self._pending.closing = True
            self._work.notify_all()
            worker = self._pending.worker
        if worker is not None:
            worker.join()
