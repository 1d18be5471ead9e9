"""Read an Obsidian vault (a folder of Markdown notes) into a guide, reading nothing outside it.

Each note becomes a section titled with its folders (``Folder / Sub / Note``); its tags
(front matter and inline) become the section's tags; ``[[links]]`` become links between
sections and ``![[image.png]]`` embeds become the guide's media; cards come from the Spaced
Repetition plugin's syntax in notes tagged ``#flashcards`` (``guides.obsidian``).

The walk never leaves the chosen folder: symbolic links are followed only to files inside
it, hidden folders (``.obsidian``, ``.trash``) are skipped, and anything that is not a
regular file (a named pipe, a device) is never opened. A file that cannot be used (unreadable,
too large, not text, media that is not what its name says) is skipped with a warning naming
it; the guide is returned whole or not at all.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from studyguide.domain.guide import Guide, GuideInfo
from studyguide.domain.media import SNIFF_BYTES, MediaError, MediaFile, check_kind, check_size, name_for
from studyguide.guides.markdown import GuideFormatError, slugify
from studyguide.guides.tabular import MAX_TEXT_BYTES, Cancelled, Progress, check_cancelled, decode_text
from studyguide.guides.vault_notes import VaultFile, build_guide

__all__ = ["MAX_NOTE_BYTES", "Vault", "VaultFile", "media_file", "read_limited", "read_vault"]

#: A note larger than this is skipped (with a warning).
MAX_NOTE_BYTES = 10 * 1024 * 1024
#: Files looked at, at most: a folder with more is not a vault to import whole.
MAX_FILES = 100_000
#: Folders deeper than this are not entered.
MAX_DEPTH = 64
_NOTE_SUFFIXES = {".md", ".markdown"}


@dataclass
class Vault:
    """What a walk found: notes, other files, and what was skipped (warnings)."""

    root: Path
    notes: list[VaultFile] = field(default_factory=list)
    files: list[VaultFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    attachment_folder: str = ""

    def _inside(self, real: Path) -> bool:
        return real == self.root or self.root in real.parents

    def walk(self, cancelled: Cancelled | None = None) -> None:
        """Find every note and file under the root (see the module's docstring)."""
        self._walk(self.root, PurePosixPath(), 0, cancelled)
        self.notes.sort(key=lambda f: [part.casefold() for part in f.rel.parts])
        self.files.sort(key=lambda f: [part.casefold() for part in f.rel.parts])
        self.attachment_folder = self._attachment_folder()

    def _walk(self, folder: Path, rel: PurePosixPath, depth: int, cancelled: Cancelled | None) -> None:
        check_cancelled(cancelled)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            self.warnings.append(f"{rel or folder.name}: the folder could not be read ({_reason(error)}); skipped.")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .obsidian, .trash, .git: the app's own files, not notes
            path, here = Path(entry.path), rel / entry.name
            if len(self.notes) + len(self.files) >= MAX_FILES:
                raise GuideFormatError(f"{self.root.name} holds over {MAX_FILES:,} files; import a smaller folder")
            try:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    real = path.resolve(strict=True)
                    if not self._inside(real):
                        self.warnings.append(f"{here} is a link to a place outside the vault; not read.")
                        continue
                    info = real.stat()
                    if stat.S_ISDIR(info.st_mode):
                        self.warnings.append(f"{here} is a link to a folder; not followed (its notes are read "
                                             "where they are).")
                        continue
                else:
                    real = path
            except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (resolve)
                self.warnings.append(f"{here} could not be read ({_reason(error)}); skipped.")
                continue
            if stat.S_ISDIR(info.st_mode):
                if depth < MAX_DEPTH:
                    self._walk(path, here, depth + 1, cancelled)
            elif not stat.S_ISREG(info.st_mode):
                kind = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
                self.warnings.append(f"{here} is {kind}; skipped.")
            elif here.suffix.lower() in _NOTE_SUFFIXES:
                self.notes.append(VaultFile(rel=here, real=real))
            else:
                self.files.append(VaultFile(rel=here, real=real))

    def _attachment_folder(self) -> str:
        """Obsidian's "Default location for new attachments" (``.obsidian/app.json``), or ""."""
        settings = self.root / ".obsidian" / "app.json"
        try:
            data = read_limited(settings, 1 << 20)
            value = json.loads(data.decode("utf-8")).get("attachmentFolderPath", "")
        except (OSError, ValueError, AttributeError, GuideFormatError):
            return ""
        return value.strip("/") if isinstance(value, str) else ""


def _reason(error: BaseException) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return "a link that loops" if isinstance(error, RuntimeError) else str(error)


def read_limited(path: Path, limit: int) -> bytes:
    """A regular file's bytes, opened without following a link and without blocking.

    Raises:
        GuideFormatError: It is not a regular file, or is over ``limit`` bytes.
        OSError: It cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise GuideFormatError("not a regular file")
        if info.st_size > limit:
            raise GuideFormatError(f"{info.st_size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB limit")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise GuideFormatError(f"over the {limit / 1e6:.0f} MB limit")
    return data


def media_file(file: VaultFile) -> MediaFile:
    """The file as guide media, its kind checked from its first bytes and its name hashed while
    streaming (it is read again, and checked, only when the guide is saved).

    Raises:
        MediaError: It is not an image or sound, not what its name says, or too large.
        OSError: It cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(file.real, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise MediaError(str(file.rel), "a link, not a file") from None
        raise
    sha = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise MediaError(str(file.rel), "not a regular file")
        check_size(info.st_size, str(file.rel))
        head = handle.read(SNIFF_BYTES)
        kind = check_kind(head, file.rel.name)
        sha.update(head)
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return MediaFile(name=name_for(sha.hexdigest(), kind, file.rel.name), path=file.real)


def read_vault(path: Path, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> tuple[Guide, list[str], str]:
    """Read the vault at ``path`` into a guide (nothing is saved).

    Returns:
        The guide, the warnings (each file skipped, named), and a digest of the notes read.

    Raises:
        GuideFormatError: The folder holds no note that could be read, or is too large.
        ImportCancelledError: ``cancelled`` returned True.
    """
    root = path.resolve()
    vault = Vault(root=root)
    vault.walk(cancelled)
    texts: list[tuple[VaultFile, str]] = []
    digest, total = hashlib.sha256(), 0
    for index, note in enumerate(vault.notes):
        check_cancelled(cancelled)
        if progress is not None and index % 50 == 0:
            progress(0.8 * index / max(len(vault.notes), 1), f"Reading note {index + 1:,} of {len(vault.notes):,}")
        try:
            data = read_limited(note.real, MAX_NOTE_BYTES)
            text = decode_text(data, str(note.rel))
        except GuideFormatError as error:
            vault.warnings.append(f"{note.rel}: {str(error).removeprefix(str(note.rel)).lstrip(' :,')}; skipped.")
            continue
        except OSError as error:
            vault.warnings.append(f"{note.rel} could not be read ({_reason(error)}); skipped.")
            continue
        total += len(data)
        if total > MAX_TEXT_BYTES:
            raise GuideFormatError(f"{root.name} holds over {MAX_TEXT_BYTES / 1e6:.0f} MB of notes; import a "
                                   "smaller folder")
        digest.update(str(note.rel).encode("utf-8") + b"\0" + data)
        texts.append((note, text))
    if not texts:
        skipped = f" ({len(vault.notes)} could not be read)" if vault.notes else ""
        raise GuideFormatError(f"{root.name} holds no Markdown notes{skipped}; choose an Obsidian vault's folder")
    info = GuideInfo(id=slugify(root.name), title=root.name,
                     description=f"Imported from the Obsidian vault {root.name}.")
    guide = build_guide(info, texts, files=vault.files, attachment_folder=vault.attachment_folder,
                        warnings=vault.warnings, media=media_file)
    return guide, vault.warnings, digest.hexdigest()

