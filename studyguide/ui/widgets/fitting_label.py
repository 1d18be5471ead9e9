"""A one-line label that says its text in the longest of several wordings that fits its room.

For lines that a larger text size (View > Larger Text) would otherwise wrap onto a second line or push out of
the window: the status bar's due counts, the reviewer's session counts and its note of the timeline drills. At
900 px with 200% text "Due now: 20 new · 0 learning · 0 to review · by the end of today: 0 studied cards" took
two lines of the status bar; "Due: 20 new · 0 learning · 0 to review · 0 today" takes one. Nothing is lost: a
screen reader reads the whole wording (the accessible name) and a shorter one shows it whole in its tooltip.

Its preferred width is that of its longest wording (or of the longest that fits a ``room`` its owner sets), its
least that of its shortest; laid out narrower than a wording, it shows the next shorter one, and a plain text
that fits nowhere is shortened with "…".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from studyguide.ui.widgets.line_width import is_rich, line_width


def plain(text: str, rich: bool) -> str:
    """``text`` as read aloud: a rich text's words without its markup."""
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return " ".join(document.toPlainText().split())


class FittingLabel(QLabel):
    """A label on one line in the longest of its wordings (``set_forms``) that fits.

    Args:
        parent: The widget it sits in.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._forms: tuple[str, ...] = ()
        self._widths: tuple[int, ...] = ()
        self._note = ""
        #: The most width its owner gives it (None: as wide as its longest wording).
        self._room: int | None = None
        #: The width its layout gave it since it was last shown (None: not laid out yet, its hint expected).
        self._laid: int | None = None

    # What it says ----------------------------------------------------------------------------

    def set_forms(self, forms: Sequence[str], *, note: str = "") -> None:
        """Say ``forms`` (longest first, each a whole statement), in the longest that fits.

        Args:
            forms: The wordings, longest first; empty to say nothing.
            note: A tooltip of its own (after the whole wording when a shorter one is shown).
        """
        if tuple(forms) == self._forms and note == self._note:
            return  # as said (a new text size is measured in changeEvent): each answer redraws the reviewer's
        self._forms, self._note = tuple(forms), note
        self._measure()
        self.setAccessibleName(self.full_text())
        self._show()
        self.updateGeometry()

    def full_text(self) -> str:
        """The longest wording as read aloud (plain text)."""
        return plain(self._forms[0], self._rich()) if self._forms else ""

    def form_widths(self) -> tuple[int, ...]:
        """The width each wording takes, margins included, longest first."""
        return self._widths

    def set_room(self, room: int | None) -> None:
        """Take no more than ``room`` px (None: its longest wording's width)."""
        if room != self._room:
            self._room = room
            self._show()
            self.updateGeometry()

    # Measuring ------------------------------------------------------------------------------

    def _rich(self) -> bool:
        return bool(self._forms) and is_rich(self._forms[0], self.textFormat())

    def _measure(self) -> None:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        rich = self._rich()
        self._widths = tuple(line_width(self, form, rich) + extra for form in self._forms)

    def _fitting(self, width: int) -> int:
        """The index of the longest wording no wider than ``width`` (the last one if none is)."""
        for index, needed in enumerate(self._widths):
            if needed <= width:
                return index
        return len(self._widths) - 1

    def _limit(self) -> int:
        room = self._room if self._room is not None else 1 << 30
        return room if self._laid is None else min(room, self._laid)

    def _show(self) -> None:
        if not self._forms:
            self.setText("")
            self.setToolTip(self._note)
            return
        limit = self._limit()
        index = self._fitting(limit)
        text = self._forms[index]
        if self._widths[index] > limit and not self._rich():  # fits nowhere: shortened, read whole in the tooltip
            margins = self.contentsMargins()
            room = limit - margins.left() - margins.right() - 2 * self.margin()
            text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))
        if text != self.text():
            self.setText(text)
        shortened = text != self._forms[0]
        whole = self.full_text()
        self.setToolTip("\n".join(part for part in (whole if shortened else "", self._note) if part))

    # Qt --------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        height = super().sizeHint().height()
        if not self._forms:
            return QSize(0, height)
        room = self._room if self._room is not None else self._widths[0]
        return QSize(self._widths[self._fitting(room)], height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        height = super().minimumSizeHint().height()
        return QSize(self._widths[-1] if self._forms else 0, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if self.isVisible() and event.size().width() != self._laid:
            self._laid = event.size().width()
            self._show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self._laid = None  # its width is a stale one until its layout gives it another (a resize follows)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt)
        super().hideEvent(event)
        self._laid = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self._forms:
            self._measure()  # a new text size: the wordings' widths change
            self._show()
            self.updateGeometry()
