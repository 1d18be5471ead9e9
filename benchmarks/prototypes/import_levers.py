"""Issue 16's parity prototype (docs/anki-import-parity.md): import variants run interleaved with Anki.

Each variant is a checkout and a ``LEAN`` value read by the prototype's hacks (``import_levers.diff``
applied to a copy of ``studyguide/``; never merged). ``nohist`` runs ``--no-history``. Same wrapper
and figures as ``benchmarks/anki_import.py`` ("written": the wall less the wait for the ranking
index), in ``/dev/shm``, each run's order reversed every other round::

    git archive HEAD | tar -x -C /tmp/base; cp -a /tmp/base /tmp/proto
    (cd /tmp/proto && patch -p1 < benchmarks/prototypes/import_levers.diff)
    STUDYGUIDE_ANKI_PYTHON=... .venv/bin/python benchmarks/prototypes/import_levers.py 7 \\
        main=/tmp/base nohist=/tmp/base:nohist A=/tmp/proto:A cr=/tmp/proto:cr
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import anki_import as ai  # noqa: E402 - the benchmark's own runner and wrapper

PACKAGE = str(Path(tempfile.gettempdir()) / "studyguide-anki-bench" / "big.apkg")
SCRIPT = ai.STUDYGUIDE_IMPORT.replace('cli.main(["import", sys.argv[1]])', 'cli.main(["import", *sys.argv[1:]])')


def _variants(specs: list[str]) -> list[tuple[str, Path, str, list[str]]]:
    found = []
    for spec in specs:
        label, _, rest = spec.partition("=")
        checkout, _, lean = rest.partition(":")
        found.append((label, Path(checkout), "" if lean == "nohist" else lean,
                      ["--no-history"] if lean == "nohist" else []))
    return found


def main() -> int:
    runs, variants = int(sys.argv[1]), _variants(sys.argv[2:])
    anki = os.environ.get("STUDYGUIDE_ANKI_PYTHON", "/work/main/.venv-anki/bin/python")
    for checkout in {v[1] for v in variants}:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "studyguide")], check=True)
    scratch = Path(tempfile.mkdtemp(prefix="lean-runs-", dir="/dev/shm"))
    results: dict[str, list] = {v[0]: [] for v in variants} | {"Anki": []}
    loads = []
    try:
        for number in range(runs):
            for label, checkout, lean, args in variants if number % 2 == 0 else variants[::-1]:
                env = {**os.environ, "STUDYGUIDE_HOME": tempfile.mkdtemp(dir=scratch), "PYTHONPATH": str(checkout),
                       "LEAN": lean}
                env.pop("QT_QPA_PLATFORM", None)
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                result = ai.run(["nice", sys.executable, "-c", SCRIPT, PACKAGE, *args], env, cwd=checkout)
                results[label].append(result)
                print(f"run {number + 1} {label:8s} written {ai.written(result):.3f} CPU {result[3]:.3f}", flush=True)
            result = ai.run(["nice", anki, "-c", ai.ANKI_IMPORT, PACKAGE, tempfile.mkdtemp(dir=scratch)],
                            dict(os.environ))
            results["Anki"].append(result)
            loads.append(os.getloadavg()[0])
            print(f"run {number + 1} Anki     wall {result[0]:.3f} CPU {result[3]:.3f} load {loads[-1]:.2f}",
                  flush=True)
    finally:
        shutil.rmtree(scratch)
    anki_median = statistics.median(r[0] for r in results["Anki"])
    print(f"\nload {min(loads):.2f}-{max(loads):.2f}; {runs} runs each\n"
          "| variant | written median | p95 (max) | CPU median | user | peak RSS | / Anki |\n"
          "|---|---|---|---|---|---|---|")
    for label, found in results.items():
        walls = sorted(r[0] if label == "Anki" else ai.written(r) for r in found)
        print(f"| {label} | {statistics.median(walls):.3f} | {walls[-1]:.3f} | "
              f"{statistics.median(r[3] for r in found):.3f} | {statistics.median(r[4] for r in found):.3f} | "
              f"{max(r[1] for r in found):.0f} MB | {statistics.median(walls) / anki_median:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
