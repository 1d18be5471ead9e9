"""Start-up benchmark: time to first paint of StudyGuide against a bare PySide6 window.

Both are measured in the same run, alternating, so a noisy machine hurts both
alike; the ratio is the figure to watch. Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
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
            QTimer.singleShot(0, app.quit)
        return False

watch = Watch(); window.installEventFilter(watch); window.show(); app.exec()
"""


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, STUDYGUIDE_HOME=home)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = [sys.executable, "-m", "studyguide", "--smoke-test"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        _time(app, env)  # first run creates the library and warms the disk cache
        _time(bare, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            app_times.append(_time(app, env))
            bare_times.append(_time(bare, env))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"process start to first paint, median of {args.runs} (wall clock, includes exit):")
    print(f"  bare PySide6 window   {bare_median * 1000:7.0f} ms")
    print(f"  StudyGuide            {app_median * 1000:7.0f} ms")
    print(f"  ratio                 {app_median / bare_median:7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
