"""Dialogs before an import is saved: plain notes' proposals to accept or drop, an Anki deck's history option."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.guide import Guide
from studyguide.domain.stats import plural
from studyguide.ui.widgets.safe_text import plain_tooltip


def import_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and Import buttons for an import dialog, wired to its reject and accept."""
    # In the dialog from the start: a default set on Import before then was not the dialog's, and Qt made
    # Cancel its default, so Enter cancelled an Anki import (tests/ui/test_import_dialog_enter.py).
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, import_button


class ImportReviewDialog(QDialog):
    """Lists proposed timeline events and cloze cards with checkboxes, all ticked.

    Nothing is saved by the dialog itself: ``chosen_guide()`` returns the guide with
    the ticked proposals, for the caller to save. Texts are shown as plain text.

    Args:
        proposal: A ``NotesProposal`` (sections, events, cards).
        parent: The parent window.
    """

    def __init__(self, *, proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proposal = proposal
        self._labels: dict[QListWidget, tuple[QLabel, str]] = {}
        info = proposal.guide.info
        self.setWindowTitle(f"Import notes: {info.title}")
        self.resize(820, 620)
        titles = [s.title for s in proposal.guide.sections]
        named = ", ".join(titles[:4]) + (f" and {len(titles) - 4} more" if len(titles) > 4 else "")
        intro = QLabel(f"\u201c{info.title}\u201d: {len(titles)} section{'s' if len(titles) != 1 else ''} "
                       f"from your notes ({named}). StudyGuide found these dates and facts; untick what "
                       "you do not want, then Import.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.events = self._list([f"{e.when.label()} \u2014 {e.title}" for e in proposal.events],
                                 [e.description for e in proposal.events])
        self.events.setAccessibleName("Proposed events")
        self.cards = self._list([c.front for c in proposal.cards],
                                [c.back for c in proposal.cards])
        self.cards.setAccessibleName("Proposed cards")
        buttons, self.import_button = import_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for title, widget in (("&Timeline events", self.events), ("&Cards", self.cards)):
            row = QHBoxLayout()
            label = QLabel()
            label.setBuddy(widget)
            # Unticked rows are greyed and counted: in a dark scheme an empty checkbox barely shows.
            self._labels[widget] = (label, title)
            widget.itemChanged.connect(lambda item, w=widget: self._on_changed(item, w))
            self._count(widget)
            row.addWidget(label, 1)
            for text, state in (("All", Qt.CheckState.Checked), ("None", Qt.CheckState.Unchecked)):
                button = QPushButton(text)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, w=widget, s=state: self._set_all(w, s))
                row.addWidget(button)
            layout.addLayout(row)
            layout.addWidget(widget, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _list(texts: list[str], tips: list[str]) -> QListWidget:
        widget = QListWidget()
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for text, tip in zip(texts, tips, strict=True):
            item = QListWidgetItem(text)
            item.setToolTip(plain_tooltip(tip))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            widget.addItem(item)
        return widget

    def _on_changed(self, item: QListWidgetItem, widget: QListWidget) -> None:
        self._grey(item, widget)
        self._count(widget)

    @staticmethod
    def _grey(item: QListWidgetItem, widget: QListWidget) -> None:
        ticked = item.checkState() == Qt.CheckState.Checked
        role = QPalette.ColorRole.Text if ticked else QPalette.ColorRole.PlaceholderText
        item.setForeground(widget.palette().brush(QPalette.ColorGroup.Active, role))

    def _count(self, widget: QListWidget) -> None:
        label, title = self._labels[widget]
        label.setText(f"{title} ({len(self._ticked(widget))} of {widget.count()} ticked)")

    def _set_all(self, widget: QListWidget, state: Qt.CheckState) -> None:
        widget.blockSignals(True)  # one count at the end, not one per row
        try:
            for row in range(widget.count()):
                widget.item(row).setCheckState(state)
                self._grey(widget.item(row), widget)
        finally:
            widget.blockSignals(False)
        widget.viewport().update()
        self._count(widget)

    @staticmethod
    def _ticked(widget: QListWidget) -> list[int]:
        return [row for row in range(widget.count())
                if widget.item(row).checkState() == Qt.CheckState.Checked]

    def chosen_guide(self) -> Guide:
        """The guide with only the ticked events and cards."""
        events = {self._proposal.events[row].id for row in self._ticked(self.events)}
        cards = {self._proposal.cards[row].id for row in self._ticked(self.cards)}
        return self._proposal.accept(event_ids=events, card_ids=cards)


class AnkiImportDialog(QDialog):
    """Before an Anki package with review history is saved: what it holds, its warnings, and
    whether to bring in its review history ("Import review history", ticked).

    Args:
        result: The ``ImportResult`` read from the package (its history is not None).
        parent: The parent window.
    """

    def __init__(self, *, result, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guide, history = result.guide, result.history
        self.setWindowTitle(f"Import Anki deck: {guide.info.title}")
        self.resize(640, 360 if result.warnings else 0)  # no warnings to list: as tall as its lines
        intro = QLabel(f"\u201c{guide.info.title}\u201d: {plural(len(guide.cards), 'card')} in "
                       f"{plural(len(guide.sections), 'section')}, "
                       f"{plural(len(guide.media), 'image or sound', 'images and sounds')}.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        suspended = len(history.suspended)
        self.history = QCheckBox(f"Import review &history and schedules ({plural(len(history.reviews), 'answer')}"
                                 + (f"; {suspended:,} suspended card{'s' if suspended != 1 else ''} stay"
                                    f"{'s' if suspended == 1 else ''} suspended)" if suspended else ")"))
        self.history.setChecked(True)
        self.history.setToolTip("Untick to start every card as new.")
        notes = QListWidget()
        notes.setAccessibleName("Import notes")
        notes.setWordWrap(True)
        for warning in result.warnings:
            notes.addItem(QListWidgetItem(warning))
        buttons, self.import_button = import_buttons(self)
        self.import_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.history)
        if result.warnings:
            layout.addWidget(QLabel("What was left out or changed:"))
            layout.addWidget(notes, 1)
        layout.addWidget(buttons)
