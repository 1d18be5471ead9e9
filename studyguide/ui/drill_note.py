"""The Flashcards view's note of the guide's timeline drills waiting, with a link to review them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from studyguide.domain.errors import StoreUnavailable
from studyguide.ui.services import ReviewServices
from studyguide.ui.widgets.fitting_label import FittingLabel

#: What the link asks for (Review > Review Timeline Drills…, Ctrl+Shift+T).
OPEN_DRILLS = "drills:open"


class DrillsNote(FittingLabel):
    """"Timeline drills: 5 new · 2 due · Review them (Ctrl+Shift+T)", hidden when none are waiting; in shorter
    words where that does not fit ("Drills: 5 new · 2 due", a link to review them), the whole in its tooltip.

    Signals:
        linkActivated(str): ``OPEN_DRILLS``: the learner asked to review the drills.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleDescription("Timeline drills waiting")  # a label is read as its text
        self.setContentsMargins(12, 0, 0, 0)  # apart from the session's counts before it
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
        waiting = dot.join(parts)
        link = f"<a href='{OPEN_DRILLS}'>Review them</a>"
        self.set_forms((f"Timeline drills: {waiting}{dot}{link} (Ctrl+Shift+T)",
                        f"Timeline drills: {waiting}{dot}{link}",
                        f"Drills: <a href='{OPEN_DRILLS}'>{waiting}</a>"),
                       note="\u201cWhen did it happen?\u201d and \u201cPut these in order\u201d on their own "
                            "schedule (Review > Review Timeline Drills\u2026, Ctrl+Shift+T)")
        self.setVisible(True)
