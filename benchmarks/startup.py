"""Start-up benchmark: StudyGuide from source against a bare PySide6 window, to first paint.

Times run from the parent's spawn to the moment each child reports its first
paint (and, for StudyGuide, the moment the guide is shown), alternating runs so
a noisy machine hurts both alike. The ratio is the figure to watch. Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 15]
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

BARE_WINDOW = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView, QListWidget, QSplitter, QTextBrowser

app = QApplication([])
window = QSplitter()
window.addWidget(QListWidget()); window.addWidget(QTextBrowser()); window.addWidget(QGraphicsView())
window.resize(1280, 800)

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first paint at unix time {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

watch = Watch(); window.installEventFilter(watch); window.show(); app.exec()
"""
STAMP = re.compile(r"first paint at unix time ([0-9.]+)(?:, guide shown at ([0-9.]+))?")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    spawned = time.time()
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    match = STAMP.search(out)
    if match is None:
        raise SystemExit(f"no paint time in the output of {command[:3]}: {out!r}")
    shown = float(match[2]) - spawned if match[2] else None
    return float(match[1]) - spawned, shown


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples) * 1000:5.0f} ms   p95 {p95 * 1000:5.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, STUDYGUIDE_HOME=home)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = [sys.executable, "-m", "studyguide", "--smoke-test"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        _run(app, env)  # the first run creates the library and warms the disk cache
        _run(bare, env)
        app_paint, app_shown, bare_paint = [], [], []
        for _ in range(args.runs):
            paint, shown = _run(app, env)
            app_paint.append(paint)
            app_shown.append(shown or 0.0)
            bare_paint.append(_run(bare, env)[0])
    ratio = statistics.median(app_paint) / statistics.median(bare_paint)
    print(f"from spawn, {args.runs} runs each ({env['QT_QPA_PLATFORM']}):")
    print(f"  bare PySide6 window, first paint   {_stats(bare_paint)}")
    print(f"  StudyGuide, first paint            {_stats(app_paint)}   ratio {ratio:.2f}x")
    print(f"  StudyGuide, guide shown            {_stats(app_shown)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
