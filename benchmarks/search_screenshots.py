"""Screenshots of search in the real app (docs/screenshots/search-*.png), on a throw-away library.

Run under a display: ``xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python benchmarks/search_screenshots.py``
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyguide import paths  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SHOTS = [("search-highlights", "khrushchev letter"), ("search-filters", "kind:event before:1962"),
         ("search-did-you-mean", "Krushchev")]


def main() -> int:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(),
                          clock=lambda: datetime.now(timezone.utc))
        window = MainWindow(library=library)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        for name, text in SHOTS:
            window.focus_search()
            window.search.box.setText(text)
            window.search.search_now()  # on this thread, so the shot shows this text's results
            app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        window.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
