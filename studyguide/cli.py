"""The command line: starts the GUI, or runs a headless command without Qt.

``studyguide`` opens the app; ``studyguide search``, ``studyguide build``
and ``--version`` never import PySide6, so they start fast and work on a
machine with no display.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide import __version__, paths

# The commands' modules and the error messages are imported where used: a GUI start needs neither.

if TYPE_CHECKING:
    import argparse

#: Process-relative start, for the smoke test's time to first paint.
STARTED = time.perf_counter()


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="studyguide",
        description="An offline study guide: reading notes, flashcards, a timeline and search.",
    )
    parser.add_argument("--version", action="version", version=f"StudyGuide {__version__}")
    parser.add_argument("--library", metavar="PATH",
                        help="library folder (default: $STUDYGUIDE_HOME or the platform's user-data folder)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start, paint the main window once, print the time to first paint, exit")
    parser.add_argument("--debug", action="store_true",
                        help="also print the traceback of a bug on stderr (as STUDYGUIDE_DEBUG=1 does)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    search = commands.add_parser("search", help="search every guide and print ranked results")
    search.add_argument("query", nargs="+", help="complete words (word* for the words it starts), "
                        "\"a phrase\", -excluded, a OR b, filters "
                        "kind:card|section|event, section:NAME, guide:NAME, tag:NAME, before:YEAR, after:YEAR")
    search.add_argument("--json", action="store_true", help="print one JSON object per line")
    search.add_argument("--limit", type=int, default=20, help="most results (default 20)")
    build = commands.add_parser("build", help="compile a guide source (Markdown) into a guide database")
    build.add_argument("source", nargs="?", type=Path, help="guide source (default: the bundled guide)")
    build.add_argument("-o", "--output", type=Path, help="database to write (default: db/default-guide.sqlite)")
    _add_progress_commands(commands)
    _add_guide_commands(commands)
    from studyguide import cli_authoring, cli_cards, cli_sync

    cli_authoring.add_commands(commands)
    cli_cards.add_commands(commands)
    cli_sync.add_commands(commands)
    return parser


_VALUED = ("--limit=", "--guide=", "--sort=")


def _search_words_as_query(argv: list[str]) -> list[str]:
    """Make every word after ``search`` part of the query, ``-word`` (excluded) included.

    argparse would read ``-kind:card`` as an unknown option. The search options
    (``--json``, ``--limit N``) are taken from the start or the end of the words;
    a ``--`` ends them, as usual.
    """
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
        i += 2 if argv[i] == "--library" else 1
    if i >= len(argv) or argv[i] not in ("search", "cards"):
        return argv
    options, words, ended = list[str](), argv[i + 1:], False
    while words and not ended:
        if words[0] == "--":
            words, ended = words[1:], True
        elif words[0] in ("--json", "-h", "--help", "--desc") or words[0].startswith(_VALUED):
            options, words = options + words[:1], words[1:]
        elif words[0] in ("--limit", "--guide", "--sort") and len(words) > 1:
            options, words = options + words[:2], words[2:]
        else:
            break
    while words and not ended:
        if words[-1] in ("--json", "--desc") or words[-1].startswith(_VALUED):
            options, words = options + words[-1:], words[:-1]
        elif len(words) > 1 and words[-2] in ("--limit", "--guide", "--sort"):
            options, words = options + words[-2:], words[:-2]
        else:
            break
    return [*argv[:i + 1], *options, "--", *words]


def _clock() -> datetime:
    return datetime.now(timezone.utc)


def _open_library(home: str | None):
    from studyguide.library import Library

    return Library(home=paths.library_home(home), bundled_guide=paths.bundled_guide_database(), clock=_clock)


def _run_search(args: argparse.Namespace) -> int:
    import json

    from studyguide.search.engine import strip_marks

    result = _with_library(args, lambda _args, library: library.search.search(" ".join(args.query), limit=args.limit))
    for problem in result.query.problems:  # a filter that makes no sense (is:zebra): said, not searched
        print(f"studyguide: {problem}", file=sys.stderr)
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
    if not result.hits:
        hint = f" Did you mean: {result.suggestion}" if result.suggestion else ""
        print(f"No matches.{hint}", file=sys.stderr)
    elif result.total > len(result.hits) and not args.json:
        print(f"({result.total:,} items match; the best {len(result.hits)} are shown.)", file=sys.stderr)
    return 0


def _with_library(args: argparse.Namespace, command):
    library = _open_library(args.library)
    try:
        return command(args, library)
    finally:
        library.close()


def _run_build(args: argparse.Namespace) -> int:
    from studyguide.domain.stats import plural
    from studyguide.guides.build import build_from_source

    source = args.source or paths.bundled_guide_source()
    output = args.output or paths.bundled_guide_database()
    guide = build_from_source(source, output)
    print(f"Built {output}: {plural(len(guide.sections), 'section')}, {plural(len(guide.cards), 'card')}, "
          f"{plural(len(guide.events), 'event')}.")
    return 0


def _add_progress_commands(commands) -> None:
    commands.add_parser("backup", help="copy your progress database into the library's backups folder")
    commands.add_parser("backups", help="list the backups of your progress, newest first")
    restore = commands.add_parser("restore", help="restore your progress from a backup (the current state is kept)")
    restore.add_argument("backup", type=Path, help="a backup file (see 'studyguide backups')")
    commands.add_parser("rebuild-progress", help="recompute every card's state from the review log")
    suspended = commands.add_parser("suspended", help="list suspended cards (guide, card id, question)")
    suspended.add_argument("guide", nargs="?", help="only this guide's (default: every guide's)")
    unsuspend = commands.add_parser("unsuspend", help="bring a suspended card back into review")
    unsuspend.add_argument("card", help="the card's id (see 'studyguide suspended')")
    unsuspend.add_argument("--guide", help="the card's guide, if several guides have a card with that id")


def _run_progress_command(args: argparse.Namespace) -> int:
    from studyguide import library as libraries
    from studyguide.domain.stats import plural
    from studyguide.store.errors import DamagedDatabase

    home = paths.library_home(args.library)
    if args.command == "backups":  # never opens the progress file: works when it is damaged
        found = libraries.library_backups(home)
        for info in found:
            print(f"{info.label()}  {info.path}")
        if not found:
            print("No backups yet.", file=sys.stderr)
        return 0
    try:
        library = _open_library(args.library)
    except DamagedDatabase:
        if args.command != "restore":
            raise
        kept = libraries.restore_damaged(home, args.backup, now=_clock())
        _open_library(args.library).close()  # the restored copy opens (and is migrated if older)
        print(f"Restored your progress from {args.backup}; the damaged file is kept as {kept}.")
        return 0
    try:
        if args.command == "backup":
            print(f"Backed up to {library.progress.backup(kind='manual', now=_clock())}")
        elif args.command == "restore":
            library.restore_backup(args.backup)
            print(f"Restored your progress from {args.backup}; the state before is kept in "
                  f"{library.progress.backups_folder}.")
        else:
            count = library.progress.rebuild_card_state()
            print(f"Rebuilt the state of {plural(count, 'card')} from the review log.")
    finally:
        library.close()
    return 0


def _run_suspended(args: argparse.Namespace) -> int:
    library = _open_library(args.library)
    try:
        known = [info.id for info in library.guides()]
        guide = args.guide
        if guide is not None and guide not in known:
            print(f"studyguide: error: no guide {guide!r}; guides: {', '.join(known)}", file=sys.stderr)
            return 2
        found = library.suspended_cards(guide)
        if args.command == "suspended":
            for guide_id, card in found:
                print(f"{guide_id}\t{card.id}\t{' '.join(card.front.split())}")
            if not found:
                print("No suspended cards.", file=sys.stderr)
            return 0
        matches = [(guide_id, card) for guide_id, card in found if card.id == args.card]
        if len(matches) != 1:
            problem = "several guides have a suspended card" if matches else "no suspended card"
            hint = " (say --guide)" if matches else ""
            print(f"studyguide: error: {problem} {args.card!r}{hint}", file=sys.stderr)
            return 2
        guide_id, card = matches[0]
        library.review.unsuspend(guide_id, card.id)
        print(f"Unsuspended {card.id} ({guide_id}): {' '.join(card.front.split())}")
        return 0
    finally:
        library.close()


def _add_guide_commands(commands) -> None:
    imp = commands.add_parser("import", help="import a Markdown guide, notes, CSV/TSV cards, a Quizlet export, "
                              "an Anki package or an Obsidian vault (a folder)")
    imp.add_argument("file", type=Path, help=".md, .txt, .csv, .tsv, .apkg, .colpkg or a folder of notes")
    same = imp.add_mutually_exclusive_group()
    same.add_argument("--replace", action="store_true",
                      help="replace a guide with the same id (progress of unchanged cards is kept)")
    same.add_argument("--skip", action="store_true", help="do nothing if a guide with the same id exists")
    same.add_argument("--keep-both", action="store_true", help="import it as a separate copy (a new id) beside it")
    imp.add_argument("--no-history", action="store_true",
                     help="an Anki package: leave its review history and schedule out (its cards start new)")
    exp = commands.add_parser("export", help="export a guide to Markdown, CSV, Quizlet text or an Anki package")
    exp.add_argument("guide", help="the guide's id (an unknown id prints the list)")
    exp.add_argument("--format", choices=("md", "csv", "apkg", "quizlet"),
                     help="default: from the output's extension (.txt is Quizlet's text)")
    exp.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    exp.add_argument("--with-history", action="store_true",
                     help="an Anki package (.apkg) carries the review log and each card's scheduling")
    for parser, verb in ((imp, "read the file as a Quizlet export"), (exp, "Quizlet text (default tab)")):
        parser.add_argument("--term-separator", metavar="SEP", help=f"between term and definition: {verb}; "
                            "tab, comma, semicolon, newline, \\t, \\n or any text")
    for parser, verb in ((imp, "read the file as a Quizlet export"), (exp, "Quizlet text (default newline)")):
        parser.add_argument("--row-separator", metavar="SEP", help=f"between rows: {verb}; "
                            "newline, semicolon, \\n or any text")


def _separators(args: argparse.Namespace, *, default: tuple[str, str] | None) -> tuple:
    """The Quizlet separators asked for (names and escapes read); ``default`` for those not given."""
    from studyguide.guides.quizlet import parse_separator

    given = (args.term_separator, args.row_separator)
    fallback = default or (None, None)
    return tuple(parse_separator(sep) if sep is not None else fallback[i] for i, sep in enumerate(given))


def _run_export(args: argparse.Namespace) -> int:
    from studyguide.domain.stats import plural
    from studyguide.guides.export import export_guide, format_of

    fmt = args.format or format_of(args.output)
    if fmt is None:
        print("studyguide: error: say --format md, csv, apkg or quizlet (or use .md, .csv, .apkg or .txt)",
              file=sys.stderr)
        return 2
    library = _open_library(args.library)
    try:
        known = [info.id for info in library.guides()]
        if args.guide not in known:
            print(f"studyguide: error: no guide {args.guide!r}; guides: {', '.join(known)}", file=sys.stderr)
            return 2
        guide, edits = library.load_guide(args.guide), library.card_edits(args.guide)
        history = library.study_history(guide) if args.with_history and fmt == "apkg" else None
    finally:
        library.close()
    export_guide(guide, fmt, args.output, edits=edits, separators=_separators(args, default=("\t", "\n")),
                 history=history)
    print(f"Exported {plural(len(guide.cards), 'card')} of {guide.info.title!r} to {args.output}.")
    return 0


def _gui_options(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(library, smoke_test) when the arguments only start the GUI, else None.

    Starting the app is the common case and its speed is felt, so it skips
    building the argument parser; anything else goes through argparse.
    """
    library, smoke_test, rest = None, False, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--smoke-test":
            smoke_test = True
        elif arg == "--library" and rest and not rest[0].startswith("-"):
            library = rest.pop(0)
        elif arg.startswith("--library=") and len(arg) > len("--library="):
            library = arg.split("=", 1)[1]
        else:
            return None
    return library, smoke_test


