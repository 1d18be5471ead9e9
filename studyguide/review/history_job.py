"""An Anki package's history replayed while its guide's media files are created (``Library.install_guide``).

Replaying the answers through FSRS is Python work that needs nothing of the guide. Once the
guide's database is written, the import waits for its media files, which ``tar`` creates in a
process of its own (``store/media_writer.py``): the replay runs then (``build_with_media``'s
``meanwhile``), on the import's own thread, instead of after the guide is in place. The rows are
written once the guide is in place (``commit``), as before, in one transaction: a guide that was
not imported leaves no history, and the progress file's write lock, which the window's answers
wait for (2 s at most), is held only while they are written.

Tried first: replaying (and writing) on a thread of its own while the guide was built. A Python
thread beside the build makes the build's thread wait for the GIL after each of its many short
releases (every SQLite step, every hash of a media file over 2 KB): little was gained. Writing the
rows before the guide was in place held the write lock for as long as the media files took (seconds
on this machine), or, with a limit on the hold, wrote the rows twice.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from studyguide.domain.changes import Changes
from studyguide.domain.imported_history import ImportedHistory
from studyguide.review.imported import ReplayedCard, replay
from studyguide.store.progress_import import import_history


class PendingHistory:
    """One import's history: ``replay`` it while the media files are created, ``commit`` it once the
    guide is in place (replayed then, if it was not yet)."""

    def __init__(self, progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> None:
        self._path, self._guide_id, self._history, self._now = progress_path, guide_id, history, now
        self._retention = desired_retention
        self._replayed: list[ReplayedCard] | None = None

    def replay(self) -> None:
        """Replay the answers (nothing is written)."""
        self._replayed = replay(self._history, guide_id=self._guide_id, desired_retention=self._retention)

    def commit(self) -> Changes:
        """The guide is in place: write its history (one transaction, a connection of its own).

        Raises:
            StoreUnavailable: The progress file could not be written; none of the history was.
        """
        if self._replayed is None:
            self.replay()
        import_history(self._path, guide_id=self._guide_id, cards=[(c.card_id, c.log, c.state, c.due)
                                                                  for c in self._replayed or ()],
                       suspended=self._history.suspended, now=self._now)
        return Changes(progress=True, due_counts=True)
