"""The axis's tick labels are drawn whole at both ends of the axis strip. With one event the first tick sits at the
view's left edge and its label, centred on it, was cut: "Jan 1, 1959" read "n 1, 1959" (authoring tour, 900x600).
A label near an edge is now shifted inward, or left out when it cannot fit beside its neighbour."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from studyguide.ui import timeline_strips


@pytest.fixture
def one_event(qtbot, authoring, guide_window):
    guide = authoring.new_guide("Revolution").ids[0]
    section = authoring.add_section(guide, "Havana").ids[0]
    authoring.add_event(guide, section, "Batista flees", "January 1, 1959")
    window = guide_window(guide)
    window.tabs.setCurrentWidget(window.timeline)
    qtbot.wait_until(lambda: window.timeline.isVisible() and bool(window.timeline.model.events))
    return window


def _labels(qtbot, monkeypatch, strip) -> list[tuple[str, QRectF]]:
    """The tick labels the axis strip paints, each with its rect in the strip's pixels."""
    drawn: list[tuple[str, QRectF]] = []
    draw = QPainter.drawText

    def record(painter, *args):
        if painter.device() is strip and isinstance(args[0], QPointF) and isinstance(args[1], str):
            metrics = QFontMetricsF(painter.font())
            at = painter.worldTransform().map(args[0])
            drawn.append((args[1], QRectF(at.x(), at.y() - metrics.ascent(), metrics.horizontalAdvance(args[1]),
                                          metrics.height())))
        return draw(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", record)
    strip.repaint()
    monkeypatch.setattr(QPainter, "drawText", draw)
    return drawn


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("percent", [100, 200])
def test_every_tick_label_is_whole_inside_the_axis_strip_at_every_zoom(qtbot, monkeypatch, one_event, theme, percent):
    one_event.theme.set_theme(theme)
    one_event.text_size.set_percent(percent)
    timeline = one_event.timeline
    qtbot.wait_until(lambda: timeline.style_.unit > percent / 100 - 0.2)
    timeline.fit_all()
    strip = timeline.canvas.axis
    assert isinstance(strip, timeline_strips.AxisStrip)
    seen = 0
    for step in range(14):  # from the fit, in and then out, panned to each end
        for pan in (0.0, -5.0, 5.0):
            timeline.pan(pan)
            labels = _labels(qtbot, monkeypatch, strip)
            seen += len(labels)
            inside = QRectF(strip.rect())
            for text, rect in labels:
                assert inside.contains(rect), (text, rect, inside, step)
            lefts = sorted(labels, key=lambda label: label[1].left())
            for (one, a), (other, b) in pairwise(lefts):
                assert a.right() <= b.left(), (one, other)
        timeline.zoom(1.6 if step < 7 else 1 / 1.6 ** 2)
    assert seen > 20, "the axis was labelled"
