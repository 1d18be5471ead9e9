"""``studyguide import``: one file into the library (the command line's side of File > Import)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyguide.library import Library

#: CSV/TSV files are streamed into the library a batch of rows at a time, never read whole (as the
#: window's import does: ``Library.install_table``), unless Quizlet separators are given.
TABLE_SUFFIXES = {".csv", ".tsv", ".tab"}


def run_import(args: argparse.Namespace, open_library: Callable[[], Library], separators: tuple) -> int:
    """``studyguide import FILE`` (exit status); a file that cannot be read is refused before the
    library is opened (the caller turns the error into a message)."""
    from studyguide import paths
    from studyguide.domain.stats import plural
    from studyguide.guides.importing import DuplicateGuideError, read_file
    from studyguide.store.media import discard

    streamed = args.file.suffix.lower() in TABLE_SUFFIXES and separators == (None, None) and args.file.is_file()
    # What is read is saved: an Anki package's media files are written as it is read (its notes meanwhile).
    result = None if streamed else read_file(args.file, separators=None if separators == (None, None)
                                             else separators, media_into=paths.library_home(args.library) / "guides")
    try:
        library = open_library()
    except BaseException:
        discard(None if result is None else result.staged)
        raise
    try:
        copy = _copy_id(library, args, result) if args.keep_both else None  # as File > Import's "Keep Both"
        if result is None:
            found = library.install_table(args.file, replace=args.replace, copy_id=copy)
            print(f"Imported {found.info.title}: {plural(found.sections, 'section')}, "
                  f"{plural(found.cards, 'card')}, 0 events as {found.info.id!r}.")
            warnings = found.warnings
        else:
            history = None if args.no_history else result.history
            if copy is not None:
                from studyguide.guides.guide_copy import as_copy

                result = replace(result, guide=as_copy(result.guide, copy))
            library.install_guide(result.guide, replace=args.replace, source_sha256=result.source_sha256,
                                  history=history, staged=result.staged)
            if history is not None:
                print(f"Review history: {plural(len(history.reviews), 'answer')}, "
                      f"{plural(len(history.suspended), 'suspended card')}.")
            print(f"Imported {result.summary()} as {result.guide.info.id!r}.")
            if result.quizlet is not None:
                from studyguide.guides.quizlet import describe

                print(f"  read as a Quizlet export: {describe(result.quizlet.term_separator)} between term "
                      f"and definition, {describe(result.quizlet.row_separator)} between rows")
            warnings = tuple(result.warnings)
    except DuplicateGuideError as error:
        if args.skip and not error.bundled:
            print(f"Skipped {args.file.name}: {error.guide_id!r} is already in your library.")
            return 0
        print(f"studyguide: error: {args.file.name}: {error}", file=sys.stderr)
        return 2
    finally:
        library.close()
    for warning in warnings:
        print(f"  note: {warning}")
    return 0


def _copy_id(library: Library, args: argparse.Namespace, result) -> str | None:
    """``--keep-both``: a new id when a guide of the file's id is there (``Library.copy_id``), else None."""
    from studyguide.guides.markdown import slugify

    wanted = slugify(args.file.stem) if result is None else result.guide.info.id
    return library.copy_id(wanted) if wanted in {info.id for info in library.guides()} else None
