"""Take screenshots of every view of the real app, for the README (docs/screenshots/).

Run under a display (``xvfb-run -a .venv/bin/python scripts/screenshots.py``) or offscreen.
It uses a throw-away library, so your own progress is never touched.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studyguide import paths
from studyguide.domain.dates import position_of
from studyguide.library import Library
from studyguide.review.scheduler import Rating
from studyguide.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _simulate_history(library: Library, now: list[datetime]) -> None:
    """75 days of study (most days, a few misses), so Stats and due counts look lived-in."""
    rng = random.Random(3)
    guide = library.guides()[0].id
    for _day in range(75):
        if rng.random() < 0.8:
            session = library.start_review(guide)
            for _ in range(25):
                if session.current is None:
                    break
                session.reveal()
                now[0] += timedelta(seconds=rng.randint(5, 40))
                session.answer(Rating.AGAIN if rng.random() < 0.12
                               else rng.choice([Rating.GOOD, Rating.GOOD, Rating.EASY]))
        now[0] += timedelta(days=1)
    now[0] = datetime.now(timezone.utc)


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("StudyGuide")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        now = [datetime.now(timezone.utc) - timedelta(days=75)]
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(), clock=lambda: now[0])
        _simulate_history(library, now)
        window = MainWindow(library=library)
        window.resize(1280, 800)
        window.show()

        def settle() -> None:
            for _ in range(5):
                app.processEvents()

        def shoot(name: str) -> None:
            settle()
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")

        window.open_section("the-missiles")
        shoot("sections")
        window.tabs.setCurrentWidget(window.stats)
        while window.stats.summary.text() == "Calculating\u2026":  # computed on the task runner
            app.processEvents()
        shoot("stats")
        window.tabs.setCurrentWidget(window.flashcards)
        shoot("flashcards-question")
        window.flashcards.reveal()
        shoot("flashcards-answer")
        window.tabs.setCurrentWidget(window.timeline)
        settle()
        timeline = window.timeline
        timeline.fit_all()
        timeline.select_event("missiles-discovered")
        shoot("timeline")
        timeline.select_event("thirteen-days")
        timeline.fit_all()
        shoot("timeline-fit")
        timeline.fit_range(position_of(1962, 10, 1), position_of(1962, 11, 1))
        timeline.select_event("quarantine-announced")
        shoot("timeline-october-1962")
        window.focus_search()
        window.search.box.setText("khrushchev letter")
        window.search.search_now()
        shoot("search")
        QTimer.singleShot(0, app.quit)
        app.exec()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
