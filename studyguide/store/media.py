"""A guide's media folder, ``<library>/guides/<guide id>.media/``: images and sounds, stored by content.

Every file is written to a temporary name in the folder and renamed into place, so a
reader never sees half a file, and its name is ``domain.media.stored_name`` of its bytes:
the same bytes are stored once, and a name never changes meaning. Only plain stored
names are ever opened (``path``): no folder, no ``..``, no symlink, no device or pipe.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from studyguide.domain.media import (
    HASH_DIGITS,
    MAX_BYTES,
    SNIFF_BYTES,
    MediaError,
    MediaFile,
    check_kind,
    check_size,
    is_safe_name,
    name_for,
    stored_name,
)
from studyguide.store.connection import explain

#: The folder's name beside a guide's database ``<id>.sqlite``.
MEDIA_SUFFIX = ".media"
#: A temporary file older than this is what a killed write left (a running copy is younger).
LEFTOVER_AGE_S = 3600.0
_CHUNK = 1 << 20


def media_folder(guide_path: Path) -> Path:
    """The media folder of the guide whose database is ``guide_path``."""
    return guide_path.with_name(guide_path.stem + MEDIA_SUFFIX)


class GuideMedia:
    """The images and sounds of one guide, in one folder (made on the first ``add``).

    Args:
        folder: The media folder (``media_folder(guide database)``).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of_guide(cls, guide_path: Path) -> GuideMedia:
        """The media of the guide whose database is ``guide_path``."""
        return cls(media_folder(guide_path))

    # Reading ---------------------------------------------------------------------------

    def path(self, name: str) -> Path | None:
        """The file stored as ``name``, or None: for a name that is not a plain stored name
        (a folder, ``..``, an absolute path, a leading dot), a symlink, anything but a regular
        file, or a name not stored here."""
        if not is_safe_name(name):
            return None
        candidate = self.folder / name
        try:
            if self.folder.is_symlink() or not stat.S_ISREG(candidate.lstat().st_mode):
                return None
        except OSError:
            return None
        return candidate

    def names(self) -> list[str]:
        """The stored names in the folder, sorted."""
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        return sorted(p.name for p in entries if self.path(p.name) is not None)

    def read(self, name: str) -> bytes | None:
        """The bytes stored as ``name`` (None as ``path``)."""
        path = self.path(name)
        return path.read_bytes() if path is not None else None

    # Writing ---------------------------------------------------------------------------

    def add(self, data: bytes, name_hint: str = "") -> str:
        """Store ``data`` and return its stored name (the same bytes stored before: their name).

        Raises:
            MediaError: The bytes are no known image or sound, they do not match the hint's
                extension, or they are over ``MAX_BYTES`` (the message names the file).
            StoreUnavailable: The folder cannot be written (a full disk, read-only).
        """
        name = stored_name(data, name_hint)
        found = self._same_bytes(name)
        if found is not None:
            return found
        with self._temporary() as tmp:
            tmp.write_bytes(data)
            self._publish(tmp, name)
        return name

    def add_file(self, path: Path, name_hint: str | None = None) -> str:
        """Store the file at ``path`` (copied in chunks, never read whole); return its stored name.

        Only a regular file is read (a pipe or a device is refused without waiting on it).

        Args:
            path: The file to copy.
            name_hint: The name to derive the stored name from (``path``'s name by default).

        Raises:
            MediaError: As ``add``, or it is not a regular file.
            StoreUnavailable: The file cannot be read or the folder written.
        """
        hint = path.name if name_hint is None else name_hint
        try:
            source = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError as error:
            raise explain(error, path) from error
        try:
            info = os.fstat(source)
            if not stat.S_ISREG(info.st_mode):
                raise MediaError(hint, "not a regular file")
            check_size(info.st_size, hint)
            with os.fdopen(source, "rb", closefd=False) as reader:
                return self._copy_in(reader, hint, path)
        finally:
            os.close(source)

    def put(self, file: MediaFile) -> str:
        """Store a file under the stored name it comes with (a guide's import or a restore).

        Raises:
            MediaError: ``file.name`` is not the stored name of its bytes, or ``add``'s reasons.
            StoreUnavailable: As ``add``.
        """
        if file.data is not None:
            name = self.add(file.data, file.name)
        elif file.path is not None:
            name = self.add_file(file.path, file.name)
        else:
            raise MediaError(file.name, "the file has no bytes")
        if name != file.name and not self._same_hash(name, file.name):
            raise MediaError(file.name, f"the name does not match the file's bytes (they are stored as {name})")
        return name

    def copy_to(self, folder: Path) -> list[str]:
        """Copy every stored file into ``folder`` (made if missing); return the names copied."""
        names = self.names()
        if names:
            folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            target = folder / name
            if not target.exists():  # the same name holds the same bytes
                shutil.copyfile(self.folder / name, target)
        return names

    def remove_leftovers(self, *, older_than_s: float = LEFTOVER_AGE_S) -> list[Path]:
        """Delete temporary files a killed write left (only those older than ``older_than_s``)."""
        removed: list[Path] = []
        try:
            found = list(self.folder.glob(".*.tmp"))
        except OSError:
            return removed
        limit = time.time() - older_than_s
        for path in found:
            with contextlib.suppress(OSError):
                if path.lstat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
        return removed

    # Helpers -------------------------------------------------------------------------------

    def _copy_in(self, reader: BinaryIO, hint: str, path: Path) -> str:
        read = reader.read
        try:
            head = read(SNIFF_BYTES)
        except OSError as error:
            raise explain(error, path) from error
        kind = check_kind(head, hint)
        import hashlib  # (about 2 ms to import: not on the way to a window)

        digest, size = hashlib.sha256(head), len(head)
        with self._temporary() as tmp:
            with tmp.open("wb") as out:
                out.write(head)
                while chunk := read(_CHUNK):
                    size += len(chunk)
                    check_size(size, hint)  # the file grew while it was copied
                    digest.update(chunk)
                    out.write(chunk)
            name = name_for(digest.hexdigest(), kind, hint)
            found = self._same_bytes(name)
            if found is not None:
                return found
            self._publish(tmp, name)
        return name

    def _same_bytes(self, name: str) -> str | None:
        """The name under which these bytes (same hash and extension) are stored already, or None."""
        if self.path(name) is not None:
            return name
        short, ext = name.rsplit(".", 1)[0][-HASH_DIGITS:], name.rsplit(".", 1)[1]
        with contextlib.suppress(OSError):
            for other in sorted(self.folder.glob(f"*-{short}.{ext}")):
                if self.path(other.name) is not None:
                    return other.name
        return None

    @staticmethod
    def _same_hash(a: str, b: str) -> bool:
        return a.rsplit(".", 1)[0][-HASH_DIGITS:] == b.rsplit(".", 1)[0][-HASH_DIGITS:]

    @contextlib.contextmanager
    def _temporary(self) -> Iterator[Path]:
        """A temporary file in the folder; removed unless ``_publish`` moved it into place.

        An ``OSError`` inside (a full disk) becomes ``StoreUnavailable`` naming the folder.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".media.", suffix=".tmp", dir=self.folder)
            os.close(fd)
        except OSError as error:
            raise explain(error, self.folder) from error
        tmp = Path(name)
        try:
            yield tmp
        except OSError as error:
            raise explain(error, self.folder) from error
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _publish(self, tmp: Path, name: str) -> None:
        os.chmod(tmp, 0o644)
        os.replace(tmp, self.folder / name)


class StagedMedia:
    """Files being written into a new folder by ``stage_media``'s thread; ``wait`` before using it.

    Attributes:
        folder: The temporary folder (renamed ``<id>.media`` by the caller once ``wait`` returns).
    """

    def __init__(self, folder: Path, files: dict[str, bytes]) -> None:
        self.folder = folder
        self._error: OSError | None = None
        # One thread: while the import goes on in the caller's thread, the files are created
        # (the file system's work, in ``tar``'s process: ``media_writer``).
        self._thread = threading.Thread(target=self._write, args=(files,), name="staged-media", daemon=True)
        self._thread.start()

    def _write(self, files: dict[str, bytes]) -> None:
        # Imported here: ``subprocess`` (with ``locale``, ``signal``, ``selectors``) is not needed to open a library.
        from studyguide.store import media_writer

        try:
            media_writer.write_files(self.folder, files)  # by tar in a process of its own, off our GIL
        except OSError as error:
            self._error = error

    def wait(self) -> Path:
        """The folder, once every file is written.

        Raises:
            StoreUnavailable: A file could not be written (a full disk); the folder is removed.
        """
        self._thread.join()
        if self._error is not None:
            discard_staged(self.folder)
            raise explain(self._error, self.folder) from self._error
        return self.folder

    def settle(self, files: Sequence[MediaFile]) -> Path:
        """The folder once it holds exactly ``files`` (with their bytes, by stored name): ``wait``, then
        any other file removed and any missing one written (files staged before a read knew which).

        Raises:
            StoreUnavailable: As ``wait`` (the folder is removed).
        """
        from studyguide.store import media_writer

        folder = self.wait()
        wanted = {f.name: f for f in files}
        try:
            for name in set(os.listdir(folder)) - wanted.keys():
                (folder / name).unlink()
            present = set(os.listdir(folder))
            missing = [f for name, f in wanted.items() if name not in present]
            media_writer.write_in_process(folder, {f.name: f.data for f in missing if f.data is not None})
            for file in missing:
                if file.data is None:
                    GuideMedia(folder).put(file)
        except OSError as error:
            discard_staged(folder)
            raise explain(error, folder) from error
        return folder

    def discard(self) -> None:
        """Stop using the folder: wait for the thread, then remove it."""
        self._thread.join()
        discard_staged(self.folder)


def stage_media(parent: Path, files: Sequence[MediaFile], *, named: bool = False) -> StagedMedia | None:
    """Start storing ``files`` in a new temporary folder in ``parent`` (None when there are none):
    an import fills it while the guide is saved, then renames it ``<id>.media`` (all or nothing).

    Every name is checked before this returns (``named``: the caller made each one with ``stored_name``
    from these very bytes, as ``anki_media.Gatherer.read_all`` does, so it is not worked out a second
    time: 2,000 files, 11 ms); the bytes are written by a thread (``StagedMedia``).

    Raises:
        MediaError: A file is not what its name says (nothing is left behind).
        StoreUnavailable: The folder cannot be written.
    """
    if not files:
        return None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=".staged-", suffix=".media.tmp", dir=parent))
    except OSError as error:
        raise explain(error, parent) from error
    try:
        media, written = GuideMedia(folder), dict[str, bytes]()
        for file in files:
            if file.data is None:
                media.put(file)
                continue
            # A new folder of our own, renamed into place whole: no temporary file or look-up per file
            # (2,000 files took 5.3 s through ``put``, its folder globbed for each).
            name = file.name if named else stored_name(file.data, file.name)
            if name != file.name and not GuideMedia._same_hash(name, file.name):
                raise MediaError(file.name, f"the name does not match the file's bytes (they are stored as {name})")
            written.setdefault(name, file.data)
    except OSError as error:
        discard_staged(folder)
        raise explain(error, folder) from error
    except BaseException:
        discard_staged(folder)
        raise
    return StagedMedia(folder, written)


def discard(staged: StagedMedia | None) -> None:
    """Stop using ``staged`` (nothing for None): its folder removed once its thread is done."""
    if staged is not None:
        staged.discard()


def discard_staged(folder: Path | None) -> None:
    """Remove a folder ``stage_media`` made (nothing for None)."""
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def remove_staged_leftovers(parent: Path, *, older_than_s: float = LEFTOVER_AGE_S) -> list[Path]:
    """Remove the staged media folders killed imports left in ``parent`` (older than ``older_than_s``),
    and the temporary files killed writes left in each guide's media folder."""
    removed: list[Path] = []
    limit = time.time() - older_than_s
    try:
        staged = list(parent.glob(".staged-*.media.tmp"))
        folders = list(parent.glob("*" + MEDIA_SUFFIX))
    except OSError:
        return removed
    for folder in staged:
        with contextlib.suppress(OSError):
            if folder.lstat().st_mtime < limit:
                discard_staged(folder)
                removed.append(folder)
    for folder in folders:
        removed += GuideMedia(folder).remove_leftovers(older_than_s=older_than_s)
    return removed


def copy_media(source_guide: Path, dest_guide: Path) -> None:
    """Copy a guide's media folder to go with a copy of its database (nothing when it has none)."""
    GuideMedia.of_guide(source_guide).copy_to(media_folder(dest_guide))


__all__ = ["MAX_BYTES", "MEDIA_SUFFIX", "GuideMedia", "MediaError", "MediaFile", "copy_media", "discard_staged",
           "StagedMedia", "media_folder", "remove_staged_leftovers", "stage_media"]
