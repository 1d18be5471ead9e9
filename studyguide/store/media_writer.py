"""Creating an import's media files in a new folder of its own (``StagedMedia``), off the GIL.

An import writes its media files while it builds the guide and replays its history, both mostly
Python. A thread creating the files needs the GIL back after every ``open``, ``write`` and
``close``, and waits for it each time while the other threads run Python: 2,000 files took
1.2-2.6 s alone and 10 s beside one busy Python thread on this machine. So the files are handed,
as one ustar stream through a pipe, to ``tar`` in a process of its own (it creates them on the
other core, in no need of our GIL); the thread only waits for it.

Only plain stored names (``is_safe_name``) are ever passed, in headers written here: regular files
with mode 0644 (less the umask, as ``os.open`` gives), no owner or time taken from the stream.
Without ``tar`` (not on PATH, cannot start), or if it fails for any reason (a full disk), whatever
it wrote is removed and the files are written here in-process, which raises the real ``OSError``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from studyguide.domain.media import is_safe_name

_BLOCK = 512
#: Bytes handed to ``tar`` a write at a time (``_chunks``).
_CHUNK = 1 << 20
#: The ``tar`` to use; None: none (write in-process). Found once, on first use.
_tar: list[str | None] = []


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Create each of ``files`` (stored name -> bytes) in ``folder``, new and empty.

    Raises:
        OSError: A file could not be written (the folder may hold some of them).
    """
    if not _with_tar(folder, files):
        write_in_process(folder, files)


def write_in_process(folder: Path, files: dict[str, bytes]) -> None:
    """Create the files one by one in this process (see ``write_files``)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for name, data in files.items():
        fd = os.open(folder / name, flags, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


def tar_command() -> str | None:
    """The ``tar`` on PATH (None: none)."""
    if not _tar:
        _tar.append(shutil.which("tar"))
    return _tar[0]


def ustar(files: dict[str, bytes]) -> Iterator[bytes]:
    """``files`` as one ustar stream of regular files (mode 0644, owner 0, time 0), in pieces (so the
    stream never holds a second copy of the media), ending with its two empty blocks. Every name must
    be a plain stored name (``is_safe_name``)."""
    for name, data in files.items():
        header = bytearray(_BLOCK)
        encoded = name.encode("ascii")
        header[0:len(encoded)] = encoded
        header[100:108] = b"0000644\0"
        header[108:116] = header[116:124] = b"0000000\0"
        header[124:136] = b"%011o\0" % len(data)
        header[136:148] = b"00000000000\0"
        header[148:156] = b" " * 8  # the checksum is taken with its own field as spaces
        header[156] = ord("0")
        header[257:265] = b"ustar\x0000"
        header[148:156] = b"%06o\0 " % sum(header)
        yield bytes(header)
        yield data
        yield bytes(-len(data) % _BLOCK)
    yield bytes(2 * _BLOCK)


def _chunks(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """``pieces`` joined into writes of ``_CHUNK`` bytes or more (the last one less).

    Each write lets go of the GIL and needs it back: written piece by piece (three a file), the
    thread waited for it 6,000 times for 2,000 files, each time making the import's own thread
    stop (up to the 5 ms switch interval): its reading took 0.6-0.97 s instead of 0.55 s, and the
    files reached ``tar`` as slowly."""
    chunk = bytearray()
    for piece in pieces:
        chunk += piece
        if len(chunk) >= _CHUNK:
            yield bytes(chunk)
            chunk.clear()
    if chunk:
        yield bytes(chunk)


def _with_tar(folder: Path, files: dict[str, bytes]) -> bool:
    """Have ``tar`` create the files; False (nothing left in ``folder``) if it could not."""
    tar = tar_command()
    if tar is None or not files or not all(is_safe_name(name) and len(name) < 100 for name in files):
        return False
    # Its own small environment: no TAR_OPTIONS, and no library path a frozen app set for itself.
    env = {"PATH": os.environ.get("PATH", os.defpath), "LC_ALL": "C"}
    try:
        process = subprocess.Popen(
            [tar, "-x", "-f", "-", "-C", str(folder), "--no-same-owner", "--no-same-permissions", "-m"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        for chunk in _chunks(ustar(files)):
            process.stdin.write(chunk)
    except OSError:  # it went away before reading everything (a broken pipe)
        process.kill()
    finally:
        with contextlib.suppress(OSError):  # the rest of a broken pipe's buffer
            process.stdin.close()
    process.wait()
    try:
        written = set(os.listdir(folder))
    except OSError:
        written = set()
    if process.returncode == 0 and written == set(files):
        return True
    for name in written:  # a partial folder: cleared, then written in-process (which raises the real error)
        (folder / name).unlink(missing_ok=True)
    return False
