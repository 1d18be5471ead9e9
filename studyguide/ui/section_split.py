"""How the Sections view shares its width between the list of titles and the reading text.

The reader gets the most: the list is as wide as its titles (and a "12 due" beside them) need, but never
more than a third of the view; a longer title wraps onto more lines of its row (``section_counts``). At 200%
text in a 900 px window the list, kept 46 characters wide, took 560 px and left the section's text 330 px
(about 30 characters a line).

A width the learner drags the splitter to is theirs: kept in the library's ``window.ini``
(``sections/list_width``, with ``sections/char``, the character width it was dragged at) and scaled to the
text size, as the browser's columns are (``browser_layout``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontMetricsF

from studyguide.ui.widgets.relative_font import _FontFollowing

if TYPE_CHECKING:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QListView, QSplitter

WIDTH_KEY = "sections/list_width"
CHAR_KEY = "sections/char"
#: The list's share of the view at most (its titles' natural width, when narrower).
MAX_SHARE = 1 / 3
#: The list's narrowest width, in characters (a number and the start of a title).
MIN_CHARS = 12
#: Rows measured for the titles' width (a big guide's list reads its titles a page at a time).
MEASURED_ROWS = 300
#: Room kept beside a title for its counts ("12 due"), as drawn by ``CountsDelegate`` (28 px apart).
COUNTS_SAMPLE = "99 due"
#: Room for the list's scroll bar (Fusion's is 16 px; the high-contrast sheet's a little wider).
SCROLL_BAR = 20


class SectionSplit(_FontFollowing):
    """Shares ``splitter`` between ``titles`` (first) and the reader (second); see the module's note.

    Args:
        splitter: The horizontal splitter, the list first.
        titles: The list of section titles.
        home: The library folder whose ``window.ini`` keeps a dragged width (None: not kept).
    """

    def __init__(self, splitter: QSplitter, titles: QListView, home: Path | None) -> None:
        super().__init__(splitter)
        self._splitter, self._titles = splitter, titles
        self._settings = None if home is None else QSettings(str(home / "window.ini"), QSettings.Format.IniFormat)
        #: The dragged width in px and the character width it was dragged at, if the learner dragged it.
        self.dragged: tuple[float, float] | None = None
        if self._settings is not None:
            width, char = self._settings.value(WIDTH_KEY, ""), self._settings.value(CHAR_KEY, "")
            try:
                if width not in ("", None) and float(str(char)) > 0:
                    self.dragged = (float(str(width)), float(str(char)))
            except ValueError:
                self.dragged = None  # hand-edited into nonsense: the titles' width
        splitter.setCollapsible(0, False)  # dragged to nothing, kept so at the next start: a list lost to the eye
        splitter.splitterMoved.connect(self._moved)

    def _char(self) -> float:
        return max(QFontMetricsF(self._titles.fontMetrics()).averageCharWidth(), 1.0)

    def _moved(self, position: int, _index: int) -> None:
        self.dragged = (float(position), self._char())
        if self._settings is not None:
            self._settings.setValue(WIDTH_KEY, position)
            self._settings.setValue(CHAR_KEY, round(self.dragged[1], 3))
            self._settings.sync()

    def natural_width(self) -> int:
        """The list's width with its (first ``MEASURED_ROWS``) titles whole, counts room and frame included."""
        view = self._titles
        metrics = view.fontMetrics()
        model = view.model()
        rows = min(model.rowCount(), MEASURED_ROWS)
        text = max((metrics.horizontalAdvance(str(model.index(row, 0).data() or "")) for row in range(rows)),
                   default=0)
        counts = metrics.horizontalAdvance(COUNTS_SAMPLE) + 28
        # A scroll bar's room: a constant (asking the list's scroll bar would build QAbstractSlider's enum
        # classes for the window's first frame, ``test_start_deferred``).
        return text + counts + 12 + SCROLL_BAR + 2 * view.frameWidth()

    def wanted(self, total: int) -> int:
        """The list's width in a splitter ``total`` px wide (both panes)."""
        char = self._char()
        if self.dragged is not None:  # the learner's width, scaled to the text size; the reader keeps a third
            first = round(self.dragged[0] * char / self.dragged[1])
            return max(min(first, total * 2 // 3), 0)
        return max(min(self.natural_width(), int(total * MAX_SHARE)), min(round(MIN_CHARS * char), total // 2))

    def fit(self) -> None:
        """Give the list its width now (at the view's first show, a resize, a new guide, a text size)."""
        sizes = self._splitter.sizes()
        total = sum(sizes[:2])
        if total <= 0 or self._splitter.count() < 2:
            return  # not laid out yet: fitted when shown
        first = self.wanted(total)
        if first != sizes[0]:
            self._splitter.setSizes([first, total - first, *sizes[2:]])

    def follow(self, _font: QFont | None = None) -> None:
        self.fit()
