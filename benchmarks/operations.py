"""Operations end to end in the window at 100,000 cards, next to the bare service call.

As a user would time it: the key press, the change written, every view told (through the
operation runner and ``MainWindow.apply_changes``), the layout and the paint of the window
with the next card in it, as the event loop does them right after the key (posted events:
layout requests, then the update request that paints). Each window run is checked: the
question label holds the next card's text and was painted after the key, and the session's
counts are the new ones. A second window figure goes on until the status bar's due counts
(read over every card, once the card is painted) are shown too.

Beside each, interleaved run for run (alternating which goes first) so that machine load
falls on both alike, the bare service call (``ReviewSession``) on an identical copy of the
library (so both sides answer the same cards from the same state):

- answer + next card: key 3 with the answer shown, vs ``session.answer`` (then ``current``);
- suspend: key S, vs ``session.suspend_current``;
- undo of an answer: Ctrl+Z, vs ``session.undo``.

Target: the window's median within 2x the bare call's plus one repaint of the whole idle
window (``window.repaint()``, measured interleaved too). Each sample is also taken in CPU time
of the process's one thread (``time.thread_time``): on a machine shared with other work, wall
times of a few ms mostly measure the load; CPU times do not count the time others ran.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/operations.py [--runs N]
Uses the library benchmarks/review.py generates (cached in benchmarks/.data/review).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.review import CARDS, DATA, GUIDE, NOW, REVIEWS, _generate  # noqa: E402
from studyguide.domain.stats import due_summary  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.review.scheduler import Rating  # noqa: E402

RUNS = 200


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.thread_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    now = _clock()
    return now[0] - start[0], now[1] - start[1]


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(samples) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


def _copy_library(home: Path) -> None:
    home.mkdir()
    source = sqlite3.connect(DATA / "library" / "progress.sqlite")
    target = sqlite3.connect(home / "progress.sqlite")
    source.backup(target)
    source.close()
    target.close()


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    runs = parser.parse_args().runs
    if not (DATA / "library" / "progress.sqlite").exists():
        print(f"generating {CARDS:,} cards and {REVIEWS:,} review-log rows (once)...", flush=True)
        _generate()
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from studyguide.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    loads = [_load()]
    with tempfile.TemporaryDirectory() as scratch:
        libraries = []
        for name in ("bare", "window"):
            _copy_library(Path(scratch) / name)
            libraries.append(Library(home=Path(scratch) / name, bundled_guide=DATA / "guide.sqlite",
                                     clock=lambda: NOW))
        bare_library, library = libraries
        session = bare_library.start_review(GUIDE)

        window = MainWindow(library=library)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        window.select_guide(GUIDE)
        window.tabs.setCurrentWidget(window.flashcards)
        app.processEvents()
        flashcards = window.flashcards
        if flashcards.session is None:  # a large guide's session is read off the UI thread: wait for it
            started = QEventLoop()
            flashcards.session_started.connect(started.quit)
            started.exec()

        class Paints(QObject):
            """Counts the paints of the question label."""

            count = 0

            def eventFilter(self, watched, event) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        paints = Paints()
        flashcards.front.installEventFilter(paints)

        def settle() -> None:
            """Let every deferred job of the last action run (the status bar's due counts)."""
            app.processEvents()
            while window._due_refresh.isActive():
                app.processEvents()
            QCoreApplication.sendPostedEvents()

        checked = [0]

        def check(painted_before: int) -> None:
            """The window shows the new state: the next card's text, painted; the new counts."""
            view = flashcards.session
            assert view is not None and view.current is not None
            assert flashcards.front.text() == view.current.card.front, "the next card is not on screen"
            assert paints.count > painted_before, "the question was not painted after the key"
            counts = view.counts()
            assert f"New {counts.new}<" in flashcards.counts.text() and f"Due {counts.review}<" in \
                flashcards.counts.text(), "the session's counts were not updated"
            checked[0] += 1

        def window_op(key, modifier=Qt.KeyboardModifier.NoModifier) -> Callable[[], tuple[tuple, tuple]]:
            def press() -> tuple[tuple, tuple]:
                painted = paints.count
                start = _clock()
                QTest.keyClick(flashcards, key, modifier)
                QCoreApplication.sendPostedEvents()  # layout, then paint: what the event loop does next
                shown = _since(start)
                settle()  # then the status bar's due counts
                settled = _since(start)
                check(painted)
                due = due_summary(library.due_counts(GUIDE), library.due_today(GUIDE))
                assert window.review_actions.due_label.full_text() == due, "the due counts were not updated"
                return shown, settled

            return press

        def bare_op(action: Callable[[], object]) -> Callable[[], tuple[float, float]]:
            def call() -> tuple[float, float]:
                start = _clock()
                action()
                return _since(start)

            return call

        def bare_answer() -> None:
            session.answer(Rating.GOOD)
            assert session.current is not None

        def reveal_both() -> None:
            session.reveal()
            QTest.keyClick(flashcards, Qt.Key.Key_Space)
            settle()

        def answer_both() -> None:
            reveal_both()
            session.answer(Rating.GOOD)
            QTest.keyClick(flashcards, Qt.Key.Key_3)
            settle()

        # (name, setup of both sides, bare call, key press in the window)
        cases: list[tuple[str, Callable[[], None], Callable[[], tuple[float, float]], Callable[[], tuple]]] = [
            ("answer + next", reveal_both, bare_op(bare_answer), window_op(Qt.Key.Key_3)),
            ("suspend", settle, bare_op(session.suspend_current), window_op(Qt.Key.Key_S)),
            ("undo answer", answer_both, bare_op(session.undo),
             window_op(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)),
        ]
        results = {}
        repaint: list[tuple[float, float]] = []
        for name, setup, bare, press in cases:
            bare_times: list[tuple[float, float]] = []
            shown: list[tuple[float, float]] = []
            settled: list[tuple[float, float]] = []
            for run in range(runs):
                setup()
                for side in ((0, 1) if run % 2 else (1, 0)):
                    if side == 0:
                        bare_times.append(bare())
                    else:
                        a, b = press()
                        shown.append(a)
                        settled.append(b)
                settle()
                start = _clock()
                window.repaint()
                repaint.append(_since(start))
            results[name] = (bare_times, shown, settled)
            loads.append(_load())
        assert window.undo_action.text().startswith("&Undo")
        window.close()
        for each in libraries:
            each.close()

    print(f"{CARDS:,} cards, {runs} runs each, interleaved; {checked[0]} window runs checked (next card painted, "
          f"counts updated)")
    for clock, index in (("wall", 0), ("CPU", 1)):
        paint, paint_p95 = _stats([r[index] for r in repaint])
        print(f"{clock} time, ms; one repaint of the whole idle window: median {paint:.2f}, p95 {paint_p95:.2f}")
        print(f"{'operation':<14} {'bare med/p95':>14} {'window: card shown':>19} {'+ due counts':>14} "
              f"{'target':>8}  result")
        for name, (bare_times, shown, settled) in results.items():
            b, b95 = _stats([x[index] for x in bare_times])
            w, w95 = _stats([x[index] for x in shown])
            s, s95 = _stats([x[index] for x in settled])
            target = 2 * b + paint
            print(f"{name:<14} {b:>6.2f} / {b95:>5.2f} {w:>9.2f} / {w95:>5.2f} {s:>6.2f} / {s95:>5.2f} "
                  f"{target:>6.2f} ms  {'within' if w <= target else 'OVER'}")
    print(f"load average (1, 5, 15 min) before and after each operation: {' | '.join(loads)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
