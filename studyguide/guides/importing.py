"""One entry point for every import: pick the reader from the file, return a domain guide.

``read_file`` never touches the library: it reads a file into a ``Guide`` (or,
for plain notes, a proposal the user reviews first) and is all-or-nothing.
Saving is a separate step (``Library.install_guide``), so a file that fails
halfway leaves the library exactly as it was (the command line's, which saves what it reads, has an
Anki package's media files written into a folder of its own as it reads: removed if the read
fails). Safe to run on a worker thread.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.collector import collector_paused
from studyguide.domain.errors import FILE_FILTER, DuplicateGuideError
from studyguide.domain.guide import Guide
from studyguide.domain.imported_history import ImportedHistory
from studyguide.domain.stats import plural
from studyguide.guides import apkg, quizlet, tabular
from studyguide.guides.guide_media import MEDIA_FOLDER, attach_media
from studyguide.guides.markdown import GuideFormatError, read_guide, slugify
from studyguide.guides.quizlet import QuizletText
from studyguide.guides.tabular import Cancelled, ImportCancelledError, Progress
from studyguide.store.media import StagedMedia, discard

if TYPE_CHECKING:  # the plain notes' and the vault's readers are imported when a file needs them (5 ms)
    from studyguide.guides import notes

__all__ = ["FILE_FILTER", "DuplicateGuideError", "GuideFormatError", "ImportCancelledError", "ImportResult",
           "read_file"]

TABLE_SUFFIXES = {".csv", ".tsv", ".tab"}
TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
ANKI_SUFFIXES = {".apkg", ".colpkg"}
QUIZLET_SUFFIXES = {".txt", ".text"}
#: A text file these separators split row by row is taken for a Quizlet export without asking
#: (tabs are rare in notes; commas are not, so a comma-separated export is read when asked).
_QUIZLET_DEFAULTS = {("\t", "\n"), ("\t", ";")}

@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a file holds, ready to save.

    Attributes:
        guide: The guide read (for notes: sections only, plus every proposal accepted).
        kind: ``markdown``, ``table``, ``anki``, ``notes``, ``quizlet`` or ``obsidian`` (a vault).
        warnings: What was skipped or kept differently (never silently lost).
        proposal: For plain notes, the proposed events and cards to review.
        source_sha256: Digest of the file's bytes.
        history: Review history and card states (an Anki package's), saved unless the user says not.
        quizlet: For a Quizlet export, its text and separators (the window previews the split).
        staged: An Anki package's media files being written into the library (``read_file``'s
            ``media_into``), for ``Library.install_guide``.
    """

    guide: Guide
    kind: str
    warnings: tuple[str, ...] = ()
    proposal: notes.NotesProposal | None = None
    source_sha256: str = ""
    history: ImportedHistory | None = None
    quizlet: QuizletText | None = None
    staged: StagedMedia | None = None

    def summary(self) -> str:
        """One line: how much was read."""
        g = self.guide
        return (f"{g.info.title}: {plural(len(g.sections), 'section')}, {plural(len(g.cards), 'card')}, "
                f"{plural(len(g.events), 'event')}")


def _title(path: Path) -> str:
    return " ".join(path.stem.replace("_", " ").replace("-", " ").split()) or "Imported guide"


@collector_paused()
def read_file(path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None,
              separators: tuple[str | None, str | None] | None = None, quizlet: bool = False,
              media_into: Path | None = None) -> ImportResult:
    """Read any supported file into a guide, without saving anything (see ``_read``).

    ``media_into``: a library's guides folder, for an import that saves what it reads (the command
    line's): an Anki package's media files are written into a new folder there as it is read
    (``ImportResult.staged``; removed if the read fails, and by ``install_guide`` if it does).

    ``separators`` (term, row; None for "detect") reads a text file as a Quizlet export;
    ``quizlet`` reads it so for the window to preview (see ``read_quizlet_file``).
    Errors name the file as well as the line or note.
    """
    if quizlet:
        return read_quizlet_file(path, cancelled=cancelled)
    if path.is_dir():  # an Obsidian vault: its warnings name each file skipped
        from studyguide.guides import vault

        guide, warnings, digest = vault.read_vault(path, progress=progress, cancelled=cancelled)
        return ImportResult(guide=guide, kind="obsidian", warnings=tuple(warnings), source_sha256=digest)
    try:
        return _read(path, progress=progress, cancelled=cancelled, separators=separators, media_into=media_into)
    except GuideFormatError as error:
        if str(error).startswith(path.name):
            raise
        named = GuideFormatError(f"{path.name}, {error}")
        named.line = error.line
        raise named from None


