"""Small dialogs of the review: edit a card, review settings, pick a backup to restore."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from studyguide.domain.review import ReviewSettings


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
    """Desired retention and the daily limit of new cards."""

    def __init__(self, *, settings: ReviewSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        form.addRow(buttons)

    def settings(self) -> ReviewSettings:
        """The settings as entered."""
        return ReviewSettings(desired_retention=round(self.retention.value(), 2),
                              new_per_day=self.new_per_day.value())


def choose_backup(parent: QWidget, labels: Sequence[str]) -> int | None:
    """Ask which backup to restore; returns its index or None."""
    if not labels:
        return None
    label, ok = QInputDialog.getItem(parent, "Restore Progress",
                                     "Restore your progress from this backup (the current state is kept "
                                     "as a backup too):", list(labels), 0, False)
    return list(labels).index(label) if ok else None
