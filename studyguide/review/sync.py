"""Sync through a folder the user's own sync tool keeps in step (Syncthing, Nextcloud, Dropbox, a USB stick).

One sync writes this device's new journal entries as a new immutable segment, then applies
every segment of the other devices not applied yet (``store/sync_state.py``) and replays the
cards they touch with FSRS. The databases themselves are never in the folder. See docs/sync.md.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from studyguide.collector import collector_paused
from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.journal import FieldConflict, Reschedule, SyncReport, SyncStatus, segment_number
from studyguide.domain.journal_content import CONTENT_FIELDS
from studyguide.domain.review import ReviewSettings
from studyguide.review.fsrs_steps import Steps
from studyguide.review.sync_reschedule import exact_steps, rescheduler
from studyguide.store.content_journal import ContentJournal
from studyguide.store.journal_compaction import compact as compact_segments
from studyguide.store.journal_compaction import expand, record_compacted
from studyguide.store.journal_files import (
    Segment,
    SegmentUnreadable,
    check_folder,
    devices_in,
    highest_segment,
    read_segment,
    remove_stale_temporaries,
    segment_files,
    write_segment,
)
from studyguide.store.progress import ProgressStore
from studyguide.store.settings import SettingsStore
from studyguide.store.sync_media import missing as missing_media
from studyguide.store.sync_state import SyncStateStore

#: A sync compacts this device's segments once it has this many in the folder (docs/sync.md)...
COMPACT_AT = 64
#: ...keeping the newest few as they are (another device may be reading them right now).
KEEP_RECENT = 8


class NoSyncFolder(StoreUnavailable):
    """Sync was asked for, but no folder was ever chosen."""


def default_device_name() -> str:
    """The machine's name (what the other devices call this one until it is renamed)."""
    return platform.node() or "This computer"


