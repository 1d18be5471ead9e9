"""The Search view: a box that searches as you type and a list of ranked hits.

Typing restarts a short single-shot timer; when it fires the query goes to
the search service, which never raises on input. Matched words come back
marked and are drawn in bold with a highlight.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from studyguide.search.engine import MARK_END, MARK_START, SearchHit

Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {"section": "Section", "card": "Card", "event": "Event"}
DEBOUNCE_MS = 120


def marked_html(text: str) -> str:
    """Escape text and turn highlight marks into bold, highlighted spans."""
    escaped = html.escape(text)
    return escaped.replace(MARK_START, "<b style='background-color:rgba(255,214,10,0.55)'>").replace(
        MARK_END, "</b>")


def plain(text: str) -> str:
    """Text without highlight marks."""
    return text.replace(MARK_START, "").replace(MARK_END, "")


class SearchResultsModel(QAbstractListModel):
    """Search hits for a list view. Holds dataclasses, knows no SQL."""

    HitRole = Qt.ItemDataRole.UserRole + 1
    HtmlRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KIND_LABELS.get(hit.kind, hit.kind)}: {plain(hit.title)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain(hit.snippet) or plain(hit.title)
        if role == self.HitRole:
            return hit
        if role == self.HtmlRole:
            kind = KIND_LABELS.get(hit.kind, hit.kind)
            return (f"<span style='font-size:small'>{kind.upper()} \u00b7 {html.escape(hit.guide_title)}"
                    f"</span><br><span style='font-size:large'>{marked_html(hit.title)}</span><br>"
                    f"{marked_html(hit.snippet)}")
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as three lines of rich text (kind, title, snippet)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(SearchResultsModel.HtmlRole) or "")
        document.setTextWidth(max(option.rect.width() - 16, 200))
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + 8, option.rect.top() + 4)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 8)


class SearchView(QWidget):
    """Search box and results.

    Signals:
        hit_activated(object, list): A hit was opened (the ``SearchHit``, words to highlight).
        results_shown(int): Results for the latest text are on screen (their count).
    """

    hit_activated = Signal(object, list)
    results_shown = Signal(int)

    def __init__(self, *, library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._words: list[str] = []
        self.box = QLineEdit()
        self.box.setPlaceholderText("Search sections, cards and events\u2026   (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search")
        self.status = QLabel()
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Search results")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_query)
        self.box.textChanged.connect(self.timer.start)
        self.box.returnPressed.connect(self._open_first_or_current)
        self.results.activated.connect(self._open)
        self.results.clicked.connect(self._open)
        self.box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.status.setText("Type to search every guide. Words are combined; use \"quotes\" for a phrase, "
                            "-word to exclude, OR for either.")

    def focus_box(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def run_query(self) -> None:
        """Search for the box's text now and show the hits."""
        self.timer.stop()
        text = self.box.text()
        result = self._library.search.search(text, limit=100)
        self._words = result.query.highlight_words()
        self.model.set_hits(result.hits)
        if not text.strip():
            self.status.setText("Type to search every guide.")
        elif not result.hits:
            self.status.setText(f"No matches for \u201c{text.strip()}\u201d.")
        else:
            noun = "match" if len(result.hits) == 1 else "matches"
            self.status.setText(f"{len(result.hits)} {noun}. \u2191\u2193 to move, Enter to open.")
        if result.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.results_shown.emit(len(result.hits))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # Down in the box moves into the results, as in a browser's address bar.
        if watched is self.box and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.model.rowCount():
                self.results.setFocus()
                row = self.results.currentIndex().row()
                self.results.setCurrentIndex(self.model.index(min(row + 1, self.model.rowCount() - 1), 0)
                                             if row >= 0 and self.results.hasFocus() else self.model.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def _open_first_or_current(self) -> None:
        if self.timer.isActive():
            self.run_query()
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(SearchResultsModel.HitRole)
        if hit is not None:
            self.hit_activated.emit(hit, list(self._words))
