"""File > Import of the large Anki package in the window, against ``studyguide import`` of it, in the same run.

The package is ``anki_import.py``'s (10,000 notes, 2,000 images, 50,000 review-log rows), kept in
``--cache``. Each run is a fresh process into a fresh library, the two sides alternating:

- **window**: the app started offscreen (``cli.main([])``, as ``studyguide`` does); once its window is
  ready and idle, timed from the moment the file is chosen (``GuideActions.import_file(path)``) until
  the guide is shown and studyable: the import's operation applied (``guide_imported``), the window
  on the new guide and its sections listed. The Anki dialog (review history: yes) is answered after
  ``--think`` seconds (0: at once), in a modal event loop as its ``exec`` runs, and that time is left
  out; "after the dialog" is the time from its answer to the guide shown, what a learner waits for
  once they pressed Import there (the media are written while they read it);
- **command line**: ``studyguide import PACKAGE`` (``cli.main``), timed inside the process from
  ``cli.main``'s start to its return less its wait for the ranking index (``anki_import.py``'s
  "written": saved, readable and studyable), and as the whole process (spawn to exit, less that wait).

Both use the package's media, history and notes alike; the ranking index is filled on its own
thread in both and neither figure waits for it. The CPU figure is the process's CPU time (all
threads, ``time.process_time``) over the same span. The window's process start (Qt, the window)
is not timed: it is paid once per session, not per import.

    nice .venv/bin/python benchmarks/window_import.py [--runs 5] [--compare DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from anki_import import RANKING_WAIT_TIMED  # (benchmarks/ is this script's folder)

ROOT = Path(__file__).resolve().parent.parent

#: The window's import, in a fresh offscreen process running the app as ``studyguide`` does (``cli.main([])``:
#: its collector on the main thread only, its task runner, the progress file's check): once the window is ready
#: and idle, the file is chosen. Prints "window S CPU".
WINDOW_IMPORT = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from studyguide import cli
from studyguide.ui.guide_actions import GuideActions
from studyguide.ui.main_window import MainWindow
THINK = float(sys.argv[2])
clock, imported = {"answered": 0.0}, []
def review_anki(self, result):  # the dialog answered (history: yes) after THINK s, in a modal loop as exec()'s
    begun = time.perf_counter()
    if THINK:
        loop = QEventLoop()
        QTimer.singleShot(int(THINK * 1000), loop.quit)
        loop.exec()
    clock["answered"] = time.perf_counter()
    clock["think"] = clock["answered"] - begun
    return True
GuideActions.review_anki = review_anki
def ready():  # the window built, its File menu there, no job running (the progress file's check done)
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    actions = getattr(window, "guide_actions", None)
    if actions is None or actions.tasks.busy:
        QTimer.singleShot(5, ready)
        return
    actions.guide_imported.connect(lambda guide_id: (imported.append(guide_id), shown(window)))
    actions.failed.connect(lambda title, text: (print(title, text, file=sys.stderr), app.exit(3)))
    clock["cpu"], clock["wall"] = time.process_time(), time.perf_counter()
    actions.import_file(Path(sys.argv[1]))
def shown(window):  # studyable: the window on the guide, its sections listed
    if window.guide_id == imported[0] and window.sections.model.rowCount() > 0:
        now = time.perf_counter()
        wall, cpu = now - clock["wall"] - clock["think"], time.process_time() - clock["cpu"]
        print(f"{imported[0]}: {window.sections.model.rowCount()} sections")
        print(f"window {wall:.3f} {cpu:.3f} {now - clock['answered']:.3f}")
        app.quit()
    else:
        QTimer.singleShot(1, lambda: shown(window))
QTimer.singleShot(0, ready)
QTimer.singleShot(120_000, lambda: (print("timed out", file=sys.stderr), app.exit(4)))
sys.exit(cli.main([]))
"""

#: ``studyguide import PACKAGE``: prints "cli S CPU" (inside ``cli.main``, less the ranking wait).
CLI_IMPORT = """
import sys, time
cpu, started = time.process_time(), time.perf_counter()
""" + RANKING_WAIT_TIMED + """
from studyguide import cli
code = cli.main(["import", sys.argv[1]])
print(f"cli {time.perf_counter() - started - waited[0]:.3f} {time.process_time() - cpu:.3f} {waited[0]:.3f}")
sys.exit(code)
"""


def run(script: str, package: Path, home: str, checkout: Path, think: float) -> tuple[float, list[str]]:
    """The process's wall seconds and its output's last line, split."""
    env = {**os.environ, "STUDYGUIDE_HOME": home, "PYTHONPATH": str(checkout), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(package), str(think)], env=env, cwd=checkout,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return wall, done.stdout.strip().splitlines()[-1].split()


def _figures(name: str, values: list[float]) -> str:
    """Median and p95 (nearest rank: the largest of fewer than 20 runs)."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, -(-95 * len(ordered) // 100) - 1))]
    return f"{name} median {statistics.median(ordered):.2f} s, p95 {p95:.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds the learner takes to answer the Anki dialog (left out of the window's figure)")
    parser.add_argument("--compare", type=Path, help="another checkout whose window import runs interleaved")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "studyguide-anki-bench")
    args = parser.parse_args()
    package = args.cache / "big.apkg"
    if not package.exists():
        raise SystemExit(f"{package} is missing: make it with benchmarks/anki_import.py first")
    for checkout in (ROOT, args.compare):
        if checkout is not None:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "studyguide")], check=True,
                           env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    print(f"Package: {package} ({package.stat().st_size / 2**20:.1f} MB); the dialog answered after {args.think} s; "
          f"load average {os.getloadavg()[0]:.1f}")
    sides = [("window", WINDOW_IMPORT, ROOT), ("command line", CLI_IMPORT, ROOT)]
    if args.compare is not None:
        sides.append(("window (compared)", WINDOW_IMPORT, args.compare))
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _, _ in sides}
    # Each run's library kept until the end: deleting 2,000 files slows the next creation (anki_import.py's ``_kept``).
    scratch = Path(tempfile.mkdtemp(prefix="studyguide-window-runs-"))
    try:
        for number in range(args.runs):
            for name, script, checkout in sides if number % 2 == 0 else reversed(sides):
                wall, last = run(script, package, tempfile.mkdtemp(dir=scratch), checkout, args.think)
                inside, cpu = float(last[1]), float(last[2])
                # The window: from the dialog's answer to the guide shown; the command line: its whole process.
                third = float(last[3]) if last[0] == "window" else wall - float(last[3])
                results[name].append((inside, cpu, third))
                what = "after the dialog" if last[0] == "window" else "whole process"
                print(f"run {number + 1}: {name} {inside:.2f} s (CPU {cpu:.2f} s; {what} {third:.2f} s), "
                      f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(scratch)
    print(f"load average {os.getloadavg()[0]:.1f}")
    cli = statistics.median(r[0] for r in results["command line"])
    for name, rows in results.items():
        line = f"{name}: {_figures('import', [r[0] for r in rows])}; {_figures('CPU', [r[1] for r in rows])}"
        if name == "command line":
            line += f"; {_figures('whole process (written)', [r[2] for r in rows])}"
        else:
            line += (f"; {_figures('after the dialog', [r[2] for r in rows])}; / command line: "
                     f"{statistics.median(r[0] for r in rows) / cli:.2f}x")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
