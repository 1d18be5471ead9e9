"""Screenshots of every view and the main dialogs at a large text size and in a theme, to look at (issue 20).

Run under a display or offscreen::

    xvfb-run -a .venv/bin/python scripts/accessibility_screenshots.py --text 200 --theme high-contrast

``--text`` is View > Larger Text in percent (default 200), ``--theme`` one of system, light, dark,
high-contrast (default high-contrast); ``--out DIR`` (default /tmp/studyguide-a11y) gets one PNG per view
and dialog, named ``<view>-<text>-<theme>.png``; ``--docs`` also copies a few to docs/screenshots/.
The window is 1280x800 (the size the design names). It uses a throw-away library with some study
history, so your own progress is never touched.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import _simulate_history  # noqa: E402  (the README's screenshots' study history)

from studyguide import paths  # noqa: E402
from studyguide.authoring import Authoring  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.ui.main_window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
#: The ones kept in docs/screenshots/ with ``--docs``.
FOR_DOCS = ("flashcards-answer", "timeline", "timeline-list", "stats")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=200)
    parser.add_argument("--theme", default="high-contrast", choices=["system", "light", "dark", "high-contrast"])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "studyguide-a11y")
    parser.add_argument("--docs", action="store_true")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("StudyGuide")
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = f"{args.text}-{args.theme}"

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    def shoot(widget: QWidget, name: str) -> None:
        settle()
        path = args.out / f"{name}-{suffix}.png"
        widget.grab().save(str(path))
        print(path)
        if args.docs and name in FOR_DOCS:
            shutil.copyfile(path, DOCS / f"a11y-{name}-{suffix}.png")

    def dialog(name: str, open_it: Callable[[], QWidget | None]) -> None:
        shown = open_it()
        if shown is None:
            return
        shown.show()
        shoot(shown, name)
        shown.close()

    with tempfile.TemporaryDirectory() as home:
        now = [datetime.now(timezone.utc) - timedelta(days=75)]
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(), clock=lambda: now[0])
        _simulate_history(library, now)
        now[0] += timedelta(days=3)  # some cards due, so the reviewer shows a question
        window = MainWindow(library=library)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        window.theme.set_theme(args.theme)
        window.text_size.set_percent(args.text)
        settle()

        window.open_section("the-missiles")
        shoot(window, "sections")
        window.tabs.setCurrentWidget(window.flashcards)
        shoot(window, "flashcards-question")
        window.flashcards.reveal()
        shoot(window, "flashcards-answer")
        window.tabs.setCurrentWidget(window.timeline)
        settle()
        timeline = window.timeline
        timeline.fit_all()
        timeline.select_event("missiles-discovered", bring_into_view=False)
        shoot(window, "timeline")
        QTest.keyClick(timeline.canvas, Qt.Key.Key_L)
        shoot(window, "timeline-list")
        QTest.keyClick(timeline.twin.list, Qt.Key.Key_L)
        window.focus_search()
        window.search.box.setText("khrushchev letter")
        window.search.search_now()
        shoot(window, "search")
        window.tabs.setCurrentWidget(window.stats)
        while window.stats.summary.text() == "Calculating\u2026":  # computed on the task runner
            app.processEvents()
        shoot(window, "stats")

        window.browse()
        window.browser.resize(1280, 800)
        shoot(window.browser, "browser")
        window.browser.close()
        dialog("review-settings", window.review_actions.settings_dialog)
        dialog("custom-study", window.custom_study.ask)
        dialog("exam-date", window.exam.ask)
        dialog("suspended-cards", window.review_actions.show_suspended)
        dialog("timeline-drills", window.review_actions.open_drills)
        window.close()

        # Writing a guide: the section editor, Add Card and the event dialog (a guide of one's own).
        authoring = Authoring(library=library)
        guide = authoring.new_guide("The Cold War", "History").ids[0]
        section = authoring.add_section(guide, "The Missile Crisis", "In **October 1962**...", ["cuba"]).ids[0]
        writer = MainWindow(library=library, authoring=authoring)
        writer.resize(1280, 800)
        writer.show()
        writer.select_guide(guide)
        writer.open_section(section)
        settle()
        writer.sections.list.setFocus()
        QTest.keyClick(writer.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        shoot(writer, "section-editor")
        QTest.keyClick(writer.section_editing.editor.body, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        writer.authoring_actions.add_card()
        dialog("add-card", lambda: writer.authoring_actions.dialog)
        writer.tabs.setCurrentWidget(writer.timeline)
        dialog("event-dialog", lambda: writer.event_editing.add_event(section))
        writer.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
