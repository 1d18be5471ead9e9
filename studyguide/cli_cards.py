"""The command line's ``cards`` command: the card browser's query, one line (or JSON object) per card.

``studyguide cards "is:due prop:r<0.8" [--json] [--guide ID] [--sort COLUMN [--desc]]``. A query
with a filter that makes no sense (``is:zebra``) is refused with the reason and exit code 2.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from studyguide.domain.card_filter import CardRow

COMMANDS = ("cards",)
#: Cards read from the database at a time.
PAGE = 1000


def add_commands(commands: Any) -> None:
    """Add ``cards`` to the ``studyguide`` parser's subcommands."""
    from studyguide.domain.card_columns import COLUMN_KEYS

    cards = commands.add_parser("cards", help="list cards with their state: id, guide, section, state, due date, "
                                "interval, reviews, lapses, tags")
    cards.add_argument("query", nargs="*", help="the search's words and filters, and card-state filters: "
                       "is:new|learn|review|due|suspended|lapsed, due:N, rated:N[:1-4], added:N, edited:N, lapses>N, "
                       "prop:ivl>N, prop:r<0.8, tag:NAME (no query: every card)")
    cards.add_argument("--json", action="store_true", help="print one JSON object per line")
    cards.add_argument("--guide", help="only this guide's cards (its id)")
    cards.add_argument("--sort", choices=COLUMN_KEYS, help="sort by this column (default: guide order)")
    cards.add_argument("--desc", action="store_true", help="sort the other way")


def _record(row: CardRow) -> dict[str, object]:
    return {"id": row.card_id, "guide": row.guide_id, "section": row.section_id, "state": row.state,
            "suspended": row.suspended, "due": None if row.due is None else row.due.isoformat(),
            "interval": None if row.interval is None else round(row.interval, 2), "reviews": row.reviews,
            "lapses": row.lapses, "tags": list(row.tags)}


def _line(row: CardRow) -> str:
    due = "-" if row.due is None else row.due.astimezone().strftime("%Y-%m-%d")
    interval = "-" if row.interval is None else f"{row.interval:.1f}d"
    state = row.state + (" (suspended)" if row.suspended else "")
    return (f"{row.guide_id}/{row.card_id}\t{row.section_id}\t{state}\tdue {due}\tinterval {interval}\t"
            f"{row.reviews} reviews\t{row.lapses} lapses\t{' '.join(row.tags)}").rstrip()


def run(args: argparse.Namespace, library: Any) -> int:
    """Run ``cards`` on an open library; returns the exit code."""
    guides = {info.id for info in library.cards.guides()}
    if args.guide is not None and args.guide not in guides:
        print(f"studyguide: error: no guide has the id {args.guide!r}", file=sys.stderr)
        return 2
    found = library.cards.find(" ".join(args.query), guide_id=args.guide, sort=args.sort, descending=args.desc)
    if found.problems:
        for problem in found.problems:
            print(f"studyguide: error: {problem}", file=sys.stderr)
        return 2
    for start in range(0, len(found.keys), PAGE):
        for row in library.cards.rows(found.keys[start:start + PAGE]):
            print(json.dumps(_record(row), ensure_ascii=False) if args.json else _line(row))
    if not found.keys and not args.json:
        print("No cards match.", file=sys.stderr)
    return 0