def _start_gui(library: str | None, smoke_test: bool) -> int:
    from studyguide import app
    from studyguide.store.errors import StoreUnavailable

    try:
        return app.main(library=library, smoke_test=smoke_test, started=STARTED)
    except (StoreUnavailable, OSError) as error:
        from studyguide.domain.messages import user_message

        print(f"studyguide: error: {user_message(error)}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a bug before the window's event loop ran: exit 70
        from studyguide import crash_log

        return crash_log.report_on_command_line(paths.library_home(library), error, debug=crash_log.debug_wanted())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    gui = _gui_options(sys.argv[1:] if argv is None else argv)
    if gui is not None:
        import gc

        # The start allocates (imports, Qt's wrappers and enums) and frees little: no cyclic collections on
        # the way to the usable window (about 60 of them, 2.5% of its work). Once the window is ready, app.main
        # collects on the main thread only (collector.py); when it returns, this puts collection back as found.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return _start_gui(*gui)
        finally:
            if was_enabled:
                from studyguide.collector import collect_anywhere

                collect_anywhere()
    args = _parser().parse_args(_search_words_as_query(list(sys.argv[1:] if argv is None else argv)))
    from studyguide.domain.media import MediaError
    from studyguide.guides.markdown import GuideFormatError
    from studyguide.guides.quizlet import SeparatorError
    from studyguide.store.errors import StoreUnavailable

    if args.debug:
        os.environ["STUDYGUIDE_DEBUG"] = "1"  # the GUI's crash reporter reads it too
    try:
        if args.command == "search":
            return _run_search(args)
        if args.command == "build":
            return _run_build(args)
        if args.command in ("backup", "backups", "restore", "rebuild-progress"):
            return _run_progress_command(args)
        if args.command in ("suspended", "unsuspend"):
            return _run_suspended(args)
        if args.command == "import":
            from studyguide.cli_import import run_import

            return run_import(args, lambda: _open_library(args.library), _separators(args, default=None))
        if args.command == "export":
            return _run_export(args)
        from studyguide import cli_authoring, cli_cards, cli_sync

        if args.command in cli_cards.COMMANDS:
            return _with_library(args, cli_cards.run)
        if args.command in cli_authoring.COMMANDS:
            return cli_authoring.run(args)
        if args.command in cli_sync.COMMANDS:
            return cli_sync.run(args)
        from studyguide import app

        return app.main(library=args.library, smoke_test=args.smoke_test, started=STARTED)
    except BrokenPipeError:
        # The reader went away (``studyguide search x | head``): not an error.
        sys.stderr.close()
        return 0
    except (StoreUnavailable, GuideFormatError, OSError) as error:
        from studyguide.domain.messages import user_message

        print(f"studyguide: error: {user_message(error)}", file=sys.stderr)
        return 2
    except (SeparatorError, MediaError) as error:  # a separator left empty; a media file changed meanwhile
        print(f"studyguide: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a bug: reported with its log file, exit 70
        from studyguide import crash_log

        return crash_log.report_on_command_line(paths.library_home(args.library), error,
                                                debug=crash_log.debug_wanted())
