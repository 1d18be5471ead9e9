"""Fonts sized relative to the app's text size, so View > Larger Text scales every text in the app.

The system's text size is read once, before StudyGuide first scales the app's font (``system_point_size``).
A widget given a font size of its own (a card's big question, a drill's title) would keep that size
when the app's font grows; ``set_relative_size`` gives it a size for 100% and keeps it in proportion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:  # imported where a font is made: naming (or receiving) a QFont builds its 8 enum classes,
    from PySide6.QtGui import QFont  # which the window's first frame does not need

#: The application property holding the system's text size in points (read before any scaling).
SYSTEM_SIZE = "studyguide_system_point_size"


def app_point_size() -> float:
    """The app's text size in points now (from its pixel size when the platform gives only that)."""
    font = QApplication.font()
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return font.pixelSize() * 72 / 96  # a pixel-sized system font, at the usual 96 dpi


def system_point_size() -> float:
    """The system's text size in points: the app's font before StudyGuide first scaled it."""
    app = QApplication.instance()
    assert app is not None, "a QApplication exists before text is sized"
    size = app.property(SYSTEM_SIZE)
    if not isinstance(size, float):
        size = app_point_size()
        app.setProperty(SYSTEM_SIZE, size)
    return size


class _FontFollowing(QObject):
    """Calls its ``follow`` whenever the app's font changes, on the next turn of the event loop (as a
    queued connection would): after the app style sheet (high contrast) has polished the widgets with
    the new font. (A zero timer rather than ``Qt.ConnectionType.QueuedConnection``: naming that builds
    every enum class of ``Qt``, and the Sections view makes one of these on the way to its first frame.)
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.fontChanged.connect(self._font_changed)

    def _font_changed(self, _font: QFont) -> None:
        QTimer.singleShot(0, self, self.follow)

    def follow(self, _font: QFont | None = None) -> None:
        raise NotImplementedError


class _Follower(_FontFollowing):
    """Re-sizes its widget's font when the app's font changes.

    Qt tells only top-level windows (``ApplicationFontChange``), and a child with a font size of
    its own gets no ``FontChange``: the application's ``fontChanged`` signal reaches every follower.
    """

    def __init__(self, widget: QWidget, ratio: float) -> None:
        super().__init__(widget)
        self.ratio = ratio
        self._widget = widget

    def follow(self, _font: QFont | None = None) -> None:
        """Give the widget its multiple of the app's text size."""
        from PySide6.QtGui import QFont

        font = QFont(self._widget.font())
        font.setPointSizeF(max(app_point_size() * self.ratio, 1.0))
        self._widget.setFont(font)


def set_relative_size(widget: QWidget, points: float, *, bold: bool | None = None) -> None:
    """Show ``widget``'s text at ``points`` when the text size is 100%, in proportion at any other size.

    Args:
        widget: The widget.
        points: Its size at 100% (work it out from ``system_point_size()`` to respect the system's size).
        bold: Make the font bold (True) or not (False); None leaves it.
    """
    from PySide6.QtGui import QFont

    font = QFont(widget.font())
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)
    follower = widget.findChild(_Follower)
    if follower is None:
        follower = _Follower(widget, 1.0)
    follower.ratio = points / system_point_size()
    follower.follow()
