"""The Search view: a box that searches as you type and a list of ranked hits.

Each keystroke (coalesced by a zero-delay timer) sends the text to a search thread of its own,
with its own read-only connections, tagged with a generation number; a result older than the
newest request is dropped, and a request already overtaken when the thread gets to it is
skipped. So a slow query (a short prefix over a big library) never freezes the window, and
results always match the text in the box. Matched words come back marked and are drawn bold on
a highlight. When nothing matches but the query with its misspelt words corrected does, that
query's results are shown at once, labelled ("Showing results for Khrushchev"), with a link to
search the text as typed instead. A filter that makes no sense (is:zebra) is said so.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetrics, QPalette, QTextDocument
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

from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.spoken import hit_sentence
from studyguide.search.results import MARK_END, MARK_START, SearchHit, SearchResult, strip_marks
from studyguide.ui.tasks import report_bug
from studyguide.ui.widgets.safe_text import plain_tooltip

if TYPE_CHECKING:
    from studyguide.ui.services import SearchServices

Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {"section": "Section", "card": "Card", "event": "Event"}
#: Delay after a keystroke before searching: 0 only coalesces keys already queued.
DEBOUNCE_MS = 0
LIMIT = 50  # most hits shown
# Dark text on the yellow mark, so it stays readable in a dark scheme too.
_MARK_STYLE = "<b style='background-color:#ffd60a; color:#1a1a1a'>"
HELP = ("Type to search every guide. Words are combined; \"quotes\" for a phrase, -word to exclude, "
        "OR for either; kind:card, section:NAME, guide:NAME, before:1962, after:1961, is:due, prop:r<0.8 "
        "narrow it.")


def marked_html(text: str) -> str:
    """Escape text and turn highlight marks into bold, highlighted spans."""
    return html.escape(text).replace(MARK_START, _MARK_STYLE).replace(MARK_END, "</b>")


def highlighted_html(text: str, words: Sequence[str]) -> str:
    """Escape plain text and highlight every word starting with one of ``words``.

    For views showing an opened hit (a card's question and answer): the
    search index stems words, so "negotiate" also marks "negotiations".
    """
    stems = sorted({w.casefold()[:max(len(w) - 2, 3)] for w in words if len(w) >= 2}, key=len, reverse=True)
    if not stems:
        return html.escape(text)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, stems)) + r")[^\W_]*", re.IGNORECASE)
    marked = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, text)
    return marked_html(marked)


plain = strip_marks  # text without highlight marks


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
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what a screen reader says of the row
            return hit_sentence(hit.kind, plain(hit.title), plain(hit.snippet), hit.guide_title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(plain(hit.snippet) or plain(hit.title))
        if role == self.HitRole:
            return hit
        if role == self.HtmlRole:
            kind = KIND_LABELS.get(hit.kind, hit.kind)
            return (f"<span style='font-size:small'>{kind.upper()} \u00b7 {html.escape(hit.guide_title)}"
                    f"</span><br><span style='font-size:large'>{marked_html(hit.title)}</span><br>"
                    f"{marked_html(hit.snippet)}")
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as rich text (kind, title, snippet) in rows of one fixed height.

    A fixed height lets the list lay out 50 rows without building 50 text
    documents (only the visible rows are drawn).
    """

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(SearchResultsModel.HtmlRole) or "")
        document.setTextWidth(max(option.rect.width() - 16, 200))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.setClipRect(option.rect)
        painter.translate(option.rect.left() + 8, option.rect.top() + 4)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        # A small kind line, a large title, and a snippet of up to two lines.
        return QSize(200, int(line * 4.6) + 8)


class _Engine(Protocol):
    """What the search thread uses of a search engine (studyguide.search.engine.SearchEngine)."""

    def search(self, text: str, *, limit: int = ..., suggest: bool = ..., correct: bool = ...,
               as_you_type: bool = ...) -> SearchResult: ...

    def close(self) -> None: ...


class _Delivery(QObject):
    """Carries a finished search from the search thread to the UI thread (a queued signal)."""

    finished = Signal(int, object)


class _SearchThread:
    """One background thread running searches on connections of its own.

    Args:
        delivery: Its ``finished(generation, result or exception)`` is emitted per search.
    """

    def __init__(self, delivery: _Delivery) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")
        self._delivery = delivery
        self.latest = 0
        self._source: object = None
        self._engine: _Engine | None = None

    def submit(self, source, generation: int, text: str, correct: bool) -> None:
        """Search ``text`` with (a thread-own copy of) the engine ``source``."""
        self.latest = generation
        self._executor.submit(self._run, source, generation, text, correct)

    def _run(self, source, generation: int, text: str, correct: bool) -> None:  # on the search thread
        if generation != self.latest:
            return  # overtaken by newer typing before it started
        try:
            engine = self._engine
            if self._source is not source or engine is None:
                self._close_engine()
                engine = source.for_this_thread()
                self._engine, self._source = engine, source
            outcome: object = engine.search(text, limit=LIMIT, as_you_type=True, correct=correct)
        except Exception as error:  # noqa: BLE001 - carried to the UI thread: told, or reported as a bug
            outcome = error
        with contextlib.suppress(RuntimeError):  # the view was closed meanwhile
            self._delivery.finished.emit(generation, outcome)

    def _close_engine(self) -> None:
        if self._engine is not None:
            self._engine.close()
        self._engine = self._source = None

    def shutdown(self) -> None:
        """Drop waiting searches, close the thread's connections, let the thread end."""
        self.latest = -1
        try:
            self._executor.submit(self._close_engine)
        except RuntimeError:
            return  # the interpreter is exiting: its threads and connections end with it
        self._executor.shutdown(wait=False)


