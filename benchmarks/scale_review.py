"""Scale figures for issue 18: starting a review session at 100,000 and 1,000,000 cards, and the window usable.

Importable (``benchmarks/scale.py`` calls these), each returning a dict of figures:

- ``start_session(cards, runs)``: ``Library.start_review`` until the first card is read, as the
  Flashcards view asks for it, each run in a fresh process (so the peak memory is that of one
  start): time of the first start in the process (cold: the due counter's per-guide caches are
  empty) and of a second one (warm), and the peak RSS growth of the start. Baselines in the same
  run: the bare SQL of the first page (the 50 earliest due ids on the ``(guide, due)`` index).
  The corpus (generated once, cached in ``benchmarks/.data/scale-review``) is a guide of
  ``cards`` cards in ``cards // 100`` sections, 80% of them studied (due times spread over the
  last and next 60 days, so about 40% are due) with one review-log row each.
- ``window_usable(sections, runs)``: ``benchmarks/startup.py``'s spawn-to-usable figure against
  the bare windows (same list and text; and a bare window whose list holds one screenful).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/scale_review.py [--runs 7] [--quick] [--compare TREE]

``--compare TREE`` also starts sessions with another source tree (a ``git archive`` of an earlier
commit, its own corpus under its own ``benchmarks/.data``), run for run alternately in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data" / "scale-review"
GUIDE = "scale-review"
NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
STUDIED = 0.8


def corpus(cards: int) -> tuple[Path, Path]:
    """(guide database, progress database) of ``cards`` cards, 80% studied; built once and cached.

    The guide goes through the app's own build (``guides.build.build_guide``); the progress rows
    are written straight into a library's progress file (one state and one log row per studied
    card), outside anything timed.
    """
    sys.path.insert(0, str(ROOT))
    from studyguide.domain.guide import Card, Guide, GuideInfo, Section
    from studyguide.guides.build import build_guide
    from studyguide.library import Library

    folder = DATA / f"{cards}"
    guide, home = folder / "guide.sqlite", folder / "library"
    progress = home / "progress.sqlite"
    if progress.exists():
        return guide, progress
    folder.mkdir(parents=True, exist_ok=True)
    sections = max(cards // 100, 1)
    rng = random.Random(18)
    print(f"generating {cards:,} cards in {sections:,} sections (once)...", file=sys.stderr, flush=True)
    build_guide(Guide(
        info=GuideInfo(GUIDE, "Scale benchmark"),
        sections=tuple(Section(f"s{i}", f"Section {i}", f"Notes of section {i}.", position=i) for i in range(sections)),
        cards=tuple(Card(f"c{i}", f"s{rng.randrange(sections)}", f"What is fact number {i}?",
                         f"It is the answer {i}.", position=i) for i in range(cards))), guide)
    Library(home=home, bundled_guide=guide, clock=lambda: NOW).close()
    states, log = [], []
    for i in range(int(cards * STUDIED)):
        phase = rng.choice((1, 2, 2, 2, 3))
        due = (NOW + timedelta(days=rng.uniform(-60, 60))).isoformat()
        last = (NOW - timedelta(days=rng.uniform(1, 90))).isoformat()
        state = json.dumps({"card_id": i, "state": phase, "step": 0 if phase != 2 else None, "stability": 5.0,
                            "difficulty": 5.0, "due": due, "last_review": last})
        states.append((GUIDE, f"c{i}", state, due, phase, 5.0))
        log.append((GUIDE, f"c{i}", 3, last, 5000, None, state))
    db = sqlite3.connect(progress)
    with db:
        db.executemany("INSERT INTO card_state (guide_id, card_id, state, due, phase, stability) "
                       "VALUES (?, ?, ?, ?, ?, ?)", states)
        db.executemany("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, duration_ms, "
                       "previous_state, new_state) VALUES (?, ?, ?, ?, ?, ?, ?)", log)
    db.close()
    return guide, progress


def _memory() -> dict[str, int]:
    """This process's resident set now and at its peak, in KiB (Linux)."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                fields[line.split(":")[0]] = int(line.split()[1])
    return fields


