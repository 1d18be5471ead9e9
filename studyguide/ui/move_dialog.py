"""The Browser's Move to Section dialog: "Move 3 cards to section:" and the guide's sections.

It replaced a bare ``QInputDialog`` that named no card and, at 200% text, was as wide as the longest section
title (1,280 px for a long one, past a 900 px screen): the titles' box now takes the dialog's width and opens a
list of whole titles (``widgets.title_combo``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from studyguide.domain.tag_entry import plural
from studyguide.ui.widgets.title_combo import TitleCombo


class MoveDialog(QDialog):
    """Asks which section ``count`` cards move to.

    Args:
        count: How many cards are chosen.
        sections: (id, title) of the guide's sections, in order.
        parent: The window it belongs to.
    """

    def __init__(self, *, count: int, sections: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move to Section")
        self.prompt = QLabel(f"&Move {plural(count, 'card')} to section:")
        self.sections = TitleCombo()
        for section_id, title in sections:
            self.sections.addItem(title, section_id)
        self.sections.setAccessibleName(f"Section to move {plural(count, 'card')} to")
        self.prompt.setBuddy(self.sections)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText("Move")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.sections)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # As wide as the longest title wants, within the screen (the box takes the room; the list shows them whole).
        longest = max((self.sections.fontMetrics().horizontalAdvance(t) for _, t in sections), default=0)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry().width()
        self.resize(max(self.sizeHint().width(), min(longest + 96, screen - 48)), self.sizeHint().height())

    def section_id(self) -> str | None:
        """The section chosen (None when the guide has none)."""
        data = self.sections.currentData()
        return None if data is None else str(data)
