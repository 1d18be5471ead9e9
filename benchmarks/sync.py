"""Merging a year of another device's history through the sync folder (issue 19).

Device A has 100,000 answers (2,000 cards x 50 answers over a year, real FSRS states); it syncs
once, writing them as one segment. Device B studied 200 of the same cards offline (1,000 answers)
and then syncs: it reads and checks the segment, inserts the answers, and replays every touched
card in time order with FSRS (about 10,800 of A's answers are scheduled again, B's came between).
Device C is a new library merging the same. Each run starts from a fresh copy of B or C. The figure that matters is
the merge (B's sync); ``--baseline`` also times B's sync when the folder holds nothing new (the
fixed cost of one sync). Target: <= 2 s.

Run: nice .venv/bin/python benchmarks/sync.py [--runs 5] [--answers 100000] [--compare DIR]
(``--compare``: another checkout, e.g. ``git worktree add /tmp/before REV``, timed in turn with this one,
each merge in a fresh process.)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyguide import paths  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.review.scheduler import Rating, Scheduler  # noqa: E402
from studyguide.review.sync import SyncService  # noqa: E402

START = datetime(2025, 1, 1, 8, tzinfo=timezone.utc)
#: The CPU time of each sync (on a loaded machine the wall time also counts other programs' turns).
CPU: list[float] = []


def history(cards: int, per_card: int, *, offset: timedelta, seed: int) -> list[tuple]:
    """Review-log rows: each card answered ``per_card`` times over a year, states chained."""
    import random

    rng = random.Random(seed)
    scheduler = Scheduler(enable_fuzzing=False)
    rows = []
    for n in range(cards):
        state, at = None, START + offset + timedelta(minutes=n)
        for _ in range(per_card):
            rating = rng.choice((1, 3, 3, 3, 4)) if state else 3
            new = scheduler.answer(guide_id="bench", card_id=f"card-{n}", state=state, rating=Rating(rating), now=at)
            rows.append(("bench", f"card-{n}", rating, at.isoformat(), 4000,
                         None if state is None else json.dumps(state), json.dumps(new.state)))
            state, at = new.state, at + timedelta(days=365 / per_card, minutes=rng.randint(0, 600))
    return rows


def library(home: Path, rows: list[tuple]) -> None:
    """A library holding ``rows``, made by this checkout's code (as ``_template_of`` makes one by any)."""
    _template_of(ROOT, home, rows)


def timed_sync(home: Path, folder: Path) -> tuple[float, object]:
    lib = Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=lambda: datetime.now(timezone.utc))
    service = SyncService(progress=lib.progress, settings=lambda: lib.review.settings, clock=lib.clock)
    try:
        began, cpu = time.perf_counter(), time.process_time()
        report, _ = service.sync(folder)
        CPU.append(time.process_time() - cpu)
        return time.perf_counter() - began, report
    finally:
        lib.close()


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples):6.3f} s   p95 {p95:6.3f} s   (n={len(samples)})"


#: One merge in a fresh process with a checkout's own code (``--compare``: each checkout the same way):
#: argv = checkout, library template, folder; prints wall and CPU seconds of the merge, then of a sync
#: with nothing new. An idle sync of a copy first imports what a sync uses, as in a running app.
_ONE_MERGE = """
import shutil, sys, tempfile, time
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from studyguide import paths
from studyguide.library import Library
from studyguide.review.sync import SyncService
def timed(home, folder):
    lib = Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=lambda: datetime.now(timezone.utc))
    service = SyncService(progress=lib.progress, settings=lambda: lib.review.settings, clock=lib.clock)
    try:
        began, cpu = time.perf_counter(), time.process_time()
        report, _ = service.sync(folder)
        return time.perf_counter() - began, time.process_time() - cpu, report.answers_applied
    finally:
        lib.close()
with tempfile.TemporaryDirectory() as scratch:
    root = Path(scratch)
    for name in ("warm", "b"):
        shutil.copytree(sys.argv[2], root / name)
    (root / "empty").mkdir()
    timed(root / "warm", root / "empty")
    shutil.copytree(sys.argv[3], root / "run-sync")
    wall, cpu, answers = timed(root / "b", root / "run-sync")
    idle = timed(root / "b", root / "run-sync")[0]
    print(wall, cpu, answers, idle)
"""


