"""Screenshot of "Re-read <section>" (issue 17): the reader opened at the passage a lapsing card
comes from, tinted, with the section marked in the list.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/reread_screenshots.py docs/screenshots [--dark]``.
It lapses cards of the bundled guide in a throw-away library (your own progress is never touched).
Writes reread.png (``reread-dark.png`` with ``--dark``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication

from studyguide import paths
from studyguide.library import Library
from studyguide.review.scheduler import Rating
from studyguide.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from authoring_screenshots import _dark  # noqa: E402 (a sibling script)

#: The section whose cards keep lapsing, and the card whose passage is shown.
SECTION, CARD_INDEX = 5, 2


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 17, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def main() -> int:
    out, dark = Path(sys.argv[1]), "--dark" in sys.argv
    app = QApplication(sys.argv[:1])
    if dark:
        _dark(app)
    clock = _Clock()
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=paths.bundled_guide_database(), clock=clock,
                          enable_fuzzing=False)
        guide_id = library.guides()[0].id
        content = library.content(guide_id)
        section = content.sections()[SECTION]
        cards = content.cards(section.id)
        session = library.start_review(guide_id, section_id=section.id)
        for rating_days in ((Rating.EASY, 20), (Rating.AGAIN, 0)):
            for card in cards[:3]:
                assert session.bring_to_front(card.id)
                session.reveal()
                session.answer(rating_days[0])
            clock.now += timedelta(days=rating_days[1])
        window = MainWindow(library=library)
        window.resize(900, 600)
        window.show()
        window.tabs.setCurrentWidget(window.sections)
        window.sections.refresh()
        flashcards = window.flashcards
        flashcards.show_card(cards[CARD_INDEX].id)
        window.flashcards.source.linkActivated.emit(f"reread:{section.id}?card={cards[CARD_INDEX].id}")
        for _ in range(400):  # the section counts (and their marker) come from the task runner
            app.processEvents()
            time.sleep(0.005)
        window.grab().save(str(out / f"reread{'-dark' if dark else ''}.png"))
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
