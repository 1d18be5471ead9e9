"""The user's library: opens the guide and progress stores and builds services on them.

No business logic lives here: it wires stores to the services the UI and the command line call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.collector import collector_paused
from studyguide.domain.changes import Changes
from studyguide.domain.errors import DuplicateGuideError
from studyguide.domain.guide import Card, Guide, GuideInfo
from studyguide.domain.review import CardEdit, DueCounts
from studyguide.guides.files import remove_leftovers
from studyguide.library_services import Services
from studyguide.library_tables import TableImports
from studyguide.store.content import ContentStore
from studyguide.store.errors import StoreUnavailable
from studyguide.store.media import GuideMedia, StagedMedia, discard, remove_staged_leftovers
from studyguide.store.progress import ProgressStore
from studyguide.store.ranking_leftovers import RANKING_FOLDER, remove_index_leftovers
from studyguide.store.schema import migrate_progress

if TYPE_CHECKING:  # imported where used: none of these is on the way to a usable window
    from studyguide.domain.imported_history import ImportedHistory
    from studyguide.domain.study_history import StudyHistory
    from studyguide.guides.importing import ImportResult
    from studyguide.guides.tabular import Cancelled, Progress
    from studyguide.review.service import Begun
    from studyguide.review.session import ReviewSession as Session
    from studyguide.review.stats import StatsReport
    from studyguide.store.backups import BackupInfo

_NOT_IMPORTED = "the guide was not imported"


def _backup_files():  # ``store.backups``, imported when first used (opening a library needs none of it)
    from studyguide.store import backups
    return backups


class Library(Services, TableImports):
    """Everything one user has: guides (the bundled one first) and progress.

    Args:
        home: The library folder (created if missing).
        bundled_guide: The shipped guide database (opened read-only).
        clock: Returns the current timezone-aware UTC time.
        enable_fuzzing: Spread due dates a little (off in tests that check exact dates).
        check_later: Leave the progress file's integrity check to ``check_progress`` (the window runs it
            after its first usable frame); nothing is written to the file before it passes.

    Raises:
        StoreUnavailable: If the progress database cannot be opened safely.
    """

    def __init__(self, *, home: Path, bundled_guide: Path, clock: Callable[[], datetime],
                 enable_fuzzing: bool = True, check_later: bool = False) -> None:
        self.home = home
        self.clock = clock
        self.problems: list[str] = []
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(f"The library folder {home} cannot be created: {error.strerror}.") from error
        self.progress = ProgressStore(path=home / "progress.sqlite", backups=home / "backups", check=not check_later)
        self._fuzzing = enable_fuzzing  # the services (review, search, ...) are built when first used
        self._guides: dict[str, ContentStore] = {}
        #: Where each guide deleted here was kept (in ``trash/``), for ``restore_guide``.
        self._deleted: dict[str, Path] = {}
        remove_leftovers(self.guides_folder)  # what a killed import left
        remove_leftovers(home / "trash")  # a replace killed while it kept the old guide there
        remove_staged_leftovers(self.guides_folder)  # media folders a killed import was filling
        remove_index_leftovers(home / RANKING_FOLDER)  # a commit of the search index killed half-way
        for path in [bundled_guide, *sorted((home / "guides").glob("*.sqlite"))]:
            try:
                store = ContentStore(path=path)
            except StoreUnavailable as error:
                self.problems.append(str(error))
                continue
            self._keep(store)
        self._bundled_path = bundled_guide
        self._note_guides()  # when the library first saw each guide (a checked file only: else once checked)

    def _keep(self, store: ContentStore) -> None:
        """Add an opened guide: the first of an id wins, but a user's editable copy of the bundled
        guide (same id, see docs/storage.md) takes the bundled guide's place."""
        old = self._guides.get(store.info.id)
        if old is not None and (old.path.parent == self.guides_folder or store.path.parent != self.guides_folder):
            store.close()
            return
        if old is not None:
            old.close()
        self._guides[store.info.id] = store

    def guides(self) -> list[GuideInfo]:
        """The guides in the library, the bundled guide first."""
        return [store.info for store in self._guides.values()]

    def content(self, guide_id: str) -> ContentStore:
        """Read access to one guide's sections, cards and events (KeyError if no guide has that id)."""
        return self._guides[guide_id]

    def media(self, guide_id: str) -> GuideMedia:
        """A guide's images and sounds (its ``<id>.media`` folder beside its database); KeyError if none."""
        return GuideMedia.of_guide(self._guides[guide_id].path)

    def start_review(self, guide_id: str, *, section_id: str | None = None, begun: Begun | None = None) -> Session:
        """A review session over a guide's cards (or one section's), from ``review.begin``'s job if given."""
        return self.review.start(guide_id, self.content(guide_id), section_id=section_id, begun=begun)

    def card(self, guide_id: str, card_id: str) -> Card | None:
        """One card as the learner sees it (their edits applied), or None."""
        card = self.content(guide_id).card(card_id)
        return None if card is None else self.review.as_edited(guide_id, card)

    def due_counts(self, guide_id: str) -> DueCounts:
        """Cards of a guide waiting now (new within today's limit, learning, review), as its sessions count."""
        return self.review.due_counts(guide_id, self.content(guide_id))

    def due_today(self, guide_id: str) -> int:
        """Studied cards of a guide due by the end of today (the Stats forecast's first bar)."""
        return self.statistics.due_today(guide_id, self.content(guide_id))

    def section_due_counts(self, guide_id: str) -> dict[str, DueCounts]:
        """Cards waiting now in each section of a guide, through connections of its own (on the task runner)."""
        from studyguide.review.stats import stats_reader

        with stats_reader(self.progress.path, self._guide_file(guide_id), self.clock) as (service, content):
            return service.section_due_counts(guide_id, content)

    def _guide_file(self, guide_id: str) -> Path:
        """A guide's database, for a job on the task runner (the guide may have gone meanwhile)."""
        store = self._guides.get(guide_id)
        if store is None:
            raise StoreUnavailable(f"The guide {guide_id} is no longer in the library.")
        return store.path

    def stats(self, guide_id: str) -> StatsReport:
        """Review statistics of a guide (a year of answers, the next 30 days, mastery), read through
        connections of its own: the Stats view runs it on the task runner."""
        from studyguide.review.stats import stats_reader

        with stats_reader(self.progress.path, self._guide_file(guide_id), self.clock) as (service, content):
            return service.report(guide_id, content)

    def backups(self) -> list[BackupInfo]:
        """Copies of the progress database, newest first."""
        return _backup_files().list_backups(self.progress.backups_folder)

    def backup_now(self, *, kind: str = "manual") -> Changes:
        """Copy the progress database now (its own connection: safe on a worker thread)."""
        self.progress.backup(kind=kind, now=self.clock())
        return Changes()

    def daily_backup(self) -> Changes:
        """Today's rotating copy of progress, unless it exists (safe on a worker thread)."""
        self.progress.daily_backup(now=self.clock())
        return Changes()

    def copy_backup_in(self, path: Path) -> Changes:
        """The slow half of ``restore_backup``: copy a backup over progress (the current state
        is kept as a copy first) through a connection of its own, so a worker thread may run it.
        Call ``finish_restore`` on the UI thread after."""
        return _backup_files().restore_file(self.progress.path, path, self.progress.backups_folder, now=self.clock())

    def finish_restore(self) -> Changes:
        """Bring the restored progress up to this version's schema and reload what is kept in memory."""
        migrate_progress(self.progress.database)
        self.review.reload()
        return Changes(progress=True, due_counts=True, content=True)

    def restore_backup(self, path: Path) -> Changes:
        """Restore progress from a backup; the current state is kept as a copy first."""
        changes = self.progress.restore_from(path, now=self.clock())
        self.review.reload()  # the restored settings, not those in memory from before
        return changes

    def suspended_cards(self, guide_id: str | None = None) -> list[tuple[str, Card]]:
        """Suspended cards as (guide id, card as the learner wrote it), latest first; cards no longer
        in their guide (or of a guide no longer here) are left out."""
        found = []
        for gid, card_id in self.review.suspended(guide_id):
            store = self._guides.get(gid)
            card = store.card(card_id) if store is not None else None
            if card is not None:
                found.append((gid, self.review.as_edited(gid, card)))
        return found

    def idle(self) -> bool:
        """Call now and then while idle: checkpoints the progress log once writes stop (True if it was emptied)."""
        return self.progress.wal.on_idle()

    def close(self) -> None:
        """Close every database, once the guides still being indexed for search are."""
        self._close_services()
        for store in self._guides.values():
            store.close()
        self.progress.close()

    # Guide management (imports, export, rename, delete) -------------------------
    # install_guide and load_guide only touch files and their own connections, so
    # an import job may call them on the worker thread; the rest run on the UI thread.

    @property
    def guides_folder(self) -> Path:
        """Where the user's imported guides live (one database each)."""
        return self.home / "guides"

    def is_user_guide(self, guide_id: str) -> bool:
        """True for an imported guide (which can be renamed, replaced or deleted)."""
        store = self._guides.get(guide_id)
        return store is not None and store.path.parent == self.guides_folder

    @collector_paused()  # thousands of objects made, none in cycles (studyguide/collector.py)
    def install_guide(self, guide: Guide, *, replace: bool = False, source_sha256: str = "",
                      history: ImportedHistory | None = None, staged: StagedMedia | None = None,
                      say: Callable[[str], object] | None = None) -> Changes:
        """Build ``guide`` into the library folder atomically (call ``reload_guides`` after: the
        worker thread that may run this does not touch the open guides), then save ``history``
        (an Anki deck's reviews; ``review.imported``) through a connection of its own.

        Replacing keeps the old database in ``trash/`` and the progress of every card whose id did not change.
        ``staged``: its media, already being written (``ImportResult.staged``). ``say``: told each step as it starts.

        Raises:
            DuplicateGuideError: A guide with that id exists and ``replace`` is False, or it is
                the bundled guide (which is never replaced).
            DiskFull: The disk is full: nothing was imported, and no file is left behind.
        """
        dest, kept = self.guides_folder / f"{guide.info.id}.sqlite", None
        try:
            existing = self._guides.get(guide.info.id)
            if existing is not None and not self.is_user_guide(guide.info.id):
                raise DuplicateGuideError(guide.info.id, bundled=True)
            if dest.exists():
                if not replace:
                    raise DuplicateGuideError(guide.info.id)
                kept = self._to_trash(dest, copy=True, what=_NOT_IMPORTED)
            from studyguide.guides.guide_files import build_with_media
            from studyguide.review.history_job import PendingHistory

            # Replayed, then written on a thread of its own while the guide is built (review/history_job.py).
            pending = None if history is None else PendingHistory(self.progress.path, guide_id=guide.info.id,
                                                                   history=history, now=self.clock(), say=say)
            build_with_media(guide, dest, kept=kept, source_sha256=source_sha256, what=_NOT_IMPORTED,
                             first=None if pending is None else pending.write_early,
                             undo=None if pending is None else pending.undo, staged=staged, say=say)
        except BaseException:
            discard(staged)  # media staged as the file was read (``apkg.read_anki``'s ``media_into``): not used
            if kept is not None:  # the guide was not replaced: its copy is not needed
                kept.unlink(missing_ok=True)
            raise
        self.ranking.fill_later(guide.info.id, dest)  # readable now; a search of it waits for its index
        changes = Changes(content=True, guides=True, search_index=True, due_counts=True)
        return changes if pending is None else changes | pending.commit()

    def read_file(self, path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None,
                  quizlet: bool = False, stage: bool = False) -> ImportResult:
        """Read a file (``quizlet``: as a Quizlet export to preview) to import (worker-safe); ``stage``: an
        Anki package's media are written into the library as it is read (``.staged``: ``install_guide``'s)."""
        from studyguide.guides.importing import read_file
        return read_file(path, progress=progress, cancelled=cancelled, quizlet=quizlet,
                         media_into=self.guides_folder if stage else None)

    def export_guide(self, guide_id: str, fmt: str, dest: Path, *, edits: dict[str, CardEdit],
                     with_history: bool = False) -> Path:
        """Write a guide (with the learner's ``edits``) to ``dest`` as md, csv or apkg (worker-thread safe);
        ``with_history``: an Anki package carries the review log and the cards' scheduling too."""
        from studyguide.guides.export import export_guide
        guide = self.load_guide(guide_id)
        history = self.study_history(guide) if with_history and fmt == "apkg" else None
        return export_guide(guide, fmt, dest, edits=edits, history=history, now=self.clock())

    def study_history(self, guide: Guide) -> StudyHistory:
        """The guide's answers and card states, for an export (own read-only connection: worker-safe)."""
        from studyguide.store.progress_export import study_history

        return study_history(self.progress.path, guide.info.id, {c.id for c in guide.cards},
                             desired_retention=self.review.settings.desired_retention)

    def card_edits(self, guide_id: str) -> dict[str, CardEdit]:
        """The learner's edits of a guide's cards, by card id (exports apply them; UI thread)."""
        from studyguide.store.card_edits import CardEditsStore

        return CardEditsStore(db=self.progress.database, path=self.progress.path).edits(guide_id)

    def load_guide(self, guide_id: str) -> Guide:
        """The whole guide (a user's with its notes and tags), read on connections of its own (thread-safe)."""
        from studyguide.guides.guide_files import load_with_media
        return load_with_media(self._guides[guide_id].path)

    def reload_guides(self) -> Changes:
        """Reopen the user's guides after an import, rename or delete; rebuild search."""
        kept = {gid: s for gid, s in self._guides.items() if s.path.parent != self.guides_folder}
        for store in [s for s in self._guides.values() if s.path.parent == self.guides_folder]:
            store.close()
        self._guides = kept
        if not any(s.path == self._bundled_path for s in kept.values()):  # its editable copy was deleted
            try:
                self._guides = {(bundled := ContentStore(path=self._bundled_path)).info.id: bundled, **kept}
            except StoreUnavailable as error:
                self.problems.append(str(error))
        for path in sorted(self.guides_folder.glob("*.sqlite")):
            try:
                store = ContentStore(path=path)
            except StoreUnavailable as error:
                self.problems.append(str(error))
                continue
            self._keep(store)
        self._renew_search()
        return Changes(content=True, guides=True, search_index=True, due_counts=True)

    def rename_guide(self, guide_id: str, title: str) -> Changes:
        """Give an imported guide a new title (its id, and so its progress, stay): a metadata
        change, one UPDATE of its title (``write_title``), then that guide is reopened."""
        self.write_title(guide_id, title)
        return self.reopen_guide(guide_id)

    def write_title(self, guide_id: str, title: str) -> Changes:
        """The slow half of ``rename_guide`` (its own connection: worker-thread safe); call
        ``reopen_guide`` on the UI thread after."""
        if not self.is_user_guide(guide_id) or not title.strip():
            raise ValueError("only an imported guide can be renamed, to a title that is not empty")
        from studyguide.store.guide_meta import set_title

        set_title(self._guides[guide_id].path, " ".join(title.split()))
        return Changes(guides=True, search_index=True)

    def reopen_guide(self, guide_id: str) -> Changes:
        """Reopen one guide after its file changed (a new title), and rebuild search."""
        (store := self._guides[guide_id]).close()
        self._guides[guide_id] = ContentStore(path=store.path)
        self._renew_search()
        return Changes(guides=True, search_index=True)

    def delete_guide(self, guide_id: str) -> Changes:
        """Move an imported guide to ``trash/`` (progress is kept); ``restore_guide`` puts it back."""
        self.trash_guide(guide_id)
        return self.reload_guides()

    def trash_guide(self, guide_id: str) -> Changes:
        """The slow half of ``delete_guide``: only moves the file (worker-thread safe; the open
        connection keeps reading the moved file). Call ``reload_guides`` on the UI thread after."""
        if not self.is_user_guide(guide_id):
            raise ValueError("only an imported guide can be deleted")
        self._deleted[guide_id] = self._to_trash(self._guides[guide_id].path, copy=False)
        return Changes(content=True, guides=True, search_index=True, due_counts=True)

    def restore_guide(self, guide_id: str) -> Changes:
        """Undo ``delete_guide``: put the guide's kept copy back (``untrash_guide``), and reload."""
        self.untrash_guide(guide_id)
        return self.reload_guides()

    def untrash_guide(self, guide_id: str) -> Changes:
        """The slow half of ``restore_guide`` (moves the file only; worker-thread safe).

        Raises:
            DuplicateGuideError: A guide of the user's with that id is in the library again.
            KeyError: The guide was not deleted by this library.
        """
        kept = self._deleted[guide_id]
        dest = self.guides_folder / f"{guide_id}.sqlite"
        if dest.exists() or self.is_user_guide(guide_id):  # an editable copy takes the bundled guide's place
            raise DuplicateGuideError(guide_id)
        from studyguide.guides.guide_files import from_trash
        from_trash(kept, dest)
        del self._deleted[guide_id]
        return Changes(content=True, guides=True, search_index=True, due_counts=True)

    def _to_trash(self, path: Path, *, copy: bool, what: str = "the guide was not deleted") -> Path:
        from studyguide.guides.guide_files import to_trash
        return to_trash(path, self.home / "trash", self.clock().strftime("%Y%m%d-%H%M%S-%f"), copy=copy, what=what)


# A damaged progress file: its backups are listed and restored without opening it. -----------

#: The progress database and its copies inside a library folder.
PROGRESS_FILE = "progress.sqlite"
BACKUPS_FOLDER = "backups"


def library_backups(home: Path) -> list[BackupInfo]:
    """The backups of a library's progress, newest first (the progress file is not opened)."""
    return _backup_files().list_backups(home / BACKUPS_FOLDER)


def newest_good_backup(home: Path) -> BackupInfo | None:
    """The newest intact backup of a library's progress, or None."""
    return _backup_files().newest_good_backup(home / BACKUPS_FOLDER)


def restore_damaged(home: Path, backup: Path | None, *, now: datetime) -> Path:
    """Move a damaged progress file aside (never deleted) and put ``backup`` in its place (None: start
    afresh); returns where the damaged file now is (``progress.damaged-<time>.sqlite``)."""
    return _backup_files().set_aside_damaged(home / PROGRESS_FILE, backup, now=now)
