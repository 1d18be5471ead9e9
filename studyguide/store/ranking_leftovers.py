"""What a killed process left in the ranking index's folder, removed when the library opens.

tantivy writes ``meta.json`` and ``.managed.json`` atomically: into ``.tmpXXXXXX`` (the Rust
``tempfile`` crate's name), then renamed. A process killed between the two leaves that file
behind for ever; so does one killed while it wrote the stamp (``.<stamp>.<pid>.tmp``).

Both are removed only while no writer holds the index: tantivy's writer lock is an ``flock`` on
``.tantivy-writer.lock`` (taken here for the moment of the sweep, never waited for), so a running
window's commit is never touched. A stamp's temporary file is removed only when the process that
wrote it is gone. (An index being made for the first time writes ``meta.json`` without the
writer lock; a sweep in that instant makes the maker rank in memory for that session, as it does
for any index it cannot open.)

Kept free of tantivy: opening a library runs this, and tantivy is imported when first searched.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
from pathlib import Path

#: The index's folder in the library.
RANKING_FOLDER = "search-index"
WRITER_LOCK = ".tantivy-writer.lock"
_TANTIVY_TMP = re.compile(r"\.tmp[A-Za-z0-9]{6}")
_STAMP_TMP = re.compile(r"\..+\.(\d+)\.tmp")


def remove_index_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files killed writes left in the index ``folder`` (see the module).

    Returns:
        The files removed (none while another writer holds the index, or without a folder).
    """
    try:
        fd = os.open(folder / WRITER_LOCK, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:  # no index yet (or no lock file: no writer ever ran, so nothing to sweep)
        return []
    removed: list[Path] = []
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a writer is at work (this process's or another's): its files are live
            return []
        with contextlib.suppress(OSError):
            for path in folder.iterdir():
                if _TANTIVY_TMP.fullmatch(path.name) or _dead_stamp(path.name):
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed.append(path)
    finally:
        os.close(fd)  # (releases the lock)
    return removed


def _dead_stamp(name: str) -> bool:
    found = _STAMP_TMP.fullmatch(name)
    if found is None:
        return False
    pid = int(found.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except OSError as error:
        return error.errno == errno.ESRCH
    return False
