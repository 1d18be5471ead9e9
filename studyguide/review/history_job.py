"""An Anki package's history replayed and written beside the building of its guide (``Library.install_guide``).

Once the guide's media files are being created (by ``tar`` in a process of its own,
``store/media_writer.py``, or already while the package was read), the answers are replayed through
FSRS (Python work that needs nothing of the guide), then written in one transaction on a thread of
their own (``write_early``) while the guide's database is built, its media files finish and it is
published; ``commit`` waits for that write and adds the suspensions. The progress file's write lock,
which the window's answers wait for (2 s at most), is held only while the rows are written. A guide
that is then not imported (a full disk, a bad file) has them taken back (``undo``).

The write runs beside Python work (the build) and holds the GIL only between statements: the log
rows (and the card states) go 1,024 to a statement (``progress_import``), so its thread asks for the
GIL about 60 times for 50,000 answers rather than 50,000 times.

Tried before, and why it changed: in session 7 the rows were written one to a statement, and a
write beside the build made the build's thread wait for the GIL after each of its many short
releases (1.96-2.03 s against 1.84-2.0 s); they were then replayed while the media files were
created and written after the build (or, if the files were still being created, meanwhile). With
32 rows a statement (session 8), writing beside the build measured faster (see docs/anki-import.md).
Writing the rows in a transaction left open until the guide was in place held the write lock for
as long as the media files took (seconds on this machine), or, with a limit on the hold, wrote the
rows twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.imported_history import ImportedHistory
from studyguide.domain.stats import plural
from studyguide.review.imported import replay_rows
from studyguide.review.replay_ahead import REPLAY_RETENTION, taken
from studyguide.store.progress_import import (
    HistoryRows,
    Written,
    import_history,
    mark_suspended,
    remove_history,
    write_history,
)


class PendingHistory:
    """One import's history: ``write_early`` replays it and starts writing it while the guide is built,
    ``commit`` waits for that once the guide is in place (or, without ``write_early``, replays and
    writes it then)."""

    def __init__(self, progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = REPLAY_RETENTION, say: Callable[[str], object] | None = None) -> None:
        """``say``: told when the import waits on the history (its replay, or the end of its write)."""
        self._path, self._guide_id, self._history, self._now = progress_path, guide_id, history, now
        self._say = say
        self._retention = desired_retention
        self._replayed: HistoryRows | None = None
        self._written: Written | None = None
        self._writer: threading.Thread | None = None
        self._failed: BaseException | None = None

    def replay(self) -> None:
        """Replay the answers (nothing is written), or take those the window replayed while its dialog
        was answered (``review.replay_ahead``)."""
        self._replayed = taken(self._history, guide_id=self._guide_id, desired_retention=self._retention) \
            or replay_rows(self._history, guide_id=self._guide_id, desired_retention=self._retention)

    def write_early(self) -> None:
        """Replay the answers (if not yet), then start writing them and the card states (one
        transaction) on a thread of its own: the guide may be built, published and its ranking index
        filled meanwhile. ``undo`` takes them back if the guide is then not imported, ``commit`` adds
        the suspensions once it is; both wait for the write first."""
        if self._replayed is None:
            self._tell("Scheduling the cards from {}\u2026")
            self.replay()
        cards = self._replayed or HistoryRows([], [])

        def write() -> None:
            try:
                self._written = write_history(self._path, guide_id=self._guide_id, cards=cards)
            except BaseException as error:  # noqa: BLE001 - handed to the thread that waits for it (_wait)
                self._failed = error

        self._writer = threading.Thread(target=write, name="history-early")
        self._writer.start()

    def _tell(self, text: str) -> None:
        if self._say is not None:
            self._say(text.format(plural(len(self._history.reviews), "answer")))

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
        if self._writer is None or self._writer.is_alive():
            self._tell("Saving {} of review history\u2026")
        self._wait()
        if self._written is not None:
            mark_suspended(self._path, guide_id=self._guide_id, suspended=self._history.suspended, now=self._now)
            return Changes(progress=True, due_counts=True)
        if self._replayed is None:
            self.replay()
        import_history(self._path, guide_id=self._guide_id, cards=self._replayed or HistoryRows([], []),
                       suspended=self._history.suspended, now=self._now)
        return Changes(progress=True, due_counts=True)
