"""Guides being indexed for ranking on threads of their own, after their import returned (issue 18).

An import writes the guide's database and returns: the guide can be read and studied at once.
Its documents go into the ranking index on a thread of its own (``RankingIndex.fill_later``);
a search that needs that guide waits for the fill to end (``RankingIndex.sync`` calls ``wait``),
so no search ever sees the guide half indexed or missing. Closing the library waits too.

A fill that fails (the guide's file was deleted or replaced meanwhile) leaves the guide stale,
and the next search's ``sync`` indexes it from its file as it then is, as for any guide whose
file changed. A guide replaced while it was being indexed (another import of it) is indexed
again at the next search: the stamp may otherwise give the new file the old file's rows.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


class Fills:
    """The fills under way, by guide id (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, list[threading.Thread]] = {}
        #: The last error a fill ended with (the next ``sync`` indexes that guide instead).
        self.failed: BaseException | None = None

    def start(self, guide_id: str, fill: Callable[[], None]) -> None:
        """Run ``fill`` on a thread of its own; ``wait`` for ``guide_id`` waits until it ends."""

        def run() -> None:
            try:
                fill()
            except (sqlite3.Error, OSError) as error:  # the file went away: the next sync indexes it
                self.failed = error
            finally:
                with self._lock:
                    threads = self._running.get(guide_id, [])
                    if thread in threads:
                        threads.remove(thread)
                    if not threads:
                        self._running.pop(guide_id, None)

        thread = threading.Thread(target=run, name=f"ranking-fill-{guide_id}")
        with self._lock:
            self._running.setdefault(guide_id, []).append(thread)
        thread.start()

    def wait(self, guide_ids: Iterable[str] | None = None) -> None:
        """Wait until the fills of ``guide_ids`` (None: all) have ended. A fill waits for none: two fills
        of one guide (imported twice in a row) would wait for each other; the index's lock orders them."""
        with self._lock:
            if any(threading.current_thread() in ts for ts in self._running.values()):
                return
            wanted = self._running if guide_ids is None else {g: self._running[g] for g in guide_ids
                                                                if g in self._running}
            threads = [t for ts in wanted.values() for t in ts if t is not threading.current_thread()]
        for thread in threads:
            thread.join()

    def pending(self, guide_id: str) -> bool:
        """True while a fill of ``guide_id`` is under way."""
        with self._lock:
            return guide_id in self._running


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` is (device, inode; None: none): an atomic replace gives it another."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino
