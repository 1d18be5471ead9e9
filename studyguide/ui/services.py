"""What the views need of the core, as Protocols: views are typed against these, not the store.

The concrete classes (``review.session.ReviewSession``, ...) satisfy them; the views never
import those modules, so nothing of the store reaches the UI even indirectly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from studyguide.domain.card_filter import CardRow, ReviewEntry
from studyguide.domain.changes import Changes
from studyguide.domain.custom_study import CustomStudy
from studyguide.domain.exam import ExamGoal, ExamReport
from studyguide.domain.guide import Card, Event, GuideInfo, Section
from studyguide.domain.optimization import Optimization
from studyguide.domain.review import CardEdit, DueCounts, ReviewSettings, SessionSummary
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating
from studyguide.search.results import SearchResult
from studyguide.ui.authoring_services import AuthoringLike as AuthoringLike  # the writes, re-exported


class CurrentCard(Protocol):
    """The card on screen and whether its answer is shown."""

    @property
    def card(self) -> Card: ...

    @property
    def phase(self) -> Phase: ...


class ReviewSessionLike(Protocol):
    """A review session over one guide's cards (``review.session.ReviewSession``)."""

    guide_id: str

    @property
    def current(self) -> CurrentCard | None: ...

    def reveal(self) -> bool: ...

    def answer(self, rating: Rating) -> Changes: ...

    def undo(self) -> tuple[Changes, str] | None: ...

    def bring_to_front(self, card_id: str) -> bool: ...

    def suspend_current(self) -> Changes: ...

    def edit_current(self, *, front: str, back: str) -> Changes: ...

    def reload(self) -> None: ...

    def counts(self) -> DueCounts: ...

    def intervals(self) -> dict[Rating, timedelta]: ...

    def summary(self) -> SessionSummary: ...

    def new_allowance(self) -> int: ...

    def new_held_back(self) -> int: ...


class GuideContent(Protocol):
    """Read access to one guide (``store.content.ContentStore``)."""

    info: GuideInfo
    path: Path

    def sections(self) -> list[Section]: ...

    def section(self, section_id: str) -> Section | None: ...

    def section_tags(self, section_id: str) -> tuple[str, ...]: ...

    def tag_names(self, limit: int = 1000) -> tuple[str, ...]: ...

    def section_titles(self) -> list[tuple[str, str]]: ...

    def section_titles_page(self, after: Any, limit: int) -> list[tuple[str, str, Any]]: ...

    def cards(self, section_id: str | None = None) -> list[Card]: ...

    def events(self, section_id: str | None = None) -> list[Event]: ...

    def card_count(self) -> int: ...


class ReviewLimits(Protocol):
    """Today's new-card limits of a guide (``review.service.ReviewService``)."""

    def new_allowance(self, guide_id: str) -> int: ...

    def new_limit_today(self, guide_id: str) -> int: ...

    # guide: the library's content of that guide (``store.content.ContentStore``)
    def sections_to_reread(self, guide_id: str, guide: Any) -> dict[str, int]: ...

    def section_lapses(self, guide_id: str, guide: Any, section_id: str) -> int | None: ...

    def exam_goal(self, guide_id: str) -> ExamGoal | None: ...

    # guide: its content, or its file (Path) for a job on the task runner
    def exam_report(self, guide_id: str, guide: Any, goal: ExamGoal | None = None) -> ExamReport | None: ...


class ReviewServiceLike(ReviewLimits, Protocol):
    """Review settings, today's limits and the learner's card edits (``review.service.ReviewService``)."""

    @property
    def settings(self) -> ReviewSettings: ...

    def save_settings(self, settings: ReviewSettings) -> Changes: ...

    def optimize(self, guide_id: str | None = None, *, progress: Any = None, cancelled: Any = None,
                 ) -> Optimization: ...

    def suspend(self, guide_id: str, card_id: str) -> Changes: ...

    def set_suspended_cards(self, keys: Sequence[tuple[str, str]], *, suspended: bool) -> Changes: ...

    def unsuspend(self, guide_id: str, card_id: str) -> Changes: ...

    def set_card_text(self, guide_id: str, card_id: str, *, front: str, back: str) -> Changes: ...

    def study_more_new(self, guide_id: str, count: int) -> Changes: ...

    def guide_parameters(self, guide_id: str) -> tuple[float, ...] | None: ...

    def drill_counts(self, guide_id: str, guide: Any) -> DueCounts: ...

    def set_guide_parameters(self, guide_id: str, parameters: tuple[float, ...] | None) -> Changes: ...

    def set_exam_goal(self, guide_id: str, goal: ExamGoal | None) -> Changes: ...

    # guide: the library's content of that guide (``store.content.ContentStore``)
    def start_custom(self, guide_id: str, guide: Any, study: CustomStudy, *,
                     found: Sequence[str] = ()) -> ReviewSessionLike: ...

    def changed_elsewhere(self) -> bool: ...

    def first_screens(self) -> Any: ...  # a reader for one worker thread

    def read_new_ahead(self, guide_id: str, guide: Any, *, section_id: str | None, limit: int,
                       screens: Any) -> Callable[[], Any]: ...

    def begin(self, guide_id: str, guide: Any, *, section_id: str | None = None,
              screens: Any = None) -> Callable[[], Any]: ...

    def start_when_drills(self, guide_id: str, guide: Any) -> ReviewSessionLike: ...  # guide: its content

    def start_order_drills(self, guide_id: str, guide: Any) -> ReviewSessionLike: ...


