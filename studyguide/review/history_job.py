"""An Anki package's history saved while its guide is built (``Library.install_guide``).

Replaying the answers is Python work; writing them is mostly SQLite's, which runs without the
GIL. Done on a thread of its own, both overlap with building the guide and writing its media
files, instead of following them. The history's transaction is committed only once the guide
is in place (``commit``), and rolled back if it never is (``abandon``): as before, a guide that
was not imported leaves no history, and history never belongs to a guide that is not there.

While the written history waits for the guide, it holds the progress file's write lock, which
the window's answers wait for (2 s at most). So it waits ``HOLD_S`` at most: if the guide is not
in place by then (its media files are slow to create), the write is rolled back, the lock let go,
and the same rows are written again once the guide is in place.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.domain.imported_history import ImportedHistory
from studyguide.review.imported import replay
from studyguide.store.progress_import import import_history

#: How long written history waits for its guide, holding the write lock, before it lets go (s): with
#: the writing itself (about 0.5 s for 50,000 answers), under the 2 s an answer in the window waits.
HOLD_S = 1.0


class _NotImported(Exception):
    """The guide was not imported: the history's transaction is rolled back."""


class _NotYet(Exception):
    """The guide is not in place yet: the history's transaction is rolled back, written again later."""


class PendingHistory:
    """The history replayed and written on a thread of its own, its commit held until ``commit`` (or
    never: ``abandon``). The write lock is taken once the replay is done (see the module)."""

    def __init__(self, progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> None:
        self._decided = threading.Event()
        self._keep = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._save, name=f"history-{guide_id}", daemon=True,
                                        args=(progress_path, guide_id, history, now, desired_retention))
        self._thread.start()

    def _save(self, progress_path: Path, guide_id: str, history: ImportedHistory, now: datetime,
              desired_retention: float) -> None:
        try:
            cards = replay(history, guide_id=guide_id, desired_retention=desired_retention)
            rows = [(c.card_id, c.log, c.state, c.due) for c in cards]
            try:
                import_history(progress_path, guide_id=guide_id, cards=rows, suspended=history.suspended, now=now,
                               before_commit=self._wait)
            except _NotYet:  # rolled back, the lock let go: written again once the guide is in place
                self._decided.wait()
                if self._keep:
                    import_history(progress_path, guide_id=guide_id, cards=rows, suspended=history.suspended,
                                   now=now)
        except _NotImported:
            pass
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread, raised by commit()
            self._error = error

    def _wait(self) -> None:
        if not self._decided.wait(HOLD_S):
            raise _NotYet
        if not self._keep:
            raise _NotImported

    def commit(self) -> Changes:
        """The guide is in place: commit the history, once written.

        Raises:
            StoreUnavailable: The progress file could not be written; none of the history was.
        """
        self._keep = True
        self._decided.set()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return Changes(progress=True, due_counts=True)

    def abandon(self) -> None:
        """The guide was not imported: roll the history back (or never write it) and wait for that.
        An error of the history's own is dropped: the import's error is the one to report."""
        self._decided.set()
        self._thread.join()
