"""Review benchmark at scale: 100,000 cards and 1,000,000 review-log rows.

Measures, each against a bare-SQL baseline on the same database in the same run:
- answering a card and getting the next one (ReviewSession.answer + current), target median <= 2 ms;
- the due counts shown in the main window (Library.due_counts), target <= 10 ms;
- opening the Stats view (Library.stats, then drawing StatsView offscreen), target <= 300 ms.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/review.py
The generated library is cached in benchmarks/.data/ (delete it to regenerate).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyguide.domain.dates import DateSpan, FuzzyDate  # noqa: E402
from studyguide.domain.guide import Card, Event, Guide, GuideInfo, Section  # noqa: E402
from studyguide.guides.build import build_guide  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.review.scheduler import Rating  # noqa: E402
from studyguide.store.schema import DAILY_FROM_LOG  # noqa: E402

#: STUDYGUIDE_BENCH_CARDS makes a smaller library (sections and answers in proportion) in a folder of
#: its own, or STUDYGUIDE_BENCH_DATA's: the test suite runs this benchmark, browser.py and
#: operations.py that way (tests/test_benchmark_smoke.py), so a benchmark that stopped running shows.
CARDS = int(os.environ.get("STUDYGUIDE_BENCH_CARDS", "100000"))
SECTIONS, REVIEWS = max(CARDS // 100, 1), CARDS * 10
DATA = Path(os.environ.get("STUDYGUIDE_BENCH_DATA") or ROOT / "benchmarks" / ".data" / (
    "review" if CARDS == 100_000 else f"review-{CARDS}"))
NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
GUIDE = "bench-review"


def _generate() -> None:
    rng = random.Random(7)
    DATA.mkdir(parents=True, exist_ok=True)
    sections = tuple(Section(f"s{i}", f"Section {i}", f"Body of section {i}.", position=i) for i in range(SECTIONS))
    cards = tuple(Card(f"c{i}", f"s{i % SECTIONS}", f"Question {i}?", f"Answer {i}.", position=i)
                  for i in range(CARDS))
    event = Event("e0", "s0", "An event", DateSpan(FuzzyDate(1962)))
    build_guide(Guide(GuideInfo(GUIDE, "Review benchmark"), sections, cards, (event,)), DATA / "guide.sqlite")
    home = DATA / "library"
    Library(home=home, bundled_guide=DATA / "guide.sqlite", clock=lambda: NOW).close()
    conn = sqlite3.connect(home / "progress.sqlite")
    seen = CARDS * 4 // 5  # 80% of cards have been studied
    log = []
    states = {}
    for n in range(REVIEWS):
        card = rng.randrange(seen)
        at = NOW - timedelta(days=365) + timedelta(seconds=n * 365 * 86400 / REVIEWS)
        stability = rng.uniform(0.5, 200)
        due = at + timedelta(days=stability * rng.uniform(0.5, 1.5))
        state = {"card_id": card, "state": 2 if stability > 2 else 1, "step": None, "stability": stability,
                 "difficulty": rng.uniform(1, 10), "due": due.isoformat(), "last_review": at.isoformat()}
        encoded = json.dumps(state)
        log.append((GUIDE, f"c{card}", rng.choice((1, 3, 3, 3, 4)), at.isoformat(), 5000,
                    states.get(card), encoded))
        states[card] = encoded
    with conn:
        conn.executemany("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, duration_ms, "
                         "previous_state, new_state) VALUES (?, ?, ?, ?, ?, ?, ?)", log)
        conn.executemany(
            "INSERT INTO card_state (guide_id, card_id, state, due, phase, stability) VALUES (?, ?, ?, ?, ?, ?)",
            [(GUIDE, f"c{card}", s, json.loads(s)["due"], json.loads(s)["state"], json.loads(s)["stability"])
             for card, s in states.items()])
        conn.execute("DELETE FROM review_daily")
        conn.execute(DAILY_FROM_LOG)
    conn.close()


def _median_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples) * 1000:8.3f} ms   p95 {p95 * 1000:8.3f} ms"


def _time(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def copy_progress(home: Path) -> None:
    """Copies the generated review history into ``home`` (a run works on a copy, so every run starts alike)."""
    source = sqlite3.connect(DATA / "library" / "progress.sqlite")
    target = sqlite3.connect(home / "progress.sqlite")
    source.backup(target)
    source.close()
    target.close()


def main() -> int:
    if not (DATA / "library" / "progress.sqlite").exists():
        print(f"generating {CARDS:,} cards and {REVIEWS:,} review-log rows (once)...", flush=True)
        _generate()
    with tempfile.TemporaryDirectory() as scratch:
        # Work on a copy so every run starts from the same data.
        home = Path(scratch)
        copy_progress(home)
        clock_now = [NOW]
        library = Library(home=home, bundled_guide=DATA / "guide.sqlite", clock=lambda: clock_now[0])
        start = time.perf_counter()
        session = library.start_review(GUIDE)
        print(f"start a session over {CARDS:,} cards: {(time.perf_counter() - start) * 1000:.0f} ms (once)")

        def answer() -> None:
            session.reveal()
            session.answer(Rating.GOOD)
            assert session.current is not None

        answers = _time(answer, min(500, CARDS // 20))
        raw = sqlite3.connect(home / "progress.sqlite", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        state = json.dumps({"state": 2, "due": NOW.isoformat()})

        def bare_answer() -> None:
            raw.execute("BEGIN")
            raw.execute("INSERT INTO review_log (guide_id, card_id, rating, reviewed_at, new_state) "
                        "VALUES (?, 'x', 3, ?, ?)", (GUIDE, NOW.isoformat(), state))
            raw.execute("INSERT OR REPLACE INTO card_state (guide_id, card_id, state, due, phase) "
                        "VALUES (?, 'x', ?, ?, 2)", (GUIDE, state, NOW.isoformat()))
            raw.execute("COMMIT")

        bare_answers = _time(bare_answer, 500)
        counts = _time(lambda: library.due_counts(GUIDE), 50)
        bare_counts = _time(lambda: raw.execute(
            "SELECT count(*) FROM card_state WHERE guide_id = ? AND due <= ?", (GUIDE, NOW.isoformat())).fetchone(), 50)
        stats_data = _time(lambda: library.stats(GUIDE), 5)
        bare_stats = _time(lambda: raw.execute(
            "SELECT date(reviewed_at), count(*) FROM review_log WHERE guide_id = ? GROUP BY 1", (GUIDE,)).fetchall(), 5)
        from PySide6.QtWidgets import QApplication

        from studyguide.ui.stats import StatsView

        _app = QApplication.instance() or QApplication([])  # kept alive for the view
        from studyguide.ui.main_window import MainWindow

        # The same answer through the window: keys' handler, every view told what changed, redraw.
        window = MainWindow(library=library)
        window.show()
        window.tabs.setCurrentWidget(window.flashcards)
        _app.processEvents()
        flashcards = window.flashcards

        def gui_answer() -> None:
            flashcards.reveal()
            flashcards.answer(Rating.GOOD)
            _app.processEvents()

        gui_answers = _time(gui_answer, min(100, CARDS // 40))
        view = StatsView(library=library)
        view.resize(1200, 900)
        view.set_guide(GUIDE)

        arrived: list[bool] = []
        view.updated.connect(lambda: arrived.append(True))

        def open_view() -> None:  # the report is computed on the task runner: wait for it
            arrived.clear()
            view.refresh()
            while not arrived:
                _app.processEvents()
            view.grab()

        stats_view = _time(open_view, 5)
        raw.close()
        library.close()
    print(f"answer + next card        {_median_ms(answers)}   (bare SQL transaction: {_median_ms(bare_answers)}, "
          f"ratio {statistics.median(answers) / statistics.median(bare_answers):.1f}x)")
    print(f"answer in the window      {_median_ms(gui_answers)}   (reveal, rate, notify every view, redraw)")
    print(f"due counts                {_median_ms(counts)}   (bare count: {_median_ms(bare_counts)})")
    print(f"stats report (data)       {_median_ms(stats_data)}   (bare per-day GROUP BY: {_median_ms(bare_stats)})")
    print(f"open Stats view (+paint)  {_median_ms(stats_view)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