class CardListLike(Protocol):
    """Cards a browser search found (``search.cards.CardList``)."""

    @property
    def keys(self) -> Sequence[tuple[str, str]]: ...

    @property
    def problems(self) -> Sequence[str]: ...


class CardFinderLike(Protocol):
    """``CardBrowserLike.find`` for a worker thread (``search.cards.CardFinder``)."""

    def find(self, text: str, *, guide_id: str | None = None, sort: str | None = None,
             descending: bool = False) -> CardListLike: ...


class CardBrowserLike(Protocol):
    """Every card with its state, found and sorted (``search.cards.CardBrowser``)."""

    def guides(self) -> list[GuideInfo]: ...

    def find(self, text: str, *, guide_id: str | None = None, sort: str | None = None,
             descending: bool = False) -> CardListLike: ...

    def finder(self) -> CardFinderLike: ...

    def rows(self, keys: Sequence[tuple[str, str]]) -> list[CardRow]: ...

    def history(self, guide_id: str, card_id: str) -> list[ReviewEntry]: ...

    def forget(self, keys: Sequence[tuple[str, str]]) -> tuple[Changes, Any]: ...

    def set_due(self, keys: Sequence[tuple[str, str]], days: int) -> tuple[Changes, Any]: ...

    def restore(self, keys: Sequence[tuple[str, str]], rows: Any) -> tuple[Changes, Any]: ...

    def curve(self, entries: Sequence[ReviewEntry], *, points: int = 80) -> list[tuple[datetime, float]]: ...


class SearchServiceLike(Protocol):
    """Full-text search over every guide (``search.engine.SearchEngine``)."""

    def search(self, text: str, *, limit: int = 50, suggest: bool = True, correct: bool = False,
               as_you_type: bool = False) -> SearchResult: ...


class MediaFolder(Protocol):
    """A guide's images and sounds (``store.media.GuideMedia``)."""

    def path(self, name: str) -> Path | None: ...

    def add(self, data: bytes, name_hint: str = "") -> str: ...

    def add_file(self, path: Path, name_hint: str | None = None) -> str: ...

    def names(self) -> list[str]: ...


# What each view may ask of the library: each view is typed with its own narrow Protocol, so it
# can reach nothing else (``Library`` satisfies them all; only the main window holds it whole).


class GuideReading(Protocol):
    """The guides and what they hold: what the editors of a user's guide read (section, event and
    card editing, the reader's actions, Add Card)."""

    def guides(self) -> list[GuideInfo]: ...

    def content(self, guide_id: str) -> GuideContent: ...

    def media(self, guide_id: str) -> MediaFolder: ...

    def is_user_guide(self, guide_id: str) -> bool: ...


class TimelineServices(Protocol):
    """What the Timeline view reads: a guide's events."""

    def media(self, guide_id: str) -> MediaFolder: ...  # the images it shows

    def content(self, guide_id: str) -> GuideContent: ...


class ReaderServices(Protocol):
    """What the Sections view (the reader) reads: sections, and the cards waiting in each."""

    def media(self, guide_id: str) -> MediaFolder: ...  # the images it shows

    @property
    def review(self) -> ReviewLimits: ...

    def content(self, guide_id: str) -> GuideContent: ...

    def section_due_counts(self, guide_id: str) -> dict[str, DueCounts]: ...  # on the task runner


