"""An Anki package's history saved while its guide is built (``Library.install_guide``).

Replaying the answers is Python work; writing them is mostly SQLite's, which runs without the
GIL. Done on a thread of its own, both overlap with building the guide and writing its media
files, instead of following them. The history's transaction is committed only once the guide
is in place (``commit``), and rolled back if it never is (``abandon``): as before, a guide that
was not imported leaves no history, and history never belongs to a guide that is not there.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from studyguide.domain.changes import Changes
from studyguide.domain.imported_history import ImportedHistory
from studyguide.review.imported import save_history


class _NotImported(Exception):
    """The guide was not imported: the history's transaction is rolled back."""


class PendingHistory:
    """``save_history`` on a thread of its own, its commit held until ``commit`` (or never: ``abandon``).

    The write lock on the progress file is taken once the replay is done, and held until then.
    """

    def __init__(self, progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> None:
        self._decided = threading.Event()
        self._keep = False
        self._error: BaseException | None = None
        self._changes = Changes()
        self._thread = threading.Thread(target=self._save, name=f"history-{guide_id}", daemon=True, kwargs={
            "progress_path": progress_path, "guide_id": guide_id, "history": history, "now": now,
            "desired_retention": desired_retention})
        self._thread.start()

    def _save(self, **arguments: Any) -> None:
        try:
            self._changes = save_history(**arguments, before_commit=self._wait)
        except _NotImported:
            pass
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread, raised by commit()
            self._error = error

    def _wait(self) -> None:
        self._decided.wait()
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
        return self._changes

    def abandon(self) -> None:
        """The guide was not imported: roll the history back (or never write it) and wait for that.
        An error of the history's own is dropped: the import's error is the one to report."""
        self._decided.set()
        self._thread.join()
