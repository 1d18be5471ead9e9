"""Small dialogs of the review: edit a card, review settings, pick a backup, suspended cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.guide import Card
from studyguide.domain.review import ReviewSettings
from studyguide.ui.optimize_panel import OptimizePanel
from studyguide.ui.widgets.safe_text import plain_tooltip


class CardEditDialog(QDialog):
    """Edit a card's question and answer; its review history is kept."""

    def __init__(self, *, front: str, back: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Card")
        self.front = QPlainTextEdit(front)
        self.back = QPlainTextEdit(back)
        for editor in (self.front, self.back):
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(80)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Question", self.front)
        form.addRow("Answer", self.back)
        form.addRow(QLabel("Your wording is kept in your library; the guide itself is unchanged."))
        form.addRow(buttons)
        self.resize(560, 320)

    def values(self) -> tuple[str, str]:
        """The edited question and answer."""
        return self.front.toPlainText(), self.back.toPlainText()


class ReviewSettingsDialog(QDialog):
    """Desired retention, the daily limit of new cards and the learner's own memory model.

    Args:
        settings: The settings in use.
        guides: (id, title) of the guides whose reviews Optimize may fit; none hides the box.
        in_use: Says which parameters a guide (None: all guides) is scheduled with.
    """

    def __init__(self, *, settings: ReviewSettings, guides: Sequence[tuple[str, str]] = (),
                 in_use: Callable[[str | None], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = settings
        self.setWindowTitle("Review Settings")
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.70, 0.99)
        self.retention.setSingleStep(0.01)
        self.retention.setValue(settings.desired_retention)
        self.retention.setToolTip("The chance of remembering a card when it comes due. Higher means more reviews.")
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 9999)
        self.new_per_day.setValue(settings.new_per_day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Desired retention", self.retention)
        form.addRow("New cards per day", self.new_per_day)
        self.optimizer: OptimizePanel | None = None
        if guides:
            self.optimizer = OptimizePanel(guides=list(guides), own_parameters=bool(settings.parameters),
                                           in_use=in_use)
            self.optimizer.retention_suggested.connect(self.retention.setValue)
            self.optimizer.result_shown.connect(lambda _result: self.adjustSize())  # the report grew: show it whole
            form.addRow(self.optimizer)
        form.addRow(buttons)

    def parameters_saved(self, parameters: tuple[float, ...] | None) -> None:
        """The learner's fitted parameters were saved, for all guides (OK keeps them; Cancel does not
        undo them) or (None) for one guide."""
        if parameters is not None:
            self._saved = replace(self._saved, parameters=parameters)
        if self.optimizer is not None:
            self.optimizer.parameters_used()

    def settings(self) -> ReviewSettings:
        """The settings as entered."""
        # The learner's fitted parameters are kept: this form does not show them.
        return replace(self._saved, desired_retention=round(self.retention.value(), 2),
                       new_per_day=self.new_per_day.value())


def choose_backup(parent: QWidget, labels: Sequence[str]) -> int | None:
    """Ask which backup to restore; returns its index or None."""
    if not labels:
        return None
    label, ok = QInputDialog.getItem(parent, "Restore Progress",
                                     "Restore your progress from this backup (the current state is kept "
                                     "as a backup too):", list(labels), 0, False)
    return list(labels).index(label) if ok else None


class SuspendedCardsDialog(QDialog):
    """Lists the suspended cards of every guide; Unsuspend brings the selected ones back.

    Args:
        load: Returns the suspended cards as (guide title, guide id, card), latest first.
        unsuspend: Brings cards back into review, given their (guide id, card id).

    Signals:
        unsuspended(): Cards were unsuspended.
    """

    unsuspended = Signal()
    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, *, load: Callable[[], list[tuple[str, str, Card]]],
                 unsuspend: Callable[[list[tuple[str, str]]], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suspended Cards")
        self._load = load
        self._unsuspend = unsuspend
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Suspended cards")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.unsuspend_button = QPushButton("&Unsuspend")
        self.unsuspend_button.setToolTip("Bring the selected cards back into review")
        self.unsuspend_button.clicked.connect(self.unsuspend_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.unsuspend_button.setEnabled(bool(self.list.selectedItems())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.unsuspend_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.reload()

    def reload(self) -> None:
        """List the suspended cards again."""
        self.list.clear()
        found = self._load()
        for guide_title, guide_id, card in found:
            item = QListWidgetItem(f"{card.front}\n    {guide_title}")
            item.setToolTip(plain_tooltip(f"{card.front}\n\n{card.back}"))
            item.setData(self.KeyRole, (guide_id, card.id))
            self.list.addItem(item)
        self.note.setText("Suspended cards are left out of every review until you unsuspend them."
                          if found else "No cards are suspended. Press S while reviewing to suspend one.")
        if found:
            self.list.setCurrentRow(0)
        self.unsuspend_button.setEnabled(bool(self.list.selectedItems()))

    def unsuspend_selected(self) -> None:
        """Unsuspend every selected card (one operation) and list the rest."""
        keys = [item.data(self.KeyRole) for item in self.list.selectedItems()]
        if keys:
            self._unsuspend(keys)
        self.reload()
        if keys:
            self.unsuspended.emit()
