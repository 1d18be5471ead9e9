"""The status bar's due counts are read whole at 900x600 with View > Larger Text at 200% (high contrast).

Seen under Xvfb: "Due now: 0 new · 0 learning · 8 to review · by the end of today: 12 studied cards" was
cut off at "12 studie" on every view, the label one line wider than the window.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from tests.ui.test_appearance import _settled_minimum


@pytest.mark.parametrize("theme", ["high-contrast"])
def test_the_due_counts_fit_a_900_px_window_at_200_percent_text(qtbot, make_library, theme):
    from studyguide import paths
    from studyguide.ui.main_window import MainWindow

    window = MainWindow(library=make_library(bundled=paths.bundled_guide_database()))
    qtbot.add_widget(window)
    window.resize(900, 600)
    window.show()
    window.theme.set_theme(theme)
    label = window.review_actions.due_label
    label.setText("Due now: 0 new · 0 learning · 8 to review · by the end of today: 12 studied cards ")
    before = label.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: label.font().pointSizeF() == pytest.approx(before * 2))
    _settled_minimum(qtbot, window)
    window.resize(900, 600)
    qtbot.wait_until(lambda: window.width() == 900)
    _settled_minimum(qtbot, window)
    flags = Qt.TextFlag.TextWordWrap if label.wordWrap() else Qt.TextFlag(0)
    needed = label.fontMetrics().boundingRect(QRect(0, 0, label.contentsRect().width(), 10_000), flags, label.text())
    shown = label.contentsRect()
    assert needed.width() <= shown.width() and needed.height() <= shown.height(), (needed, shown)
    assert label.geometry().right() <= window.statusBar().width()


def test_the_due_counts_stay_on_one_line_where_they_fit(qtbot, make_library):
    # Wrapping at once (a plain word-wrapping label beside the stretch) put them on three lines at 100%.
    from studyguide import paths
    from studyguide.ui.main_window import MainWindow

    window = MainWindow(library=make_library(bundled=paths.bundled_guide_database()))
    qtbot.add_widget(window)
    window.resize(900, 600)
    window.show()
    label = window.review_actions.due_label
    label.setText("Due now: 0 new · 0 learning · 8 to review · by the end of today: 12 studied cards ")
    _settled_minimum(qtbot, window)
    assert label.contentsRect().height() < 2 * label.fontMetrics().lineSpacing(), label.contentsRect()
