"""The card browser's table model: every card a search found, read a page at a time.

The model holds only the cards' keys, in order (100,000 keys is a few MB); the columns of a
row are read from the service when the view first asks for a row of its page
(``PAGE`` rows in one query), and kept until the search or the sort changes. Sorting asks
the service again for the keys in the new order (one SQL statement per guide).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from studyguide.domain.card_filter import COLUMNS, CardRow
from studyguide.ui.services import CardBrowserLike, CardListLike
from studyguide.ui.widgets.safe_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
#: Rows read from the service at a time.
PAGE = 200
#: Longest text shown in a cell (the whole text is in the card-info pane).
CELL_CHARS = 200
KeyRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
_NUMERIC = {"interval", "stability", "difficulty", "retrievability", "lapses", "reviews", "due"}


def _day(when: datetime | None) -> str:
    return "" if when is None else when.astimezone().strftime("%Y-%m-%d")


def cell_text(row: CardRow, key: str) -> str:
    """What one column shows of a row."""
    if key in ("question", "answer"):
        text = " ".join(str(getattr(row, key)).split())
        return text[:CELL_CHARS] + ("\u2026" if len(text) > CELL_CHARS else "")
    if key == "tags":
        return " ".join(row.tags)
    if key == "state":
        return row.state + (" (suspended)" if row.suspended else "")
    if key in ("due", "added", "edited"):
        return _day(getattr(row, key))
    if key == "interval":
        return "" if row.interval is None else f"{row.interval:.1f} d"
    if key == "stability":
        return "" if row.stability is None else f"{row.stability:.1f} d"
    if key == "difficulty":
        return "" if row.difficulty is None else f"{row.difficulty:.1f}"
    if key == "retrievability":
        return "" if row.retrievability is None else f"{row.retrievability:.0%}"
    return str(getattr(row, key))


class CardTableModel(QAbstractTableModel):
    """Rows are cards (keys held, columns read lazily); columns are ``COLUMNS``.

    Args:
        cards: The card browser's service.
    """

    def __init__(self, *, cards: CardBrowserLike, parent: Any = None) -> None:
        super().__init__(parent)
        self._cards = cards
        self._keys: tuple[tuple[str, str], ...] = ()
        self._pages: dict[int, list[CardRow | None]] = {}
        self._rows: dict[tuple[str, str], int] | None = None
        self.problems: tuple[str, ...] = ()
        self.text = ""
        self.guide_id: str | None = None
        self.sort_key: str | None = None
        self.descending = False

    # Searching and sorting ------------------------------------------------------------

    def search(self, text: str, *, guide_id: str | None) -> None:
        """List the cards matching ``text`` (of one guide, or all when None), in the current order."""
        self.text, self.guide_id = text, guide_id
        self.refresh()

    def refresh(self) -> None:
        """Find the cards again (after a change), in the current order, on this thread."""
        self.show(self._cards.find(self.text, guide_id=self.guide_id, sort=self.sort_key, descending=self.descending))

    def show(self, found: CardListLike) -> None:
        """List these cards (a search's result, found here or on another thread)."""
        self.beginResetModel()
        self._keys, self.problems, self._pages = tuple(found.keys), tuple(found.problems), {}
        self._rows = None
        self.endResetModel()

    def reload_rows(self) -> None:
        """Read the rows shown again (their state changed), keeping the list and its order."""
        self._pages = {}
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, len(COLUMNS) - 1))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key, self.descending = COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # Rows -----------------------------------------------------------------------------

    def key(self, row: int) -> tuple[str, str]:
        """The (guide id, card id) of a row."""
        return self._keys[row]

    def keys(self) -> tuple[tuple[str, str], ...]:
        """Every card listed, in order."""
        return self._keys

    def card(self, row: int) -> CardRow | None:
        """A row's card (read with its page), or None if it is gone."""
        if not 0 <= row < len(self._keys):
            return None
        page = row // PAGE
        if page not in self._pages:
            keys = self._keys[page * PAGE:(page + 1) * PAGE]
            found = {(r.guide_id, r.card_id): r for r in self._cards.rows(keys)}
            self._pages[page] = [found.get(k) for k in keys]
        return self._pages[page][row % PAGE]

    def rows_of(self, keys: Sequence[tuple[str, str]]) -> list[int]:
        """The rows of these cards (-1 for one not listed). A few are looked for one by one (a scan
        of 100,000 keys in C is ~1 ms); many through a dictionary of every row (~30 ms to build)."""
        if len(keys) > 16 or self._rows is not None:
            return [self.row_of(k) for k in keys]
        found = []
        for key in keys:
            try:
                found.append(self._keys.index(key))
            except ValueError:
                found.append(-1)
        return found

    def row_of(self, key: tuple[str, str]) -> int:
        """The row of a card (-1 if not listed)."""
        if self._rows is None:
            self._rows = {k: n for n, k in enumerate(self._keys)}
        return self._rows.get(key, -1)

    # Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        if role == KeyRole:
            return self._keys[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RowRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (Qt.AlignmentFlag.AlignRight if key in _NUMERIC else Qt.AlignmentFlag.AlignLeft) \
                | Qt.AlignmentFlag.AlignVCenter
        card = self.card(index.row())
        if role == RowRole:
            return card
        if card is None:
            return "(deleted)" if index.column() == 0 else ""
        text = cell_text(card, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(str(getattr(card, key))) if key in ("question", "answer") else None
        return text

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

