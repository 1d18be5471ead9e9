"""How full the timeline's labels are: title and date, the title only, or shortened titles (``scene.DENSITIES``).

The fullest labels whose rows fit the view's height are drawn. Where none fit, the view scrolls: with full
labels while it holds a few of their rows, and with compact ones (the title; the date is on the axis) when it
is short, so it shows more than one: of those, the ones that take the fewest rows (the fullest of them). (At
200% text with the details pane open the canvas held a single full row, 84 px, of the Cuban Missile Crisis's.)
The density is chosen again when zoomed, and when the view becomes short or stops being short (the details
pane opens or closes, the window is resized): not at every change of its height, or stepping through the
events, whose details differ in height, would change the labels at each step.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING

from studyguide.ui import timeline_scene as scene
from studyguide.ui.timeline_canvas import zoomed

if TYPE_CHECKING:
    from studyguide.domain import timeline as layout_math
    from studyguide.domain.guide import Event
    from studyguide.ui.timeline_canvas import TimelineCanvas

#: Room left of the earliest event and right of the last label, in pixels.
LEFT_PAD, RIGHT_PAD = 24.0, 8.0
#: Past this many shown events the density is kept as it is when zooming or resizing (one layout per try).
MAX_REDENSIFIED = 2000
#: A view that holds fewer full rows than this is short: where no density fits, it takes compact labels.
SHORT_ROWS = 3


class LabelDensity:
    """The timeline's choice of label density (mixed into ``TimelineView``)."""

    # What it uses of the timeline it is mixed into.
    canvas: TimelineCanvas
    model: scene.SceneModel
    style_: scene.TimelineStyle
    _shown: list[Event]
    _shown_widths: list[float]
    _layouts: layout_math.ZoomLayouts
    _densities: list[tuple[list[float], layout_math.ZoomLayouts]]
    _was_short = False  # whether the view was short when the density was last chosen

    def _relayout(self) -> None:
        raise NotImplementedError  # the timeline's

    def _scroll_to(self, scaled: float, on_screen: float) -> None:
        raise NotImplementedError  # the timeline's

    def _use_density(self, density: int) -> None:
        """Labels as full as ``scene.DENSITIES[density]`` says."""
        self.style_.density = density
        self.model.row_height = scene.DENSITIES[density][0] * self.style_.unit
        self._shown_widths, self._layouts = self._densities[density]

    def _pick_density(self, fit: Callable[[], float | None] | None = None) -> None:
        """The fullest labels whose rows fit (zoomed by ``fit()`` if given); if none fit, full labels, or compact
        ones in a short view (``_scrolling``)."""
        def use(density: int) -> bool:
            self._use_density(density)
            if fit is not None:
                self.model.px_per_year = zoomed(fit() or 365 * 40.0, 1.0)
            return self._rows_fit()
        self._was_short = self._short()
        if use(len(self._densities) - 1):  # the densest fits: take the fullest that does
            next(density for density in range(len(self._densities)) if use(density))
        else:  # none will fit (a big guide stops here after one try): the view scrolls
            use(self._scrolling(use))

    def _scrolling(self, use: Callable[[int], bool]) -> int:
        """The density of a view none fits: full labels, unless it is short; then, of the compact densities
        (tried with ``use``), the one that takes the fewest rows, the fullest of those."""
        if not self._was_short or len(self._shown) > MAX_REDENSIFIED:
            return 0

        def rows(density: int) -> int:
            use(density)
            return max(self._layouts.get(self.model.px_per_year)[2], default=0)
        return min(range(1, len(self._densities)), key=lambda density: (rows(density), density), default=0)

    def _short(self) -> bool:
        """True when the view holds fewer than ``SHORT_ROWS`` rows of full labels."""
        full = scene.DENSITIES[0][0] * self.style_.unit
        return self.canvas.rows_room(sideways_bar=False) < SHORT_ROWS * full

    def _rows_fit(self) -> bool:
        """True when the rows of the current density, at the current zoom, fit the view's height."""
        x0s, x1s, rows = self._layouts.get(self.model.px_per_year)
        # A horizontal scroll bar will take room if the marks and labels are wider than the view.
        height = self.canvas.rows_room(sideways_bar=self._right_end(x0s, x1s) > self.canvas.fit_width())
        return (max(rows, default=0) + 1) * self.model.row_height + 4 <= height

    def _right_end(self, x0s: list[float], x1s: list[float]) -> float:
        """Scene x where the laid-out marks and labels end."""
        return max(max(x1s, default=0.0), max(map(operator.add, x0s, self._shown_widths), default=0.0)) + RIGHT_PAD

    def _height_changed(self) -> None:
        """The view's height changed: if it became short or stopped being short, the density that fits it now,
        the date at the centre and the rows by the axis (or the selected event) kept in view."""
        if (not self._shown or len(self._shown) > MAX_REDENSIFIED or not self._densities
                or self._short() == self._was_short):
            return
        before = self.style_.density
        self._pick_density()
        if self.style_.density == before:
            return
        model, canvas = self.model, self.canvas
        centre = model.origin + canvas.visible_rect().center().x() / model.px_per_year
        self._relayout()
        self._scroll_to(centre, canvas.viewport().width() / 2)
        bar = canvas.verticalScrollBar()
        bar.setValue(bar.maximum())  # the rows by the axis, as when fitted
        selected = next((i for i, event in enumerate(model.events) if event.id == self.style_.selected_id), None)
        if selected is not None:
            canvas.bring_into_sight(model.rect(selected))  # whole rows at the axis
