"""Take screenshots of every view of the real app, for the README (docs/screenshots/).

Run under a display (``xvfb-run -a .venv/bin/python scripts/screenshots.py``) or offscreen.
It uses a throw-away library, so your own progress is never touched.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studyguide import paths
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("StudyGuide")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(),
                          clock=lambda: datetime.now(timezone.utc))
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
        window.tabs.setCurrentWidget(window.flashcards)
        shoot("flashcards-question")
        window.flashcards.reveal()
        shoot("flashcards-answer")
        window.tabs.setCurrentWidget(window.timeline)
        settle()
        window.timeline.fit_all()
        window.timeline.select_event("missiles-discovered")
        shoot("timeline")
        window.focus_search()
        window.search.box.setText("khrushchev letter")
        window.search.run_query()
        shoot("search")
        QTimer.singleShot(0, app.quit)
        app.exec()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
