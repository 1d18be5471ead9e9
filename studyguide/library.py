"""The user's library: opens the guide and progress stores and builds services on them.

No business logic lives here: it wires stores to the services the UI and
the command line call, and closes them again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from studyguide.domain.guide import GuideInfo
from studyguide.review.scheduler import Scheduler
from studyguide.review.session import ReviewSession
from studyguide.search.engine import SearchEngine
from studyguide.store.content import ContentStore
from studyguide.store.errors import StoreUnavailable
from studyguide.store.progress import ProgressStore


class Library:
    """Everything one user has: guides (the bundled one first) and progress.

    Args:
        home: The library folder (created if missing).
        bundled_guide: The shipped guide database (opened read-only).
        clock: Returns the current timezone-aware UTC time.
        scheduler: FSRS adapter; a default one if not given.

    Raises:
        StoreUnavailable: If the progress database cannot be opened safely.
    """

    def __init__(self, *, home: Path, bundled_guide: Path, clock: Callable[[], datetime],
                 scheduler: Scheduler | None = None) -> None:
        self.home = home
        self.clock = clock
        self.problems: list[str] = []
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(f"The library folder {home} cannot be created: {error.strerror}.") from error
        self.progress = ProgressStore(path=home / "progress.sqlite", backups=home / "backups")
        self._scheduler = scheduler or Scheduler()
        self._guides: dict[str, ContentStore] = {}
        for path in [bundled_guide, *sorted((home / "guides").glob("*.sqlite"))]:
            try:
                store = ContentStore(path=path)
            except StoreUnavailable as error:
                self.problems.append(str(error))
                continue
            self._guides.setdefault(store.info.id, store)
        self.search = SearchEngine(guides=[(s.info, s.database) for s in self._guides.values()])

    def guides(self) -> list[GuideInfo]:
        """The guides in the library, the bundled guide first."""
        return [store.info for store in self._guides.values()]

    def content(self, guide_id: str) -> ContentStore:
        """Read access to one guide's sections, cards and events.

        Raises:
            KeyError: If no guide has that id.
        """
        return self._guides[guide_id]

    def start_review(self, guide_id: str, *, section_id: str | None = None) -> ReviewSession:
        """A review session over a guide's cards (or one section's)."""
        return ReviewSession(
            guide_id=guide_id,
            cards=self.content(guide_id).cards(section_id),
            progress=self.progress,
            scheduler=self._scheduler,
            clock=self.clock,
        )

    def close(self) -> None:
        """Close every database."""
        for store in self._guides.values():
            store.close()
        self.progress.close()
