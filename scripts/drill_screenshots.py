"""Screenshots of the timeline drills (docs/screenshots/drill-*.png) on a throw-away library.

``xvfb-run -a .venv/bin/python scripts/drill_screenshots.py [--dark]`` (or offscreen): opens
Review > Review Timeline Drills on the bundled guide at 900x600, types a date, presses Enter;
then moves an event of the first order drill with Alt+Down and checks it.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studyguide import paths
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from authoring_screenshots import screenshot_app  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    app, dark = screenshot_app()
    suffix = "-dark" if dark else ""
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(),
                          clock=lambda: datetime.now(timezone.utc))
        window = MainWindow(library=library)
        window.show()
        dialog = window.review_actions.open_drills()
        assert dialog is not None
        dialog.resize(900, 600)
        view = dialog.view
        for _ in range(5):
            app.processEvents()
        view.grab().save(f"/tmp/drills/drill-when-question{suffix}.png")
        QTest.keyClicks(view.entry, "fall 1962")
        QTest.keyClick(view.entry, Qt.Key.Key_Return)
        for _ in range(5):
            app.processEvents()
        view.grab().save(str(OUT / f"drill-when{suffix}.png"))
        dialog.tabs.setCurrentWidget(dialog.order)
        order = dialog.order
        for _ in range(5):
            app.processEvents()
        order.grab().save(f"/tmp/drills/drill-order-question{suffix}.png")
        QTest.keyClick(order.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(order.items, Qt.Key.Key_Return)
        for _ in range(5):
            app.processEvents()
        order.grab().save(str(OUT / f"drill-order{suffix}.png"))
        dialog.close()
        window.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
