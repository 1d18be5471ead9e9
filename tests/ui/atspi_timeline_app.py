"""The app for the timeline's screen-reader test: the bundled guide's timeline, its canvas focused.

Not a test module: ``test_screen_reader_timeline.py`` runs it under Xvfb with the AT-SPI bus. Once the
client says it listens (the file ``READY`` exists), it steps to the next event three times, as the Right
key does, so the client hears what the canvas says. Usage: atspi_timeline_app.py LIBRARY READY
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studyguide import paths
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("studyguide-timeline")
    library = Library(home=Path(sys.argv[1]), bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    window = MainWindow(library=library)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.timeline)
    ready = Path(sys.argv[2])
    steps: list[int] = []

    def poll() -> None:
        if not ready.exists():
            return
        window.timeline.canvas.setFocus()
        window.timeline.step(1)  # what Right does on the focused canvas
        steps.append(1)
        if len(steps) == 3:
            timer.stop()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(300)
    QTimer.singleShot(60_000, app.quit)  # the test ends it long before
    code = app.exec()
    library.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
