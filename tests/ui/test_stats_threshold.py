"""The Stats view states the "mastered" threshold from the domain (domain.stats.MASTERED_DAYS), not its own 21."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from studyguide.domain.stats import MASTERED_DAYS
from studyguide.ui import stats as stats_view
from studyguide.ui.stats import StatsView


def _titles(view: StatsView) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel)]


def test_the_mastery_title_says_the_domain_threshold(qtbot, library) -> None:
    view = StatsView(library=library)
    qtbot.addWidget(view)

    assert f"remembered for {MASTERED_DAYS:g}+ days" in " ".join(_titles(view))


def test_the_mastery_title_follows_the_threshold_when_it_changes(qtbot, monkeypatch, library) -> None:
    monkeypatch.setattr(stats_view, "MASTERED_DAYS", 30.0)
    view = StatsView(library=library)
    qtbot.addWidget(view)

    titles = " ".join(_titles(view))
    assert "remembered for 30+ days" in titles and "21+" not in titles
