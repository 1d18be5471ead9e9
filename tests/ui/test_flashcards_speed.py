"""What keeps an answer cheap in the window: one layout pass per card, no style-sheet painting.

``benchmarks/operations.py`` times these paths at 100,000 cards; these tests hold the
structure that makes them fast (and the card still drawn as before).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from studyguide.ui.card_face import CardFrame, show_and_hide


@pytest.fixture
def flashcards(qtbot, main_window):
    main_window.resize(900, 600)
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    view = main_window.flashcards
    view.setFocus()
    QApplication.processEvents()
    return view


def _laid_out(window) -> bool:
    """True if the Flashcards view's layout needs no second pass (``activate`` redoes it only if dirty)."""
    return not window.flashcards.layout().activate()


@pytest.mark.parametrize("keys", [[Qt.Key.Key_Space, Qt.Key.Key_3], [Qt.Key.Key_Space]], ids=["answer", "reveal"])
def test_a_key_that_shows_buttons_leaves_nothing_to_lay_out_again(qtbot, main_window, flashcards, keys):
    # Showing a widget lays out the view at once; hiding another one after that (the rating
    # buttons after the Show Answer button) made the event loop lay it all out a second time.
    # Hiding first and showing last leaves the layout done once. (Keys that only hide, as
    # S and Ctrl+Z on a question, are laid out once by the event loop.)
    *before, last = keys
    for key in before:
        qtbot.keyClick(flashcards, key)
        QApplication.processEvents()
    front = flashcards.front.text()
    qtbot.keyClick(flashcards, last)
    assert _laid_out(main_window)
    assert flashcards.front.text() != front or last == Qt.Key.Key_Space  # the change is on screen
    assert flashcards.ratings.isVisible() == (last == Qt.Key.Key_Space) != flashcards.reveal_button.isVisible()


def test_show_and_hide_hides_first_and_skips_what_is_already_so(qtbot):
    calls: list[tuple[str, bool]] = []

    class Spy(QWidget):
        def setVisible(self, visible: bool) -> None:  # noqa: N802
            calls.append((self.objectName(), visible))
            super().setVisible(visible)

    parent = QWidget()
    qtbot.addWidget(parent)
    shown, hidden, stays = Spy(parent), Spy(parent), Spy(parent)
    for name, widget in (("shown", shown), ("hidden", hidden), ("stays", stays)):
        widget.setObjectName(name)
    shown.hide()
    parent.show()
    calls.clear()
    show_and_hide({shown: True, hidden: False, stays: True})
    assert calls == [("hidden", False), ("shown", True)]
    assert shown.isVisible() and not hidden.isVisible() and stays.isVisible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_card_is_drawn_in_the_palette_without_a_style_sheet(qtbot, flashcards, scheme):
    # A style sheet on the card made every label on it paint and size through the style-sheet style.
    if scheme == "dark":
        palette = QPalette(flashcards.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
        palette.setColor(QPalette.ColorRole.Mid, QColor("#707070"))
        flashcards.setPalette(palette)
    card = flashcards.findChild(CardFrame)
    assert flashcards.front.style().metaObject().className() != "QStyleSheetStyle"
    assert not card.styleSheet()
    image = card.grab().toImage()
    base, mid = card.palette().color(QPalette.ColorRole.Base), card.palette().color(QPalette.ColorRole.Mid)
    assert image.pixelColor(image.width() // 2, 5) == base  # inside: the text-field colour
    edge = image.pixelColor(image.width() // 2, 0)  # the top edge, a 1 px line of the mid colour
    assert abs(edge.red() - mid.red()) <= 40 and abs(edge.green() - mid.green()) <= 40
    corner = image.pixelColor(0, 0)  # rounded: the corner is not painted
    assert corner != base
