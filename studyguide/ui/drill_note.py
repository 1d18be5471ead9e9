"""The Flashcards view's note of the guide's timeline drills waiting, with a link to review them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from studyguide.domain.errors import StoreUnavailable
from studyguide.ui.services import ReviewServices

#: What the link asks for (Review > Review Timeline Drills…, Ctrl+Shift+T).
OPEN_DRILLS = "drills:open"


class DrillsNote(QLabel):
    """"Timeline drills: 5 new · 2 due · Review them (Ctrl+Shift+T)", hidden when none are waiting.

    Signals:
        linkActivated(str): ``OPEN_DRILLS``: the learner asked to review the drills.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleDescription("Timeline drills waiting")  # a label is read as its text
        self.setVisible(False)

    def show_for(self, library: ReviewServices, guide_id: str | None) -> None:
        """Count the guide's drills waiting now (a few rows: each answer redraws it)."""
        try:
            counts = library.review.drill_counts(guide_id, library.content(guide_id)) if guide_id else None
        except StoreUnavailable:  # the guide went away meanwhile: the window shows another
            counts = None
        due = 0 if counts is None else counts.learning + counts.review
        if counts is None or not (counts.new or due):
            self.setVisible(False)
            return
        parts = [f"{counts.new} new"] * bool(counts.new) + [f"{due} due"] * bool(due)
        dot = " \u00b7 "
        self.setText(f"Timeline drills: {dot.join(parts)}{dot}<a href='{OPEN_DRILLS}'>Review them</a>"
                     " (Ctrl+Shift+T) &nbsp;")
        self.setToolTip("\u201cWhen did it happen?\u201d and \u201cPut these in order\u201d on their own schedule")
        self.setVisible(True)
