"""Two processes on one library: answers that fail as locked, answers lost, answers scheduled from a stale state.

Starts real processes (``python`` running this file with ``--worker``), each opening the
library through ``studyguide.library.Library`` and answering cards through a
``ReviewSession`` as fast as it can, all on the same guide and in the same card order, so
they keep answering the same cards. Optionally a third process runs the command line's
``backup`` and ``rebuild-progress`` over and over beside them.

Then it reads the review log and prints:
- attempts, and lock failures (answers refused because the other process held the database);
- lost answers (acknowledged by ``answer`` but not in the log) and phantom rows (in the log, never acknowledged);
- stale schedules (a log row whose previous state is not the card's state left by the row before it);
- card states that differ from the log's newest row for the card;
- command-line runs that failed.
All must be zero.

Run: .venv/bin/python benchmarks/reliability_two_processes.py [--answers 3000] [--processes 2] [--cli]
(``--json`` prints the figures as one JSON object; tests use it with fewer answers.)
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GUIDE = "two-processes"
#: Twice the most answers a worker gives: a session reads its new cards a page at a time, so a card the
#: other process answered since is no longer new on the next page; each worker must still find as many
#: cards to answer as it is asked for (the first page's cards are answered by both, the contention wanted).
CARDS = 6000


def _library(home: Path, guide: Path):
    from studyguide.library import Library

    return Library(home=home, bundled_guide=guide, clock=lambda: datetime.now(timezone.utc))


def prepare(folder: Path) -> tuple[Path, Path]:
    """A guide of ``CARDS`` cards and a library whose daily limit lets every card in."""
    from studyguide.domain.guide import Card, Guide, GuideInfo, Section
    from studyguide.domain.review import ReviewSettings
    from studyguide.guides.build import build_guide

    guide = folder / "guide.sqlite"
    sections = tuple(Section(f"s{i}", f"Section {i}", f"Body {i}.", position=i) for i in range(10))
    cards = tuple(Card(f"c{i}", f"s{i % 10}", f"Question {i}?", f"Answer {i}.", position=i) for i in range(CARDS))
    build_guide(Guide(GuideInfo(GUIDE, "Two processes"), sections, cards, ()), guide)
    home = folder / "library"
    library = _library(home, guide)
    library.review.save_settings(ReviewSettings(new_per_day=9999))
    library.close()
    return home, guide


def worker(home: Path, guide: Path, answers: int, seed: int, out: Path) -> None:
    """Answer ``answers`` cards as fast as possible; write what was acknowledged and what failed."""
    from studyguide.review.scheduler import Rating
    from studyguide.store.errors import StoreUnavailable

    rng = random.Random(seed)
    library = _library(home, guide)
    acknowledged: list[list] = []
    store = library.progress
    record = store.record_scheduled_answer

    def recorded(**kwargs):
        result = record(**kwargs)
        acknowledged.append([kwargs["card_id"], kwargs["reviewed_at"].isoformat()])
        return result

    store.record_scheduled_answer = recorded  # type: ignore[method-assign]  # only to see what was acknowledged
    failures: list[list] = []
    errors: list[str] = []
    attempts = 0
    print("ready", flush=True)
    sys.stdin.readline()  # "go": every worker starts together
    started = time.perf_counter()
    session = library.start_review(GUIDE)
    while len(acknowledged) < answers:
        if session.current is None:
            session = library.start_review(GUIDE)
            if session.current is None:
                errors.append("nothing left to answer")
                break
        session.reveal()
        rating = rng.choice((Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.EASY))
        attempts += 1
        tried = time.perf_counter()
        try:
            session.answer(rating)
        except StoreUnavailable as error:
            failures.append([round((time.perf_counter() - tried) * 1000, 2), str(error)[:200]])
        except sqlite3.Error as error:  # a raw database error is a bug: count it apart
            errors.append(f"{type(error).__name__}: {error}")
    seconds = time.perf_counter() - started
    library.close()
    out.write_text(json.dumps({"attempts": attempts, "acknowledged": acknowledged, "failures": failures,
                               "errors": errors, "seconds": seconds}))


def cli_worker(home: Path, out: Path, stop: Path) -> None:
    """Run ``studyguide backup`` and ``rebuild-progress`` in turn until ``stop`` exists."""
    import contextlib
    import io

    from studyguide import cli

    runs, failed, messages = 0, 0, []
    print("ready", flush=True)
    sys.stdin.readline()
    while not stop.exists():
        for command in ("backup", "rebuild-progress"):
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = cli.main(["--library", str(home), command])
            runs += 1
            if code != 0:
                failed += 1
                messages.append(err.getvalue()[:200])
    out.write_text(json.dumps({"runs": runs, "failed": failed, "messages": messages[:5]}))


def check_log(progress: Path, acknowledged: set[tuple[str, str]]) -> dict[str, int]:
    """Compare the review log with what the workers were told was saved."""
    conn = sqlite3.connect(progress)
    try:
        rows = conn.execute("SELECT card_id, reviewed_at, previous_state, new_state FROM review_log "
                            "WHERE guide_id = ? ORDER BY id", [GUIDE]).fetchall()
        states = dict(conn.execute("SELECT card_id, state FROM card_state WHERE guide_id = ?", [GUIDE]).fetchall())
    finally:
        conn.close()
    logged = {(card, at) for card, at, _, _ in rows}
    last: dict[str, dict | None] = {}
    stale = 0
    for card, _, previous, new in rows:
        if (json.loads(previous) if previous else None) != last.get(card):
            stale += 1
        last[card] = json.loads(new)
    wrong_states = sum(1 for card, state in last.items() if json.loads(states.get(card, "null")) != state)
    return {"logged": len(rows), "lost": len(acknowledged - logged), "phantom": len(logged - acknowledged),
            "stale": stale, "wrong_states": wrong_states}


def run(*, answers: int, processes: int = 2, with_cli: bool = False, folder: Path | None = None) -> dict:
    """Run the workers (and the command line) on one fresh library; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        base = folder or Path(tmp)
        home, guide = prepare(base)
        script = str(Path(__file__).resolve())
        procs, outs = [], []
        for n in range(processes):
            out = base / f"worker{n}.json"
            outs.append(out)
            procs.append(subprocess.Popen(
                [sys.executable, script, "--worker", str(home), str(guide), str(answers), str(n), str(out)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        stop, cli_out = base / "stop", base / "cli.json"
        if with_cli:
            procs.append(subprocess.Popen([sys.executable, script, "--cli-worker", str(home), str(cli_out), str(stop)],
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs[:processes]:
            proc.wait(timeout=600)
        stop.touch()
        for proc in procs[processes:]:
            proc.wait(timeout=600)
        wall = time.perf_counter() - started
        results = [json.loads(out.read_text()) for out in outs]
        acknowledged = {tuple(a) for r in results for a in r["acknowledged"]}
        figures = {
            "processes": processes, "answers_each": answers,
            "attempts": sum(r["attempts"] for r in results),
            "acknowledged": len(acknowledged),
            "lock_failures": sum(len(r["failures"]) for r in results),
            "failure_ms": sorted(f[0] for r in results for f in r["failures"])[:1]
            + sorted(f[0] for r in results for f in r["failures"])[-1:],
            "failure_messages": sorted({f[1] for r in results for f in r["failures"]})[:3],
            "errors": [e for r in results for e in r["errors"]][:5],
            **check_log(home / "progress.sqlite", acknowledged),
            "seconds_each": [round(r["seconds"], 2) for r in results],
            "wall_seconds": round(wall, 2),
            "exit_codes": [proc.returncode for proc in procs],
        }
        if with_cli:
            figures["cli"] = json.loads(cli_out.read_text())
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=3000, help="answers per process")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--cli", action="store_true", help="also run backup and rebuild-progress beside them")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(answers=args.answers, processes=args.processes, with_cli=args.cli)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['processes']} processes x {figures['answers_each']} answers, "
          f"{figures['wall_seconds']} s wall ({figures['seconds_each']} s each)")
    for key in ("attempts", "acknowledged", "logged", "lock_failures", "lost", "phantom", "stale",
                "wrong_states"):
        print(f"  {key:14} {figures[key]}")
    if figures["lock_failures"]:
        print(f"  failed after   {figures['failure_ms']} ms (fastest, slowest)")
        print(f"  messages       {figures['failure_messages']}")
    if figures["errors"]:
        print(f"  errors         {figures['errors']}")
    if "cli" in figures:
        print(f"  cli runs       {figures['cli']['runs']}, failed {figures['cli']['failed']} "
              f"{figures['cli']['messages'][:1]}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        home_, guide_, answers_, seed_, out_ = sys.argv[2:7]
        worker(Path(home_), Path(guide_), int(answers_), int(seed_), Path(out_))
    elif len(sys.argv) > 1 and sys.argv[1] == "--cli-worker":
        cli_worker(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
