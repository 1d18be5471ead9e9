"""An Anki package's history replayed while its guide is built (``Library.install_guide``).

Replaying the answers through FSRS is Python work that needs nothing of the guide: done on a
thread of its own, it overlaps with building the guide database and creating its media files
(SQLite's work and ``tar``'s, mostly without our GIL), instead of following them. The replayed
history is written only once the guide is in place (``commit``), as before, in one transaction:
a guide that was not imported leaves no history (``abandon``), and the progress file's write lock,
which the window's answers wait for (2 s at most), is held only while the rows are written.

(Writing the rows while the guide was built too, holding the lock until the guide was in place,
was tried: on this machine the media files often take seconds to create, so the lock was held
that long, or, with a limit on the hold, the rows were rolled back and written twice.)
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.domain.imported_history import ImportedHistory
from studyguide.review.imported import ReplayedCard, replay
from studyguide.store.progress_import import import_history


class PendingHistory:
    """The history replayed on a thread of its own; written by ``commit`` (or never: ``abandon``)."""

    def __init__(self, progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> None:
        self._path, self._guide_id, self._history, self._now = progress_path, guide_id, history, now
        self._replayed: list[ReplayedCard] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._replay, name=f"history-{guide_id}", daemon=True,
                                        args=(desired_retention,))
        self._thread.start()

    def _replay(self, desired_retention: float) -> None:
        try:
            self._replayed = replay(self._history, guide_id=self._guide_id, desired_retention=desired_retention)
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread, raised by commit()
            self._error = error

    def commit(self) -> Changes:
        """The guide is in place: write its history (one transaction, a connection of its own).

        Raises:
            StoreUnavailable: The progress file could not be written; none of the history was.
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        import_history(self._path, guide_id=self._guide_id, cards=[(c.card_id, c.log, c.state, c.due)
                                                                  for c in self._replayed],
                       suspended=self._history.suspended, now=self._now)
        return Changes(progress=True, due_counts=True)

    def abandon(self) -> None:
        """The guide was not imported: wait for the replay and drop it (its error too: the import's is
        the one to report)."""
        self._thread.join()
        self._replayed = []
