"""Start-up of the frozen app: StudyGuide frozen, from source, and a bare PySide6 window frozen alike.

All start, paint and quit, alternating round by round so a busy machine slows
them alike; times run from the spawn to each process's own stamps. The headline
is "usable": the first painted frame with the section list filled and the first
section rendered (``--smoke-test`` stamps it), against the frozen bare window
showing the same list and Markdown (``BARE_CONTENT``, see
``packaging/bare/bare_window.py``). First paint (StudyGuide's empty frame,
against the empty bare window; target <= 1.3x) and spawn-to-exit are secondary.
The machine's load average is printed before and after. Build both first with
``scripts/package-linux`` (the bare window goes to build/bare/dist), then:

    .venv/bin/python benchmarks/frozen_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = re.compile(r"first paint at unix time ([0-9.]+)(?:, usable at ([0-9.]+))?")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float | None]:
    """Seconds from spawn to exit, to the first paint, and to the usable frame (if stamped)."""
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
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    from startup import _content, _load

    from studyguide import paths

    with tempfile.TemporaryDirectory() as home:
        content_file = Path(home) / "bare-content.json"
        content_file.write_text(json.dumps(_content(paths.bundled_guide_database())), encoding="utf-8")
        env = dict(os.environ, STUDYGUIDE_HOME=home, PYTHONPATH=str(ROOT))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once
        filled = dict(env, BARE_CONTENT=str(content_file))
        commands = {
            "bare window, frozen": ([str(args.bare)], env),
            "bare window + content": ([str(args.bare)], filled),
            "StudyGuide, frozen": ([str(args.app), "--smoke-test"], env),
            "StudyGuide, from source": ([sys.executable, "-m", "studyguide", "--smoke-test"], env),
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        paints: dict[str, list[float]] = {name: [] for name in commands}
        usable: dict[str, list[float]] = {name: [] for name in commands}
        for command, command_env in commands.values():  # creates the library, warms the disk cache
            _run(command, command_env)
        load_before = _load()
        for _ in range(args.runs):
            for name, (command, command_env) in commands.items():
                wall, paint, ready = _run(command, command_env)
                walls[name].append(wall)
                paints[name].append(paint)
                if ready is not None:
                    usable[name].append(ready)
        load_after = _load()
    print(f"{args.runs} runs each ({env['QT_QPA_PLATFORM']}); ms, median (p95), ratio to the baseline named")
    print(f"machine: before {load_before}; after {load_after}")
    bare, same = "bare window, frozen", "bare window + content"
    print(f"  {'':26} {'usable / ' + same:>34} {'first paint / ' + bare:>34} {'exit / ' + bare:>26}")
    for name in commands:
        print(f"  {name:26} {_cell(usable[name], usable[same]):>34} {_cell(paints[name], paints[bare]):>34} "
              f"{_cell(walls[name], walls[bare]):>26}")
    ratio = statistics.median(usable["StudyGuide, frozen"]) / statistics.median(usable[same])
    print(f"usable, frozen StudyGuide / frozen bare window with the same content: {ratio:.2f}x")
    ratio = statistics.median(paints["StudyGuide, frozen"]) / statistics.median(paints[bare])
    print(f"first paint, frozen StudyGuide / empty frozen bare window: {ratio:.2f}x (target <= 1.3x)")
    return 0


def _cell(values: list[float], baseline: list[float]) -> str:
    if not values or not baseline:
        return "-"
    median = statistics.median(values)
    return f"{median * 1000:.0f} ({_p95(values) * 1000:.0f}) {median / statistics.median(baseline):.2f}x"


if __name__ == "__main__":
    raise SystemExit(main())
