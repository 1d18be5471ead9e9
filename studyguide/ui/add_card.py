"""The Add Card dialog, like Anki's: it stays open for the next card; E in the reviewer edits with it.

Guide and section pickers (the current section chosen), the card type, Front and Back
(plain-text editors whose content is Markdown), Tags, Add (Ctrl+Return) and Close. For a
cloze, the Cloze button (Ctrl+Shift+C) wraps the selection in ``{{cN::...}}`` with the next
number. What the service refuses is said inline, under the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.card_types import CARD_TYPES, AuthoringError, cloze_numbers
from studyguide.domain.guide import Note
from studyguide.domain.messages import sentence
from studyguide.ui.widgets.markdown_edit import MarkdownEdit
from studyguide.ui.widgets.title_combo import TitleCombo

if TYPE_CHECKING:
    from studyguide.ui.services import AuthoringLike, GuideReading

#: The card types as the dialog names them, in ``CARD_TYPES`` order.
TYPE_NAMES = ("Basic", "Basic (and reversed card)", "Cloze", "Basic (type in the answer)")


#: What the dialog says over a guide that has no section yet (a card belongs to a section).
NO_SECTION = "This guide has no section yet: add one first (Cards > Add Section, Ctrl+Shift+N)."


def next_cloze(text: str, selected: str) -> tuple[str, int]:
    """``selected`` wrapped as the next cloze deletion of ``text``, and its number."""
    number = max(cloze_numbers(text), default=0) + 1
    return f"{{{{c{number}::{selected}}}}}", number


class AddCardDialog(QDialog):
    """Add cards to a user's guide, or (``editing``) change one card's note.

    Args:
        authoring: The authoring service (its writes run through the window's operation runner).
        library: The open library (section titles).
        editing: (guide id, card id, note) to edit that card's note instead of adding.

    Signals:
        added(object): The ids of the cards just added or saved (a tuple).
    """

    added = Signal(object)

    def __init__(self, *, authoring: AuthoringLike, library: GuideReading, parent: QWidget | None = None,
                 editing: tuple[str, str, Note] | None = None) -> None:
        super().__init__(parent)
        self._authoring = authoring
        self._library = library
        self._editing = editing
        self.setWindowTitle("Edit Card" if editing else "Add Card")
        self.resize(max(640, 54 * self.fontMetrics().averageCharWidth()), 520)  # wider with a larger text
        # Long titles do not widen the dialog past the screen (1,395 px at 200% text): whole in tooltip and list.
        self.guide_box = TitleCombo()
        self.guide_box.setAccessibleName("Guide")
        self.guide_box.currentIndexChanged.connect(lambda _i: self._fill_sections(None))
        self.section_box = TitleCombo()
        self.section_box.setAccessibleName("Section")
        self.type_box = QComboBox()
        self.type_box.setAccessibleName("Card type")
        for kind, name in zip(CARD_TYPES, TYPE_NAMES, strict=True):
            self.type_box.addItem(name, kind)
        self.type_box.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.front = MarkdownEdit()
        self.front.setAccessibleName("Front")
        self.back = MarkdownEdit()
        self.back.setAccessibleName("Back")
        for field in (self.front, self.back):  # Ctrl+V with an image stores it in the chosen guide
            field.setTabChangesFocus(True)
            field.media_store = lambda data, hint: self._authoring.add_media(self.guide_box.currentData(), data, hint)
        self.image_button = QPushButton("Image\u2026")
        self.image_button.setToolTip("Insert an image file where the cursor is (Ctrl+Shift+I); Ctrl+V pastes one")
        self.image_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field typed in keeps the focus
        self.image_button.clicked.connect(self.insert_image)
        QShortcut(QKeySequence("Ctrl+Shift+I"), self).activated.connect(self.insert_image)
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("space-separated, e.g. cold-war cuba")
        self.cloze_button = QPushButton("Cloze [\u2026]")
        self.cloze_button.setToolTip("Hide the selected words: {{c1::\u2026}} (Ctrl+Shift+C)")
        self.cloze_button.clicked.connect(self.make_cloze)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self).activated.connect(self.make_cloze)
        self.front_label = QLabel("&Front")
        self.front_label.setBuddy(self.front)
        self.back_label = QLabel("&Back")
        self.back_label.setBuddy(self.back)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9534f")
        self.error.setWordWrap(True)
        self.error.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        for field in (self.front, self.back):  # what was refused goes once the card is being changed
            field.textChanged.connect(self.error.hide)
        self.type_box.currentIndexChanged.connect(lambda _i: self.error.hide())
        self.add_button = QPushButton("Save" if editing else "Add")
        self.add_button.setToolTip("Ctrl+Return")
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.add)
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        pickers = QFormLayout()
        pickers.addRow("G&uide:", self.guide_box)
        pickers.addRow("Sec&tion:", self.section_box)
        type_row = QHBoxLayout()
        type_row.addWidget(self.type_box, 1)
        type_row.addWidget(self.cloze_button)
        type_row.addWidget(self.image_button)
        type_label = QLabel("T&ype:")  # a row holding a layout gets no buddy of its own
        type_label.setBuddy(self.type_box)
        pickers.addRow(type_label, type_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.front_label)
        layout.addWidget(self.front, 3)
        layout.addWidget(self.back_label)
        layout.addWidget(self.back, 2)
        tags_row = QFormLayout()
        tags_row.addRow("T&ags:", self.tags)
        layout.addLayout(tags_row)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        if editing is not None:
            self._load(*editing)
        self._type_changed()

    def choose(self, guides: Sequence[tuple[str, str]], guide_id: str, section_id: str | None) -> None:
        """Offer ``guides`` (id, title), with ``guide_id`` and its ``section_id`` chosen when there."""
        self.guide_box.blockSignals(True)
        self.guide_box.clear()
        for gid, title in guides:
            self.guide_box.addItem(title, gid)
        self.guide_box.setCurrentIndex(max(self.guide_box.findData(guide_id), 0))
        self.guide_box.blockSignals(False)
        self._fill_sections(section_id)
        self.front.setFocus()

    def _fill_sections(self, section_id: str | None) -> None:
        guide_id = self.guide_box.currentData()
        self.section_box.clear()
        if guide_id:
            for sid, title in self._library.content(guide_id).section_titles():
                self.section_box.addItem(title, sid)
        if section_id is not None and self.section_box.findData(section_id) >= 0:
            self.section_box.setCurrentIndex(self.section_box.findData(section_id))
        # Said when the dialog opens, not after a whole card is typed and refused.
        self.status.setText(NO_SECTION if guide_id and not self.section_box.count() else "")

    def _load(self, guide_id: str, card_id: str, note: Note) -> None:
        info = self._library.content(guide_id).info
        self.choose([(guide_id, info.title)], guide_id, note.section_id)
        self.guide_box.setEnabled(False)
        self.type_box.setCurrentIndex(CARD_TYPES.index(note.type))
        self.front.setPlainText(note.front)
        self.back.setPlainText(note.back)
        self.tags.setText(" ".join(note.tags))

    def _type_changed(self) -> None:
        cloze = self.type_box.currentData() == "cloze"
        self.cloze_button.setVisible(cloze)
        self.front_label.setText("&Text" if cloze else "&Front")
        self.back_label.setText("&Back Extra" if cloze else "&Back")

    def make_cloze(self) -> None:
        """Wrap the Front's selection in the next cloze deletion (and choose the Cloze type)."""
        if self.type_box.currentData() != "cloze":
            self.type_box.setCurrentIndex(CARD_TYPES.index("cloze"))
        cursor = self.front.textCursor()
        wrapped, _number = next_cloze(self.front.toPlainText(), cursor.selectedText())
        cursor.insertText(wrapped)
        if not cursor.hasSelection():
            cursor.movePosition(cursor.MoveOperation.Left, n=2)  # between "::" and "}}"
            self.front.setTextCursor(cursor)
        self.front.setFocus()

    def insert_image(self) -> str | None:
        """Insert an image file (from a file dialog) into Back when it has the focus, else into Front."""
        field = self.back if self.back.hasFocus() else self.front
        return field.insert_image_file()

    def add(self) -> tuple[str, ...]:
        """Add the card (or save the edit) through the operation runner; returns the card ids.

        Adding clears Front, Back for the next card and stays open; what is refused is said inline.
        """
        guide_id, section_id = self.guide_box.currentData(), self.section_box.currentData()
        kind = str(self.type_box.currentData())
        front, back = self.front.toPlainText(), self.back.toPlainText()
        tags = self.tags.text().replace(",", " ").split()
        try:
            if not guide_id or not section_id:
                raise AuthoringError("choose a section first: a guide needs a section (Ctrl+Shift+N) for its cards")
            if kind == "cloze" and front.strip() and not cloze_numbers(front):
                raise AuthoringError("a cloze needs at least one deletion: select the words to hide and press "
                                     "Cloze (Ctrl+Shift+C), or write {{c1::answer}}")
            if self._editing is not None:
                added = self._authoring.edit_card(guide_id, self._editing[1], front=front, back=back, type=kind,
                                                  tags=tags, section_id=section_id)
            else:
                added = self._authoring.add_card(guide_id, section_id, front, back, type=kind, tags=tags)
        except AuthoringError as error:
            self.status.clear()  # "Added 1 card." was about the card before: it stood beside the refusal
            self.error.setText(sentence(str(error)))
            self.error.show()
            return ()
        self.error.hide()
        self.added.emit(added.ids)
        if self._editing is not None:
            self.accept()
            return added.ids
        count = len(added.ids)
        self.status.setText(f"Added {count} card{'s' if count != 1 else ''}.")
        self.front.clear()
        self.back.clear()
        self.front.setFocus()
        return added.ids
