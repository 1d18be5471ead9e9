"""Writing a file all-or-nothing: into a temporary file beside it, then one rename.

A temporary file is named ``.<name>.<random>.tmp``, and SQLite may add ``-journal``,
``-wal`` and ``-shm`` files beside it. A failed write removes them all; a full disk
becomes ``DiskFull`` with a sentence a user can act on. While a write runs, its
temporary file holds an advisory lock, so ``remove_leftovers`` (run when the library
opens) deletes only what a killed write left, never another window's write in progress.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from studyguide.store.connection import environment_kind
from studyguide.store.errors import DiskFull

try:
    import fcntl
except ImportError:  # Windows: there an open file cannot be deleted, which protects it the same way
    fcntl = None  # type: ignore[assignment]

#: True where a running write's temporary file is protected by an advisory lock.
CAN_LOCK = fcntl is not None
#: What may sit beside a temporary database: itself, then SQLite's own files.
_COMPANIONS = ("", "-journal", "-wal", "-shm")


def disk_full_message(what: str) -> str:
    """The sentence for a step the disk had no room for; ``what`` says what did not happen."""
    return f"The disk is full: {what}. Free some space and try again."


def write_atomically(dest: Path, write: Callable[[Path], object], *,
                     what: str = "the file was not written") -> Path:
    """Call ``write(tmp)`` on a temporary file next to ``dest``, then move it into place.

    A failure (or a cancel raising an exception) removes the temporary file and the
    journal files SQLite may have left beside it, and leaves ``dest`` as it was.

    Args:
        dest: The file to write.
        write: Writes the whole file at the path it is given.
        what: What did not happen when the disk is full (``the guide was not exported``).

    Returns:
        ``dest``.

    Raises:
        DiskFull: The disk (or the user's quota) had no room: by SQLite's result code
            ``SQLITE_FULL`` or by ``ENOSPC``/``EDQUOT``.
    """
    tmp: Path | None = None
    lock: int | None = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        tmp = Path(name)
        lock = _lock(fd)
        write(tmp)
        tmp.chmod(0o644)
        os.replace(tmp, dest)
    except BaseException as error:
        if tmp is not None:
            _remove(tmp)
        if environment_kind(error) == "full":
            raise DiskFull(disk_full_message(what)) from error
        raise
    finally:
        if lock is not None:
            os.close(lock)
    return dest


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files that killed writes left in ``folder``.

    A temporary file still locked by a running write (another window's import) is kept.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    try:
        found = sorted(folder.glob(".*.tmp*"))
    except OSError:
        return removed
    for path in found:
        name = path.name
        for suffix in _COMPANIONS[1:]:
            name = name.removesuffix(suffix)
        if not name.endswith(".tmp") or _in_use(path.with_name(name)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _lock(fd: int) -> int | None:
    """Keep ``fd`` open with an exclusive advisory lock (where there is one); else close it."""
    if fcntl is None:
        os.close(fd)
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:  # a file system without locks (some network mounts): write unprotected
        os.close(fd)
        return None
    return fd


def _in_use(path: Path) -> bool:
    """True while a write holds ``path``'s lock."""
    if fcntl is None:
        return False  # deleting it fails while it is open
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _remove(tmp: Path) -> None:
    for suffix in _COMPANIONS:
        with contextlib.suppress(OSError):
            Path(f"{tmp}{suffix}").unlink()
