"""The Quizlet import window: choose the separators, see the first rows split live, then import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.guide import Guide
from studyguide.guides.quizlet import (
    PREVIEW_ROWS,
    QuizletText,
    SeparatorError,
    describe,
    no_split_message,
    parse_separator,
)
from studyguide.ui.import_review import import_buttons
from studyguide.ui.widgets.safe_text import plain_tooltip

#: The choices offered (the user may also type any text, or \t and \n).
TERM_CHOICES = ("Tab", "Comma", "Semicolon", " - ")
ROW_CHOICES = ("New line", "Semicolon", "Blank line")
#: What the preview says in the definition column of a row that does not split.
NOT_SPLIT = "(no separator in this row)"
_NAMES = {"\t": "Tab", ",": "Comma", ";": "Semicolon", "\n": "New line", "\n\n": "Blank line"}


def _shown(separator: str) -> str:
    """How a separator is written in a box: its name, or the text with \\t and \\n."""
    return _NAMES.get(separator) or separator.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class QuizletImportDialog(QDialog):
    """Shows how a Quizlet export splits into cards, with the separators detected and changeable.

    The preview follows every change of a separator. Import is enabled only when every row
    splits into a term and a definition; otherwise the window says which row does not.

    Args:
        found: The export and the separators detected ("" when none split every row).
        parent: The parent window.
    """

    def __init__(self, *, found: QuizletText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._found = found
        self.setWindowTitle(f"Import Quizlet export: {found.name}")
        self.resize(760, 520)
        # It said "StudyGuide picked the ones that split every row" when none did: the boxes then held a tab and
        # a new line that split nothing.
        self.intro = intro = QLabel("Quizlet exports a set as text, with the separators you chose there. " + (
            "StudyGuide found ones that split every row; change them if the cards look wrong"
            if found.term_separator else "None that StudyGuide knows splits every row of this file: type the "
            "ones you chose in Quizlet") + " (any text, or \\t for a tab and \\n for a new line).")
        intro.setWordWrap(True)
        self.term_box = self._box(TERM_CHOICES, found.term_separator or "\t", "Between term and definition")
        self.row_box = self._box(ROW_CHOICES, found.row_separator or "\n", "Between rows")
        form = QFormLayout()
        form.addRow("Between &term and definition:", self.term_box)
        form.addRow("Between &rows:", self.row_box)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Term", "Definition"])
        self.table.setAccessibleName("Preview of the first cards")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("What the separators give")
        buttons, self.import_button = import_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for box in (self.term_box, self.row_box):
            box.editTextChanged.connect(self.update_preview)
        self.update_preview()

    @staticmethod
    def _box(choices: tuple[str, ...], current: str, name: str) -> QComboBox:
        box = QComboBox()
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItems(list(choices))
        box.setAccessibleName(name)
        box.setEditText(_shown(current))
        return box

    def separators(self) -> tuple[str, str] | None:
        """The separators as typed or chosen, or None when one is empty."""
        try:
            return parse_separator(self.term_box.currentText()), parse_separator(self.row_box.currentText())
        except SeparatorError:
            return None

    def update_preview(self) -> None:
        """Split the export with the separators shown, fill the preview and say what it gives."""
        chosen = self.separators()
        if chosen is None:
            self._show_rows(())
            self.status.setText("Type a separator in each box (a name such as Tab or Comma, or any text).")
            self.import_button.setEnabled(False)
            return
        term, row = chosen
        if term == row or term in row or row in term:
            self._show_rows(())
            self.status.setText(f"The two separators must differ: {describe(term)} and {describe(row)} "
                                "overlap.")
            self.import_button.setEnabled(False)
            return
        result = self._found.preview(term, row)
        self._show_rows(result.shown)
        if result.ok:
            more = f" (the first {len(result.rows)} shown)" if result.total > len(result.rows) else ""
            self.status.setText(f"{result.total:,} card{'s' if result.total != 1 else ''}: every row has a "
                                f"term and a definition{more}.")
        else:
            self.status.setText(no_split_message(self._found.name, term, row, result))
        self.import_button.setEnabled(result.ok)

    def _show_rows(self, rows) -> None:
        """Fill the preview; a row that does not split shows its text, greyed, and says so."""
        self.table.setRowCount(len(rows[:PREVIEW_ROWS]))
        muted = self.palette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        for index, (term, definition) in enumerate(rows[:PREVIEW_ROWS]):
            for column, text in enumerate((term, NOT_SPLIT if definition is None else definition)):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text if len(text) < 2000 else text[:2000] + "\u2026"))
                if definition is None:
                    item.setForeground(muted)
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()

    def chosen_guide(self) -> Guide:
        """The guide split with the separators shown (call only when Import is enabled)."""
        chosen = self.separators()
        assert chosen is not None  # Import is disabled otherwise
        return self._found.guide(*chosen)
