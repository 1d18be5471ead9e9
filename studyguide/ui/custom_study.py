"""Review > Custom Study…: the dialog (Anki's choices, plainly) and starting what it asks for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.custom_study import CustomKind, CustomStudy

if TYPE_CHECKING:
    from studyguide.ui.flashcards import FlashcardsView
    from studyguide.ui.services import ReviewServices

#: Most cards of a tag or a search a custom session draws.
FOUND_LIMIT = 100_000


def _spin(value: int, maximum: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, maximum)
    spin.setValue(value)
    spin.setSuffix(suffix)
    if suffix.endswith("s"):  # "1 day", "2 days"
        spin.valueChanged.connect(lambda n: spin.setSuffix(suffix if n != 1 else suffix[:-1]))
        spin.setSuffix(suffix if value != 1 else suffix[:-1])
    return spin


class CustomStudyDialog(QDialog):
    """Asks what to study now: review ahead, more new cards today, a section, a tag or a search
    (practice only, or counting as reviews), today's forgotten cards, the least likely recalled.

    Args:
        sections: (id, title) of the guide's sections.
        exam_in: The guide's exam day and the days until it (None: no exam ahead): "Everything due before
            your exam" reviews ahead by that many days.
        parent: The window.
    """

    def __init__(self, *, sections: list[tuple[str, str]], exam_in: tuple[date, int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exam_days = exam_in[1] if exam_in else 0
        self.setWindowTitle("Custom Study")
        self.kinds = QButtonGroup(self)
        # A field goes under its choice when both do not fit side by side (at 200% text the dialog was 966 px wide).
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.ahead_days = _spin(1, 365, " days")
        self.more_new = _spin(10, 9999, " cards")
        self.lowest = _spin(20, 9999, " cards")
        self.section = QComboBox()
        for section_id, title in sections:
            self.section.addItem(title, section_id)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText("tag name")
        self.query = QLineEdit()
        self.query.setPlaceholderText("search, as in the Search view")
        rows: list[tuple[str, CustomKind | str, QWidget | None]] = [
            ("Review &ahead by", CustomKind.AHEAD, self.ahead_days),
            ("Raise today's &new-card limit by", CustomKind.MORE_NEW, self.more_new),
            ("Study a &section", "section", self.section),
            ("Study a &tag", "tag", self.tag),
            ("Study a sea&rch", "search", self.query),
            ("The cards &forgotten today", CustomKind.FORGOTTEN, None),
            ("The cards you are &least likely to recall:", CustomKind.LOWEST, self.lowest),
        ]
        if exam_in:  # the day's count worked out, not asked for
            rows.insert(1, (f"Everything due before your &exam ({exam_in[0]:%a %d %b})", "exam", None))
        self.buttons: dict[CustomKind | str, QRadioButton] = {}
        for row, (label, kind, field) in enumerate(rows):
            button = self.buttons[kind] = QRadioButton(label)
            self.kinds.addButton(button, row)
            if field is None:
                form.addRow(button)
            else:
                form.addRow(button, field)
                field.setAccessibleName(label.replace("&", "").rstrip(":"))  # read with its choice's words
                field.setEnabled(False)
                button.toggled.connect(field.setEnabled)
            button.toggled.connect(self._follow)
        if exam_in:  # the plan picks today's new cards: a raised limit brought none (closed, and nothing came)
            self.buttons[CustomKind.MORE_NEW].setEnabled(False)
            self.buttons[CustomKind.MORE_NEW].setToolTip("Your exam plan sets today's new cards. To learn more now, "
                                                         "study a section or a search.")
        self.tag.textChanged.connect(self._follow)
        self.query.textChanged.connect(self._follow)
        self.practice = QRadioButton("&Practice only: the schedule is untouched")
        self.practice.setChecked(True)
        self.counts = QRadioButton("&Counts as reviews")
        modes = QButtonGroup(self)
        modes.addButton(self.practice)
        modes.addButton(self.counts)
        # In the dialog before OK is made its default: a default set earlier was not the dialog's, and once Tab
        # had passed Cancel, Qt kept Cancel as the default, so Enter closed the dialog (test_dialog_default_after_tab).
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)  # Enter, also after disabled
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.practice)
        layout.addWidget(self.counts)
        layout.addWidget(self.box)
        self.buttons[CustomKind.AHEAD].setChecked(True)

    def _follow(self) -> None:
        """Practice or reviews is asked for a section, a tag or a search; OK needs what they name."""
        scoped = any(self.buttons[k].isChecked() for k in ("section", "tag", "search"))
        self.practice.setEnabled(scoped)
        self.counts.setEnabled(scoped)
        self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.study() is not None)

    def study(self) -> CustomStudy | None:
        """The choice made (None until a tag, a search or a section is given where one is asked)."""
        practice = self.practice.isChecked()
        if self.buttons[CustomKind.AHEAD].isChecked():
            return CustomStudy(CustomKind.AHEAD, self.ahead_days.value())
        if "exam" in self.buttons and self.buttons["exam"].isChecked():
            return CustomStudy(CustomKind.AHEAD, self._exam_days)
        if self.buttons[CustomKind.MORE_NEW].isChecked():
            return CustomStudy(CustomKind.MORE_NEW, self.more_new.value())
        if self.buttons[CustomKind.FORGOTTEN].isChecked():
            return CustomStudy(CustomKind.FORGOTTEN)
        if self.buttons[CustomKind.LOWEST].isChecked():
            return CustomStudy(CustomKind.LOWEST, self.lowest.value())
        if self.buttons["section"].isChecked():
            section_id = self.section.currentData()
            return None if section_id is None else CustomStudy(CustomKind.SCOPE, section_id=section_id,
                                                               practice=practice)
        if self.buttons["tag"].isChecked():
            tag = "".join(self.tag.text().split())
            return CustomStudy(CustomKind.SCOPE, query=f"tag:{tag}", practice=practice) if tag else None
        text = self.query.text().strip()
        return CustomStudy(CustomKind.SCOPE, query=text, practice=practice) if text else None


class CustomStudyActions:
    """Review > Custom Study…: asks, then starts a custom session in the Flashcards view.

    A custom session stays until "Review the whole guide" (or another guide, or new content).

    Args:
        library: What the Flashcards view reads (its sessions, content and search).
        view: The Flashcards view.
        guide_id: Returns the guide on screen.
    """

    def __init__(self, *, library: ReviewServices, view: FlashcardsView, guide_id: Callable[[], str]) -> None:
        self._library = library
        self._view = view
        self._guide_id = guide_id

    def add_to(self, menu: QMenu) -> None:
        """Put Custom Study… in the Review menu."""
        menu.addAction("Custom Stud&y\u2026", self.ask)

    def ask(self) -> CustomStudyDialog | None:
        """Open the dialog (not modal: tests drive it); its OK starts the session."""
        guide_id = self._guide_id()
        if not guide_id:
            return None
        exam, today = self._library.review.exam_goal(guide_id), self._library.clock().date()
        dialog = CustomStudyDialog(sections=self._library.content(guide_id).section_titles(), parent=self._view,
                                   exam_in=(exam.day, (exam.day - today).days) if exam and exam.day > today else None)
        dialog.accepted.connect(lambda: self._accepted(guide_id, dialog))
        screen = self._view.screen()
        if screen is not None:  # no wider or taller than the screen (then its fields go under their choices)
            dialog.resize(dialog.sizeHint().boundedTo(screen.availableSize()))
        dialog.open()
        return dialog

    def _accepted(self, guide_id: str, dialog: CustomStudyDialog) -> None:
        study = dialog.study()
        if study is not None:
            self.start(guide_id, study)

    def start(self, guide_id: str, study: CustomStudy) -> None:
        """Start ``study`` in the Flashcards view (brought forward)."""
        view, library = self._view, self._library
        view.guide_requested.emit(guide_id)  # the window shows the guide and the Flashcards tab
        view.refresh()
        view.setFocus()  # Space and 1-4 go to the reviewer at once
        if study.kind is CustomKind.MORE_NEW:
            view.study_more(study.count)  # an operation: Edit > Undo takes it back
            return
        found: list[str] = []
        if study.kind is CustomKind.SCOPE and study.section_id is None:
            hits = library.search.search(f"{study.query} kind:card", limit=FOUND_LIMIT, suggest=False).hits
            found = [hit.item_id for hit in hits if hit.guide_id == guide_id]
        view.session = library.review.start_custom(guide_id, library.content(guide_id), study, found=found)
        view.after_write()
