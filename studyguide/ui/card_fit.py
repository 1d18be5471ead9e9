"""The reviewer's card gives its faces the room it has before they scroll.

At 200% text in a 900x600 window the card was 290 px tall and its faces' scroll area 192 px of it: a
question of three lines at twice the reading size (186 px) and a one-line answer needed 338 px, so even a
short card scrolled and its answer was hidden below the fold. When the faces do not fit, the card first
gives up most of its top and bottom margin (32 px each), then draws the question and answer a little
smaller, step by step, but never smaller than 1.25 times the app's text (the question) or the app's text
(the answer), and only if that makes them fit: a long card keeps its full size and scrolls, as before.
Each new face, size of the card, or text size starts again from the full size.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from studyguide.ui.widgets.relative_font import set_relative_size, system_point_size
from studyguide.ui.widgets.steady_scroll import SteadyScrollArea

#: The card's top and bottom margin when its faces need the room (px).
TIGHT_MARGIN = 8
#: How much smaller the faces are drawn at each step.
STEP = 0.05


class CardFit(QObject):
    """Fits a card's faces to it (see the module's note).

    Args:
        card: The card.
        layout: The card's layout (its margins are given up when needed).
        faces: The layout of the faces, inside the card's scroll area (``CardFrame.scrolling``).
        sizes: Each face label with its text size at 100% and the least it may be, as a multiple of
            the app's text.
    """

    def __init__(self, card: QFrame, layout: QVBoxLayout, faces: QVBoxLayout,
                 sizes: dict[QLabel, tuple[float, float]]) -> None:
        super().__init__(card)
        self._card, self._layout, self._faces, self._sizes = card, layout, faces, sizes
        body = faces.parentWidget()
        viewport = body.parentWidget() if body is not None else None
        area = viewport.parentWidget() if viewport is not None else None
        assert isinstance(body, QWidget) and isinstance(area, QScrollArea), "the faces are in the card's scroll area"
        self._body, self._area = body, area
        margins = layout.contentsMargins()
        self._full = (margins.left(), margins.top(), margins.right(), margins.bottom())
        #: The faces' size now, as a share of their full size.
        self.scale = 1.0
        self._fitted: tuple[object, ...] | None = None
        self._laid_out = 0  # the faces' room and the card's top and bottom margins, when the fit began
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        for watched in (card, body):
            watched.installEventFilter(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.fontChanged.connect(self._font_changed)  # a method: disconnected when the card goes

    def _font_changed(self, _font: object) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            # Now, before the card is painted (a zero timer drew each new card once at the last card's size):
            # Qt has laid out the watched widget's children before its filters see the event.
            self.fit()
        elif kind == QEvent.Type.Show:
            self._timer.start()
        return False

    def _state(self) -> tuple[object, ...]:
        """What the fit depends on, apart from the faces' own font (changed here)."""
        items = (self._faces.itemAt(n) for n in range(self._faces.count()))
        widgets = (item.widget() for item in items if item is not None)
        shown = tuple(widget.isVisibleTo(self._body) for widget in widgets if widget is not None)
        # The viewport's height too: a fit made before the card laid out its new margins is made again after.
        return (self._card.size().toTuple(), self._area.width(), self._area.viewport().height(),
                QApplication.font().pointSizeF(), shown,
                tuple(label.text() for label in self._sizes))

    def _need(self) -> int:
        # The faces' width without a scroll bar (what they are fitted for), whether one shows now or not: measured
        # at the width of the moment, a fit that hid the bar widened the faces and undid itself, back and forth.
        area = self._area
        width = area.width() - 2 * area.gutter() if isinstance(area, SteadyScrollArea) else area.viewport().width()
        self._faces.invalidate()  # a face's new font is not in the layout's cached heights until its next turn
        if self._faces.hasHeightForWidth():
            return self._faces.totalHeightForWidth(width)
        return self._faces.totalSizeHint().height()

    def _room(self, margin: int) -> int:
        """The faces' room with ``margin`` above and below them in the card (as laid out now: the margins
        set by this fit are laid out on the event loop's next turn)."""
        return self._laid_out - 2 * margin

    def _set(self, margin: int, scale: float) -> None:
        left, _top, right, _bottom = self._full
        self._layout.setContentsMargins(left, margin, right, margin)
        if scale != self.scale:
            self.scale = scale
            for label, (points, _least) in self._sizes.items():
                set_relative_size(label, points * scale)

    def fit(self) -> None:
        """Give the faces the room they need now (nothing if nothing changed since the last fit)."""
        state = self._state()
        if state == self._fitted or not self._card.isVisible():
            return
        full, now = self._full[1], self._layout.contentsMargins()
        self._laid_out = self._area.viewport().height() + now.top() + now.bottom()
        # The full margins, then the tight ones, then the faces smaller step by step: the first that fits.
        for margin, scale in itertools.chain(((full, 1.0), (TIGHT_MARGIN, 1.0)),
                                             ((TIGHT_MARGIN, smaller) for smaller in self._smaller())):
            self._set(margin, scale)
            if self._need() <= self._room(margin):
                break
        else:  # too long to fit even so: full size, and it scrolls
            self._set(TIGHT_MARGIN, 1.0)
        self._fitted = self._state()

    def _smaller(self) -> Iterator[float]:
        """The faces' smaller sizes, a ``STEP`` apart, down to the least any face may take (worked out only
        when the full size does not fit)."""
        system = system_point_size()
        least = max(share * system / points for points, share in self._sizes.values())
        for step in range(1, int((1 - least) / STEP + 1e-9) + 1):
            yield round(1 - step * STEP, 2)
