"""Screenshots of writing a guide in the real app (issue 15), for docs/authoring.md.

Run under a display: ``xvfb-run -a -s "-screen 0 1280x1024x24" .venv/bin/python scripts/authoring_screenshots.py``
(``--dark`` for a dark palette). It types into the real window and dialogs of a throw-away
library, so your own guides and progress are never touched. Writes
docs/screenshots/authoring-section-editor.png, authoring-add-card-cloze.png and
authoring-event-date.png (``-dark`` added with ``--dark``).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from studyguide import paths
from studyguide.authoring import Authoring
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
BODY = """## Thirteen days

In **October 1962** the United States found Soviet missiles in Cuba. Kennedy chose a
naval *quarantine* rather than an air strike, and for thirteen days the world waited.

- 14 October: a U-2 photographs the sites
- 22 October: Kennedy speaks to the nation
- 28 October: Khrushchev agrees to withdraw"""


def _dark(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.Button, "#353535"), (QPalette.ColorRole.ButtonText, "#e6e6e6"),
                         (QPalette.ColorRole.Highlight, "#2f65ca"), (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#8a8a8a"),
                         # alternate rows and links as a dark desktop theme has them
                         (QPalette.ColorRole.AlternateBase, "#262626"), (QPalette.ColorRole.Link, "#6ea8fe")):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)


def screenshot_app() -> tuple[QApplication, bool]:
    """The application of a screenshot script, dark (Fusion) with ``--dark``; and whether it is dark."""
    dark = "--dark" in sys.argv
    app = QApplication(sys.argv[:1])
    if dark:
        _dark(app)
    return app, dark


@contextmanager
def bundled_library(clock: Callable[[], datetime]) -> Iterator[Library]:
    """A throw-away library over the bundled guide (your own progress is never touched), closed after."""
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(), clock=clock,
                          enable_fuzzing=False)
        try:
            yield library
        finally:
            library.close()


class FixedClock:
    """A throw-away library's clock: it stays at ``now`` until the script moves it on."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def main() -> int:
    dark = "--dark" in sys.argv
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("StudyGuide")
    if dark:
        _dark(app)
    suffix = "-dark" if dark else ""
    OUT.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    def shoot(widget: QWidget, name: str) -> None:
        settle()
        path = OUT / f"authoring-{name}{suffix}.png"
        widget.grab().save(str(path))
        print(path)

    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(),
                          clock=lambda: datetime.now(timezone.utc))
        authoring = Authoring(library=library)
        guide = authoring.new_guide("The Cold War", "History").ids[0]
        authoring.add_section(guide, "Berlin", "The Wall went up in **August 1961**.", ["berlin"])
        crisis = authoring.add_section(guide, "The Missile Crisis", "", ["cuba"]).ids[0]
        window = MainWindow(library=library, authoring=authoring)
        window.resize(900, 600)
        window.show()
        window.activateWindow()
        window.select_guide(guide)
        window.tabs.setCurrentWidget(window.sections)
        window.sections.show_section(crisis)
        settle()

        # The section editor: Markdown typed on the left, the live preview on the right.
        window.sections.list.setFocus()
        QTest.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        editor = window.section_editing.editor
        for number, line in enumerate(BODY.split("\n")):
            if number:
                QTest.keyClick(editor.body, Qt.Key.Key_Return)
            QTest.keyClicks(editor.body, line)
        editor.sources.setFocus()
        QTest.keyClicks(editor.sources, "Allison and Zelikow, Essence of Decision (1999)")
        editor.tags.setFocus()
        QTest.keyClick(editor.tags, Qt.Key.Key_End)
        QTest.keyClicks(editor.tags, " cold-war")
        editor.body.setFocus()
        shoot(window, "section-editor")
        QTest.keyClick(editor.body, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

        # The Add Card dialog, a cloze being written (Ctrl+Shift+C makes the deletion).
        window.authoring_actions.add_card()
        dialog = window.authoring_actions.dialog
        dialog.resize(640, 460)
        dialog.type_box.setCurrentIndex(dialog.type_box.findData("cloze"))
        QTest.keyClicks(dialog.front, "Kennedy announced the quarantine of Cuba on {{c1::22 October 1962::date}}.")
        QTest.keyClicks(dialog.back, "Read in a televised address.")
        QTest.keyClicks(dialog.tags, "cuba speeches")
        shoot(dialog, "add-card-cloze")
        dialog.close()

        # The event dialog reads the date as it is typed.
        window.tabs.setCurrentWidget(window.timeline)
        events = window.event_editing.add_event(crisis)
        assert events is not None
        events.resize(560, 380)
        QTest.keyClicks(events.title_box, "Vienna summit talks end")
        QTest.keyClicks(events.when_box, "fall 1961")
        QTest.keyClicks(events.description_box, "Khrushchev and Kennedy meet; Berlin stays divided.")
        shoot(events, "event-date")
        events.close()
        window.close()
        authoring.close()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
