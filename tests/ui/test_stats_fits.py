"""The Stats view fits a 900 px window at 200% text (View > Larger Text), seen in High Contrast.

At 900x600 under Xvfb the line of due counts under "Cards due, next 30 days" did not wrap (966 px at
200%), so the whole page scrolled sideways: the calendar's last months and the headings were cut off
at the right edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from tests.ui.test_appearance import _settled_minimum


def test_the_stats_page_needs_no_sideways_scrolling_at_200_percent_in_900_px(qtbot, make_library):
    from studyguide import paths
    from studyguide.ui.main_window import MainWindow

    window = MainWindow(library=make_library(bundled=paths.bundled_guide_database()))
    qtbot.add_widget(window)
    window.resize(900, 600)
    window.show()
    window.theme.set_theme("high-contrast")
    window.tabs.setCurrentWidget(window.stats)
    qtbot.wait_until(lambda: "Due now" in window.stats.due.text())
    before = window.stats.due.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.stats.due.font().pointSizeF() == pytest.approx(before * 2))
    _settled_minimum(qtbot, window)
    window.resize(900, 600)
    qtbot.wait_until(lambda: window.width() == 900)
    _settled_minimum(qtbot, window)
    scroll = window.stats.findChild(QScrollArea)
    needed = scroll.widget().minimumSizeHint().width()
    assert needed <= scroll.viewport().width(), (needed, scroll.viewport().width())
