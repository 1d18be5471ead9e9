"""Import a CSV/TSV into the library by streaming it (issue 18): flat memory at any size.

``Library.install_guide`` takes a whole ``Guide``; this writes a table file's cards into the
guide database as they are read (``guides.table_stream``) and returns once it is written: the
guide is indexed for ranking on a thread of its own (``RankingIndex.fill_later``), and a search
of it waits for that. Same rules as ``install_guide``: a guide that exists is replaced only when asked
(its old database kept in the trash), the bundled guide never; a failure or a cancel leaves
the library as it was.
"""

from __future__ import annotations

from dataclasses import replace as replaced
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from studyguide.domain.changes import Changes
from studyguide.domain.errors import DuplicateGuideError, GuideFormatError
from studyguide.domain.guide import GuideInfo

if TYPE_CHECKING:  # imported where used: importing is not on the way to a usable window
    from studyguide.guides.table_stream import StreamedImport
    from studyguide.guides.tabular import Cancelled, Progress
    from studyguide.store.ranking import RankingIndex


class TableImports:
    """``Library``'s streamed import of a CSV/TSV (a base class: library.py is at its size limit)."""

    def install_table(self, path: Path, *, replace: bool = False, progress: Progress | None = None,
                      cancelled: Cancelled | None = None, copy_id: str | None = None) -> StreamedImport:
        """Stream a CSV/TSV into the library as a new guide, a batch at a time (worker-safe)."""
        return install_table(cast(Library, self), path, replace=replace, progress=progress, cancelled=cancelled,
                             copy_id=copy_id)


class Library(Protocol):
    """What of ``studyguide.library.Library`` an import uses (not imported: no cycle)."""

    ranking: RankingIndex

    @property
    def guides_folder(self) -> Path: ...

    def guides(self) -> list[GuideInfo]: ...

    def is_user_guide(self, guide_id: str) -> bool: ...

    def _to_trash(self, path: Path, *, copy: bool, what: str = ...) -> Path: ...


def install_table(library: Library, path: Path, *, replace: bool = False, progress: Progress | None = None,
                  cancelled: Cancelled | None = None, copy_id: str | None = None) -> StreamedImport:
    """Stream the CSV/TSV at ``path`` into the library as a new guide (call ``reload_guides`` after);
    ``copy_id``: "Keep Both", the guide's new id (``Library.copy_id``; its title says it is a copy).

    Raises:
        DuplicateGuideError: A guide with that id exists and ``replace`` is False, or it is bundled.
        GuideFormatError: The file is empty, binary or malformed (nothing saved).
        ImportCancelledError: ``cancelled`` returned True (nothing saved).
        DiskFull: The disk is full (nothing saved).
    """
    from studyguide.guides.importing import _check_regular, _title
    from studyguide.guides.markdown import slugify
    from studyguide.guides.table_stream import import_table
    from studyguide.guides.tabular import MAX_TABLE_BYTES, check_size

    try:
        _check_regular(path)
        check_size(path.stat().st_size, path.name, MAX_TABLE_BYTES)
    except GuideFormatError as error:
        raise _named(error, path) from None
    title = _title(path)
    info = GuideInfo(id=slugify(path.stem), title=title, subject="", description=f"Imported from {path.name}.")
    if copy_id is not None:
        from studyguide.guides.guide_copy import copy_title

        info = GuideInfo(id=copy_id, title=copy_title(title, copy_id), description=info.description)
    dest = library.guides_folder / f"{info.id}.sqlite"
    if info.id in {g.id for g in library.guides()} and not library.is_user_guide(info.id):
        raise DuplicateGuideError(info.id, bundled=True)
    kept = None
    if dest.exists():
        if not replace:
            raise DuplicateGuideError(info.id)
        kept = library._to_trash(dest, copy=True, what="the guide was not imported")
    done = None
    feed = library.ranking.feed(info.id)  # the cards indexed as they are written (None: filled after)
    try:
        done = import_table(path, dest, info, progress=progress, cancelled=cancelled,
                            tap=feed.add if feed is not None else None)
    except GuideFormatError as error:
        raise _named(error, path) from None
    finally:
        if done is None and kept is not None:  # nothing imported: the old guide stays, its copy goes
            kept.unlink(missing_ok=True)
        if done is None and feed is not None:
            feed.cancel()
    # Readable now; a search of it waits for its index (the sections and the commit, or the whole fill).
    if feed is not None:
        feed.finish(dest)
    else:
        library.ranking.fill_later(info.id, dest)
    return replaced(done, changes=Changes(content=True, guides=True, search_index=True, due_counts=True))


def _named(error: GuideFormatError, path: Path) -> GuideFormatError:
    """The error, its message starting with the file's name (as ``read_file``'s do)."""
    if str(error).startswith(path.name):
        return error
    named = GuideFormatError(f"{path.name}, {error}")
    named.line = error.line
    return named
