"""Start-up of the frozen app: StudyGuide frozen, from source, and a bare PySide6 window frozen alike.

All three start, paint their window once and quit, alternating round by round
so a busy machine slows them alike. Each prints the exact moment of its first
paint (and StudyGuide the moment its guide is shown); times run from the
spawn. The figure to watch is the frozen app's first paint against the frozen
bare window's (target <= 1.3x). Spawn-to-exit is shown too. Build both first with
``scripts/package-linux`` (the bare window goes to build/bare/dist), then:

    .venv/bin/python benchmarks/frozen_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = re.compile(r"first paint at unix time ([0-9.]+)(?:, guide shown at ([0-9.]+))?")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float | None]:
    """Seconds from spawn to exit, to the first paint, and to the guide shown (StudyGuide only)."""
    spawned = time.time()
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - start
    match = STAMP.search(result.stdout)
    if result.returncode != 0 or match is None:
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stdout}{result.stderr[-2000:]}")
    shown = float(match[2]) - spawned if match[2] else None
    return wall, float(match[1]) - spawned, shown


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "StudyGuide" / "StudyGuide")
    parser.add_argument("--bare", type=Path, default=ROOT / "build" / "bare" / "dist" / "BareWindow" / "BareWindow")
    args = parser.parse_args()
    for path in (args.app, args.bare):
        if not path.is_file():
            print(f"{path} is missing: build it with scripts/package-linux", file=sys.stderr)
            return 2
    commands = {
        "bare window, frozen": [str(args.bare)],
        "StudyGuide, frozen": [str(args.app), "--smoke-test"],
        "StudyGuide, from source": [sys.executable, "-m", "studyguide", "--smoke-test"],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    paints: dict[str, list[float]] = {name: [] for name in commands}
    shown: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, STUDYGUIDE_HOME=home, PYTHONPATH=str(ROOT))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for command in commands.values():  # creates the library, warms the disk cache
            _run(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, paint, ready = _run(command, env)
                walls[name].append(wall)
                paints[name].append(paint)
                if ready is not None:
                    shown[name].append(ready)
    print(f"{args.runs} runs each ({env['QT_QPA_PLATFORM']}); ms, median (p95), ratio to the frozen bare window")
    bare = "bare window, frozen"
    print(f"  {'':26} {'first paint':>20} {'guide shown':>20} {'exit':>20}")
    for name in commands:
        print(f"  {name:26} {_cell(paints[name], paints[bare]):>20} {_cell(shown[name], paints[bare]):>20} "
              f"{_cell(walls[name], walls[bare]):>20}")
    ratio = statistics.median(paints["StudyGuide, frozen"]) / statistics.median(paints[bare])
    print(f"first paint, frozen StudyGuide / frozen bare window: {ratio:.2f}x (target <= 1.3x)")
    return 0


def _cell(values: list[float], baseline: list[float]) -> str:
    if not values or not baseline:
        return "-"
    median = statistics.median(values)
    return f"{median * 1000:.0f} ({_p95(values) * 1000:.0f}) {median / statistics.median(baseline):.2f}x"


if __name__ == "__main__":
    raise SystemExit(main())
