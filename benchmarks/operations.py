"""Operations end to end in the window at 100,000 cards, next to the bare service call.

As a user would time it: the key press, the change written, every view told (through the
operation runner and ``MainWindow.apply_changes``), then one repaint of the window. Beside
each, in the same run and on the same library, the bare service call (``ReviewSession``):

- answer + next card: key 3 with the answer shown, vs ``session.answer`` (then ``current``);
- suspend: key S, vs ``session.suspend_current``;
- undo of an answer: Ctrl+Z, vs ``session.undo``.

Target: the window path's median within 2x the bare call's plus one repaint (measured alone).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/operations.py
Uses the library benchmarks/review.py generates (cached in benchmarks/.data/review).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.review import DATA, GUIDE, NOW, _generate  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.review.scheduler import Rating  # noqa: E402

RUNS = 200


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(samples) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


def _time(setup: Callable[[], None], action: Callable[[], None], runs: int = RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def _copy_library(home: Path) -> None:
    source = sqlite3.connect(DATA / "library" / "progress.sqlite")
    target = sqlite3.connect(home / "progress.sqlite")
    source.backup(target)
    source.close()
    target.close()


def main() -> int:
    if not (DATA / "library" / "progress.sqlite").exists():
        print("generating 100,000 cards and 1,000,000 review-log rows (once)...", flush=True)
        _generate()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from studyguide.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    load_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        _copy_library(home)
        library = Library(home=home, bundled_guide=DATA / "guide.sqlite", clock=lambda: NOW)

        # Bare service calls on a session of their own.
        session = library.start_review(GUIDE)

        def reveal() -> None:
            session.reveal()

        def bare_answer() -> None:
            session.answer(Rating.GOOD)
            assert session.current is not None

        bare = {"answer + next": _time(reveal, bare_answer)}
        # The window reads the due counts after each answer (a count over 100,000 cards), which
        # leaves the next answer's pages colder: the same bare call with that read in between.
        warm_answer = _time(lambda: (library.due_counts(GUIDE), reveal()), bare_answer)
        bare["suspend"] = _time(lambda: None, session.suspend_current)
        bare["undo answer"] = _time(lambda: (session.reveal(), session.answer(Rating.GOOD)),
                                    lambda: session.undo())

        # The same through the window, as key presses.
        window = MainWindow(library=library)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        window.select_guide(GUIDE)
        window.tabs.setCurrentWidget(window.flashcards)
        app.processEvents()
        flashcards = window.flashcards

        def key(k, modifier=Qt.KeyboardModifier.NoModifier) -> Callable[[], None]:
            def press() -> None:
                QTest.keyClick(flashcards, k, modifier)
                window.repaint()  # paint now: what the user sees

            return press

        def show_answer() -> None:
            QTest.keyClick(flashcards, Qt.Key.Key_Space)
            app.processEvents()

        def answered() -> None:
            show_answer()
            QTest.keyClick(flashcards, Qt.Key.Key_3)
            app.processEvents()

        shown = {"answer + next": _time(show_answer, key(Qt.Key.Key_3))}
        shown["suspend"] = _time(app.processEvents, key(Qt.Key.Key_S))
        shown["undo answer"] = _time(answered, key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
        repaint = _time(app.processEvents, window.repaint)
        # Baselines of the window's own cost: a key that changes nothing (Space with the answer
        # shown), and a repaint after the card's text changed (relayout included).
        show_answer()
        idle_key = _time(app.processEvents, key(Qt.Key.Key_Space))
        texts = iter(["Question A?", "Question B?"] * RUNS)
        changed = _time(app.processEvents, lambda: (flashcards.front.setText(next(texts)), window.repaint()))
        assert window.undo_action.text().startswith("&Undo")
        window.close()
        library.close()
    load_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    paint, paint_p95 = _stats(repaint)
    print(f"100,000 cards, {RUNS} runs each; one repaint of the window: median {paint:.3f} ms, p95 {paint_p95:.3f} ms")
    print(f"{'operation':<14} {'bare median':>12} {'bare p95':>10} {'window median':>14} {'window p95':>11} "
          f"{'target':>9}  result")
    for name in bare:
        b, b95 = _stats(bare[name])
        w, w95 = _stats(shown[name])
        target = 2 * b + paint
        print(f"{name:<14} {b:>9.3f} ms {b95:>7.3f} ms {w:>11.3f} ms {w95:>8.3f} ms {target:>6.3f} ms  "
              f"{'within' if w <= target else 'OVER'}")
    for name, samples in (("bare answer, due counts read between", warm_answer),
                          ("a key changing nothing, + repaint", idle_key),
                          ("new card text, relayout + repaint", changed)):
        median, p95 = _stats(samples)
        print(f"{name:<36} median {median:.3f} ms, p95 {p95:.3f} ms")
    print(f"load before: {load_before}")
    print(f"load after:  {load_after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
