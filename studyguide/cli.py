"""The command line: starts the GUI, or runs a headless command without Qt.

``studyguide`` opens the app; ``studyguide search``, ``studyguide build``
and ``--version`` never import PySide6, so they start fast and work on a
machine with no display.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from studyguide import __version__, paths

#: Process-relative start, for the smoke test's time to first paint.
STARTED = time.perf_counter()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studyguide",
        description="An offline study guide: reading notes, flashcards, a timeline and search.",
    )
    parser.add_argument("--version", action="version", version=f"StudyGuide {__version__}")
    parser.add_argument("--library", metavar="PATH",
                        help="library folder (default: $STUDYGUIDE_HOME or the platform's user-data folder)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start, paint the main window once, print the time to first paint, exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    search = commands.add_parser("search", help="search every guide and print ranked results")
    search.add_argument("query", nargs="+", help="words, \"a phrase\", -excluded, a OR b")
    search.add_argument("--json", action="store_true", help="print one JSON object per line")
    search.add_argument("--limit", type=int, default=20, help="most results (default 20)")
    build = commands.add_parser("build", help="compile a guide source (Markdown) into a guide database")
    build.add_argument("source", nargs="?", type=Path, help="guide source (default: the bundled guide)")
    build.add_argument("-o", "--output", type=Path, help="database to write (default: db/default-guide.sqlite)")
    return parser


def _clock() -> datetime:
    return datetime.now(timezone.utc)


def _open_library(home: str | None):
    from studyguide.library import Library

    return Library(home=paths.library_home(home), bundled_guide=paths.bundled_guide_database(), clock=_clock)


def _run_search(args: argparse.Namespace) -> int:
    from studyguide.search.engine import strip_marks

    library = _open_library(args.library)
    try:
        result = library.search.search(" ".join(args.query), limit=args.limit)
    finally:
        library.close()
    for rank, hit in enumerate(result.hits, 1):
        if args.json:
            print(json.dumps({
                "rank": rank, "kind": hit.kind, "guide": hit.guide_id, "id": hit.item_id,
                "section": hit.section_id, "title": strip_marks(hit.title),
                "snippet": strip_marks(hit.snippet), "score": round(hit.score, 4),
            }, ensure_ascii=False))
        else:
            print(f"{rank:>3}. [{hit.kind}] {strip_marks(hit.title)}  ({hit.guide_title})")
            if hit.snippet:
                print(f"     {strip_marks(hit.snippet)}")
    if not result.hits and not args.json:
        print("No matches.", file=sys.stderr)
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from studyguide.guides.build import build_from_source

    source = args.source or paths.bundled_guide_source()
    output = args.output or paths.bundled_guide_database()
    guide = build_from_source(source, output)
    print(f"Built {output}: {len(guide.sections)} sections, {len(guide.cards)} cards, "
          f"{len(guide.events)} events.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    from studyguide.guides.markdown import GuideFormatError
    from studyguide.store.errors import StoreUnavailable

    try:
        if args.command == "search":
            return _run_search(args)
        if args.command == "build":
            return _run_build(args)
        from studyguide import app

        return app.main(library_home=paths.library_home(args.library), smoke_test=args.smoke_test,
                        started=STARTED)
    except BrokenPipeError:
        # The reader went away (``studyguide search x | head``): not an error.
        sys.stderr.close()
        return 0
    except (StoreUnavailable, GuideFormatError, OSError) as error:
        print(f"studyguide: error: {error}", file=sys.stderr)
        return 2
