"""The Stats calendar's day names are drawn whole at 200% text (View > Larger Text), seen in High Contrast.

At 900x600 under Xvfb the calendar's squares (sized to fit 53 weeks across) were shorter than a line of
200% text, and each day name was clipped to its square's height: "Fri" lost the top of its letters.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from studyguide.domain.stats import DayCount
from studyguide.ui.stats import HeatmapChart


def _ink(image: QImage, width: int, text: QColor, background: QColor) -> int:
    """How many pixels of the left ``width`` columns are nearer the text colour than the background."""
    def near(colour: QColor) -> bool:
        return abs(colour.lightness() - text.lightness()) < abs(colour.lightness() - background.lightness())
    return sum(near(image.pixelColor(x, y)) for x in range(width) for y in range(image.height()))


def test_day_names_are_not_clipped_when_the_squares_are_smaller_than_a_line(qtbot):
    chart = HeatmapChart()
    qtbot.add_widget(chart)
    font = QFont(chart.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    chart.setFont(font)
    start = date(2025, 12, 1)
    chart.set_days([DayCount(day=start + timedelta(days=n), count=0) for n in range(365)])
    chart.resize(900, chart.minimumHeight())
    assert chart.width() / 53 < chart.line()  # squares shorter than a line, as seen
    left = max(chart.fontMetrics().horizontalAdvance(name) for name in ("Mon", "Wed", "Fri")) + 4
    text, background = chart.text_colour(), chart.palette().color(chart.backgroundRole())
    shown = chart.grab().toImage()
    whole = QImage(chart.size(), QImage.Format.Format_RGB32)
    whole.fill(background)
    painter = QPainter(whole)
    painter.setFont(font)
    painter.setPen(text)
    for row, name in enumerate(("Mon", "Wed", "Fri")):
        painter.drawText(QRectF(0, row * 2 * chart.line(), left, chart.line()), 0, name)
    painter.end()
    drawn, needed = _ink(shown, left, text, background), _ink(whole, left, text, background)
    assert drawn >= 0.95 * needed, (drawn, needed)
