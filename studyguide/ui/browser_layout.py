"""The card browser's column widths and order, remembered in the library's ``window.ini``.

They are kept by column key (``browser/widths`` = ``question:310,due:90``; ``browser/order`` =
the keys left to right), not as Qt's binary header state, so a column added in a later version
simply appears at its default width at the end, and a key no longer known is ignored.

Widths follow the text size: ``browser/char`` notes the header's average character width they were
saved at, and they are scaled to the one it has now (saved at 100% and read at 200%, the titles were cut
to "Retrie…"); so are they while the browser is open (``HeaderFit``). A column is never restored or
scaled narrower than its title (its sort arrow too).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QWidget

WIDTHS_KEY = "browser/widths"
ORDER_KEY = "browser/order"
CHAR_KEY = "browser/char"
#: Narrowest width restored (a column dragged to nothing would be lost to the eye).
MIN_WIDTH = 24


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.split(",") if part]
    return [str(part) for part in cast(Any, value)]


def save_layout(settings: QSettings, header: QHeaderView, keys: Sequence[str]) -> None:
    """Note each column's width (a hidden one keeps the width noted before) and the columns'
    left-to-right order."""
    noted = dict(item.rpartition(":")[::2] for item in _list(settings.value(WIDTHS_KEY)))
    for number, key in enumerate(keys):
        if not header.isSectionHidden(number) and header.sectionSize(number) > 0:
            noted[key] = str(header.sectionSize(number))
    widths = [f"{key}:{width}" for key, width in noted.items() if key in keys]
    order = [keys[header.logicalIndex(visual)] for visual in range(header.count())]
    settings.setValue(WIDTHS_KEY, ",".join(widths))
    settings.setValue(ORDER_KEY, ",".join(order))
    settings.setValue(CHAR_KEY, header.fontMetrics().averageCharWidth())


def restore_layout(settings: QSettings, header: QHeaderView, keys: Sequence[str]) -> None:
    """Put back the widths (scaled to the text size) and order noted (columns not noted keep their place
    and width); no shown column is left narrower than its title."""
    saved = str(settings.value(CHAR_KEY, "") or "")
    scale = header.fontMetrics().averageCharWidth() / int(saved) if saved.isdigit() and int(saved) > 0 else 1.0
    for item in _list(settings.value(WIDTHS_KEY)):
        key, _, width = item.rpartition(":")
        if key in keys and width.isdigit():
            header.resizeSection(keys.index(key), max(MIN_WIDTH, round(int(width) * scale)))
    order = [key for key in _list(settings.value(ORDER_KEY)) if key in keys]
    for visual, key in enumerate(dict.fromkeys(order)):
        header.moveSection(header.visualIndex(keys.index(key)), visual)
    fit_titles(header)


def fit_titles(header: QHeaderView, sections: Sequence[int] | None = None) -> None:
    """Widen each shown column (of ``sections``, or all) that is narrower than its title."""
    for logical in range(header.count()) if sections is None else sections:
        if not header.isSectionHidden(logical):
            header.resizeSection(logical, max(header.sectionSize(logical), header.sectionSizeHint(logical)))


class HeaderFit(QObject):
    """A table's columns and rows that follow the text size while it is shown (View > Larger Text):
    the columns scaled by the change in the header's character width, none narrower than its title,
    a column shown again widened to its title, the rows as tall as a line and a margin."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table, header = table, table.horizontalHeader()
        self._char = header.fontMetrics().averageCharWidth()
        header.installEventFilter(self)
        header.sectionResized.connect(self._resized)
        self.fit_rows()

    def fit_rows(self) -> None:
        self._table.verticalHeader().setDefaultSectionSize(self._table.fontMetrics().height() + 8)

    def _resized(self, logical: int, old: int, new: int) -> None:
        if old == 0 and new > 0:  # shown again (View > Columns): at least its title
            QTimer.singleShot(0, self, lambda: fit_titles(self._table.horizontalHeader(), [logical]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QHeaderView):
            char = watched.fontMetrics().averageCharWidth()
            if char != self._char and self._char > 0:
                for logical in range(watched.count()):
                    if not watched.isSectionHidden(logical):  # a hidden one keeps its width, its title's when shown
                        size = round(watched.sectionSize(logical) * char / self._char)
                        watched.resizeSection(logical, max(MIN_WIDTH, size))
                self._char = char
            fit_titles(watched)
            self.fit_rows()
        return False


#: The card pane's wanted width in characters (its review history's rows on one line each).
INFO_CHARS = 52


class SplitFit(QObject):
    """The table and the card pane shared out when the browser is first shown and when the text size
    changes: the pane as wide as its history's rows, unless the table would then not show its main column
    (``column``) whole; never narrower than the pane's minimum (its plot's dates apart). At 200% text the
    pane's one-line section link held it 650 px wide and the table was a 220 px strip; once it wrapped, at
    100% the pane shrank until its history's dates wrapped."""

    def __init__(self, splitter: QSplitter, table: QTableView, info: QWidget, column: int) -> None:
        super().__init__(splitter)
        self._splitter, self._table, self._info, self._column = splitter, table, info, column
        self._shown = False  # shown again, it keeps the share the learner dragged it to
        splitter.installEventFilter(self)

    def balance(self) -> None:
        splitter, table = self._splitter, self._table
        total = sum(splitter.sizes()) or splitter.width() - splitter.handleWidth()
        main = table.horizontalHeader().sectionSize(self._column) + table.verticalScrollBar().sizeHint().width() \
            + 2 * table.frameWidth()
        wanted = table.fontMetrics().averageCharWidth() * INFO_CHARS
        info = max(self._info.minimumSizeHint().width(), min(wanted, total - main))
        splitter.setSizes([total - info, info])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        first = event.type() == QEvent.Type.Show and not self._shown
        if first or event.type() == QEvent.Type.FontChange:
            self._shown = True
            QTimer.singleShot(0, self, self.balance)  # once the columns have their widths for the new size
        return False
