"""Push buttons, tool buttons and combo boxes show their edges on the window in every theme (WCAG 1.4.11: 3:1).

Seen at 900x600 under Xvfb in View > Theme > High Contrast: Fusion edges a button in a darker shade of the
window colour, #1e1e1e on the black window (about 1.2:1), so Add Card's Add and Close, Show answer, the
rating buttons, the timeline's zoom buttons and the Guide picker had no visible edge at all.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QPushButton, QToolButton

from tests.ui.test_indicator_edges import _best_contrast

Role = QPalette.ColorRole


@pytest.mark.parametrize("theme", ["high-contrast", "dark", "light"])
def test_buttons_and_combo_boxes_show_their_edges_on_the_window(qtbot, qapp, theme):
    from studyguide.ui.theme import apply_theme, reset_theme

    apply_theme(theme)
    try:
        window = qapp.palette().color(Role.Window)
        combo = QComboBox()
        combo.addItem("The Cuban Missile Crisis")
        tool = QToolButton()
        tool.setText("Fit all")
        for widget in (QPushButton("Show answer"), tool, combo):
            qtbot.add_widget(widget)
            widget.show()
            qtbot.wait_until(lambda w=widget: w.palette().color(Role.Window) == window)
            middle = widget.height() // 2
            for name, edge in (("left", QRect(0, middle, 3, 1)), ("right", QRect(widget.width() - 3, middle, 3, 1)),
                               ("top", QRect(widget.width() // 2, 0, 1, 3))):
                assert _best_contrast(widget, edge, window) >= 3.0, (theme, type(widget).__name__, name)
    finally:
        reset_theme()


def test_tabs_show_their_edges_on_the_window_in_high_contrast(qtbot, qapp):
    """The main window's tabs (Sections, Flashcards, ...) at 900x600 under Xvfb: edged #1e1e1e on black."""
    from PySide6.QtWidgets import QTabBar

    from studyguide.ui.theme import apply_theme, reset_theme

    apply_theme("high-contrast")
    try:
        window = qapp.palette().color(Role.Window)
        bar = QTabBar()
        for name in ("Sections", "Flashcards", "Timeline"):
            bar.addTab(name)
        qtbot.add_widget(bar)
        bar.show()
        qtbot.wait_until(lambda: bar.palette().color(Role.Window) == window)
        for index in (0, 1):  # the chosen tab and one beside it
            tab = bar.tabRect(index)
            middle = tab.center().y()
            # Either side of the boundary (the chosen tab is drawn last, a pixel over its neighbour's edge).
            left, right = QRect(max(tab.left() - 1, 0), middle, 3, 1), QRect(tab.right() - 1, middle, 3, 1)
            for name, edge in (("left", left), ("right", right), ("top", QRect(tab.center().x(), tab.top(), 1, 4))):
                assert _best_contrast(bar, edge, window) >= 3.0, (index, name)
    finally:
        reset_theme()
