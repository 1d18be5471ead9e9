"""Start-up of the frozen app: StudyGuide frozen, from source, and a bare PySide6 window frozen alike.

All three start to their first paint and quit, alternating round by round so a
busy machine slows them alike; the figure to watch is the frozen app against
the frozen bare window (target <= 1.3x). Build both first with
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
SELF_REPORT = re.compile(r"first paint ([0-9.]+) s after process start")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Wall-clock seconds from spawn to exit, and the app's own time to first paint if it prints one."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    match = SELF_REPORT.search(result.stdout)
    return wall, float(match.group(1)) if match else None


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
    reports: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, STUDYGUIDE_HOME=home, PYTHONPATH=str(ROOT))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for command in commands.values():  # creates the library, warms the disk cache
            _run(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, report = _run(command, env)
                walls[name].append(wall)
                if report is not None:
                    reports[name].append(report)
    bare = statistics.median(walls["bare window, frozen"])
    print(f"process spawn to exit after the first paint ({env['QT_QPA_PLATFORM']}), {args.runs} runs each:")
    print(f"  {'':26} {'median':>8} {'p95':>8} {'vs bare':>8}   first paint (self-reported median)")
    for name, values in walls.items():
        median = statistics.median(values)
        own = f"{statistics.median(reports[name]) * 1000:6.0f} ms" if reports[name] else "     -"
        print(f"  {name:26} {median * 1000:6.0f}ms {_p95(values) * 1000:6.0f}ms {median / bare:7.2f}x   {own}")
    frozen = statistics.median(walls["StudyGuide, frozen"])
    print(f"frozen StudyGuide / frozen bare window: {frozen / bare:.2f}x (target <= 1.3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
