"""The timeline's mastery tint: each section's predicted recall on exam day, and its legend."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from studyguide.domain.exam import ExamGoal
from studyguide.ui.timeline_scene import MASTERY_COLOURS, TimelineStyle


class MasteryLegend(QLabel):
    """Says what the tints mean; hidden without an exam (Review > Exam Date…)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Mastery legend")
        self.setVisible(False)
        #: A guide's exam and its sections' predicted recall on exam day (set by the window).
        self.source: Callable[[str], tuple[ExamGoal | None, dict[str, float]]] | None = None

    def update_for(self, guide_id: str | None, style: TimelineStyle, view: QWidget) -> None:
        """Read the guide's predicted recall per section into ``style`` and say what it means.

        Args:
            guide_id: The guide shown.
            style: The items' style (its ``mastery`` tints events).
            view: Repainted when the tints change.
        """
        goal, recall = self.source(guide_id) if guide_id and self.source else (None, {})
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
