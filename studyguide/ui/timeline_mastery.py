"""The timeline's mastery tint: each section's predicted recall on exam day, and its legend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from studyguide.domain.exam import ExamReport
from studyguide.ui.timeline_scene import MASTERY_COLOURS, TimelineStyle

if TYPE_CHECKING:
    from studyguide.ui.exam_status import ExamStatus


class MasteryLegend(QLabel):
    """Says what the tints mean; hidden without an exam (Review > Exam Date…)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Mastery legend")
        self.setVisible(False)
        self._status: ExamStatus | None = None
        self._shown: tuple[str | None, TimelineStyle, QWidget] | None = None

    def follow(self, status: ExamStatus) -> None:
        """Take each guide's exam report from ``status`` (the window's, computed on the task runner)."""
        self._status = status
        status.reported.connect(self._reported)

    def update_for(self, guide_id: str | None, style: TimelineStyle, view: QWidget) -> None:
        """Show the guide's latest known predicted recall per section in ``style`` and ask for a fresh one.

        Args:
            guide_id: The guide shown.
            style: The items' style (its ``mastery`` tints events).
            view: Repainted when the tints change.
        """
        self._shown = (guide_id, style, view)
        if guide_id and self._status is not None:
            self._apply(self._status.reports.get(guide_id))
            self._status.request(guide_id)
        else:
            self._apply(None)

    def _reported(self, guide_id: str, report: ExamReport | None) -> None:
        if self._shown is not None and self._shown[0] == guide_id:
            self._apply(report)

    def _apply(self, report: ExamReport | None) -> None:
        assert self._shown is not None
        _guide_id, style, view = self._shown
        goal, recall = (report.goal, report.recall) if report else (None, {})
        changed = recall != style.mastery
        style.mastery = recall
        style.mastery_target = goal.target if goal else 0.9
        self.setVisible(bool(recall))
        if recall and goal is not None:
            target = round(goal.target * 100)
            swatch = "<span style='color:{}'>\u25a0</span> {}"
            keys = (f"\u2265{target}%", f"{target - 20}\u2013{target - 1}%", f"&lt;{target - 20}%")
            self.setText(f"Predicted recall on exam day ({goal.day.strftime('%d %b %Y')}): &nbsp; " + " &nbsp; ".join(
                swatch.format(colour, key) for colour, key in zip(MASTERY_COLOURS, keys, strict=True)))
        if changed:
            view.update()
