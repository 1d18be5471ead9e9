"""A focus ring anyone can see: 2 px, in a colour that stands out from the window, light or dark.

Qt's styles mark the focused control with a 1 px outline in the highlight colour, which
is faint, and in a dark scheme it can fall under the 3:1 contrast a focus indicator
needs (WCAG 2.2, 1.4.11 and 2.4.13); some controls (lists, text, the charts) get none.
``FocusRing`` follows the keyboard focus across the app and draws a 2 px ring just
outside the focused control (a ``QFocusFrame``: above its siblings, clipped by its
parent), whatever style or theme the app uses, once the focus has moved by keyboard in
that window (as the styles show their own outline).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QProxyStyle, QStyle, QWidget
from shiboken6 import isValid

#: Least contrast between the ring and the window behind it.
MIN_CONTRAST = 3.0
RING_WIDTH = 2.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def towards(colour: QColor, target: QColor, least: float, against: QColor, steps: int) -> QColor:
    """``colour`` moved towards ``target`` in ``steps`` even steps, stopping at the first that stands out
    from ``against`` ``least``:1 (``target`` itself if none does)."""
    moved = colour
    for step in range(1, steps + 1):
        share = step / steps
        moved = QColor.fromRgbF(colour.redF() + (target.redF() - colour.redF()) * share,
                                colour.greenF() + (target.greenF() - colour.greenF()) * share,
                                colour.blueF() + (target.blueF() - colour.blueF()) * share)
        if contrast(moved, against) >= least:
            break
    return moved


def ring_colour(palette: QPalette) -> QColor:
    """The highlight colour, moved towards the text colour until it stands out from the window 3:1."""
    window = palette.color(QPalette.ColorRole.Window)
    ring = QColor(palette.color(QPalette.ColorRole.Highlight))
    if contrast(ring, window) >= MIN_CONTRAST:
        return ring
    return towards(ring, palette.color(QPalette.ColorRole.WindowText), MIN_CONTRAST, window, 10)


class _Margins(QProxyStyle):
    """The ring's own style: the frame stands this far outside the focused control."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802
        if metric in (QStyle.PixelMetric.PM_FocusFrameHMargin, QStyle.PixelMetric.PM_FocusFrameVMargin):
            return int(RING_WIDTH) + 1
        return super().pixelMetric(metric, option, widget)


class _Frame(QFocusFrame):
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring_colour(self.palette()), RING_WIDTH))
        half = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 4, 4)


class FocusRing(QObject):
    """Draws the ring around whichever control has the keyboard focus, in every window of the app.

    Args:
        app: The application whose focus it follows (its ``focusChanged``).
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._style = _Margins()
        self._style.setParent(self)
        self._frame: _Frame | None = None
        app.focusChanged.connect(self.follow)

    @property
    def target(self) -> QWidget | None:
        """The control the ring is around (None when hidden)."""
        frame = self._frame
        return frame.widget() if frame is not None and isValid(frame) and frame.isVisible() else None

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Put the ring around ``new`` if the focus came to it in a window where keys moved it."""
        frame = self._frame if self._frame is not None and isValid(self._frame) else None
        wanted = (new is not None and not new.isWindow() and new.isVisible()
                  and new.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange))
        if new is None or not wanted:
            if frame is not None:
                frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes nullptr: let go
                frame.hide()
            return
        if frame is None:
            # Made afresh when its last parent took it down with it (a closed dialog).
            frame = self._frame = _Frame()
            frame.setStyle(self._style)
            frame.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        frame.setWidget(new)
        frame.show()
