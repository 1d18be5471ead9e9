"""The event dialog (Add Event, Edit Event): title, section, lane, description and a date field
that reads the app's date language and says at once how it reads, or why it is refused."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.card_types import AuthoringError
from studyguide.domain.date_text import parse_when
from studyguide.domain.dates import DateError, DateSpan, FuzzyDate
from studyguide.domain.messages import sentence
from studyguide.ui.widgets.fitting_placeholder import fit_placeholder
from studyguide.ui.widgets.title_combo import TitleCombo

ERROR_COLOUR = "#d9534f"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _length(start: FuzzyDate, end: FuzzyDate) -> str:
    if start.day is not None and end.day is not None and start.year > 0 and end.year > 0:
        days = (datetime.date(end.year, end.month or 1, end.day)
                - datetime.date(start.year, start.month or 1, start.day)).days + 1
        return _plural(days, "day")
    if start.month is not None and end.month is not None:
        return _plural((end.year - start.year) * 12 + end.month - start.month + 1, "month")
    return _plural(end.year - start.year + 1, "year")


def describe(span: DateSpan) -> str:
    """How a date reads: "October 16–28, 1962 · a period of 13 days", "fall 1961 · a season"."""
    if span.end is None:
        start = span.start
        unit = ("a day" if start.day is not None else "a month" if start.month is not None
                else "a season" if start.season is not None else "a year")
        return f"{span.label()} \u00b7 {'about ' if start.approximate else ''}{unit}"
    return f"{span.label()} \u00b7 a period of {_length(span.start, span.end)}"


def read_date(text: str) -> tuple[DateSpan | None, str]:
    """(the span, how it reads) for a date the app can read, else (None, the reason)."""
    try:
        span = parse_when(text)
    except DateError as error:
        return None, str(error)
    return span, describe(span)


@dataclass(frozen=True, slots=True)
class EventFields:
    """What the dialog's fields say."""

    title: str
    section_id: str
    when: str
    lane: str
    description: str


class EventDialog(QDialog):
    """Add or edit an event.

    Args:
        sections: (id, title) of the guide's sections, in order.
        save: Writes the fields; raises ``AuthoringError`` with the reason when refused.
        lanes: Lanes already used (offered in the lane box).
        fields: What to start with (an event being edited, or text to make one from).
        editing: True to edit an existing event (its section stays).
    """

    def __init__(self, *, sections: Sequence[tuple[str, str]], save: Callable[[EventFields], None],
                 lanes: Sequence[str] = (), fields: EventFields | None = None, editing: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Event" if editing else "Add Event")
        self._save = save
        self.title_box = QLineEdit()
        self.title_box.setAccessibleName("Title")
        self.when_box = QLineEdit()
        self.when_box.setAccessibleName("Date")
        # The longest example that fits the box (200% text), the whole in its tooltip.
        fit_placeholder(self.when_box, ("e.g. 1959, fall 1961, c. 1962, April 12, 1962, October 16\u201328, 1962",
                                        "e.g. 1959, fall 1961, c. 1962, April 12, 1962",
                                        "e.g. 1959, fall 1961, c. 1962", "e.g. fall 1961"))
        self.when_note = QLabel()
        self.when_note.setAccessibleName("How the date reads")
        self.when_note.setWordWrap(True)
        self.section_box = TitleCombo()  # a long title does not widen the dialog past the screen (1,431 px at 200%)
        self.section_box.setAccessibleName("Section")
        for section_id, title in sections:
            self.section_box.addItem(title, section_id)
        self.section_box.setEnabled(not editing)
        self.lane_box = QComboBox()
        self.lane_box.setEditable(True)
        self.lane_box.setAccessibleName("Lane")
        self.lane_box.addItems(["", *lanes])
        self.description_box = QPlainTextEdit()
        self.description_box.setAccessibleName("Description")
        self.description_box.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Title:", self.title_box)
        form.addRow("&Date:", self.when_box)
        form.addRow("", self.when_note)
        form.addRow("&Section:", self.section_box)
        form.addRow("&Lane:", self.lane_box)
        form.addRow("D&escription:", self.description_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if fields is not None:
            self.title_box.setText(fields.title)
            self.when_box.setText(fields.when)
            self.lane_box.setCurrentText(fields.lane)
            self.description_box.setPlainText(fields.description)
            index = self.section_box.findData(fields.section_id)
            if index >= 0:
                self.section_box.setCurrentIndex(index)
        self.title_box.textChanged.connect(self._check)
        self.when_box.textChanged.connect(self._check)
        self._check()
        self.resize(max(480, 54 * self.fontMetrics().averageCharWidth()), 360)  # wider with a larger text

    def _check(self) -> None:
        text = self.when_box.text()
        span, note = read_date(text) if text.strip() else (None, "")
        self.when_note.setText(note if span is not None else note[:1].upper() + note[1:])
        self.when_note.setStyleSheet("" if span is not None else f"color: {ERROR_COLOUR}")
        self.save_button.setEnabled(span is not None and bool(self.title_box.text().strip())
                                    and self.section_box.currentIndex() >= 0)

    def fields(self) -> EventFields:
        """What the fields say now."""
        return EventFields(title=self.title_box.text(), section_id=str(self.section_box.currentData() or ""),
                           when=self.when_box.text(), lane=self.lane_box.currentText(),
                           description=self.description_box.toPlainText())

    def save(self) -> None:
        """Save the event, or say why not and stay open."""
        if not self.save_button.isEnabled():
            return
        try:
            self._save(self.fields())
        except AuthoringError as error:
            self.error.setText(sentence(str(error)))
            self.error.show()
            return
        self.accept()