class ReviewServices(Protocol):
    """What the Flashcards view needs: sessions, cards as the learner wrote them, review settings,
    and search (custom study of a tag or a search)."""

    clock: Callable[[], datetime]

    @property
    def search(self) -> SearchServiceLike: ...

    @property
    def review(self) -> ReviewServiceLike: ...

    def content(self, guide_id: str) -> GuideContent: ...

    def start_review(self, guide_id: str, *, section_id: str | None = None,
                     begun: Any = None) -> ReviewSessionLike: ...

    def media(self, guide_id: str) -> MediaFolder: ...  # the images on the cards

    def card(self, guide_id: str, card_id: str) -> Card | None: ...


class SearchServices(Protocol):
    """What the Search view needs: the search engine."""

    @property
    def search(self) -> SearchServiceLike: ...


class BrowserServices(Protocol):
    """What the card browser needs: the cards, suspending them, the guides' sections (to move cards
    to), and the library folder (its settings)."""

    home: Path

    def content(self, guide_id: str) -> GuideContent: ...

    def is_user_guide(self, guide_id: str) -> bool: ...

    @property
    def cards(self) -> CardBrowserLike: ...

    @property
    def review(self) -> ReviewServiceLike: ...


class StatsServices(Protocol):
    """What the Stats view reads: the report (on the task runner) and the cards waiting now."""

    def stats(self, guide_id: str) -> Any: ...  # a review.stats.StatsReport

    def due_counts(self, guide_id: str) -> DueCounts: ...


class ReviewMenuServices(Protocol):
    """What the Review menu and the due-count label need: settings, suspensions, backups, counts."""

    @property
    def review(self) -> ReviewServiceLike: ...

    def guides(self) -> list[GuideInfo]: ...

    def due_counts(self, guide_id: str) -> DueCounts: ...

    def due_today(self, guide_id: str) -> int: ...

    def suspended_cards(self, guide_id: str | None = None) -> list[tuple[str, Card]]: ...

    def backups(self) -> Sequence[Any]: ...  # store.backups.BackupInfo: path, label()

    def backup_now(self, *, kind: str = "manual") -> Changes: ...

    def copy_backup_in(self, path: Path) -> Changes: ...

    def finish_restore(self) -> Changes: ...

    def content(self, guide_id: str) -> GuideContent: ...  # its events, for the timeline drills


class DrillServices(Protocol):
    """What the timeline drills need: the guide's events and sections, and drill sessions."""

    @property
    def review(self) -> ReviewServiceLike: ...

    def content(self, guide_id: str) -> GuideContent: ...


class GuideManagement(GuideReading, Protocol):
    """What the guide actions need: import, export, rename and delete guides."""

    def card_edits(self, guide_id: str) -> dict[str, CardEdit]: ...

    def read_file(self, path: Path, *, progress: Any = None, cancelled: Any = None, quizlet: bool = False,
                  stage: bool = False) -> Any: ...

    def export_guide(self, guide_id: str, fmt: str, dest: Path, *, edits: dict[str, CardEdit],
                     with_history: bool = False) -> Path: ...

    def install_guide(self, guide: Any, *, replace: bool = False, source_sha256: str = "",
                      history: Any = None, staged: Any = None, say: Any = None) -> Changes: ...

    def replay_ahead(self, guide_id: str, history: Any) -> None: ...  # while the Anki dialog is answered

    def copy_id(self, guide_id: str) -> str: ...  # a free id for "Keep Both"

    def newest_kept(self, guide_id: str) -> Path | None: ...  # a replaced guide's copy in the trash

    def swap_kept(self, guide_id: str, kept: Path) -> tuple[Changes, Path]: ...  # worker thread; Undo Replace

    def install_table(self, path: Path, *, replace: bool = False, progress: Any = None,
                      cancelled: Any = None, copy_id: str | None = None) -> Any: ...

    def reload_guides(self) -> Changes: ...

    def write_title(self, guide_id: str, title: str) -> Changes: ...  # worker thread; then reopen_guide

    def reopen_guide(self, guide_id: str) -> Changes: ...

    def trash_guide(self, guide_id: str) -> Changes: ...  # worker thread; then reload_guides

    def untrash_guide(self, guide_id: str) -> Changes: ...  # worker thread; then reload_guides


class LibraryServices(GuideManagement, TimelineServices, ReaderServices, ReviewServices, SearchServices,
                      StatsServices, ReviewMenuServices, BrowserServices, Protocol):
    """The whole library (``library.Library``), for the main window only: it hands each view the
    narrow part it needs.

    Reads return domain values; every write returns ``Changes`` and is run by the window's
    ``OperationRunner``. Nothing here hands out a store or a connection.
    """

    home: Path
    problems: list[str]

    @property
    def review(self) -> ReviewServiceLike: ...
