"""A review session's first screen, read off the UI thread: its counts and the first page of its queue.

The Flashcards view starts a session over a large guide on the task runner: ``FirstScreens``
reads what the first screen needs through connections of its own, and the session is then
made on the UI thread from that (``ReviewSession(begun=...)``), reading nothing more than
the first card's text. The reader keeps its connections (and so its due counter's per-guide
caches: a guide's strays and number of cards) from one start to the next.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studyguide.review.queue import CardQueue, QueueState
from studyguide.store.content import ContentStore
from studyguide.store.due import DueCounter
from studyguide.store.review_queue import QueuePages, read_only_counter


@dataclass(frozen=True, slots=True)
class Begun:
    """What a session starts from: when it was loaded, its counts, and its queue's first page.

    Attributes:
        guide_id: The guide.
        section_id: Only this section's cards (None: the whole guide).
        loaded_at: Cards due at or before this are waiting.
        tally: The waiting (new within today's limit, learning, review) counts.
        queue: The queue with its first page read.
    """

    guide_id: str
    section_id: str | None
    loaded_at: datetime
    tally: tuple[int, int, int]
    queue: QueueState


class FirstScreens:
    """Reads sessions' first screens on one worker thread.

    It keeps its read-only connection to the progress file (and so the due counter's per-guide
    caches: a guide's strays and number of cards, found again only when either file changed)
    from one start to the next; each guide is opened for the read and closed after.

    Args:
        progress: The progress database (opened read-only).
    """

    def __init__(self, progress: Path) -> None:
        self._progress = progress
        #: The counter and the identity of the file it reads (a restored backup replaces the file).
        self._counter: tuple[tuple[int, int], DueCounter] | None = None

    def read(self, *, guide: Path, guide_id: str, section_id: str | None, now: datetime,
             new_allowance: int) -> Begun:
        """Count a session's waiting cards and read its first page.

        Args:
            guide: The guide's database.
            guide_id: The guide.
            section_id: Only this section's cards (None: every card).
            now: Cards due at or before this are waiting.
            new_allowance: How many new cards may still be introduced today.

        Raises:
            StoreUnavailable: A database cannot be read (the guide was deleted meanwhile, a disk error).
        """
        counter = self._counted_on()
        content = ContentStore(path=guide)
        try:
            new, learning, review = counter.waiting(guide_id, guide=content, now=now, section_id=section_id)
            pages = QueuePages(counter=counter, guide_id=guide_id, guide=content, now=now, section_id=section_id)
            queue = CardQueue(pages, new_left=new_allowance)
            queue.first()
        finally:
            content.close()
        return Begun(guide_id, section_id, now, (min(new, new_allowance), learning, review), queue.state())

    def first_new(self, *, guide: Path, guide_id: str, section_id: str | None, limit: int,
                  now: datetime) -> list[tuple[str, tuple[object, ...]]]:
        """The first ``limit`` new cards of a session's scope in guide order (read ahead: finding them
        reads every studied card before them)."""
        counter = self._counted_on()
        content = ContentStore(path=guide)
        try:
            pages = QueuePages(counter=counter, guide_id=guide_id, guide=content, now=now, section_id=section_id)
            return pages.new(None, limit)
        finally:
            content.close()

    def _counted_on(self) -> DueCounter:
        try:
            status = os.stat(self._progress)
            identity = (status.st_ino, status.st_dev)
        except OSError:
            identity = (0, 0)  # opening it says what is wrong
        if self._counter is not None and self._counter[0] != identity:
            self.close()
        if self._counter is None:
            self._counter = (identity, read_only_counter(self._progress))
        return self._counter[1]

    def close(self) -> None:
        """Close its connection (on the thread that read with it)."""
        if self._counter is not None:
            self._counter[1].database.close()
            self._counter = None


def begin_session(*, progress: Path, guide: Path, guide_id: str, section_id: str | None, now: datetime,
                  new_allowance: int, screens: FirstScreens | None = None) -> Begun:
    """``FirstScreens.read`` with ``screens`` (kept open), or with a reader of its own closed after."""
    reader = screens or FirstScreens(progress)
    try:
        return reader.read(guide=guide, guide_id=guide_id, section_id=section_id, now=now,
                           new_allowance=new_allowance)
    finally:
        if screens is None:
            reader.close()
