"""An Anki package's history replayed while its guide's media files are created (``Library.install_guide``).

Replaying the answers through FSRS is Python work that needs nothing of the guide. Once the
guide's database is written, the import waits for its media files, which ``tar`` creates in a
process of its own (``store/media_writer.py``): the replay runs then (``build_with_media``'s
``meanwhile``), on the import's own thread, instead of after the guide is in place.

The rows are written in one transaction. If the media files are still being created once the
replay is done (``write_early``: 2,000 files took 0.1-1.7 s on this machine), they are written
then, while the import would otherwise only wait, on a thread of its own (SQLite's work, mostly
without the GIL), so that the guide is published and its ranking index filled (0.2 s here) as soon
as the media files are written, not after the rows. The progress file's write lock, which the
window's answers wait for (2 s at most), is held only while they are written, as after. A guide
that is then not imported (a full disk, a bad file) has them taken back (``undo``); its
suspensions are written once it is in place (``commit``). Else they are all written once the guide
is in place (``commit``), beside its ranking index being filled.

Tried first: replaying (and writing) on a thread of its own while the guide was built. A Python
thread beside the build makes the build's thread wait for the GIL after each of its many short
releases (every SQLite step, every hash of a media file over 2 KB): little was gained (again this
session: the early write's thread started before the build ended no sooner, 1.96-2.03 s against
1.84-2.0 s, its 50,000 inserts each waiting for the GIL the build held). Writing the
rows in a transaction left open until the guide was in place held the write lock for as long as
the media files took (seconds on this machine), or, with a limit on the hold, wrote the rows twice.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.imported_history import ImportedHistory
from studyguide.review.imported import replay_rows
from studyguide.store.progress_import import (
    HistoryRows,
    Written,
    import_history,
    mark_suspended,
    remove_history,
    write_history,
)


class PendingHistory:
    """One import's history: ``replay`` it while the media files are created, ``commit`` it once the
    guide is in place (replayed then, if it was not yet)."""

    def __init__(self, progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> None:
        self._path, self._guide_id, self._history, self._now = progress_path, guide_id, history, now
        self._retention = desired_retention
        self._replayed: HistoryRows | None = None
        self._written: Written | None = None
        self._writer: threading.Thread | None = None
        self._failed: BaseException | None = None

    def replay(self) -> None:
        """Replay the answers (nothing is written)."""
        self._replayed = replay_rows(self._history, guide_id=self._guide_id, desired_retention=self._retention)

    def write_early(self) -> None:
        """Start writing the answers and states, before the guide is in place (one transaction), on a
        thread of its own: the guide may be published and its ranking index filled meanwhile (the
        write is SQLite's work, mostly without the GIL). ``undo`` takes them back if the guide is then
        not imported, ``commit`` adds the suspensions once it is; both wait for the write first."""
        if self._replayed is None:
            self.replay()
        cards = self._replayed or HistoryRows([], [])

        def write() -> None:
            try:
                self._written = write_history(self._path, guide_id=self._guide_id, cards=cards)
            except BaseException as error:  # noqa: BLE001 - handed to the thread that waits for it (_wait)
                self._failed = error

        self._writer = threading.Thread(target=write, name="history-early")
        self._writer.start()

    def undo(self) -> None:
        """The guide was not imported: take back what ``write_early`` wrote (nothing if it did not)."""
        try:
            self._wait()
        except StoreUnavailable:  # the write failed: nothing of it was written
            return
        if self._written is not None:
            remove_history(self._path, guide_id=self._guide_id, written=self._written)
            self._written = None

    def _wait(self) -> None:
        """Wait for ``write_early``'s thread, if any; what it raised is raised here."""
        if self._writer is not None:
            self._writer.join()
            self._writer = None
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed

    def commit(self) -> Changes:
        """The guide is in place: write its history (one transaction, a connection of its own), or,
        written early, its suspensions.

        Raises:
            StoreUnavailable: The progress file could not be written; none of the history was
                (written early: none of the suspensions; or the early write failed).
        """
        self._wait()
        if self._written is not None:
            mark_suspended(self._path, guide_id=self._guide_id, suspended=self._history.suspended, now=self._now)
            return Changes(progress=True, due_counts=True)
        if self._replayed is None:
            self.replay()
        import_history(self._path, guide_id=self._guide_id, cards=self._replayed or HistoryRows([], []),
                       suspended=self._history.suspended, now=self._now)
        return Changes(progress=True, due_counts=True)
