"""Timeline benchmark: 10,000 seeded events; first layout, and a zoom or pan step repainted.

Each step is timed from the call (``zoom`` or ``pan``) through a render of the
view into an offscreen image the size of the window, which is what the screen
would show. The baseline, measured in the same run, is a bare QGraphicsView
holding 10,000 plain rectangle items: building it, and scrolling it and
rendering it the same way. Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timeline.py [--events 10000] [--steps 40]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView  # noqa: E402

from studyguide.domain.dates import SEASONS, DateSpan, FuzzyDate  # noqa: E402
from studyguide.domain.guide import Event  # noqa: E402
from studyguide.ui.timeline import TimelineView  # noqa: E402

LANES = ("United States", "Soviet Union", "Cuba", "Europe", "Asia", "Africa")
WORDS = ("treaty signed crisis missiles council summit embargo revolution election reform treaty "
         "border talks army navy letter speech alliance strike").split()


def make_events(count: int, seed: int = 1962) -> list[Event]:
    """``count`` events over 1000-2000, every precision, about 5% periods, six lanes (same every run)."""
    rng = random.Random(seed)
    events = []
    for index in range(count):
        year = rng.randint(1000, 2000)
        kind = rng.random()
        if kind < 0.4:
            month = rng.randint(1, 12)
            start = FuzzyDate(year, month, rng.randint(1, 28))
        elif kind < 0.6:
            start = FuzzyDate(year, rng.randint(1, 12))
        elif kind < 0.75:
            start = FuzzyDate(year, season=rng.choice(list(SEASONS)))
        else:
            start = FuzzyDate(year, approximate=rng.random() < 0.3)
        end = FuzzyDate(year + rng.randint(1, 15)) if rng.random() < 0.05 else None
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
        events.append(Event(id=f"e{index}", section_id="s", title=title, when=DateSpan(start, end),
                            lane=rng.choice(LANES), position=index))
    return events


def _render(view, image: QImage) -> None:
    painter = QPainter(image)
    view.render(painter)
    painter.end()


def _stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   (n={len(ms)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    events = make_events(args.events)

    view = TimelineView(library=None)
    view.resize(1280, 720)
    view.show()
    app.processEvents()
    image = QImage(view.canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    started = time.perf_counter()
    view.set_events(events)
    layout_s = time.perf_counter() - started
    _render(view.canvas, image)
    first_paint_s = time.perf_counter() - started
    fit_rects = list(view.item_rects().values())

    zooms, idle_zooms, pans = [], [], []
    # Zoom in from "fit all" to days and back, then pan both ways at a middle zoom.
    # Cold: steps back to back, so each step lays out all events (the prefetch never runs).
    factors = [1.5] * (args.steps // 2) + [1 / 1.5] * (args.steps // 2)
    for factor in factors:
        t = time.perf_counter()
        view.zoom(factor)
        _render(view.canvas, image)
        zooms.append(time.perf_counter() - t)
    # As with a wheel: the event loop runs between steps (untimed), so the view has laid out
    # the next step in and out while idle. Only this round's new zooms are used (fresh cache).
    view.set_events(events)
    for factor in [1.5] * (args.steps // 2) + [1 / 1.5] * (args.steps // 2):
        for _ in range(3):
            app.processEvents()
        t = time.perf_counter()
        view.zoom(factor)
        _render(view.canvas, image)
        idle_zooms.append(time.perf_counter() - t)
    view.zoom(1.5 ** 8)
    for i in range(args.steps):
        t = time.perf_counter()
        view.pan(0.25 if i % 10 < 5 else -0.25)
        _render(view.canvas, image)
        pans.append(time.perf_counter() - t)
    live = len(view.live_item_ids())

    # Baseline: a bare view with one plain rectangle per event, where the timeline
    # puts each label at "fit all" zoom, panned the same way.
    started = time.perf_counter()
    scene = QGraphicsScene()
    for rect in fit_rects:
        scene.addRect(rect)
    bare = QGraphicsView(scene)
    bare.resize(view.canvas.size())
    bare.show()
    bare.verticalScrollBar().setValue(bare.verticalScrollBar().maximum())
    app.processEvents()
    base_layout_s = time.perf_counter() - started
    base_pans = []
    for i in range(args.steps):
        t = time.perf_counter()
        bar = bare.horizontalScrollBar()
        bar.setValue(bar.value() + (320 if i % 10 < 5 else -320))
        _render(bare, image)
        base_pans.append(time.perf_counter() - t)

    platform = os.environ["QT_QPA_PLATFORM"]
    print(f"Timeline with {args.events:,} events ({platform}, view {image.width()}x{image.height()})")
    print(f"  first layout:            {layout_s * 1000:7.1f} ms  (with first paint {first_paint_s * 1000:.1f} ms)")
    print(f"  zoom step + repaint:     {_stats(zooms)}   (cold: every step lays out all events)")
    print(f"  zoom step, idle between: {_stats(idle_zooms)}   (next step laid out while idle)")
    print(f"  pan step + repaint:      {_stats(pans)}   ({live} events had items at the end)")
    print(f"  baseline, 10k bare rects: build and show {base_layout_s * 1000:.1f} ms; "
          f"scroll + repaint {_stats(base_pans)}")
    print(f"  ratios to baseline (median): zoom {statistics.median(zooms) / statistics.median(base_pans):.1f}x, "
          f"zoom with idle {statistics.median(idle_zooms) / statistics.median(base_pans):.1f}x, "
          f"pan {statistics.median(pans) / statistics.median(base_pans):.1f}x")
    view.close()
    bare.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
