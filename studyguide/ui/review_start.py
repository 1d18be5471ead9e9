"""Starts the Flashcards view's review sessions: a large guide's on the task runner, a small one's at once.

A session's first screen (its counts and the first page of its queue, ``review.begin``) is
read on the task runner for a guide of many cards, and the session is made on the UI thread
when the result signal arrives; the view says it is reading meanwhile. A guide of a few
hundred cards starts in well under a millisecond, so it starts at once and nothing flashes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from studyguide.domain.errors import StoreUnavailable

if TYPE_CHECKING:
    from studyguide.ui.services import ReviewServices
    from studyguide.ui.tasks import TaskRunner

#: Guides of at least this many cards start their sessions on the task runner.
START_OFF_THREAD_FROM = 2_000


class SessionStarter(QObject):
    """Starts sessions for one view; only the latest asked for is handed over.

    Signals:
        started(object): A session is ready (the ``ReviewSession``), on the UI thread.
        failed(str): It could not be read (a sentence to show).
        new_read_ahead(): The session's first page of new cards was read ahead and handed to it.

    Args:
        library: The open library.
        tasks: The task runner (one of its own when None).
    """

    started = Signal(object)
    failed = Signal(str)
    new_read_ahead = Signal()

    def __init__(self, *, library: ReviewServices, tasks: TaskRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        from studyguide.ui.tasks import TaskRunner

        self._library = library
        self._tasks = tasks or TaskRunner(self)
        #: Bumped by every start: a result for an older one is dropped.
        self._generation = 0
        #: Each guide's number of cards, counted once (counting a million takes milliseconds).
        self._sizes: dict[str, int] = {}
        #: True while a start runs on the task runner.
        self.pending = False
        #: Reads first screens on the task runner's thread only, keeping its read-only connection to
        #: the progress file (and so the due counts' per-guide caches) from one start to the next.
        self._screens = library.review.first_screens()

    @property
    def busy(self) -> bool:
        """True while a start (this one or one overtaken since) is still being read."""
        return self._tasks.busy

    def forget_sizes(self) -> None:
        """Count the guides' cards again (their content changed)."""
        self._sizes.clear()

    def start(self, guide_id: str, section_id: str | None, *, wait: bool = False) -> Any:
        """Start a session over a guide (or a section of it).

        Returns:
            The session if it was started at once (a small guide, or ``wait``), else None: then
            ``started`` brings it.
        """
        self._generation += 1
        content = self._library.content(guide_id)
        size = self._sizes.get(guide_id)
        if size is None:
            size = self._sizes[guide_id] = content.card_count()
        if wait or size < START_OFF_THREAD_FROM:
            self.pending = False
            return self._library.start_review(guide_id, section_id=section_id)
        generation = self._generation
        job = self._library.review.begin(guide_id, content, section_id=section_id, screens=self._screens)
        self.pending = True
        self._tasks.run(lambda _ctx: job(), on_done=lambda begun: self._begun(generation, guide_id, section_id, begun),
                        on_error=lambda error: self._failed(generation, error))
        return None

    def _begun(self, generation: int, guide_id: str, section_id: str | None, begun: object) -> None:
        if generation != self._generation:
            return  # another start was asked for since
        self.pending = False
        try:
            session = self._library.start_review(guide_id, section_id=section_id, begun=begun)
        except (StoreUnavailable, KeyError) as error:  # the guide went meanwhile, or its file cannot be read
            self.failed.emit(str(error) if isinstance(error, StoreUnavailable) else "This guide is no longer here.")
            return
        self.started.emit(session)
        self._read_new_ahead(generation, guide_id, section_id, session)

    def _read_new_ahead(self, generation: int, guide_id: str, section_id: str | None, session: Any) -> None:
        """Read the session's first page of new cards on the task runner, before its due cards run out:
        after a long run of studied cards it takes a second at a million cards, which the UI
        thread would otherwise spend when the last due card is answered."""
        queue_generation, limit = session.new_page_wanted()
        if not limit:
            return
        job = self._library.review.read_new_ahead(guide_id, self._library.content(guide_id), section_id=section_id,
                                                  limit=limit, screens=self._screens)

        def arrived(rows: Any) -> None:
            if generation == self._generation:
                session.offer_new_page(queue_generation, rows, limit)
                self.new_read_ahead.emit()

        self._tasks.run(lambda _ctx: job(), on_done=arrived, on_error=lambda error: self._failed(-1, error))

    def _failed(self, generation: int, error: BaseException) -> None:
        if not isinstance(error, StoreUnavailable):
            raise error  # a bug: the task runner hands it to the crash dialog
        if generation == self._generation:
            self.pending = False
            self.failed.emit(str(error))
