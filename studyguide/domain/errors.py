"""The two kinds of store failure a user can act on, kept apart from bugs.

Here, not in ``store``, so the UI may catch them without importing the store.

Environment problems (a locked, full, read-only or corrupt file, or a file
that is not ours) raise ``StoreUnavailable`` with a sentence a user can act
on. Anything else is a bug and reaches the crash handler with its traceback.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class of the store's own errors."""


class StoreUnavailable(StoreError):
    """The database cannot be used as things stand on this machine.

    The message is written for the user: what is wrong and what to do.
    """


class ForeignDatabase(StoreUnavailable):
    """The file is an SQLite database, but not one of StudyGuide's."""


class DamagedDatabase(StoreUnavailable):
    """The file is damaged (SQLite reports it corrupt, or it is not a database at all).

    ``path`` is the damaged file when known (the start-up offers a backup for it).
    """

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class NewerDatabase(StoreUnavailable):
    """The database was written by a newer StudyGuide; this one must not write to it."""


class DiskFull(StoreUnavailable):
    """The disk is full: nothing was saved by the failed step."""


class DatabaseInUse(StoreUnavailable):
    """Another program (or StudyGuide window) holds the database's lock."""


class ReadOnlyLocation(StoreUnavailable):
    """The file or its folder cannot be written (a read-only disk, mount or folder)."""


# Guide files: what an import may meet that is the file's fault, not a bug. -------------


class GuideFormatError(ValueError):
    """A guide source that does not follow the format.

    Attributes:
        line: 1-based line number of the problem (0 when not tied to a line).
    """

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.reason = message


class ImportCancelledError(Exception):
    """The user cancelled an import; nothing was saved."""


class DuplicateGuideError(Exception):
    """A guide with the same id is already in the library.

    Attributes:
        guide_id: The id both share.
        bundled: True when the existing guide is the bundled one (never replaced).
    """

    def __init__(self, guide_id: str, *, bundled: bool = False) -> None:
        what = "the bundled guide" if bundled else "a guide already in your library"
        hint = ("give yours another id (rename the file, or change 'id:' in a Markdown guide's front "
                "matter) and import it again") if bundled else "skip it, or replace it (--replace)"
        super().__init__(f"{what} has the id {guide_id!r}: {hint}")
        self.guide_id = guide_id
        self.bundled = bundled


#: For file dialogs: the files an import reads.
FILE_FILTER = ("Guides and cards (*.md *.markdown *.txt *.csv *.tsv *.apkg *.colpkg);;"
               "Markdown guides and notes (*.md *.markdown *.txt);;CSV or TSV cards (*.csv *.tsv);;"
               "Anki packages (*.apkg *.colpkg);;All files (*)")
