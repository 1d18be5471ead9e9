"""What segment compaction saves a device merging a year of another's history (issue 19).

Device A's year, 100,000 answers (2,000 cards x 50, real FSRS states), as a year of daily syncs
would leave it: ``--segments`` small segments (3,000 by default, the answers in time order); and
the same as one compacted segment replacing them. A new library merges each folder; each run
starts from a fresh copy. Also timed: compacting the small segments into one.

Run: nice .venv/bin/python benchmarks/sync_compaction.py [--runs 5] [--segments 3000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sync import history, library, summary, timed_sync  # noqa: E402

from studyguide.domain.journal import JournalAnswer  # noqa: E402
from studyguide.store.journal_compaction import compact  # noqa: E402
from studyguide.store.journal_files import encode_segment, write_segment  # noqa: E402

DEVICE = "a0a0a0a0a0a0a0a0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--segments", type=int, default=3000)
    args = parser.parse_args()
    rows = sorted(history(2000, 50, offset=timedelta(0), seed=1), key=lambda r: r[3])  # a year, in time order
    entries = [JournalAnswer(*row).to_json() for row in rows]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        small, compacted = root / "small", root / "compacted"
        small.mkdir()
        size = -(-len(entries) // args.segments)
        for number in range(1, args.segments + 1):
            chunk = entries[(number - 1) * size:number * size]
            write_segment(small, DEVICE, number, encode_segment(device_id=DEVICE, device_name="A", number=number,
                                                                entries=chunk, written_at=""))
        shutil.copytree(small, compacted)
        began = time.perf_counter()
        replaced = compact(compacted, DEVICE, "A", numbers=list(range(1, args.segments + 1)),
                           into=args.segments + 1, written_at="")
        print(f"compacting {replaced:,} segments of {len(entries):,} answers into one: "
              f"{time.perf_counter() - began:.3f} s")
        library(root / "new-template", [])
        for source, title in ((small, f"{args.segments:,} small segments"), (compacted, "one compacted segment")):
            files = sum(1 for _ in source.rglob("segment-*"))
            megabytes = sum(p.stat().st_size for p in source.rglob("segment-*")) / 1e6
            merges = []
            for _ in range(args.runs):
                for copy, original in ((root / "new", root / "new-template"), (root / "run", source)):
                    shutil.rmtree(copy, ignore_errors=True)
                    shutil.copytree(original, copy)
                seconds, report = timed_sync(root / "new", root / "run")
                assert report.answers_applied == len(entries), report  # type: ignore[attr-defined]
                merges.append(seconds)
            print(f"a new library merges {title} ({files:,} files, {megabytes:.1f} MB): {summary(merges)}")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
