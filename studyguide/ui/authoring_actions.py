"""Writing guides in the window: File > New Guide, Make an Editable Copy, Cards > Add Card.

The authoring service (``studyguide.authoring.Authoring``, made by the app, since the UI
never imports the store) runs each of its writes through the window's ``OperationRunner``,
so they share Edit > Undo and Redo and reach the views through ``did_execute``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMenu, QVBoxLayout, QWidget

from studyguide.domain.card_types import AuthoringError
from studyguide.domain.messages import sentence
from studyguide.operations import Done, Op
from studyguide.ui.add_card import AddCardDialog
from studyguide.ui.widgets.text_prompt import prompt_width
from studyguide.ui.writing import run_told_once

if TYPE_CHECKING:
    from studyguide.ui.services import AuthoringLike, GuideReading


class NewGuideDialog(QDialog):
    """File > New Guide: a title and a subject; says inline why a title is refused."""

    def __init__(self, *, make: Callable[[str, str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Guide")
        self._make = make
        self.guide_id = ""
        self.title_box = QLineEdit()
        self.title_box.setAccessibleName("Title")
        self.title_box.setPlaceholderText("e.g. The Cold War")
        self.subject_box = QLineEdit()
        self.subject_box.setAccessibleName("Subject")
        self.subject_box.setPlaceholderText("e.g. History (optional)")
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9534f")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Title:", self.title_box)
        form.addRow("&Subject:", self.subject_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.make_guide)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.title_box.setMinimumWidth(prompt_width(self.title_box))  # a long title shows whole (it was 187 px)

    def make_guide(self) -> None:
        """Make the guide, or say why not and stay open."""
        try:
            self.guide_id = self._make(self.title_box.text(), self.subject_box.text())
        except AuthoringError as error:
            self.error.setText(sentence(str(error)))
            self.error.show()
            return
        self.accept()


class AuthoringActions(QObject):
    """The window's authoring commands.

    Args:
        authoring: The authoring service; its ``runner`` is set to the window's operation runner.
        library: The open library.
        window: The ``MainWindow`` (its picker, views and ``OperationRunner``; typed loosely, since
            ``main_window`` imports this module).
    """

    def __init__(self, *, authoring: AuthoringLike, library: GuideReading, window: Any) -> None:
        super().__init__(window)
        self.authoring = authoring
        self.library = library
        self.window = window
        if authoring.runner is None:  # the window's other authoring views may have set it already
            authoring.runner = self._run
        # A guide brought back by Redo New Guide (or by undoing its deletion) is shown, as an imported one
        # is: the window stayed on the guide before it, and the redone sections and cards went unseen.
        authoring.restored = window.show_next
        self.new_guide_action = QAction("&New Guide\u2026", window)
        self.new_guide_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.new_guide_action.triggered.connect(self.new_guide)
        self.copy_action = QAction("Make an &Editable Copy", window)
        self.copy_action.setToolTip("Copy this read-only guide into your own guides; your progress is kept")
        self.copy_action.triggered.connect(self.make_editable_copy)
        self.add_card_action = QAction("&Add Card\u2026", window)
        self.add_card_action.setShortcut(QKeySequence("Ctrl+N"))
        self.add_card_action.triggered.connect(self.add_card)
        for action in (self.new_guide_action, self.copy_action, self.add_card_action):
            window.addAction(action)
        window.guide_changed.connect(lambda _id: self.update_actions())

    def _run(self, op: Op) -> Done:
        return run_told_once(self.window.operations, op, initiator=self.window)

    def add_to(self, file_menu: QMenu, cards_menu: QMenu) -> None:
        """Put the commands in the File and Cards menus."""
        first = file_menu.actions()[0] if file_menu.actions() else None
        file_menu.insertAction(first, self.new_guide_action)  # type: ignore[arg-type]
        file_menu.insertAction(first, self.copy_action)  # type: ignore[arg-type]
        if first is not None:
            file_menu.insertSeparator(first)
        cards_menu.addAction(self.add_card_action)
        self.update_actions()

    def is_editable(self, guide_id: str) -> bool:
        """Whether ``guide_id`` is one of the user's guides (the bundled guide is read-only)."""
        return bool(guide_id) and self.library.is_user_guide(guide_id)

    def update_actions(self) -> None:
        """Make an Editable Copy is for the bundled guide only."""
        guide_id = self.window.guide_id
        self.copy_action.setEnabled(bool(guide_id) and not self.is_editable(guide_id))

    # Guides ------------------------------------------------------------------------------

    def new_guide(self) -> str:
        """File > New Guide: ask for a title and subject, make the guide and show it."""
        dialog = NewGuideDialog(make=self._make_guide, parent=self.window)
        dialog.exec()
        return dialog.guide_id

    def _make_guide(self, title: str, subject: str) -> str:
        added = self.authoring.new_guide(title, subject)
        guide_id = added.ids[0] if added.ids and added.changes else ""
        if guide_id:
            self.window.select_guide(guide_id)
            self.window.tabs.setCurrentWidget(self.window.sections)
        return guide_id

    def make_editable_copy(self) -> None:
        """File > Make an Editable Copy: the bundled guide becomes the user's, ids (and progress) kept."""
        guide_id = self.window.guide_id
        if not guide_id or self.is_editable(guide_id):
            return
        try:
            self.authoring.make_editable_copy(guide_id)
        except AuthoringError as error:
            self.window.statusBar().showMessage(f"No copy was made: {sentence(str(error))}", 8000)
            return
        self.window.statusBar().showMessage("This guide is now yours to edit; your progress is kept.", 8000)
        self.update_actions()

    # Cards -------------------------------------------------------------------------------

    def add_card(self) -> None:
        """Cards > Add Card (Ctrl+N): the Add Card dialog, kept open for the next card."""
        guides = [(g.id, g.title) for g in self.library.guides() if self.is_editable(g.id)]
        if not guides:
            self.window.statusBar().showMessage(
                "Make a guide of your own first (File > New Guide), or an editable copy of this one.", 8000)
            return
        dialog = getattr(self, "dialog", None)
        if dialog is None or not dialog.isVisible():
            self.dialog = dialog = AddCardDialog(authoring=self.authoring, library=self.library,
                                                 parent=self.window)
        dialog.choose(guides, self.window.guide_id, self.window.sections.current_section_id())
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def edit_card(self, guide_id: str, card_id: str) -> bool:
        """Edit a card of a user's guide in the card editor (E in the reviewer); False for the
        bundled guide, whose cards keep the learner's own edit."""
        if not self.is_editable(guide_id):
            return False
        note = self.authoring.note_as_read(guide_id, card_id)  # as the learner reads it: edit that
        if note is None:
            return False
        dialog = AddCardDialog(authoring=self.authoring, library=self.library, parent=self.window,
                               editing=(guide_id, card_id, note))
        dialog.exec()
        return True