#: A library template made with a checkout's own code (its own schema): argv = checkout, home, rows (JSON).
_MAKE_LIBRARY = """
import json, sqlite3, sys
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from studyguide import paths
from studyguide.library import Library
home, rows = Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())
start = datetime(2025, 1, 1, 8, tzinfo=timezone.utc)
Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=lambda: start).close()
with sqlite3.connect(home / "progress.sqlite") as db:
    db.executemany("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, duration_ms, previous_state, "
                   "new_state) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
lib = Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=lambda: start)
lib.progress.rebuild_card_state()
lib.close()
"""


def _template_of(checkout: Path, home: Path, rows: list[tuple]) -> Path:
    """A library template holding ``rows``, made by ``checkout``'s code (an older checkout may refuse a
    progress file of a newer schema)."""
    import subprocess

    rows_file = home.with_suffix(".json")
    rows_file.write_text(json.dumps(rows))
    subprocess.run([sys.executable, "-c", _MAKE_LIBRARY, str(checkout), str(home), str(rows_file)], check=True)
    return home


def _merge_in_process(checkout: Path, template: Path, folder: Path) -> tuple[float, float, int, float]:
    import subprocess

    out = subprocess.run([sys.executable, "-c", _ONE_MERGE, str(checkout), str(template), str(folder)],
                         capture_output=True, text=True, check=True).stdout.split()
    wall, cpu, answers, idle = out[-4:]
    return float(wall), float(cpu), int(answers), float(idle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--compare", type=Path, help="another checkout (e.g. `git worktree add DIR REV`): each "
                        "merge runs in a fresh process, this checkout's and that one's in turn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "Sync"
        folder.mkdir()
        library(root / "a", history(args.answers // 50, 50, offset=timedelta(0), seed=1))
        own = {"b-template": history(200, 5, offset=timedelta(hours=3), seed=2), "c-template": []}
        library(root / "b-template", own["b-template"])
        exported, report = timed_sync(root / "a", folder)
        size = sum(p.stat().st_size for p in folder.rglob("segment-*"))
        print(f"device A writes its {args.answers:,} answers: {exported:.3f} s, segment {size / 1e6:.1f} MB")
        library(root / "c-template", [])
        loads = [os.getloadavg()[0]]
        for template, title in (("b-template", "device B, 1,000 answers of its own on 200 of the cards"),
                                ("c-template", "device C, a new library (nothing of its own)")):
            if args.compare:
                checkouts = {"this checkout": ROOT, f"compared ({args.compare})": args.compare.resolve()}
                templates = {label: _template_of(checkout, root / f"{template}-{n}", own[template])
                             for n, (label, checkout) in enumerate(checkouts.items())}
                found: dict[str, tuple[list[float], list[float], list[float]]] = {k: ([], [], []) for k in checkouts}
                for _ in range(args.runs):
                    for label, checkout in checkouts.items():
                        wall, cpu, answers, idle = _merge_in_process(checkout, templates[label], folder)
                        assert answers == args.answers, (label, answers)
                        for samples, value in zip(found[label], (wall, cpu, idle), strict=True):
                            samples.append(value)
                        loads.append(os.getloadavg()[0])
                print(f"{title}: merging {args.answers:,} answers (each merge in a fresh process)")
                for label, (merges, cpu, idle) in found.items():
                    print(f"  {label}:")
                    print(f"    wall time:                                   {summary(merges)}")
                    print(f"    CPU time (this process alone):               {summary(cpu)}")
                    print(f"    baseline, a sync with nothing new to merge:  {summary(idle)}")
                continue
            merges, idle, cpu = [], [], []
            for _ in range(args.runs):
                for scratch_copy, source in ((root / "b", root / template), (root / "run-sync", folder)):
                    shutil.rmtree(scratch_copy, ignore_errors=True)
                    shutil.copytree(source, scratch_copy)  # only A's segment in the folder
                seconds, report = timed_sync(root / "b", root / "run-sync")
                assert report.answers_applied == args.answers, report  # type: ignore[attr-defined]
                merges.append(seconds)
                cpu.append(CPU[-1])
                idle.append(timed_sync(root / "b", root / "run-sync")[0])
                loads.append(os.getloadavg()[0])
            print(f"{title}: merging {args.answers:,} answers")
            print(f"  wall time:                                   {summary(merges)}")
            print(f"  CPU time (this process alone):               {summary(cpu)}")
            print(f"  baseline, a sync with nothing new to merge:  {summary(idle)}")
        print(f"load average (1 min) during the runs: {min(loads):.2f}-{max(loads):.2f}")


if __name__ == "__main__":
    main()
