"""Watching the sync folder with ``watchdog``, so another device's segment is merged as it arrives.

An observer thread (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows)
reports changes in the journal; only a segment's final name counts (a sync tool writes a
temporary file and renames it; our own writes are another folder's, ignored), and a burst of
them becomes one ``changed`` signal a second after the last (``DEBOUNCE_MS``). The sync itself
still runs where the window runs every sync: on the task runner, through the operation
runner. Where the folder cannot be watched (no inotify watch left, a network or FUSE mount
whose changes made elsewhere the kernel never sees) the window keeps polling, and says so.
``watchdog`` is imported at the first ``watch`` (a tenth of a second: not before the first paint).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from studyguide.domain.journal import JOURNAL_FOLDER, segment_number

if TYPE_CHECKING:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.api import BaseObserver

#: A burst of events (a sync tool bringing many segments) is one sync, this long after the last.
DEBOUNCE_MS = 1000
#: File systems whose changes made on another machine no local watch sees: polled instead (and
#: ``fuse.*``: sshfs, rclone, GNOME's network mounts). A disk through FUSE (``fuseblk``: NTFS or
#: exFAT on a USB stick) is local: what is copied onto it here is seen.
REMOTE_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "davfs", "afs", "ceph",
                                 "glusterfs", "sshfs", "fuse"})


def file_system_of(path: Path) -> str:
    """The type of the file system ``path`` is on, from /proc/mounts ("" where there is none)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def watchable(path: Path) -> str:
    """Why ``path`` cannot be watched ("" when it can)."""
    kind = file_system_of(path)
    if kind in REMOTE_FILE_SYSTEMS or kind.startswith("fuse."):
        return f"it is a network or FUSE folder ({kind}), where changes from other computers go unreported"
    return ""


def counts(event: Any, ignored: str) -> bool:
    """True for a watchdog event that may bring another device's segment: a segment's final name
    created, renamed to, or closed after writing, outside ``ignored`` (this device's folder); or the
    journal's folder appearing. Temporary files, other files and folders do not count."""
    if event.event_type not in ("created", "moved", "closed"):
        return False
    path = Path(os.fsdecode(event.dest_path if event.event_type == "moved" else event.src_path))
    if event.is_directory:
        return path.name == JOURNAL_FOLDER
    return segment_number(path.name) is not None and path.parent.name != ignored


def _observer(watcher: FolderWatcher, ignored: str) -> tuple[BaseObserver, FileSystemEventHandler]:
    """A watchdog observer, and a handler that (on the observer's thread) tells ``watcher`` of the
    events that count."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if counts(event, ignored):
                watcher.event_seen.emit()  # queued to the watcher's (the UI) thread

    return Observer(), Handler()


class FolderWatcher(QObject):
    """Watches a sync folder's journal; ``changed`` once a burst of other devices' segments settled.

    Signals:
        changed(): Another device's segment arrived (debounced).
        event_seen(): One event, from the observer's thread (internal).
    """

    changed = Signal()
    event_seen = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._observer: BaseObserver | None = None
        #: The journal's folder, while only the sync folder is watched for it to appear (no journal yet).
        self._awaited: Path | None = None
        #: Why the folder is polled instead ("" while it is watched, or before ``watch``).
        self.problem = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        self.event_seen.connect(self._debounce.start)

    @property
    def watching(self) -> bool:
        """True while an observer watches the folder."""
        return self._observer is not None

    def stale(self) -> bool:
        """True when ``watch`` should be called again: nothing is watched, or the journal awaited has
        appeared (it is then watched itself, with every device's folder in it)."""
        return self._observer is None or (self._awaited is not None and self._awaited.is_dir())

    def watch(self, folder: Path | None, *, own_device: str = "") -> bool:
        """Watch ``folder``'s journal (None: stop), ignoring ``own_device``'s own segments; False when it
        cannot be watched (``problem`` says why: the caller polls)."""
        self.stop()
        self.problem = ""
        if folder is None:
            return False
        root = folder / JOURNAL_FOLDER
        self.problem = watchable(folder)
        if self.problem:
            return False
        observer, handler = _observer(self, own_device)
        try:
            if root.is_dir():
                observer.schedule(handler, str(root), recursive=True)
            else:  # not the whole sync folder (it may hold much else): only for the journal to appear
                observer.schedule(handler, str(folder), recursive=False)
                self._awaited = root
            observer.start()
        except OSError as error:  # no inotify watch or instance left, a folder gone or not ours
            self.problem = f"it cannot be watched ({error.strerror or error})"
            observer.stop()
            return False
        self._observer = observer
        return True

    def stop(self) -> None:
        """Stop watching (the window closes, or the folder changed)."""
        observer, self._observer, self._awaited = self._observer, None, None
        self._debounce.stop()
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
