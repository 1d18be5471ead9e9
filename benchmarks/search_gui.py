"""Search view benchmark: keystroke to results painted, typing into SearchView at 100,000 items.

Uses the guide ``benchmarks/search.py`` builds (same seed and sizes; built
first if missing), a real ``SearchView`` offscreen, and types each query one
key at a time as a person would. For every keystroke it times from the key
press to the first paint of the results list showing that text's results.
A 5 ms timer on the UI thread records the longest gap between its ticks
while typing: the longest the window was unable to respond. Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/search_gui.py --keep /tmp/search-bench.sqlite
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from search import build_or_reuse  # noqa: E402  (benchmarks/search.py)

from studyguide.search.engine import SearchEngine  # noqa: E402
from studyguide.store.content import ContentStore  # noqa: E402
from studyguide.ui.search import SearchView  # noqa: E402

TYPED = ["khrushchev letter", "missile", "negotiation naval", '"thirteen days"', "kind:card quarantine",
         "before:1950 naval", "mar", "khrushchevv"]


class _Library:
    """The one thing SearchView asks of a library: its search engine."""

    def __init__(self, engine: SearchEngine) -> None:
        self.search = engine


class _PaintWatch(QObject):
    """Ends a wait when the results list paints after the results for the current text arrived."""

    def __init__(self, view: SearchView) -> None:
        super().__init__()
        self.view, self.armed, self.loop = view, False, QEventLoop()
        view.results_shown.connect(self._shown)
        view.results.viewport().installEventFilter(self)

    def _shown(self, _count: int) -> None:
        if not self.view.pending:
            self.armed = True
            self.view.results.viewport().update()  # a result identical to the last still repaints

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.armed:
            self.armed = False
            QTimer.singleShot(0, self.loop.quit)
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1962)
    parser.add_argument("--keep", type=Path, help="the benchmark guide (built there if missing)")
    args = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite"
        build_or_reuse(path, args)
        store = ContentStore(path=path)
        view = SearchView(library=_Library(SearchEngine(guides=[(store.info, store.database)])))
        view.resize(1000, 700)
        view.show()
        watch = _PaintWatch(view)
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(tick)
        per_query: dict[str, list[float]] = {}
        for round_number in range(2):  # the first round warms caches and the search thread
            for text in TYPED:
                view.box.clear()
                app.processEvents()
                times = per_query.setdefault(text, []) if round_number else []
                ticker.start()
                last[0] = time.perf_counter()
                for char in text:
                    start = time.perf_counter()
                    QTimer.singleShot(2000, watch.loop.quit)  # never hang on a missing paint
                    QTest.keyClick(view.box, char)
                    watch.loop.exec()
                    times.append((time.perf_counter() - start) * 1000)
                ticker.stop()
                if not round_number:
                    gaps.clear()
        everything = [t for times in per_query.values() for t in times]
        ordered = sorted(everything)
        print(f"SearchView, {store.info.title}: {args.sections:,} sections, {args.cards:,} cards, "
              f"{args.events:,} events; {len(everything)} keystrokes, offscreen")
        print("\n| Typed (one key at a time) | Median ms | Max ms |\n|---|---:|---:|")
        for text, times in per_query.items():
            print(f"| `{text}` | {statistics.median(times):.1f} | {max(times):.1f} |")
        print(f"\nKeystroke to results painted: median {statistics.median(everything):.1f} ms, "
              f"p95 {ordered[round(0.95 * (len(ordered) - 1))]:.1f} ms, max {ordered[-1]:.1f} ms")
        print(f"Longest the UI thread was busy while typing (5 ms ticker gap): {max(gaps) * 1000:.1f} ms")
        view.close()
        view.deleteLater()
        app.processEvents()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
