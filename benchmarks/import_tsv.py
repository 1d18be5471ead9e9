"""Import benchmark: 100,000 cards from a generated TSV into a library, search index built.

Each run is a fresh child process (so its peak RSS is its own) that reads the
file (encoding and delimiter detection, parsing), builds the guide database
with its FTS5 index, and reopens the library so search finds the cards — what
``studyguide import cards.tsv`` does. A baseline measured in the same runs is
the bare floor: Python's ``csv`` module reading the same file. Target: median
import <= 15 s. Run:

    .venv/bin/python benchmarks/import_tsv.py [--cards 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import csv, json, resource, sys, time, tracemalloc
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from studyguide import paths
from studyguide.guides.importing import read_file
from studyguide.library import Library

source, home, mode = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
if mode == "trace":
    tracemalloc.start()
start = time.perf_counter()
if mode == "baseline":
    with source.open(newline="", encoding="utf-8") as handle:
        rows = sum(1 for _ in csv.reader(handle, delimiter="\t"))
    timings = {"total": time.perf_counter() - start}
else:
    result = read_file(source)
    read = time.perf_counter()
    library = Library(home=home, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    library.install_guide(result.guide, source_sha256=result.source_sha256)
    built = time.perf_counter()
    library.reload_guides()
    hits = library.search.search(f"treaty {min(4242, len(result.guide.cards) - 1)}", limit=5).hits  # a card there
    assert any(h.guide_id == result.guide.info.id for h in hits), "the imported cards are not searchable"
    rows = len(library.content(result.guide.info.id).cards())
    library.close()
    end = time.perf_counter()
    timings = {"read": read - start, "build": built - read, "reopen": end - built, "total": end - start}
peak = tracemalloc.get_traced_memory()[1] if mode == "trace" else None
print(json.dumps({**timings, "rows": rows, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "traced_peak": peak}))
"""

WORDS = ("treaty missile blockade letter president premier island rebels invasion photograph "
         "negotiation quarantine warhead embassy council Cuba Turkey Berlin Moscow Washington").split()


def make_tsv(path: Path, cards: int) -> None:
    """Write ``cards`` rows of front, back, section, tags, like a real exported deck."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("front\tback\tsection\ttags\n")
        for i in range(cards):
            front = " ".join(rng.choices(WORDS, k=8)) + f" {i}?"
            back = " ".join(rng.choices(WORDS, k=14)) + "."
            out.write(f"{front}\t{back}\tChapter {i % 40}\tdeck::part{i % 7}\n")


def run(source: Path, mode: str) -> dict:
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(source), home, mode],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cards.tsv"
        make_tsv(source, args.cards)
        print(f"{args.cards:,} cards, {source.stat().st_size / 1e6:.1f} MB TSV, {args.runs} runs")
        imports, baselines = [], []
        for _ in range(args.runs):
            baselines.append(run(source, "baseline"))
            imports.append(run(source, "import"))
        traced = run(source, "trace")
    assert all(r["rows"] == args.cards for r in imports)
    totals = sorted(r["total"] for r in imports)
    base = statistics.median(r["total"] for r in baselines)
    p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
    median = statistics.median(totals)
    for part in ("read", "build", "reopen"):
        print(f"  {part:>6}: median {statistics.median(r[part] for r in imports):.2f} s")
    print(f"import: median {median:.2f} s, p95 {p95:.2f} s (target <= 15 s: "
          f"{'met' if median <= 15 else 'MISSED'})")
    print(f"baseline (csv.reader only): median {base:.2f} s; ratio import/baseline {median / base:.1f}x")
    print(f"peak memory: {max(r['maxrss_kb'] for r in imports) / 1024:.0f} MB max RSS; "
          f"{traced['traced_peak'] / 2**20:.0f} MB peak Python allocations (tracemalloc run)")
    return 0 if median <= 15 else 1


if __name__ == "__main__":
    sys.exit(main())
