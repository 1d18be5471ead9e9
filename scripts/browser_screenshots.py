"""Screenshot Tools > Browse at 900x600 (docs/screenshots/browser.png; browser-dark.png with --dark).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/browser_screenshots.py OUT_FOLDER [--dark]``
(or under ``xvfb-run -a``). It uses a throw-away library over a copy of the bundled guide with a
few weeks of simulated answers, and a user's guide whose cards were added on different days,
so the Added column has something to show.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt

from studyguide import paths
from studyguide.authoring import Authoring
from studyguide.domain.card_filter import COLUMN_KEYS
from studyguide.library import Library
from studyguide.review.scheduler import Rating
from studyguide.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from authoring_screenshots import FixedClock, screenshot_app  # noqa: E402 (a sibling script)


def main() -> int:
    out = Path(sys.argv[1])
    app, dark = screenshot_app()
    clock = FixedClock(datetime(2026, 10, 1, 17, 0, tzinfo=timezone.utc))
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "library"
        bundled = Path(scratch) / "default-guide.sqlite"
        shutil.copyfile(paths.bundled_guide_database(), bundled)
        library = Library(home=home, bundled_guide=bundled, clock=clock, enable_fuzzing=False)
        guide_id = library.guides()[0].id
        authoring = Authoring(library=library)
        notes = authoring.new_guide("My Cold War notes").ids[0]
        section = authoring.add_section(notes, "Berlin").ids[0]
        for day in range(28):
            session = library.start_review(guide_id)
            for _ in range(12):
                if session.current is None:
                    break
                session.reveal()
                session.answer(Rating.AGAIN if rng.random() < 0.15 else rng.choice([Rating.GOOD, Rating.EASY]))
            if day % 9 == 0:
                authoring.add_card(notes, section, f"Berlin question {day // 9 + 1}?", "An answer.",
                                   tags=["berlin"])
            clock.now += timedelta(days=1)
        window = MainWindow(library=library)
        window.show()
        window.browse()
        browser = window.browser
        browser.resize(900, 600)
        browser.splitter.setSizes([620, 280])
        browser.guides.setCurrentIndex(0)  # all guides
        header = browser.table.horizontalHeader()
        added = COLUMN_KEYS.index("added")
        browser.show_column(added, True)
        browser.show_column(COLUMN_KEYS.index("section"), False)
        header.moveSection(header.visualIndex(added), 1)  # right after the question, as a drag would
        header.setSortIndicator(added, Qt.SortOrder.DescendingOrder)
        while browser.finding.pending:
            app.processEvents()
        browser.select_rows([1])
        print("sorted by", browser.model.sort_key, browser.model.descending, browser.selected_rows())
        for _ in range(20):
            app.processEvents()
        name = out / f"browser{'-dark' if dark else ''}.png"
        browser.grab().save(str(name))
        print(name)
        browser.close()
        window.close()
        authoring.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
