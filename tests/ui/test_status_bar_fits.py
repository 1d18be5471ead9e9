"""The status bar's due counts are read whole at 900x600 with View > Larger Text at 200% (high contrast).

Seen under Xvfb: "Due now: 0 new · 0 learning · 8 to review · by the end of today: 12 studied cards" was
cut off at "12 studie" on every view, the label one line wider than the window; then it wrapped onto two lines.
Now it says it in shorter words where it does not fit (``test_one_line_at_200_percent``).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

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
    qtbot.wait_until(lambda: bool(label.text()))
    before = label.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: label.font().pointSizeF() == pytest.approx(before * 2))
    _settled_minimum(qtbot, window)
    window.resize(900, 600)
    qtbot.wait_until(lambda: window.width() == 900)
    _settled_minimum(qtbot, window)
    needed = label.fontMetrics().boundingRect(QRect(0, 0, label.contentsRect().width(), 10_000), 0, label.text())
    shown = label.contentsRect()
    assert needed.width() <= shown.width() and needed.height() <= shown.height(), (needed, shown)
    assert label.accessibleName() == "Due now: 20 new · 0 learning · 0 to review · by the end of today: 0 studied cards"
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
    qtbot.wait_until(lambda: bool(label.text()))
    _settled_minimum(qtbot, window)
    assert label.contentsRect().height() < 2 * label.fontMetrics().lineSpacing(), label.contentsRect()
    assert label.text() == "Due now: 20 new · 0 learning · 0 to review · by the end of today: 0 studied cards"


def test_a_wrapping_label_not_yet_laid_out_asks_for_the_height_of_its_line(qtbot):
    # At Qt's 100 px before its first layout it asked for six lines: the main window took that as its minimum
    # height for a moment, grew to 900x616 (900x704 at 200% in high contrast) and never shrank back.
    from PySide6.QtWidgets import QWidget

    from studyguide.ui.widgets.wrapping_label import WrappingLabel

    parent = QWidget()
    qtbot.add_widget(parent)
    parent.resize(900, 100)
    label = WrappingLabel()
    label.setParent(parent)
    label.resize(100, 30)  # a child's size before its first layout
    label.setText("Due now: 0 new · 0 learning · 8 to review · by the end of today: 12 studied cards ")
    assert label.width() < label.sizeHint().width() < 900
    assert label.minimumSizeHint().height() < 2 * label.fontMetrics().lineSpacing()


def test_a_wrapping_labels_rich_text_is_measured_as_drawn(qtbot):
    from PySide6.QtCore import Qt

    from studyguide.ui.widgets.wrapping_label import WrappingLabel

    label = WrappingLabel()
    qtbot.add_widget(label)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText("In this session: &nbsp; <span style='color:#2a7de1; white-space:nowrap'>New 3</span>")
    drawn = label.fontMetrics().horizontalAdvance("In this session:   New 3")
    assert drawn - 8 <= label.sizeHint().width() <= drawn + 8