class SyncService:
    """Syncs one library's progress through a folder.

    Args:
        progress: The progress store (its connection's thread runs the sync).
        settings: The current review settings (an answer scheduled again uses them, without fuzz, with
            its guide's own fitted parameters where it has some).
        clock: Returns the current timezone-aware UTC time.
        guides_folder: The library's own guides (those written in the app travel: docs/sync.md); None:
            only progress travels.
    """

    def __init__(self, *, progress: ProgressStore, settings: Callable[[], ReviewSettings],
                 clock: Callable[[], datetime], guides_folder: Path | None = None) -> None:
        self._state = SyncStateStore(db=progress.database, path=progress.path)
        if guides_folder is not None:
            self._state.content = ContentJournal(db=progress.database, guides_folder=guides_folder,
                                                 trash=guides_folder.parent / "trash", clock=clock)
        self._db = progress.database
        self._guide_parameters = SettingsStore(db=progress.database).guide_parameters
        self._settings = settings
        self._clock = clock

    @property
    def folder(self) -> Path | None:
        """The remembered sync folder (None: sync is off)."""
        return self._state.folder()

    def set_folder(self, folder: Path | None) -> Changes:
        """Remember ``folder`` as this library's sync folder (None turns sync off).

        Raises:
            StoreUnavailable: The folder is missing.
        """
        if folder is not None:
            check_folder(folder)
            folder = folder.resolve()
        self._state.set_folder(folder)
        return Changes()

    def rename_device(self, name: str) -> None:
        """Call this device ``name`` (the other devices see it from its next segment)."""
        self._state.set_device_name(name.strip() or default_device_name())

    def status(self) -> SyncStatus:
        """The folder, this device, the devices merged from and this device's segments still to write
        (reads only: a library that never synced gets its device id with its first sync)."""
        device, name = self._state.identity(default_device_name(), create=False)
        folder = self._state.folder()
        devices = tuple(d if d.device_id != device else
                        type(d)(d.device_id, name, d.segments, d.last_merged_at, this_device=True)
                        for d in self._state.devices())
        return SyncStatus(None if folder is None else str(folder), device, name, devices, self._state.waiting())

    def _reschedule(self) -> Reschedule:
        settings = self._settings()
        own: list[dict[str, tuple[float, ...]]] = []

        def steps_of(guide: str) -> Steps:
            if not own:  # a guide's own fitted parameters, read once the merge settled them
                own.append(self._guide_parameters())
            return exact_steps(desired_retention=settings.desired_retention,
                               parameters=own[0].get(guide, settings.parameters))

        return rescheduler(steps_of)

    def sync(self, folder: Path | None = None, *, compact: bool = False) -> tuple[SyncReport, Changes]:
        """Write this device's new segment and apply every other device's new ones.

        Args:
            folder: The folder to sync with (remembered from now on); None: the remembered one.
            compact: Compact this device's segments now (all but its newest), not only once it
                has ``COMPACT_AT`` of them.

        Raises:
            NoSyncFolder: No folder given and none remembered.
            StoreUnavailable: The folder is missing or unreadable, or the progress database
                cannot be written; nothing of this sync was applied then.
        """
        with collector_paused():  # a year of answers: hundreds of thousands of objects, no cycles
            return self._sync(folder, compact=compact)

    def _sync(self, folder: Path | None, *, compact: bool) -> tuple[SyncReport, Changes]:
        if folder is not None:
            self.set_folder(folder)
        folder = self._state.folder()
        if folder is None:
            raise NoSyncFolder("No sync folder is set: choose one with File > Sync Folder… or "
                               "`studyguide sync --folder DIR`.")
        check_folder(folder)
        device, name = self._state.identity(default_device_name())
        now = self._clock().isoformat()
        remove_stale_temporaries(folder, device)
        content = self._state.content
        if content is not None:
            content.folder, content.written, content.device = folder, set(), (device, name)
        outgoing = self._state.prepare_outgoing(device_id=device, device_name=name,
                                                at_least=highest_segment(folder, device) + 1, written_at=now)
        written, write_error = self._write(folder, device, outgoing)
        compacted = 0 if write_error else self._compact(folder, device, name, now, force=compact)
        segments, skipped, conflicts = self._readable_segments(folder)
        added, undone, fields, in_conflict = self._state.apply(segments, reschedule=self._reschedule(),
                                                               applied_at=now)
        if write_error is None and content is not None and self._state.waiting():  # a change held by the merge
            more, write_error = self._write(folder, device, self._state.outbox())
            written += more
        others = sorted({s.device_name for s in segments if s.device_id != device})
        report = SyncReport(written=written, applied=len(segments), answers_applied=added,
                            undos_applied=undone, fields_applied=fields, conflicts=in_conflict,
                            card_events_applied=self._state.events_applied,
                            from_devices=tuple(others), skipped=tuple(skipped), conflict_copies=conflicts,
                            write_error=write_error, compacted=compacted,
                            guides_written=tuple(sorted(content.written)) if content else ())
        changed = bool(added or undone or fields or self._state.events_applied)
        guides = bool(report.guides_written)
        return report, Changes(content=bool(fields), progress=changed, due_counts=changed, guides=guides,
                               search_index=guides)

    def _write(self, folder: Path, device: str, outgoing: list[tuple[int, bytes]]) -> tuple[int, str | None]:
        """Write this device's segments into the folder, oldest first: (how many, why the rest wait)."""
        written = 0
        for number, data in outgoing:
            try:
                write_segment(folder, device, number, data)
            except StoreUnavailable as error:
                return written, str(error)
            self._state.written(number)
            written += 1
        return written, None

    def conflicts(self) -> list[FieldConflict]:
        """The learner's card changes two devices made offline (wording, suspension), each version kept."""
        return self._state.conflicts(self._state.identity(default_device_name(), create=False))

    def pick(self, conflict: FieldConflict, choice: int) -> Changes:
        """Settle a conflict with its version ``choice`` (the next sync tells the other devices).

        Raises:
            IndexError: No such version.
        """
        value = conflict.versions[choice][1]
        if self._state.content is not None:  # a version's media are in the folder
            self._state.content.folder = self._state.folder()
        self._state.pick(conflict.guide_id, conflict.card_id, conflict.field, value, now=self._clock())
        guides = conflict.field in CONTENT_FIELDS
        return Changes(content=True, progress=True, due_counts=True, guides=guides, search_index=guides)

    def _compact(self, folder: Path, device: str, name: str, now: str, *, force: bool) -> int:
        """Compact this device's old segments in the folder into one (``store/journal_compaction.py``)
        once there are ``COMPACT_AT`` of them (or now, with ``force``); returns how many it replaced."""
        known = self._state.known_segments(device)
        numbers = sorted(segment_files(folder, device))
        if not force and len(numbers) < COMPACT_AT:
            return 0
        # never one this library has not applied (its progress restored from an older backup): the
        # compacted segment is known here at once, and what it holds would never come back
        numbers = [n for n in (numbers[:-1] if force else numbers[:-KEEP_RECENT]) if n in known]
        if len(numbers) < 2:
            return 0
        into = max([highest_segment(folder, device), *known]) + 1
        record_compacted(self._db, device, into, now)  # its number is taken, whatever happens next
        try:
            return compact_segments(folder, device, name, numbers=numbers, into=into, written_at=now)
        except StoreUnavailable:  # a full or read-only folder: the segments stay as they are
            return 0

    def _readable_segments(self, folder: Path) -> tuple[list[Segment], list[str], int]:
        """Every segment in the folder not applied here yet that can be read whole, in order (a
        compacted one as the segments it replaces that are not applied yet); one sentence per
        segment that cannot (read again next time); and the conflict copies seen."""
        segments, skipped, conflicts = [], [], 0
        for device in devices_in(folder):
            known = self._state.known_segments(device)
            replaced: set[int] = set()  # by a compacted segment read: their own files are not read
            found: list[Segment] = []
            for number, paths in sorted(segment_files(folder, device).items(), reverse=True):  # newest first
                conflicts += sum(1 for p in paths if segment_number(p.name) == (number, True))
                if number in known or number in replaced:
                    continue
                try:
                    segment, _ = read_segment(paths, device, number)
                    waiting = missing_media(folder, segment.entries)
                    if waiting is not None:
                        raise SegmentUnreadable(waiting)
                except SegmentUnreadable as error:
                    skipped.append(f"Segment {number} of device {device} was left for later: {error}.")
                    continue
                found += expand(segment, known | replaced)  # less what a newer compacted one brought
                replaced.update(n for n, _ in segment.parts)
            segments += sorted(found, key=lambda s: s.number)  # each device's in order (its answers in time order)
        return segments, skipped, conflicts


def sync_on_own_connection(progress_path: Path, *, settings: ReviewSettings, clock: Callable[[], datetime],
                           folder: Path | None = None, guides_folder: Path | None = None
                           ) -> tuple[SyncReport, Changes]:
    """One sync through a progress connection of its own (for the task runner's worker thread).

    Raises:
        NoSyncFolder, StoreUnavailable: As ``SyncService.sync``.
    """
    progress = ProgressStore(path=progress_path, backups=progress_path.parent / "backups")
    try:
        return SyncService(progress=progress, settings=lambda: settings, clock=clock,
                           guides_folder=guides_folder).sync(folder)
    finally:
        progress.close()
