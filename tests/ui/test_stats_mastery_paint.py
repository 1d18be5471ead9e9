"""The mastery chart draws the rows in the exposed area only, not every section of a large guide.

At 1,000 sections (``benchmarks/review.py``) drawing every row on each paint was most of opening
the Stats view; the scroll area shows about a screenful of them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea

from studyguide.domain.stats import SectionMastery
from studyguide.ui import stats as stats_view
from studyguide.ui.stats import MasteryChart

SECTIONS = 1_000


def _drawn_rows(qtbot, monkeypatch, scroll_to_end: bool) -> list[str]:
    drawn: list[str] = []
    count = stats_view.mastery_count

    def counted(row: SectionMastery) -> str:
        drawn.append(row.section_id)
        return count(row)

    monkeypatch.setattr(stats_view, "mastery_count", counted)
    chart = MasteryChart()
    chart.set_rows([SectionMastery(f"s{i}", f"Section {i}", 10, 5, i % 10) for i in range(SECTIONS)])
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(chart)
    scroll.resize(900, 400)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    if scroll_to_end:
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    drawn.clear()
    scroll.grab()
    return drawn


def test_a_paint_draws_only_the_rows_on_screen(qtbot, monkeypatch) -> None:
    drawn = _drawn_rows(qtbot, monkeypatch, scroll_to_end=False)

    assert drawn[0] == "s0"
    assert 5 < len(drawn) < 60  # a screenful of 400 px, not all 1,000 sections


def test_scrolled_to_the_end_the_last_sections_are_drawn(qtbot, monkeypatch) -> None:
    drawn = _drawn_rows(qtbot, monkeypatch, scroll_to_end=True)

    assert drawn[-1] == f"s{SECTIONS - 1}"
    assert 5 < len(drawn) < 60
