"""Radio buttons, check boxes and text fields show their edges in every theme (WCAG 1.4.11: 3:1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTextEdit,
)

from studyguide.ui.focus_ring import contrast

Role = QPalette.ColorRole


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_edge_colour_stands_out_from_window_and_base(qapp, theme):
    from studyguide.ui.fusion_edges import edge_colour
    from studyguide.ui.theme import palette_for

    palette = palette_for(theme)
    for background in (Role.Window, Role.Base):
        assert contrast(edge_colour(palette), palette.color(background)) >= 3.0, (theme, background)


def _best_contrast(widget, rect, background) -> float:
    image = widget.grab().toImage()
    return max(contrast(image.pixelColor(x, y), background)
               for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1))


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_unchecked_indicators_and_fields_are_visible_on_the_window(qtbot, qapp, theme):
    from studyguide.ui.theme import apply_theme, reset_theme

    apply_theme(theme)
    try:
        window = qapp.palette().color(Role.Window)
        for kind, element in ((QRadioButton, QStyle.SubElement.SE_RadioButtonIndicator),
                              (QCheckBox, QStyle.SubElement.SE_CheckBoxIndicator)):
            button = kind("Desktop")
            qtbot.add_widget(button)
            button.show()
            option = QStyleOptionButton()
            option.initFrom(button)
            indicator = button.style().subElementRect(element, option, button)
            assert _best_contrast(button, indicator, window) >= 3.0, (theme, kind.__name__)
        field = QLineEdit("x")
        qtbot.add_widget(field)
        field.show()
        edge = QRect(0, field.height() // 2, 3, 1)  # its left edge, half way down
        assert _best_contrast(field, edge, window) >= 3.0, (theme, "field")
    finally:
        reset_theme()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_multi_line_text_fields_show_their_edges_on_the_window(qtbot, qapp, theme):
    """Add Card's Front and Back (QTextEdit), at 900x600 under Xvfb in the dark theme: their edge was #212121
    between the #2b2b2b window and the #1e1e1e field, about 1.1:1 (1.8:1 in the light theme), where the Tags
    line beside them was edged."""
    from studyguide.ui.theme import apply_theme, reset_theme

    apply_theme(theme)
    try:
        window = qapp.palette().color(Role.Window)
        for kind in (QTextEdit, QPlainTextEdit):
            field = kind()
            qtbot.add_widget(field)
            field.resize(200, 80)
            field.show()
            edge = QRect(0, field.height() // 2, 3, 1)  # its left edge, half way down
            assert _best_contrast(field, edge, window) >= 3.0, (theme, kind.__name__)
    finally:
        reset_theme()
