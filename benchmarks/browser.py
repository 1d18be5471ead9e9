"""Card browser benchmark at 100,000 cards (80% studied, 1,000,000 review-log rows).

Measures, each next to a bare-SQL baseline on the same files in the same run, with the load
average before and after:
- opening Tools > Browse until the table shows its first rows (read, not a placeholder) and
  has painted them;
- sorting by due and by question (a header click: the keys in the new order found on the
  browser's worker, the first page read, repainted: "usable"), target <= 200 ms, and the
  longest single pass the UI thread made meanwhile (what typing or scrolling would wait for);
- scrolling: to the end, and page jumps to random places (each reads a page of rows and paints).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/browser.py
The data is benchmarks/review.py's (generated once into benchmarks/.data/review/).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import review as review_bench  # noqa: E402

from studyguide.domain.card_filter import COLUMN_KEYS  # noqa: E402
from studyguide.library import Library  # noqa: E402

RUNS = 9


def _cell(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples) * 1000:7.1f} ms (p95 {p95 * 1000:7.1f})"


def _timed(fn, runs: int = RUNS) -> list[float]:
    return review_bench._time(fn, runs)


#: The longest single pass of the UI thread's event loop seen while waiting (the stall a user feels).
STALLS: list[float] = []


def _wait_listed(app, browser) -> None:
    """Run the event loop until the browser lists the latest search's or sort's result (it comes
    from the worker), noting the longest pass the UI thread made meanwhile."""
    longest = 0.0
    while browser.finding.pending:
        start = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - start)
        if browser.finding.pending:
            time.sleep(0.001)
    STALLS.append(longest)


def main() -> int:
    data = review_bench.DATA
    if not (data / "library" / "progress.sqlite").exists():
        print(f"generating {review_bench.CARDS:,} cards and {review_bench.REVIEWS:,} review-log rows (once)...",
              flush=True)
        review_bench._generate()
    load_before = os.getloadavg()
    from PySide6.QtWidgets import QApplication

    from studyguide.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        review_bench.copy_progress(home)
        library = Library(home=home, bundled_guide=data / "guide.sqlite", clock=lambda: review_bench.NOW)
        window = MainWindow(library=library)
        window.show()
        app.processEvents()
        raw = sqlite3.connect(data / "guide.sqlite")
        raw.execute("ATTACH DATABASE ? AS p", [str(home / "progress.sqlite")])
        guide = review_bench.GUIDE

        def bare(order: str):
            return lambda: raw.execute(
                f"SELECT c.id FROM cards c LEFT JOIN p.card_state s ON s.guide_id = ? AND s.card_id = c.id "
                f"ORDER BY {order}", [guide]).fetchall()

        browsers = []

        def open_browser() -> None:
            window.browser = None
            window.browse()
            browser = window.browser
            browsers.append(browser)
            _wait_listed(app, browser)
            assert browser.model.index(0, 0).data() not in (None, "", "(deleted)")
            browser.table.viewport().grab()

        opening = _timed(open_browser)
        bare_open = _timed(bare("c.position"))
        browser = browsers[-1]
        for old in browsers[:-1]:
            old.close()
            old.deleteLater()
        browser.resize(1100, 650)
        app.processEvents()
        count = browser.model.rowCount()

        def sort_by(key: str, descending: list[bool]):
            from PySide6.QtCore import Qt

            def run() -> None:
                descending[0] = not descending[0]
                order = Qt.SortOrder.DescendingOrder if descending[0] else Qt.SortOrder.AscendingOrder
                browser.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index(key), order)
                _wait_listed(app, browser)
                assert browser.model.index(0, 0).data() not in (None, "")
                browser.table.viewport().grab()
            return run

        STALLS.clear()
        by_due = _timed(sort_by("due", [True]))
        bare_due = _timed(bare("s.due"))
        by_question = _timed(sort_by("question", [True]))
        sort_stalls = list(STALLS)
        tasks, browser.finding.tasks = browser.finding.tasks, None  # as before: the sort on the UI thread
        STALLS.clear()
        on_ui_thread = _timed(sort_by("question", [True]))
        browser.finding.tasks = tasks
        bare_question = _timed(bare("c.front"))
        table = browser.table

        def to_end() -> None:
            table.scrollToTop()
            browser.model._pages.clear()
            table.scrollToBottom()
            browser.table.viewport().grab()
            assert browser.model.card(count - 1) is not None

        ends = _timed(to_end)
        rng = random.Random(1)

        def jump() -> None:
            row = rng.randrange(count)
            table.scrollTo(browser.model.index(row, 0))
            browser.table.viewport().grab()

        jumps = _timed(jump, 200)
        ids = [browser.model.key(r)[1] for r in range(50)]

        def bare_page() -> None:
            raw.execute("SELECT c.front, c.back, s.due, s.stability FROM cards c LEFT JOIN p.card_state s "
                        "ON s.guide_id = ? AND s.card_id = c.id WHERE c.id IN (SELECT value FROM json_each(?))",
                        [guide, str(ids).replace("'", '"')]).fetchall()

        bare_pages = _timed(bare_page, 200)
        raw.close()
        for open_one in browsers:
            open_one.close()
        window.close()
        library.close()
    load_after = os.getloadavg()
    print(f"{count:,} cards; load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print(f"open Browse, first rows painted  {_cell(opening)}   bare SQL keys in guide order {_cell(bare_open)}")
    print(f"sort by due (header click)       {_cell(by_due)}   bare SQL ORDER BY due       {_cell(bare_due)}")
    print(f"sort by question                 {_cell(by_question)}   bare SQL ORDER BY front     {_cell(bare_question)}")
    print(f"longest UI-thread pass in a sort {_cell(sort_stalls)}   "
          f"the sort by question on the UI thread {_cell(on_ui_thread)}")
    print(f"scroll top -> end (painted)      {_cell(ends)}")
    print(f"jump to a random page (painted)  {_cell(jumps)}   bare SQL one page of rows   {_cell(bare_pages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