def _child(cards: int) -> None:
    """One process: open the library (not timed), start a session twice, print the figures as JSON."""
    import time

    sys.path.insert(0, str(ROOT))
    from studyguide.library import Library

    guide, progress = corpus(cards)
    library = Library(home=progress.parent, bundled_guide=guide, clock=lambda: NOW)
    library.review  # noqa: B018 - built when first used (as the window's views do, after its first frame)
    before = _memory()
    started = time.perf_counter()
    session = library.start_review(GUIDE)
    assert session.current is not None
    cold = time.perf_counter() - started
    after = _memory()
    started = time.perf_counter()
    session = library.start_review(GUIDE)
    assert session.current is not None
    warm = time.perf_counter() - started
    counts = session.counts()
    # As the Flashcards view starts a large guide's session: the first screen read by the task
    # runner's job (its reader kept from one start to the next), then the session made on the UI thread.
    screens = library.review.first_screens()
    times = []
    for _ in range(2):
        started = time.perf_counter()
        begun = library.review.begin(GUIDE, library.content(GUIDE), screens=screens)()
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    session = library.start_review(GUIDE, begun=begun)
    assert session.current is not None and session.counts() == counts
    ui = time.perf_counter() - started
    screens.close()
    library.close()
    db = sqlite3.connect(progress)
    started = time.perf_counter()
    rows = db.execute("SELECT card_id FROM card_state WHERE guide_id = ? AND due <= ? ORDER BY due LIMIT 50",
                      [GUIDE, NOW.isoformat()]).fetchall()
    bare = time.perf_counter() - started
    db.close()
    assert len(rows) == 50
    print(json.dumps({"cold": cold, "warm": warm, "bare": bare, "job_first": times[0], "job_again": times[1],
                      "ui_thread": ui, "rss_before_kib": before["VmRSS"],
                      "peak_growth_kib": after["VmHWM"] - before["VmRSS"], "peak_kib": after["VmHWM"],
                      "waiting": [counts.new, counts.learning, counts.review]}))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def start_session(cards: int, runs: int = 7, *, compare: Path | None = None) -> dict[str, object]:
    """Start a review session over ``cards`` cards, ``runs`` times, each in a fresh process (with
    ``compare``, also with that source tree, alternately).

    Returns:
        Medians and p95s in ms (``cold_ms``, ``warm_ms``, ``bare_ms``), the peak RSS growth of
        the start in MiB (``growth_mib``, median and max), the process's peak RSS, and the load.
    """
    corpus(cards)
    load_before = _load()
    results, theirs = [], []
    for _ in range(runs):
        for tree, into in ((ROOT, results), *(((compare, theirs),) if compare else ())):
            out = subprocess.run([sys.executable, str(tree / "benchmarks" / "scale_review.py"), "--child", str(cards)],
                                 capture_output=True, text=True, check=True, env=dict(os.environ, PYTHONPATH=str(tree)))
            into.append(json.loads(out.stdout.strip().splitlines()[-1]))

    def figure(key: str, of: list[dict] = results) -> dict[str, float]:
        values = [r[key] * 1000 for r in of]
        return {"median": statistics.median(values), "p95": _p95(values)}

    growth = [r["peak_growth_kib"] / 1024 for r in results]
    return {"cards": cards, "runs": runs, "cold_ms": figure("cold"), "warm_ms": figure("warm"),
            "job_first_ms": figure("job_first"), "job_again_ms": figure("job_again"),
            "ui_thread_ms": figure("ui_thread"),
            "bare_ms": figure("bare"), "growth_mib": {"median": statistics.median(growth), "max": max(growth)},
            "peak_rss_mib": max(r["peak_kib"] for r in results) / 1024, "waiting": results[0]["waiting"],
            "load": f"{load_before} -> {_load()}",
            **({"compared_cold_ms": figure("cold", theirs), "compared_waiting": theirs[0]["waiting"],
                "compared_growth_mib": statistics.median([r["peak_growth_kib"] / 1024 for r in theirs])}
               if theirs else {})}


def window_usable(sections: int | None = None, runs: int = 7, cards: int = 0) -> dict[str, object]:
    """Spawn to usable (``benchmarks/startup.py``): the bundled guide, or a generated one of ``sections``
    sections and ``cards`` cards, 80% of them studied (as after months of use)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from startup import measure

    return measure(runs=runs, sections=sections, cards=cards, studied=STUDIED if sections else 0.0)


def _ms(figure: object) -> str:
    assert isinstance(figure, dict)
    return f"{figure['median']:.1f} / {figure['p95']:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="100,000 cards only, no 100,000-section window")
    parser.add_argument("--compare", type=Path, help="another source tree, run alternately (first start only)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0
    print("Start a review session until its first card is read; ms, median / p95; a fresh process per run")
    print("| cards | first start in the process (counts from scratch) | start again (counts kept) "
          "| off the UI thread: job / UI thread | bare SQL, first page | peak RSS growth (MiB) | load |")
    print("|---|---|---|---|---|---|---|")
    for cards in (100_000,) if args.quick else (100_000, 1_000_000):
        r = start_session(cards, args.runs, compare=args.compare)
        growth = r["growth_mib"]
        assert isinstance(growth, dict)
        print(f"| {cards:,} | {_ms(r['cold_ms'])} | {_ms(r['warm_ms'])} | {_ms(r['job_again_ms'])} / "
              f"{_ms(r['ui_thread_ms'])} | {_ms(r['bare_ms'])} | {growth['median']:.1f} (max {growth['max']:.1f}) "
              f"| {r['load']} |", flush=True)
        if args.compare:
            assert r["compared_waiting"] == r["waiting"], "the two trees count differently"
            print(f"| {cards:,}, {args.compare} | {_ms(r['compared_cold_ms'])} | | | | "
                  f"{r['compared_growth_mib']:.1f} | (alternately, same run) |", flush=True)
    print("\nWindow usable: spawn to a painted frame with the section list filled and the first section shown; "
          "ms, median / p95")
    print("| guide | StudyGuide | bare window, same list and text | bare window, one screen of titles "
          "| ratio to one screen | load |")
    print("|---|---|---|---|---|---|")
    for sections in (None,) if args.quick else (None, 100_000):
        w = window_usable(sections, args.runs, cards=100_000 if sections else 0)
        usable = w["usable"]
        assert isinstance(usable, dict)
        ratio = usable["app"]["median"] / usable["bare, one screen"]["median"]
        print(f"| {w['guide']} | {_ms(usable['app'])} | {_ms(usable['bare, filled'])} | "
              f"{_ms(usable['bare, one screen'])} | {ratio:.2f}x | {w['load']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
