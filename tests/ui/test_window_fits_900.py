"""At 200% text (View > Larger Text) the main window never grows past a 900x600 screen, in any view and
theme, whatever it shows: its size stays 900x600 and its minimum size fits in it.

A window never shrinks back to its size once a passing minimum has grown it, so each state is reached the
way a reader reaches it, quickly (cards switched with no events in between) as well as slowly, and the
window's size is watched throughout. Seen: 900x704 in High Contrast (the status bar's due counts wrapped to
the 100 px a label has before it is laid out), 900x616 at 100%.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSize

from tests.ui.test_appearance import _settled_minimum

ANKI = Path(__file__).resolve().parent.parent / "data" / "anki" / "current.apkg"
SCREEN = QSize(900, 600)
THEMES = ["light", "dark", "high-contrast"]


class SizeWatch(QObject):
    """Keeps the largest size the window took, at any moment."""

    def __init__(self, window) -> None:
        super().__init__()
        self.largest = QSize(window.size())
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Resize:
            self.largest = self.largest.expandedTo(event.size())
        return False


@pytest.fixture
def window_900(qtbot, make_library):
    """The main window at 900x600 on the bundled guide and an imported Anki deck (the "Formatting" card:
    sub- and superscripts, colours), able to write guides, its size watched."""
    from studyguide import paths
    from studyguide.authoring import Authoring
    from studyguide.guides.importing import read_file
    from studyguide.ui.main_window import MainWindow

    library = make_library(bundled=paths.bundled_guide_database())
    deck = read_file(ANKI).guide
    library.install_guide(deck)
    library.reload_guides()
    authoring = Authoring(library=library)
    window = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(window)
    window.resize(SCREEN)
    window.show()
    qtbot.wait_exposed(window)
    window.watch = SizeWatch(window)
    window.deck = deck
    yield window
    window.close()
    authoring.close()


def at_200_percent(qtbot, window, theme: str) -> None:
    window.theme.set_theme(theme)
    question = window.flashcards.front.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.flashcards.front.font().pointSizeF() == pytest.approx(question * 2))
    _settled_minimum(qtbot, window)


def fits(qtbot, window, what: str) -> None:
    needed = _settled_minimum(qtbot, window)
    assert needed.width() <= SCREEN.width() and needed.height() <= SCREEN.height(), (what, needed)
    largest = window.watch.largest
    assert largest.width() <= SCREEN.width() and largest.height() <= SCREEN.height(), (what, largest)
    assert window.size() == SCREEN, (what, window.size())


def sections(qtbot, window) -> None:
    window.tabs.setCurrentWidget(window.sections)
    view = window.sections.list
    for row in range(view.model().rowCount()):  # one after another, no events between
        view.setCurrentIndex(view.model().index(row, 0))
    fits(qtbot, window, "sections, quickly")
    for row in range(view.model().rowCount()):
        view.setCurrentIndex(view.model().index(row, 0))
        fits(qtbot, window, f"section {row}")


def flashcards(qtbot, window) -> None:
    window.tabs.setCurrentWidget(window.flashcards)
    qtbot.wait_until(lambda: window.flashcards.session is not None)
    fits(qtbot, window, "question")
    window.flashcards.reveal()
    fits(qtbot, window, "answer")


def one_section(qtbot, window) -> None:
    # The header names the section and offers "Review the whole guide" beside the session's counts.
    window.study_section("the-missiles")
    qtbot.wait_until(lambda: window.flashcards.whole_guide.isVisible())
    fits(qtbot, window, "one section's question")
    window.flashcards.reveal()
    fits(qtbot, window, "one section's answer")


def anki_cards(qtbot, window) -> None:
    window.select_guide(window.deck.info.id)
    window.tabs.setCurrentWidget(window.flashcards)
    cards = [card.id for card in window.deck.cards]
    for card in cards:  # in quick succession, as a reader flicks through search hits
        window.open_card(card)
        window.flashcards.reveal()
    fits(qtbot, window, "Anki cards, quickly")
    for card in cards:
        window.open_card(card)
        fits(qtbot, window, card)


def timeline(qtbot, window) -> None:
    window.tabs.setCurrentWidget(window.timeline)
    qtbot.wait_until(lambda: window.timeline.style_.unit > 1.8)
    window.timeline.fit_all()
    with qtbot.wait_signal(window.timeline.event_selected):
        window.timeline.select_event("missiles-discovered", bring_into_view=False)
    assert window.timeline.details.isVisible()
    fits(qtbot, window, "timeline, details open")
    window.open_event("blockade-begins")
    fits(qtbot, window, "timeline, an event from another view")


def search(qtbot, window) -> None:
    window.focus_search()
    with qtbot.wait_signal(window.search.results_shown):
        window.search.box.setText("missile")
        window.search.search_now()
    fits(qtbot, window, "search")


def stats(qtbot, window) -> None:
    with qtbot.wait_signal(window.stats.updated, timeout=20_000):
        window.tabs.setCurrentWidget(window.stats)
    fits(qtbot, window, "stats")


VIEWS = {"sections": sections, "flashcards": flashcards, "one-section": one_section, "anki-cards": anki_cards,
         "timeline": timeline, "search": search, "stats": stats}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("view", list(VIEWS))
def test_at_200_percent_the_window_keeps_to_900_by_600(qtbot, window_900, view, theme):
    at_200_percent(qtbot, window_900, theme)
    fits(qtbot, window_900, "at 200%")
    VIEWS[view](qtbot, window_900)
