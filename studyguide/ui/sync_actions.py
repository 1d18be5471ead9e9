"""The window's sync: File > Sync Folder…, the status line, and syncing when the folder changes.

A sync runs on the task runner (its own progress connection) as an operation of the window's
runner, so the views refresh from its ``Changes``. It is not an undoable step: it only adds what
another device did (docs/sync.md). The folder is watched (``sync_watch``: another device's segment
starts a sync about a second after it arrives) and polled as well: a listing of its journal (names
and sizes) that changed since the last sync, or answers given here a while ago, start one (where
the folder cannot be watched, the poll is what sees other devices' segments). The window closing
syncs once more on the UI thread, so the last answers reach the folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from studyguide.domain.changes import Changes
from studyguide.domain.errors import DiskFull, ReadOnlyLocation, StoreUnavailable
from studyguide.domain.journal import JOURNAL_FOLDER, FieldConflict, SyncReport, SyncStatus
from studyguide.operations import Done, Op
from studyguide.ui.sync_watch import FolderWatcher
from studyguide.ui.widgets.fitting_label import FittingLabel

#: How often the folder's listing is looked at.
POLL_MS = 10_000
#: Answers given here are written into the folder at most this long after (and when the window closes).
WRITE_AFTER_S = 120.0


class SyncLike(Protocol):
    """What the window needs of ``review.sync.SyncService`` (on the UI thread's connection)."""

    @property
    def folder(self) -> Path | None: ...
    def set_folder(self, folder: Path | None) -> Changes: ...
    def rename_device(self, name: str) -> None: ...
    def status(self) -> SyncStatus: ...
    def sync(self, folder: Path | None = None) -> tuple[SyncReport, Changes]: ...
    def conflicts(self) -> list[FieldConflict]: ...
    def pick(self, conflict: FieldConflict, choice: int) -> Changes: ...


def listing(folder: Path) -> tuple[tuple[str, int], ...] | None:
    """What a change of the journal in ``folder`` changes: each file's path and size (None: the
    folder itself is missing, as a USB stick taken out)."""
    if not folder.is_dir():
        return None
    found = []
    try:
        for device in os.scandir(folder / JOURNAL_FOLDER):
            if device.is_dir():
                found += [(f"{device.name}/{f.name}", f.stat().st_size) for f in os.scandir(device.path)]
    except OSError:
        return ()  # no journal yet (or it cannot be read: the next sync says why)
    return tuple(sorted(found))


def problem_words(error: BaseException, folder: Path) -> str:
    """The status line's few words for why the folder cannot be used (the tooltip says the whole sentence):
    it said "the folder cannot be used now" for all of them, and "is missing" for a file in its place."""
    if isinstance(error, DiskFull):
        return "the folder's disk is full"
    if isinstance(error, ReadOnlyLocation):
        return "the folder cannot be written"
    if not folder.exists():
        return "the folder is not there"
    if not folder.is_dir():
        return "that is a file, not a folder"
    return "the folder cannot be used now"


def _counted(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}" if count else ""


def summary(report: SyncReport) -> str:
    """The status bar's note after a sync: short, as the permanent widgets leave it little room in a
    narrow window (the sync status beside it already says when and from which devices)."""
    merged = [part for part in (_counted(report.answers_applied, "answer"), _counted(report.undos_applied, "undo"),
                                _counted(report.fields_applied + report.card_events_applied, "change")) if part]
    what = (", ".join(merged[:-1]) + " and " + merged[-1]) if len(merged) > 1 else (merged[0] if merged else "")
    text = f"Merged {what} from {', '.join(report.from_devices)}." if what else "Nothing new from other devices."
    return text + (f" {_counted(len(report.skipped), 'file')} {'waits' if len(report.skipped) == 1 else 'wait'}."
                   if report.skipped else "")


class SyncActions(QObject):
    """File > Sync Folder…, the status line, and the syncs the folder's changes start.

    Args:
        window: The main window (its File menu and status bar).
        operations: The window's operation runner.
        sync: The sync service on the UI thread's connection (settings, status, the sync at close).
        worker_sync: Runs one sync on a connection of its own (the task runner's job).
        clock: The current time.
        settings_arrived: Reads the review settings again (a sync brought changes of another device).
        guides_arrived: Reopens the user's guides (a sync or a pick wrote into them, made or deleted one).
        names: A guide's title (card id "") or a card's front, by ids; None where there is none.

    Signals:
        synced(object): A sync finished (its ``SyncReport``).
    """

    synced = Signal(object)

    def __init__(self, *, window: QMainWindow, operations, sync: SyncLike,
                 worker_sync: Callable[[], tuple[SyncReport, Changes]], clock: Callable[[], datetime],
                 settings_arrived: Callable[[], None] | None = None,
                 guides_arrived: Callable[[], Changes] | None = None,
                 names: Callable[[str, str], str | None] | None = None) -> None:
        super().__init__(window)
        self._guides_arrived = guides_arrived
        self._names = names  # the conflict picker names guides and cards by their titles, not their ids
        #: Reads the review settings again after a sync that may have brought another device's.
        self._settings_arrived = settings_arrived
        self._window, self._operations, self._sync, self._worker_sync = window, operations, sync, worker_sync
        self._clock = clock
        self.status_label = FittingLabel()
        self.status_label.setAccessibleDescription("Sync status")  # read as its whole wording
        #: The journal's listing at the last sync (one no folder has before the first: the first poll syncs).
        self._seen: tuple[tuple[str, int], ...] | None = ((".", -1),)
        self._running = False
        self._dirty_since: datetime | None = None
        self._problem = ""
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        #: Watches the folder (a segment arriving syncs at once); ``_pending``: one arrived mid-sync.
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self._on_watched)
        self._pending = False
        self._watched_as: tuple[Path | None, str] = (None, "")
        operations.did_execute.connect(self._on_changes)
        #: File > Sync Folder…, and the conflict picker, while they are open.
        self.dialog: QDialog | None = None
        self.conflict_dialog: QDialog | None = None
        self.pick_action: QAction | None = None  # File > Pick Versions… (``add_to``)
        self.refresh_status()

    def add_to(self, file_menu: QMenu) -> None:
        """Add File > Sync Folder… and File > Pick Versions Changed on Two Devices… (before the menu's last item,
        Quit), and the status line to the window's status bar."""
        action = file_menu.addAction("S&ync Folder\u2026")
        action.triggered.connect(self.open_dialog)
        # The conflicts' own item (enabled while there are some): the status line's "· 1 to pick" led only to
        # File > Sync Folder…, then a button there.
        self.pick_action = file_menu.addAction("&Pick Versions Changed on Two Devices\u2026")
        self.pick_action.triggered.connect(self.resolve_conflicts)
        self.refresh_status()
        actions = file_menu.actions()
        if len(actions) > 3:
            for added in (action, self.pick_action):
                file_menu.insertAction(actions[-3], added)  # above the separator before Quit
        self._window.statusBar().addPermanentWidget(self.status_label)
        self.timer.start()  # the folder is watched from the end of the first sync (just below)
        if self._sync.folder is not None:
            QTimer.singleShot(0, self.sync_now)  # what the other devices did while this one was off

    def refresh_status(self) -> None:
        """Redraw the status line: off, a problem, or when the last merge was and from whom."""
        try:
            status, conflicts = self._sync.status(), len(self._sync.conflicts())
            if self.pick_action is not None:
                self.pick_action.setEnabled(conflicts > 0)
        except StoreUnavailable as error:  # progress locked by another program a moment: said, not a bug
            self.status_label.set_forms(("Sync: progress cannot be read now", "Sync problem"), note=str(error))
            return
        if status.folder is None:
            self.status_label.set_forms(())
            self.status_label.setVisible(False)
            return
        self.status_label.setVisible(True)
        others = [d for d in status.devices if not d.this_device and d.last_merged_at is not None]
        if self._problem:
            text, short = "Sync: " + self._problem, "Sync problem"
        elif others:
            newest = max(others, key=lambda d: d.last_merged_at or datetime.min)
            at = newest.last_merged_at.astimezone().strftime("%H:%M") if newest.last_merged_at else ""
            text, short = f"Synced {at} from {', '.join(d.name for d in others)}", f"Synced {at}"
        else:
            text, short = "Sync on: no other device yet", "Sync on"
        # A sync the folder started shows no dialog: this says it is under way (after what was, so the label
        # is no narrower once it ends than while it ran, and the longer wording fits at once).
        more = (f" · {status.waiting} waiting" if status.waiting else "") \
            + (f" · {conflicts} to pick" if conflicts else "") + (" · syncing\u2026" if self._running else "")
        # Answers given here wait up to WRITE_AFTER_S: another window or computer does not have them yet.
        unsent = " · your answers not sent yet" if self._dirty_since is not None and not self._running else ""
        # The shorter wording where the status bar is narrow (200% text): the whole in the tooltip.
        self.status_label.set_forms((text + more + unsent, short + more), note=f"Sync folder: {status.folder}\n"
                                    f"{self.watch_note()}" + ("\nChanged on two devices: pick a version in "
                                                              "File > Pick Versions…" if conflicts else ""))

    def watch(self) -> None:
        """Watch the folder set now (or stop, with none), ignoring this device's own segments."""
        folder = self._sync.folder
        device = self._sync.status().device_id
        if (folder, device) != self._watched_as or self.watcher.stale():
            self._watched_as = (folder, device)
            self.watcher.watch(folder, own_device=device)

    def watch_note(self) -> str:
        """Whether other devices' segments are seen at once, or at the next look at the folder."""
        if self.watcher.watching:
            return "The folder is watched: other computers' answers are merged as they arrive."
        return (f"The folder is checked every {POLL_MS // 1000} s" +
                (f": {self.watcher.problem}." if self.watcher.problem else "."))

    def _on_watched(self) -> None:
        if not self.watcher.watching:  # stopped (the window closed) after the observer's last event was queued
            return
        if self._running:
            self._pending = True  # synced again once this one is done
        else:
            self.sync_now()

    def _after_sync(self) -> None:
        self.watch()  # the first sync gave this device its id: its own segments are ignored from now
        if self._pending:
            self._pending = False
            QTimer.singleShot(0, self.sync_now)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.progress and not self._running and self._dirty_since is None:
            self._dirty_since = self._clock()
            if self._sync.folder is not None:
                # "· your answers not sent yet": they reach the folder within WRITE_AFTER_S, or at close
                self.refresh_status()

    def poll(self) -> None:
        """Sync when the folder's journal changed, or answers given here wait long enough."""
        folder = self._sync.folder
        if folder is None or self._running:
            return
        changed = listing(folder) != self._seen
        waited = self._dirty_since is not None and (self._clock() - self._dirty_since).total_seconds() >= WRITE_AFTER_S
        if changed or waited:
            self.sync_now()

    def sync_now(self, *, asked: bool = False) -> None:
        """Sync once on the task runner, as an operation (the views refresh from its ``Changes``).

        ``asked``: the learner asked for it (File > Sync Folder…), so a long one shows its progress; one the
        folder or the clock started shows none (a window-modal dialog took the keys mid-review), only the
        status line's "Syncing…".
        """
        if self._running or self._sync.folder is None:
            return
        self._running, self._dirty_since = True, None
        folder = self._sync.folder
        self.refresh_status()

        def applied(result: tuple[SyncReport, Changes]) -> Done:
            report, changes = result
            if report.fields_applied and self._settings_arrived is not None:
                self._settings_arrived()
            if changes.guides and self._guides_arrived is not None:
                changes = changes | self._guides_arrived()
            return Done(changes, message=summary(report) if changes or report.skipped else "")

        def finished(done: Done) -> None:
            self._running, self._problem = False, ""
            self._seen = listing(folder)
            self._after_sync()
            self.refresh_status()
            self.synced.emit(done)

        def failed(_title: str, error: BaseException) -> None:  # said in the status line, not in a box
            self._running, self._problem = False, problem_words(error, folder)
            self._seen = listing(folder)  # tried again once it changes (a USB stick plugged back in)
            self._after_sync()
            self.refresh_status()
            self.status_label.setToolTip(str(error))
            self.synced.emit(error)

        self._operations.run(Op("Sync", apply=applied, work=lambda _ctx: self._worker_sync(),
                                progress="Merging your other devices' answers\u2026" if asked else None),
                             initiator=self, on_done=finished, on_failure=failed)

    def open_dialog(self) -> None:
        """File > Sync Folder…: choose the folder and this computer's name; Sync Now syncs at once."""
        from studyguide.ui.sync_dialog import SyncFolderDialog
        from studyguide.ui.widgets.safe_text import warn

        self.dialog = dialog = SyncFolderDialog(status=self._sync.status(), conflicts=len(self._sync.conflicts()),
                                                watch_note=self.watch_note() if self._sync.folder else "",
                                                parent=self._window)  # sync off: nothing watched or checked
        dialog.sync_requested.connect(lambda: self._apply_dialog(dialog))
        dialog.resolve_requested.connect(self.resolve_conflicts)
        follow = self.synced.connect(lambda _result: dialog.show_status(self._sync.status()))
        try:
            if dialog.exec():
                self._apply_dialog(dialog)
        except StoreUnavailable as error:  # this computer's name could not be saved
            warn(self._window, "The sync settings were not saved", str(error))
        finally:
            self.synced.disconnect(follow)
            self.dialog = None

    def _apply_dialog(self, dialog) -> None:
        folder = dialog.chosen_folder()
        if folder != self._sync.folder:
            self._operations.run(Op("Set Sync Folder", apply=lambda _r: Done(self._sync.set_folder(folder))),
                                 initiator=self, failure="The sync folder was not set")
        if dialog.chosen_name():
            self._sync.rename_device(dialog.chosen_name())
        self._seen = ((".", -1),)
        self.watch()
        self.refresh_status()
        if self._sync.folder is not None:
            self.sync_now(asked=True)

    def resolve_conflicts(self) -> None:
        """Show the changes two devices made to one card; each pick is an operation, then a sync."""
        from studyguide.ui.sync_conflicts import ConflictDialog

        conflicts = self._sync.conflicts()
        if not conflicts:
            return
        self.conflict_dialog = dialog = ConflictDialog(conflicts=conflicts, names=self._names, parent=self._window)
        try:
            if not dialog.exec():
                return
            for conflict, choice in dialog.picks():
                self._operations.run(self._pick_op(conflict, choice), initiator=self,
                                     failure="The version was not kept")
        finally:
            self.conflict_dialog = None
        self.refresh_status()
        self.sync_now()

    def _pick_op(self, conflict: FieldConflict, choice: int) -> Op:
        # Not undoable here: picking the other version is the way back (both stay in the journal).
        def pick(_result: object) -> Done:
            changes = self._sync.pick(conflict, choice)
            if changes.guides and self._guides_arrived is not None:
                changes = changes | self._guides_arrived()
            return Done(changes)

        return Op("Pick a Version", apply=pick)

    def sync_before_close(self) -> None:
        """Write this device's last answers into the folder (the window is closing; on the UI thread)."""
        self.timer.stop()
        self.watcher.stop()
        if self._sync.folder is None or self._running:
            return
        try:
            self._sync.sync()
        except StoreUnavailable:  # a folder missing at quit: the answers wait in the progress file,
            return  # and the next sync writes them