class SearchView(QWidget):
    """Search box and results.

    Args:
        library: The ``Library`` (its ``search`` engine is used, on a thread of its own).
        background: Search on a background thread (False: on the UI thread, for tools).

    Signals:
        hit_activated(object, list): A hit was opened (the ``SearchHit``, words to highlight).
        results_shown(int): Results for the latest text are on screen (their count).
    """

    hit_activated = Signal(object, list)
    results_shown = Signal(int)

    def __init__(self, *, library: SearchServices, background: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._words: list[str] = []
        self._generation = 0
        self._shown_generation = 0
        self._as_typed = False  # search the text as typed, without correcting it
        self.result: SearchResult | None = None
        self._delivery = _Delivery(self)
        self._delivery.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._thread = _SearchThread(self._delivery) if background else None
        if self._thread is not None:
            thread = self._thread
            self.destroyed.connect(lambda *_: thread.shutdown())
        self.box = QLineEdit()
        self.box.setPlaceholderText("Search sections, cards and events\u2026   (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search")
        self.status = QLabel(html.escape(HELP))  # rich text: "prop:r<0.8" must not open a tag
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._on_link)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Search results")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_query)
        self.box.textChanged.connect(self._on_text_changed)
        self.box.returnPressed.connect(self._on_return)
        self.results.activated.connect(self._open)
        self.results.clicked.connect(self._open)
        self.box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def focus_box(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    @property
    def pending(self) -> bool:
        """True while the results on screen are not yet those of the box's text."""
        return self.timer.isActive() or self._shown_generation != self._generation

    def _on_text_changed(self) -> None:
        self._as_typed = False
        self.timer.start()

    def _search_here(self, text: str) -> SearchResult:
        return self._library.search.search(text, limit=LIMIT, as_you_type=True, correct=not self._as_typed)

    def run_query(self) -> None:
        """Search for the box's text (in the background) and show the hits when they come."""
        self.timer.stop()
        self._generation += 1
        text = self.box.text()
        if not text.strip() or self._thread is None:
            self._show(self._generation, self._search_here(text))
        else:
            self._thread.submit(self._library.search, self._generation, text, not self._as_typed)

    def search_now(self) -> None:
        """Search on the UI thread and show the hits before returning (Enter with typing pending)."""
        self.timer.stop()
        self._generation += 1
        self._show(self._generation, self._search_here(self.box.text()))

    def search_as_typed(self) -> None:
        """Search the box's text without correcting it (after "Showing results for ...")."""
        self._as_typed = True
        self.run_query()

    def _on_link(self, link: str) -> None:
        self.search_as_typed() if link == "as-typed" else self.apply_suggestion()

    def on_changes(self, changes, initiator: object) -> None:
        """Search again when guides, their index or a card's text changed (an import, an edit)."""
        if (changes.search_index or changes.guides or changes.content) and self.box.text().strip():
            self.run_query()

    def apply_suggestion(self) -> None:
        """Replace the box's text with the "did you mean" suggestion, and search it."""
        if self.result is not None and self.result.suggestion:
            self.box.setText(self.result.suggestion)
            self.box.setFocus()

    def _on_finished(self, generation: int, outcome: object) -> None:
        if generation != self._generation:
            return  # stale: the box's text has changed since
        if isinstance(outcome, Exception):
            self._shown_generation = generation
            self.result = None
            self.model.set_hits([])
            if isinstance(outcome, StoreUnavailable):  # a damaged, locked or missing guide file
                self.status.setText(f"Search is unavailable: {html.escape(str(outcome))}")
            else:  # a bug: the crash dialog shows it, with its traceback
                self.status.setText("Search failed because of a bug in StudyGuide.")
                report_bug(outcome)
            self.results_shown.emit(0)
            return
        self._show(generation, outcome)  # type: ignore[arg-type]

    def _show(self, generation: int, result: SearchResult) -> None:
        self._shown_generation = generation
        self.result = result
        text = self.box.text().strip()
        self._words = result.query.highlight_words()
        self.model.set_hits(result.hits)
        count = len(result.hits)
        if not text:
            self.status.setText(html.escape(HELP))
        elif result.corrected and result.suggestion:
            self.status.setText(
                f"Showing results for <b>{html.escape(result.suggestion)}</b>. "
                f"Search instead for <a href='as-typed'>{html.escape(text)}</a>. "
                "\u2191\u2193 to move, Enter to open.")
            self.results.setCurrentIndex(self.model.index(0, 0))
        elif not count and result.suggestion:
            self.status.setText(f"No matches for \u201c{html.escape(text)}\u201d. Did you mean "
                                f"<a href='suggestion'>{html.escape(result.suggestion)}</a>? (Enter)")
        elif not count:
            self.status.setText(html.escape("; ".join(result.query.problems) + "." if result.query.problems
                                            else f"No matches for \u201c{text}\u201d."))
        else:
            total = max(result.total, count)
            shown = f"{total:,} {'match' if total == 1 else 'matches'}"
            if total > count:
                shown = f"{total:,} matches, the best {count} shown."
            problems = "".join(f"{html.escape(p)}. " for p in result.query.problems)
            self.status.setText(f"{problems}{shown} \u2191\u2193 to move, Enter to open.")
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.results_shown.emit(count)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # Down in the box moves into the results, as in a browser's address bar.
        if (watched is self.box and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down
                and self.model.rowCount()):
            # The first result is already current (Enter opens it): Down goes to it, not past it.
            self.results.setCurrentIndex(self.model.index(0, 0))
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _on_return(self) -> None:
        if self.pending:
            self.search_now()
        if not self.model.rowCount() and self.result is not None and self.result.suggestion:
            self.apply_suggestion()
            return
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(SearchResultsModel.HitRole)
        if hit is not None:
            self.hit_activated.emit(hit, list(self._words))
