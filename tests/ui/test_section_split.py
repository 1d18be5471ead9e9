"""The Sections view's split between the titles and the reading text (``ui/section_split.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QSplitter

#: Characters a line the reader keeps at least, at 200% text in a 900x600 window.
MIN_LINE = 45


def _splitter(window) -> QSplitter:
    splitter = window.sections.findChild(QSplitter)
    assert splitter is not None
    return splitter


def _reader_characters(window) -> float:
    text = window.sections.text
    return text.viewport().width() / QFontMetricsF(text.font()).averageCharWidth()


def _at(qtbot, window, percent: int) -> None:
    window.resize(900, 600)
    window.text_size.set_percent(percent)
    qtbot.wait_until(lambda: window.sections.text.font().pointSizeF()
                     == pytest.approx(window.text_size.percent / 100 * _system()))


def _system() -> float:
    from studyguide.ui.widgets.relative_font import system_point_size

    return system_point_size()


def test_at_200_percent_in_900_by_600_the_reader_is_wider_than_the_list_and_a_line_is_long(qtbot, main_window):
    """Kept 46 characters wide, the list took 560 px at 200% and left the reader 330 px (about 30 characters)."""
    _at(qtbot, main_window, 200)
    splitter = _splitter(main_window)

    def fair() -> bool:
        titles, reader = splitter.sizes()[:2]
        return reader >= titles and _reader_characters(main_window) >= MIN_LINE
    qtbot.wait_until(fair)
    assert splitter.sizes()[0] <= splitter.width() // 3 + 1


def test_at_100_percent_the_list_shows_its_titles_whole(qtbot, main_window):
    """The tiny guide's titles are short: the list is as wide as they need, no more, and no title is cut."""
    _at(qtbot, main_window, 100)
    splitter, view = _splitter(main_window), main_window.sections.list
    qtbot.wait_until(lambda: splitter.sizes()[0] == main_window.sections.split.wanted(sum(splitter.sizes()[:2])))
    metrics = view.fontMetrics()
    widest = max(metrics.horizontalAdvance(view.model().index(row, 0).data())
                 for row in range(view.model().rowCount()))
    assert widest < view.viewport().width() < splitter.width() // 3 + 1


def test_a_long_title_keeps_to_the_lists_third_and_is_read_whole(qtbot, main_window):
    # Its row wraps it (``test_section_titles_wrap``); the list does not widen for it.
    from PySide6.QtCore import Qt

    _at(qtbot, main_window, 200)
    model = main_window.sections.model
    long_title = "The thirteen days of October 1962 and everything the ExComm argued about in them"
    model.set_titles([("long", long_title), *[(f"s{n}", f"Section {n}") for n in range(3)]])
    main_window.sections.split.fit()
    splitter = _splitter(main_window)
    assert splitter.sizes()[0] <= splitter.width() // 3 + 1  # the title does not take the reader's room
    index = model.index(0, 0)
    assert long_title in index.data(Qt.ItemDataRole.ToolTipRole)
    assert long_title in index.data()  # what a screen reader reads for the row: the whole title


def test_a_width_the_learner_dragged_is_kept_across_a_restart_and_scaled_to_the_text_size(
        qtbot, main_window, make_library):
    from studyguide.ui.main_window import MainWindow

    _at(qtbot, main_window, 100)
    splitter = _splitter(main_window)
    qtbot.wait_until(lambda: splitter.sizes()[0] > 0)
    with qtbot.wait_signal(splitter.splitterMoved):
        splitter.moveSplitter(200, 1)  # as a drag of the handle does
    assert splitter.sizes()[0] == 200
    char_100 = QFontMetricsF(QApplication.font()).averageCharWidth()
    main_window.resize(1000, 600)  # a wider window keeps the dragged width
    qtbot.wait_until(lambda: splitter.width() > 900)
    assert splitter.sizes()[0] == 200
    main_window.close()

    reopened = MainWindow(library=make_library())
    qtbot.add_widget(reopened)
    reopened.resize(900, 600)
    reopened.show()
    qtbot.wait_exposed(reopened)
    again = _splitter(reopened)
    qtbot.wait_until(lambda: again.sizes()[0] == 200)
    _at(qtbot, reopened, 150)
    scale = QFontMetricsF(QApplication.font()).averageCharWidth() / char_100
    qtbot.wait_until(lambda: again.sizes()[0] == pytest.approx(200 * scale, abs=2))


def test_the_list_cannot_be_dragged_out_of_sight(qtbot, main_window):
    """A width the learner drags is kept between runs: a list dragged to nothing would stay lost."""
    _at(qtbot, main_window, 100)
    splitter = _splitter(main_window)
    qtbot.wait_until(lambda: splitter.sizes()[0] > 0)
    with qtbot.wait_signal(splitter.splitterMoved):
        splitter.moveSplitter(0, 1)
    assert splitter.sizes()[0] >= main_window.sections.list.minimumSizeHint().width() > 0


@given(total=st.integers(min_value=120, max_value=4000), natural=st.integers(min_value=0, max_value=5000))
@settings(max_examples=200, deadline=None)
def test_the_reader_is_never_narrower_than_the_list_the_learner_did_not_drag(qapp, total, natural):
    from PySide6.QtWidgets import QListView

    from studyguide.ui.section_split import SectionSplit

    splitter = QSplitter()
    titles = QListView()
    splitter.addWidget(titles)
    split = SectionSplit(splitter, titles, None)
    split.natural_width = lambda: natural  # type: ignore[method-assign]
    wanted = split.wanted(total)
    assert 0 <= wanted <= total - wanted
    assert wanted == natural or wanted >= min(natural, total // 3)  # its titles' width, or all it may have
    splitter.deleteLater()
