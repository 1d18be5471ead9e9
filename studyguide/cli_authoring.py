"""The command line's guide-writing commands: ``guides``, ``new`` and ``add section|card|event``.

They go through ``studyguide.api`` (the same services as the window). Bad input is refused
with a message on stderr and exit code 2, before anything is written.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

COMMANDS = ("guides", "new", "add")


def add_commands(commands: Any) -> None:
    """Add the writing commands to the ``studyguide`` parser's subcommands."""
    guides = commands.add_parser("guides", help="list the guides: id, title, and counts of sections, cards and events")
    guides.add_argument("--json", action="store_true", help="print one JSON object per line")
    new = commands.add_parser("new", help="make an empty guide of your own and print its id")
    new.add_argument("title", help="the guide's title")
    new.add_argument("--id", help="its id (lowercase letters, digits, hyphens; default: from the title)")
    new.add_argument("--subject", default="", help="its subject")
    add = commands.add_parser("add", help="add a section, card or event to one of your guides and print its id")
    what = add.add_subparsers(dest="what", metavar="section|card|event", required=True)
    section = what.add_parser("section", help="add a section (prints its id)")
    section.add_argument("guide", help="the guide's id")
    section.add_argument("--title", required=True)
    section.add_argument("--body", default="", help="Markdown")
    section.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    card = what.add_parser("card", help="add a card (prints the ids of the cards it makes)")
    card.add_argument("guide", help="the guide's id")
    card.add_argument("--section", required=True, help="the section's id")
    card.add_argument("--front", required=True, help="Markdown; a cloze is written {{c1::answer::hint}}")
    card.add_argument("--back", default="", help="Markdown (required but for a cloze)")
    card.add_argument("--type", default="basic", choices=("basic", "reversed", "cloze", "typein"))
    card.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    event = what.add_parser("event", help="add a timeline event (prints its id)")
    event.add_argument("guide", help="the guide's id")
    event.add_argument("--section", required=True, help="the section's id")
    event.add_argument("--title", required=True)
    event.add_argument("--when", required=True, help="1959, fall 1961, c. 1962, April 12, 1962, 44 BC, 1959-1962...")
    event.add_argument("--lane", default="")
    event.add_argument("--description", default="", help="Markdown")


def run(args: argparse.Namespace) -> int:
    """Run one writing command; returns the exit code."""
    from studyguide import api

    library = api.open_library(args.library)
    try:
        if args.command == "guides":
            return _list(library, as_json=args.json)
        if args.command == "new":
            print(library.new_guide(args.title, args.subject, args.id))
        elif args.what == "section":
            print(library.add_section(args.guide, args.title, args.body, args.tag))
        elif args.what == "card":
            print("\n".join(library.add_card(args.guide, args.section, args.front, args.back, args.type,
                                             args.tag)))
        else:
            print(library.add_event(args.guide, args.section, args.title, args.when, args.description,
                                    args.lane))
        return 0
    except api.AuthoringError as error:
        print(f"studyguide: error: {error}", file=sys.stderr)
        return 2
    finally:
        library.close()


def _list(library: Any, *, as_json: bool) -> int:
    from studyguide.domain.stats import plural
    for guide in library.guides():
        if as_json:
            print(json.dumps({"id": guide.id, "title": guide.title, "subject": guide.subject,
                              "sections": guide.sections, "cards": guide.cards, "events": guide.events,
                              "editable": guide.editable}, ensure_ascii=False))
        else:
            mark = "" if guide.editable else "  (read-only)"
            print(f"{guide.id}\t{guide.title}\t{plural(guide.sections, 'section')}, {plural(guide.cards, 'card')}, "
                  f"{plural(guide.events, 'event')}{mark}")
    return 0
