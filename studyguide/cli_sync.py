"""The command line's ``sync``: sync progress through a folder kept in step by the user's own sync tool.

``studyguide sync --folder DIR`` remembers DIR and syncs once; ``studyguide sync`` syncs with the
remembered folder; ``studyguide sync --status`` prints the folder, this device and every device
merged from, with when. It goes through ``studyguide.api``; see docs/sync.md.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from studyguide.api import SyncReport, SyncStatus

COMMANDS = ("sync",)


def add_commands(commands: Any) -> None:
    """Add ``sync`` to the ``studyguide`` parser's subcommands."""
    sync = commands.add_parser("sync", help="sync progress through a folder (Syncthing, Nextcloud, Dropbox, a USB "
                               "stick): write this device's new answers, apply the other devices'")
    sync.add_argument("--folder", help="the sync folder (remembered for next time)")
    sync.add_argument("--status", action="store_true", help="print the folder, the devices seen and when each "
                      "was last merged (syncs nothing)")
    sync.add_argument("--name", help="name this device as the others see it (default: the machine's name)")
    sync.add_argument("--conflicts", action="store_true", help="list the changes to a card (wording, suspension), "
                      "a setting or your own guides two devices made offline, each version numbered (syncs nothing)")
    sync.add_argument("--pick", nargs=2, type=int, metavar=("CONFLICT", "VERSION"),
                      help="settle conflict CONFLICT with its version VERSION (numbers from --conflicts)")
    sync.add_argument("--compact", action="store_true", help="also rewrite this device's older journal files in "
                      "the folder as one (a sync does it by itself once there are many)")
    sync.add_argument("--json", action="store_true", help="print the report or status as one JSON object")


def _when(moment: Any) -> str:
    return "never" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _print_status(status: SyncStatus, *, as_json: bool) -> None:
    from studyguide.domain.stats import plural  # (not at every start: the parser imports this module)

    if as_json:
        print(json.dumps({"folder": status.folder, "device": status.device_id, "name": status.device_name,
                          "waiting": status.waiting, "devices": [
                              {"id": d.device_id, "name": d.name, "segments": d.segments, "this_device": d.this_device,
                               "last_merged_at": None if d.last_merged_at is None else d.last_merged_at.isoformat()}
                              for d in status.devices]}, ensure_ascii=False))
        return
    print(f"Folder: {status.folder or '(none: set one with studyguide sync --folder DIR)'}")
    print(f"This device: {status.device_name} ({status.device_id})")
    others = [d for d in status.devices if not d.this_device]
    for device in others:
        print(f"  {device.name} ({device.device_id}): {plural(device.segments, 'segment')}, "
              f"last merged {_when(device.last_merged_at)}")
    if not others:
        print("No other device merged yet.")
    if status.waiting:
        print(f"Waiting: {plural(status.waiting, 'segment')} of this device not yet written into the folder.")


def _print_report(report: SyncReport, *, as_json: bool) -> None:
    from studyguide.domain.stats import plural

    if as_json:
        print(json.dumps({"written": report.written, "applied": report.applied, "answers": report.answers_applied,
                          "undos": report.undos_applied, "fields": report.fields_applied,
                          "conflicts": report.conflicts, "from": list(report.from_devices),
                          "skipped": list(report.skipped), "conflict_copies": report.conflict_copies,
                          "write_error": report.write_error, "guides": list(report.guides_written),
                          "card_events": report.card_events_applied, "compacted": report.compacted},
                         ensure_ascii=False))
    else:
        source = f" from {', '.join(report.from_devices)}" if report.from_devices else ""
        print(f"Wrote {plural(report.written, 'segment')}; merged {plural(report.applied, 'segment')}{source}: "
              f"{plural(report.answers_applied, 'answer')} added, {report.undos_applied} taken back, "
              f"{plural(report.fields_applied, 'change')} to cards, settings and guides" +
              (f", {plural(report.card_events_applied, 'card')} forgotten or re-dated."
               if report.card_events_applied else "."))
        if report.compacted:
            print(f"Compacted {plural(report.compacted, 'segment')} of this device into one.")
    if report.conflicts:
        print(f"studyguide: {plural(report.conflicts, 'change')} made on two devices "
              f"{'waits' if report.conflicts == 1 else 'wait'} for you to pick one: "
              "studyguide sync --conflicts", file=sys.stderr)
    for line in report.skipped:
        print(f"studyguide: {line}", file=sys.stderr)
    if report.write_error:
        print(f"studyguide: error: {report.write_error}", file=sys.stderr)


def _conflicts(library: Any, pick: list[int] | None) -> int:
    from studyguide.domain.journal_content import CONTENT_FIELDS, describe

    conflicts = library.sync_conflicts()
    if pick is not None:
        number, version = pick
        if not (1 <= number <= len(conflicts) and 1 <= version <= len(conflicts[number - 1].versions)):
            print(f"studyguide: error: no conflict {number} with a version {version} (see studyguide sync "
                  "--conflicts)", file=sys.stderr)
            return 2
        library.pick_version(conflicts[number - 1], version - 1)
        print("Picked; the next sync tells the other devices.")
        return 0
    for number, conflict in enumerate(conflicts, 1):
        print(f"{number}. {conflict.guide_id}/{conflict.card_id} {conflict.field}:")
        for version, (device, value, at) in enumerate(conflict.versions, 1):
            shown = describe(conflict.field, value) if conflict.field in CONTENT_FIELDS else repr(value)
            print(f"   {version}) {device} ({at[:16].replace('T', ' ')}): {shown}")
    if not conflicts:
        print("No conflicts.")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``sync``; returns the exit code (2 when this device's answers could not be written)."""
    from studyguide import api

    library = api.open_library(args.library)
    try:
        if args.name:
            library.name_device(args.name)
        if args.status:
            _print_status(library.sync_status(), as_json=args.json)
            return 0
        if args.conflicts or args.pick:
            return _conflicts(library, args.pick)
        report = library.sync(args.folder, compact=args.compact)
        _print_report(report, as_json=args.json)
        return 2 if report.write_error else 0
    finally:
        library.close()
