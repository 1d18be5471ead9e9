"""Lane marker shapes, so colour is never the only thing that tells the timeline's lanes apart.

Each lane has a shape as well as a colour (circle, square, diamond, triangle, ...): a day's mark is drawn
in its lane's shape, a longer mark starts with it, and the lane legend shows it and says its name.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

#: Shapes in lane order (the colours repeat after six lanes; shapes after seven, so pairs rarely repeat).
SHAPES = ("circle", "square", "diamond", "triangle", "inverted triangle", "hexagon", "star")
_PLURALS = {"circle": "circles", "square": "squares", "diamond": "diamonds", "triangle": "triangles",
            "inverted triangle": "inverted triangles", "hexagon": "hexagons", "star": "stars"}


def lane_shapes(lanes: list[str]) -> dict[str, str]:
    """A shape for each lane, in order."""
    return {lane: SHAPES[i % len(SHAPES)] for i, lane in enumerate(lanes)}


def plural(shape: str) -> str:
    """The shape's name for a legend: "circles"."""
    return _PLURALS.get(shape, shape)


def _polygon(centre: QPointF, radius: float, corners: int, turn: float) -> QPolygonF:
    return QPolygonF([QPointF(centre.x() + radius * math.cos(turn + 2 * math.pi * i / corners),
                              centre.y() + radius * math.sin(turn + 2 * math.pi * i / corners))
                      for i in range(corners)])


def shape_path(shape: str, centre: QPointF, radius: float) -> QPainterPath:
    """The outline of ``shape`` around ``centre`` (about ``radius`` from it: shapes look the same size)."""
    path = QPainterPath()
    if shape == "square":
        side = radius * 0.9
        path.addRect(centre.x() - side, centre.y() - side, 2 * side, 2 * side)
    elif shape == "diamond":
        path.addPolygon(_polygon(centre, radius * 1.2, 4, 0.0))
    elif shape == "triangle":
        path.addPolygon(_polygon(QPointF(centre.x(), centre.y() + radius * 0.2), radius * 1.25, 3, -math.pi / 2))
    elif shape == "inverted triangle":
        path.addPolygon(_polygon(QPointF(centre.x(), centre.y() - radius * 0.2), radius * 1.25, 3, math.pi / 2))
    elif shape == "hexagon":
        path.addPolygon(_polygon(centre, radius * 1.1, 6, 0.0))
    elif shape == "star":
        points = []
        for i in range(10):
            r = radius * (1.3 if i % 2 == 0 else 0.6)
            angle = -math.pi / 2 + math.pi * i / 5
            points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
        path.addPolygon(QPolygonF(points))
    else:
        path.addEllipse(centre, radius, radius)
    path.closeSubpath()
    return path


def paint_shape(painter: QPainter, shape: str, centre: QPointF, radius: float, fill: QColor,
                edge: QColor) -> None:
    """Draw a filled marker with an edge (the background's colour, so it stands out on a bar)."""
    painter.save()
    painter.setPen(QPen(edge, 1.5))
    painter.setBrush(fill)
    painter.drawPath(shape_path(shape, centre, radius))
    painter.restore()


def shape_icon(shape: str, colour: QColor, size: int) -> QIcon:
    """The legend's icon: the lane's shape in its colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(shape_path(shape, QPointF(size / 2, size / 2), size * 0.36))
    painter.end()
    return QIcon(pixmap)
