"""Export the whole timeline, at the current zoom, as a PNG image or an SVG drawing.

Both go through the same painting code as the screen (the scene's items plus
the axis), so the file looks like the view, in the current light or dark
scheme. SVG keeps text as text, so it stays sharp and searchable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog

from studyguide.domain.messages import user_message
from studyguide.ui.timeline_scene import paint_axis
from studyguide.ui.widgets.safe_text import warn

#: The longest side of an exported PNG, in pixels (a huge image helps no one).
MAX_PNG_SIDE = 16000


def _paint(view, painter: QPainter, target: QRectF) -> None:
    canvas, model = view.canvas, view.model
    source = canvas.layout_rect()
    canvas.sync_all()
    view_left, view.style_.view_left = view.style_.view_left, -1e18
    try:
        painter.fillRect(target, view.style_.base)
        canvas.scene().render(painter, target, source)
        painter.save()
        painter.translate(target.topLeft())
        painter.scale(target.width() / source.width(), target.height() / source.height())
        painter.translate(-source.topLeft())
        paint_axis(painter, model, view.style_, left=source.left(), right=source.right(), y=model.axis_y)
        painter.restore()
    finally:
        view.style_.view_left = view_left
        canvas.set_scene_rect(source)


def export_png(view, path: str | Path) -> None:
    """Write the timeline as a PNG (scaled down if a side would pass ``MAX_PNG_SIDE``).

    Raises:
        OSError: If the file could not be written.
    """
    source = view.canvas.layout_rect()
    scale = min(1.0, MAX_PNG_SIDE / max(source.width(), source.height(), 1.0))
    ratio = view.devicePixelRatioF()
    size = QSize(max(int(source.width() * scale * ratio), 1), max(int(source.height() * scale * ratio), 1))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _paint(view, painter, QRectF(0, 0, size.width() / ratio, size.height() / ratio))
    painter.end()
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
        raise OSError(f"could not write {path}")


def export_svg(view, path: str | Path) -> None:
    """Write the timeline as an SVG drawing.

    Raises:
        OSError: If the file could not be written.
    """
    source = view.canvas.layout_rect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("Timeline")
    generator.setDescription("Exported from StudyGuide")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _paint(view, painter, QRectF(0, 0, source.width(), source.height()))
    painter.end()
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        raise OSError(f"could not write {path}")


def export_with_message(view, path: str, kind: str) -> bool:
    """Export and tell the user if it failed (a folder that cannot be written, a full disk)."""
    try:
        (export_svg if kind == "svg" else export_png)(view, path)
    except OSError as error:
        warn(view, "Export failed", f"The timeline could not be saved: {user_message(error)}.")
        return False
    return True


def export_dialog(view, kind: str) -> None:
    """Ask where to save the timeline as ``kind`` ("png" or "svg"), then save it there."""
    path, _ = QFileDialog.getSaveFileName(view, f"Export the timeline as {kind.upper()}", f"timeline.{kind}",
                                          f"{kind.upper()} (*.{kind})")
    if path:
        export_with_message(view, path, kind)