def _read(path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None,
          separators: tuple[str | None, str | None] | None = None, media_into: Path | None = None) -> ImportResult:
    """Read any supported file into a guide, without saving anything.

    Args:
        path: A Markdown guide, plain notes (``.txt``/``.md``), a CSV/TSV of cards, or an
            Anki package. A text file made only of tab-separated rows is a Quizlet export.
        progress: Called with (fraction done, label) now and then.
        cancelled: Polled during long reads; True stops the read.
        separators: Read a text file as a Quizlet export split by these (term, row); None for
            either detects it.

    Returns:
        The guide read, with warnings.

    Raises:
        GuideFormatError: The file is empty, binary, too large, damaged or malformed, or is not
            a regular file (a FIFO, a device, a folder); the message names the line or note.
        ImportCancelledError: ``cancelled`` returned True.
        OSError: The file cannot be read.
    """
    suffix = path.suffix.lower()
    guide_id, title = slugify(path.stem), _title(path)
    _check_regular(path)
    if suffix in ANKI_SUFFIXES:
        found = apkg.read_anki(path, guide_id=guide_id, title=title, progress=progress, cancelled=cancelled,
                               media_into=media_into)
        try:
            digest = _digest(path)
        except BaseException:
            discard(found.staged)
            raise
        return ImportResult(guide=found.guide, kind="anki", warnings=tuple(found.warnings), source_sha256=digest,
                            history=found.history, staged=found.staged)
    if suffix not in TABLE_SUFFIXES | TEXT_SUFFIXES:
        raise GuideFormatError(f"{path.name}: StudyGuide cannot import {suffix or 'extensionless'} files; "
                               "use a Markdown guide or notes (.md, .txt), CSV/TSV, or an Anki package (.apkg)")
    text, digest, decoding = _text(path, cancelled)
    guide_format = text.lstrip("\ufeff \t\r\n").startswith("---")  # front matter: the guide format
    # Only a plain-text file is taken for a Quizlet export unasked: Markdown (or a guide) is never.
    if separators is not None or (suffix in QUIZLET_SUFFIXES and not guide_format
                                  and quizlet.detect(text) in _QUIZLET_DEFAULTS):
        term, row = separators or (None, None)
        guide = quizlet.read_quizlet(text, name=path.name, guide_id=guide_id, title=title, term_separator=term,
                                     row_separator=row, progress=progress, cancelled=cancelled)
        return ImportResult(guide=guide, kind="quizlet", warnings=tuple(decoding), source_sha256=digest,
                            quizlet=_quizlet_text(text, path, term, row))
    if suffix in TABLE_SUFFIXES:
        guide, warnings = tabular.read_table(text, name=path.name, guide_id=guide_id, title=title,
                                             progress=progress, cancelled=cancelled)
        return ImportResult(guide=guide, kind="table", warnings=(*decoding, *warnings), source_sha256=digest)
    if guide_format:
        guide, missing = attach_media(read_guide(text), path.parent / MEDIA_FOLDER)  # its media/ folder
        return ImportResult(guide=guide, kind="markdown", warnings=(*decoding, *missing), source_sha256=digest)
    from studyguide.guides import notes

    proposal = notes.propose(text, guide_id=guide_id, title=title)
    return ImportResult(guide=proposal.accept(), kind="notes", warnings=tuple(decoding), proposal=proposal,
                        source_sha256=digest)


def read_quizlet_file(path: Path, *, cancelled: Cancelled | None = None) -> ImportResult:
    """Read a text file as a Quizlet export for the window to preview: never refused for not
    splitting (its guide then has no cards, and the window asks for the separators).

    Raises:
        GuideFormatError: The file is not a regular file, is too large, empty or binary.
        OSError: It cannot be read.
    """
    _check_regular(path)
    try:
        text, digest, decoding = _text(path, cancelled)
    except GuideFormatError as error:
        raise GuideFormatError(str(error) if str(error).startswith(path.name) else f"{path.name}, {error}") from None
    found = _quizlet_text(text, path, None, None)
    if not found.term_separator:  # none of the common ones: a guess, shown in the preview before anything is saved
        from studyguide.guides.quizlet_guess import guess_separators

        if (guessed := guess_separators(text)) is not None:
            found = replace(found, term_separator=guessed[0], row_separator=guessed[1])
    guide = found.guide() if found.term_separator else quizlet.empty_guide(found)
    return ImportResult(guide=guide, kind="quizlet", warnings=tuple(decoding), source_sha256=digest, quizlet=found)


def _quizlet_text(text: str, path: Path, term: str | None, row: str | None) -> QuizletText:
    """The export with the separators given and the others found ("" when none split every row)."""
    found = quizlet.choose_separators(text, term, row) or (term or "", row or "")
    return QuizletText(text=text, name=path.name, guide_id=slugify(path.stem), title=_title(path),
                       term_separator=found[0], row_separator=found[1])


def _check_regular(path: Path) -> None:
    """Refuse anything but a regular file, without opening it."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        # Opening a FIFO waits for a writer and a device can be endless: never open them.
        kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket")
        raise GuideFormatError(f"{path.name} is {kind}, not a file; choose a guide, notes, CSV/TSV or Anki file")


def _text(path: Path, cancelled: Cancelled | None) -> tuple[str, str, list[str]]:
    """A text file's text, the SHA-256 of its bytes, and a warning when it was not UTF-8."""
    table = path.suffix.lower() in TABLE_SUFFIXES
    tabular.check_size(path.stat().st_size, path.name, tabular.MAX_TABLE_BYTES if table else None)
    data = path.read_bytes()
    tabular.check_cancelled(cancelled)
    decoding: list[str] = []  # a file read as Windows-1252 says so
    text = tabular.decode_text(data, path.name, warnings=decoding)
    return text, hashlib.sha256(data).hexdigest(), decoding


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()
