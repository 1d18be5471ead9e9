"""The Sections view's list shows every title whole, wrapped onto more lines where its row is too narrow, at 900x600
with View > Larger Text at 200% (light and dark), and the reader keeps its room beside it.

Seen: at 200% the list, a third of the window, shortened the bundled guide's titles to "4. The decisi…",
"6. The thirte…": their words only in the tooltips.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QSplitter

from studyguide.ui.section_counts import COUNTS_ROLE
from tests.conftest import crisis_window
from tests.ui.test_appearance import _settled_minimum


def _lines(text: str, font, width: float) -> int:
    """How many lines ``text`` takes wrapped to ``width`` px (at word boundaries)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    count = 0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return count


def _sections_at(qtbot, window, percent: int):
    view = window.sections
    before = window.font().pointSizeF()
    window.text_size.set_percent(percent)
    qtbot.wait_until(lambda: window.font().pointSizeF() == pytest.approx(before * percent / 100))
    qtbot.wait_until(lambda: view.model.rowCount() == 12 and bool(view.model.index(0, 0).data(COUNTS_ROLE)))
    _settled_minimum(qtbot, window)
    window.resize(900, 600)
    qtbot.wait_until(lambda: window.size().toTuple() == (900, 600))
    return view


def _every_title_whole(view) -> list[str]:
    """Rows too low for their title wrapped to the list's whole width (the least room a whole title needs)."""
    listing, model = view.list, view.model
    font, short = listing.font(), []
    room = listing.viewport().width() - 8  # a text margin each side
    for row in range(model.rowCount()):
        title = model.index(row, 0).data()
        needed = _lines(title, font, room) * QFontMetricsF(font).lineSpacing()
        height = listing.visualRect(model.index(row, 0)).height()
        if height < math.floor(needed):
            short.append(f"{title!r}: {height} px high, needs {needed:.0f}")
    return short


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_at_200_percent_every_title_is_whole_and_the_reader_keeps_its_room(qtbot, make_library, theme) -> None:
    window = crisis_window(qtbot, make_library, 900, 600)
    window.theme.set_theme(theme)
    view = _sections_at(qtbot, window, 200)
    listing = view.list

    qtbot.wait_until(lambda: not _every_title_whole(view))
    tall = [listing.visualRect(view.model.index(row, 0)).height() for row in range(12)]
    assert max(tall) >= 2 * QFontMetricsF(listing.font()).lineSpacing()  # long titles take more lines
    assert listing.horizontalScrollBar().maximum() == 0  # no row wider than the list
    splitter = view.findChild(QSplitter)
    assert splitter.sizes()[0] <= splitter.width() // 3 + 1  # the list keeps to its third
    reader = view.text
    assert reader.mapTo(window, reader.rect().topRight()).x() <= 900
    assert reader.viewport().width() / QFontMetricsF(reader.font()).averageCharWidth() >= 45
    assert window.minimumSizeHint().width() <= 900 and window.width() == 900
    index = view.model.index(3, 0)
    assert index.data() == "4. The decision to send missiles"  # what a screen reader reads: the whole title
    listing.setCurrentIndex(index)
    assert listing.visualRect(index).intersects(listing.viewport().rect())  # scrolled into sight


def test_rows_wrap_again_when_the_list_is_dragged_wider_and_when_the_text_shrinks(qtbot, make_library) -> None:
    window = crisis_window(qtbot, make_library, 900, 600)
    view = _sections_at(qtbot, window, 200)
    listing, model = view.list, view.model

    def height(row: int) -> int:
        return listing.visualRect(model.index(row, 0)).height()

    qtbot.wait_until(lambda: height(3) >= 2 * listing.fontMetrics().lineSpacing())
    splitter = view.findChild(QSplitter)
    with qtbot.wait_signal(splitter.splitterMoved):
        splitter.moveSplitter(600, 1)  # as a drag of the handle does
    qtbot.wait_until(lambda: height(3) < 2 * listing.fontMetrics().lineSpacing())  # one line now
    assert not _every_title_whole(view)

    window.text_size.set_percent(100)
    qtbot.wait_until(lambda: height(0) < 1.5 * listing.fontMetrics().lineSpacing() + 8)
    assert not _every_title_whole(view)
