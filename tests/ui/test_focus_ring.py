"""The focus ring: 2 px, contrasting 3:1 with the window in light and dark palettes, around the keyboard focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from studyguide.ui.focus_ring import MIN_CONTRAST, FocusRing, contrast, ring_colour

LIGHT = {"Window": "#efefef", "WindowText": "#000000", "Highlight": "#308cc6"}
DARK = {"Window": "#2b2b2b", "WindowText": "#e6e6e6", "Highlight": "#2f65ca"}  # scripts/authoring_screenshots


def palette(colours: dict[str, str]) -> QPalette:
    result = QPalette()
    for role, colour in colours.items():
        result.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return result


def test_contrast_is_the_wcag_ratio():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_the_ring_stands_out_from_the_window(qapp, colours):
    ring = ring_colour(palette(colours))
    assert contrast(ring, QColor(colours["Window"])) >= MIN_CONTRAST


def test_the_dark_highlight_alone_would_be_too_faint(qapp):
    assert contrast(QColor(DARK["Highlight"]), QColor(DARK["Window"])) < MIN_CONTRAST
    assert ring_colour(palette(DARK)) != QColor(DARK["Highlight"])  # so it is lightened


def _near(one: QColor, other: QColor) -> bool:
    return abs(one.red() - other.red()) + abs(one.green() - other.green()) + abs(one.blue() - other.blue()) < 40


@pytest.fixture
def ring(qapp):
    follower = FocusRing(qapp)
    yield follower
    qapp.focusChanged.disconnect(follower.follow)  # other tests' windows keep their plain look
    follower.follow(None, None)


def test_tab_puts_a_2px_ring_around_the_focused_control(qapp, qtbot, ring):
    window = QWidget()
    start, button, box = QPushButton("Start"), QPushButton("Ringed"), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (start, button, box):
        layout.addWidget(widget)
    window.setPalette(palette(DARK))
    window.resize(300, 200)
    window.show()
    window.activateWindow()
    qapp.processEvents()
    qtbot.add_widget(window)
    start.setFocus()
    qtbot.keyClick(start, Qt.Key.Key_Tab)  # focus from the keyboard: the ring shows
    assert button.hasFocus() and ring.target is button
    image = window.grab().toImage()
    colour = ring_colour(palette(DARK))
    around = button.geometry().adjusted(-3, -3, 3, 3)
    inside = button.geometry().adjusted(2, 2, -2, -2)
    ringed = [(x, y) for x in range(around.left(), around.right() + 1) for y in range(around.top(), around.bottom() + 1)
              if _near(QColor(image.pixel(x, y)), colour)]
    assert len(ringed) >= 2 * (button.width() + button.height())  # about two pixels deep all round
    assert not [point for point in ringed if inside.contains(*point)]  # outside the control, not over it
    qtbot.keyClick(button, Qt.Key.Key_Tab)
    assert ring.target is box
    window.close()
    assert ring.target is None
