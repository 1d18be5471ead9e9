"""Screenshots of an exam date (issue 17): the Sections view with the plan's line and each section's
predicted recall, the Exam Date dialog, and the timeline's mastery tint with its legend.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/exam_screenshots.py docs/screenshots [--dark]``.
It studies part of the bundled guide in a throw-away library (your own progress is never touched).
Writes exam.png, exam-dialog.png and timeline-mastery.png (``-dark`` added with ``--dark``).
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from studyguide.domain.exam import ExamGoal
from studyguide.review.scheduler import Rating
from studyguide.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from authoring_screenshots import FixedClock, bundled_library, screenshot_app  # noqa: E402 (a sibling script)

#: How the first sections' cards were answered three days before the screenshot (the rest are new).
ANSWERS = (Rating.EASY, Rating.EASY, Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.EASY, Rating.GOOD, Rating.HARD)


def main() -> int:
    out = Path(sys.argv[1])
    app, dark = screenshot_app()
    suffix = "-dark" if dark else ""

    def settle(until=lambda: True) -> None:
        for _ in range(5000):  # the plan is computed on the task runner: wait for it
            app.processEvents()
            if until():
                break
            time.sleep(0.002)
        for _ in range(50):
            app.processEvents()

    clock = FixedClock(datetime(2026, 11, 2, 17, 0, tzinfo=timezone.utc))
    with bundled_library(clock) as library:
        guide_id = library.guides()[0].id
        content = library.content(guide_id)
        sections = [section.id for section in content.sections()]
        session = library.start_review(guide_id)
        for card in content.cards():
            index = sections.index(card.section_id)
            if index < len(ANSWERS):
                assert session.bring_to_front(card.id)
                session.reveal()
                session.answer(ANSWERS[index])
                if session.current and session.current.card.id == card.id:  # a learning step
                    session.reveal()
                    session.answer(Rating.GOOD)
        clock.now += timedelta(days=3)
        library.review.set_exam_goal(guide_id, ExamGoal(date(2026, 11, 20), 0.9, 20))
        window = MainWindow(library=library)
        window.resize(900, 600)
        window.show()
        window.tabs.setCurrentWidget(window.sections)
        window.sections.refresh()
        settle(lambda: window.sections.exam_line.isVisible())
        window.grab().save(str(out / f"exam{suffix}.png"))
        window.tabs.setCurrentWidget(window.timeline)
        settle(lambda: window.timeline.mastery.isVisible())
        window.grab().save(str(out / f"timeline-mastery{suffix}.png"))
        dialog = window.exam.ask()
        settle(lambda: dialog is None or "Exam in" in dialog.plan.text())
        if dialog is not None:
            dialog.grab().save(str(out / f"exam-dialog{suffix}.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
