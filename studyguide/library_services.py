"""``Library``'s services, each built (and its modules imported) the first time it is asked for.

A window shows its first guide with the guide's content alone: the review service (FSRS, the due
counter, settings, card edits), the statistics, the ranking index (tantivy) and the search engine
and card browser are about 90 ms of imports and set-up that the usable frame does not need. The
window builds its other views right after that frame, and they ask for the services then; the
command line and the API ask for them as they use them. Each is built on the thread that first
asks (the UI thread in the app, whose views ask first).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.domain.changes import Changes

if TYPE_CHECKING:
    from collections.abc import Mapping

    from studyguide.domain.imported_history import ImportedHistory
    from studyguide.domain.review import CardEdit
    from studyguide.review.service import ReviewService
    from studyguide.review.stats import StatsService
    from studyguide.search.cards import CardBrowser
    from studyguide.search.engine import SearchEngine
    from studyguide.store.content import ContentStore
    from studyguide.store.progress import ProgressStore
    from studyguide.store.ranking import RankingIndex


class Services:
    """The services of a ``Library`` (a base class: library.py is at its size limit), built when first used."""

    home: Path
    clock: Callable[[], datetime]
    progress: ProgressStore
    _guides: dict[str, ContentStore]
    _bundled_path: Path
    _fuzzing: bool = True
    _review: ReviewService | None = None
    _statistics: StatsService | None = None
    _ranking: RankingIndex | None = None
    _search: SearchEngine | None = None
    _cards: CardBrowser | None = None
    _guides_noted = False
    _ranking_lock = threading.Lock()

    @property
    def review(self) -> ReviewService:
        """Review sessions, due counts, settings and the learner's card edits."""
        if self._review is None:
            from studyguide.review.service import ReviewService
            from studyguide.store.card_edits import CardEditsStore
            from studyguide.store.settings import SettingsStore

            progress = self.progress
            self._review = ReviewService(
                progress=progress,
                edits=CardEditsStore(db=progress.database, path=progress.path),
                settings=SettingsStore(db=progress.database), clock=self.clock, enable_fuzzing=self._fuzzing)
        return self._review

    @property
    def statistics(self) -> StatsService:
        """Review statistics, on the review service's due counter."""
        if self._statistics is None:
            from studyguide.review.stats import StatsService
            from studyguide.store.statistics import StatisticsStore

            self._statistics = StatsService(statistics=StatisticsStore(due=self.review.due), clock=self.clock)
        return self._statistics

    @property
    def ranking(self) -> RankingIndex:
        """The ranking index over every guide (``search-index/``; thread-safe, rebuilt from SQLite)."""
        with self._ranking_lock:  # an import's worker may ask first
            if self._ranking is None:
                from studyguide.store.ranking import RANKING_FOLDER, RankingIndex

                self._ranking = RankingIndex(self.home / RANKING_FOLDER)
            return self._ranking

    @property
    def search(self) -> SearchEngine:
        """Search over the open guides (and the learner's card edits)."""
        if self._search is None:
            from studyguide.search.engine import SearchEngine

            self._note_guides()
            self._search = SearchEngine(guides=[(s.info, s.database) for s in self._guides.values()],
                                        edits=self.progress.path, clock=self.clock, ranking=self.ranking)
        return self._search

    @property
    def cards(self) -> CardBrowser:
        """The card browser over every guide."""
        if self._cards is None:
            from studyguide.search.cards import CardBrowser

            self._note_guides()
            self._cards = CardBrowser(guides=lambda: self._guides.values(), progress=self.progress, clock=self.clock,
                                      ranking=self.ranking)
        return self._cards

    def _renew_search(self) -> None:
        """The guides changed: the search engine is made again when next used; new guides are noted now."""
        if self._search is not None:
            self._search.close()
            self._search = None
        self._guides_noted = False
        self._note_guides()

    def _note_guides(self) -> None:
        """Record when the library first saw each open guide (its cards' Added time), once per set of guides."""
        from studyguide.store.integrity import unchecked

        if not self._guides_noted and not unchecked(self.progress.database.conn):  # (else once checked)
            from studyguide.store.card_added import note_guides

            note_guides(self.progress.database, list(self._guides), now=self.clock(),
                        bundled=next((g for g, s in self._guides.items() if s.path == self._bundled_path), None))
            self._guides_noted = True

    def replay_ahead(self, guide_id: str, history: ImportedHistory) -> None:
        """Start replaying a package's history for ``guide_id`` while the learner answers the import dialog
        (nothing is written; ``install_guide`` of the same history takes the rows: ``review.replay_ahead``)."""
        from studyguide.review.replay_ahead import replay_ahead

        replay_ahead(history, guide_id=guide_id)

    def copy_id(self, guide_id: str) -> str:
        """A new id for a copy of ``guide_id`` ("Keep Both" on import): one no guide here has (open,
        unopenable or in the trash) and the progress database never saw (``guides.guide_copy``; UI thread)."""
        from studyguide.guides.guide_copy import copy_id
        from studyguide.store.guide_ids import progress_knows

        files = {p.name.split("--")[0].removesuffix(".sqlite")
                 for folder in (self.home / "guides", self.home / "trash") if folder.is_dir()
                 for p in folder.glob("*.sqlite")}
        return copy_id(guide_id, lambda candidate: candidate in self._guides or candidate in files
                       or progress_knows(self.progress.database, candidate))

    def quizlet_reworded(self, guide_id: str, edits: Mapping[str, CardEdit], fmt: str = "txt") -> int:
        """How many cards a Quizlet export of the guide writes otherwise than they read (line breaks, tabs and
        pictures as plain text; 0 for a ``fmt`` other than Quizlet's ``txt``): the guide read again, as the
        export reads it (worker-thread safe)."""
        if fmt not in ("txt", "quizlet"):
            return 0
        from studyguide.guides.export import with_edits
        from studyguide.guides.guide_files import load_with_media
        from studyguide.guides.quizlet import to_text

        return to_text(with_edits(load_with_media(self._guides[guide_id].path), edits))[1]

    def newest_kept(self, guide_id: str) -> Path | None:
        """The newest copy of ``guide_id`` in the library's trash (right after an import replaced it: the
        copy it kept), or None."""
        found = sorted((self.home / "trash").glob(f"{guide_id}--*.sqlite"))
        return found[-1] if found else None

    def swap_kept(self, guide_id: str, kept: Path) -> tuple[Changes, Path]:
        """Undo (or redo) an import that replaced a user's guide: the guide in place goes to the trash, with its
        media, and its kept copy ``kept`` comes back (files only: worker-thread safe; ``reload_guides`` after).

        Returns:
            The changes, and where the guide that was in place is kept now (for the way back).
        """
        from studyguide.guides.guide_files import from_trash, to_trash

        dest, trash = self.home / "guides" / f"{guide_id}.sqlite", self.home / "trash"
        if not kept.is_file():
            raise FileNotFoundError(f"{kept.name} is no longer in the library's trash folder")
        now_kept = to_trash(dest, trash, self.clock().strftime("%Y%m%d-%H%M%S-%f"), copy=False,
                            what="the guide was not put back")
        from_trash(kept, dest)
        self.ranking.fill_later(guide_id, dest)
        return Changes(content=True, guides=True, search_index=True, due_counts=True), now_kept

    def check_progress(self) -> Changes:
        """Check the progress file's pages (``check_later``; its own read-only connection: worker-safe).

        Raises:
            DamagedDatabase: It is damaged: nothing was written to it, and nothing will be.
        """
        from studyguide.store.progress_check import check_progress_file

        check_progress_file(self.progress.path)
        return Changes()

    def progress_checked(self) -> None:
        """``check_progress`` passed (call on the UI thread): the progress file may be written."""
        from studyguide.store.integrity import allow_writes

        allow_writes(self.progress.database.conn)
        if self._review is not None:  # what the due counts found meanwhile is kept now
            self._review.due.kept.keep_found()
        self._note_guides()

    def _close_services(self) -> None:
        if self._ranking is not None:  # a guide still being indexed (``fill_later``) is finished first,
            self._ranking.wait_filled()
            self._ranking.close()  # and edits still being committed (``ranking_commit``)
        if self._search is not None:
            self._search.close()
