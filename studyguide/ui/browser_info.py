"""The card browser's card-info pane: the card's section (a link to read it), its answers, and
its retrievability over time (a small plot drawn with QPainter)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from studyguide.domain.card_filter import CardRow, ReviewEntry
from studyguide.ui.browser_model import cell_text

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class CurvePlot(QWidget):
    """Retrievability (0-100%) against time, with a dot at each answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[datetime, float]] = []
        self.answers: list[datetime] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Retrievability over time")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for the percentages and, under the plot, its first and last dates apart (at 200% text the
        pane was squeezed until they overlapped)."""
        metrics = self.fontMetrics()
        dates = 2 * metrics.horizontalAdvance("2026-12-31") + metrics.horizontalAdvance("  ")
        return QSize(metrics.horizontalAdvance("100%") + 6 + dates + 8, 120)

    def set_curve(self, points: Sequence[tuple[datetime, float]], answers: Sequence[datetime]) -> None:
        self.points, self.answers = list(points), list(answers)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        left, bottom = metrics.horizontalAdvance("100%") + 6, metrics.height() + 4
        top = metrics.height() / 2 + 2
        plot = QRectF(left, top, max(self.width() - left - 8, 10), max(self.height() - bottom - top - 4, 10))
        faint = QPen(text)
        faint.setColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(faint)
        for level in (0.0, 0.5, 0.9, 1.0):
            y = plot.bottom() - level * plot.height()
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(text)
        for level in (0.0, 0.5, 1.0):
            y = plot.bottom() - level * plot.height()
            painter.drawText(QRectF(0, y - metrics.height() / 2, left - 4, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{level:.0%}")
        if not self.points:
            # Between the 100% and 50% lines (centred on the plot it sat on the 50% line).
            painter.drawText(QRectF(plot.left(), plot.top(), plot.width(), plot.height() / 2),
                             Qt.AlignmentFlag.AlignCenter, "Not studied yet")
            return
        start, end = self.points[0][0], self.points[-1][0]
        span = max((end - start).total_seconds(), 1.0)

        def at(when: datetime, value: float) -> QPointF:
            return QPointF(plot.left() + (when - start).total_seconds() / span * plot.width(),
                           plot.bottom() - value * plot.height())

        path = QPainterPath(at(*self.points[0]))
        for when, value in self.points[1:]:
            path.lineTo(at(when, value))
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        for when in self.answers:
            painter.drawEllipse(at(when, 1.0), 3, 3)
        painter.setPen(text)
        labels = QRectF(plot.left(), plot.bottom() + 2, plot.width(), metrics.height())
        painter.drawText(labels, Qt.AlignmentFlag.AlignLeft, start.astimezone().strftime("%Y-%m-%d"))
        painter.drawText(labels, Qt.AlignmentFlag.AlignRight, end.astimezone().strftime("%Y-%m-%d"))


def _when(at: datetime, year: int) -> str:
    """An answer's time, short: "6 Mar 13:38" in ``year``, else "6 Mar 2025"."""
    local = at.astimezone()
    return f"{local.day} {local:%b %H:%M}" if local.year == year else f"{local.day} {local:%b %Y}"


class CardInfo(QWidget):
    """The selected card: its text, section link, state, answers and curve.

    Signals:
        section_requested(str, str): Read this section (guide id, section id).
    """

    section_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card: CardRow | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.section = QLabel()
        self.section.setTextFormat(Qt.TextFormat.RichText)
        self.section.setWordWrap(True)  # on one line it held the pane 650 px wide at 200% text, the table a strip
        self.section.linkActivated.connect(self._open_section)
        # Tab reaches the link and Enter or Space follows it (a student without a mouse could not open it).
        self.section.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.section.installEventFilter(self)
        self.history = QTextBrowser()
        self.history.setOpenLinks(False)
        self.history.setAccessibleName("Review history")
        self.curve = CurvePlot()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.section)
        self.curve_title = curve_title = QLabel("Retrievability over time:")
        curve_title.setWordWrap(True)
        layout.addWidget(curve_title)
        layout.addWidget(self.curve)
        layout.addWidget(self.history, 1)
        self.show_card(None, [], [])

    def show_card(self, card: CardRow | None, entries: Sequence[ReviewEntry],
                  curve: Sequence[tuple[datetime, float]], *, none_found: str | None = None) -> None:
        """Show a card (None: nothing selected; ``none_found``: the search that found no card)."""
        self.card = card
        for part in (self.curve_title, self.curve, self.history):  # no plot or history of no card
            part.setVisible(card is not None or none_found is None)
        self.section.setFocusPolicy(Qt.FocusPolicy.TabFocus if card is not None else Qt.FocusPolicy.NoFocus)
        if card is None:
            self.title.setText("Select a card to see its history." if none_found is None
                               else f"No card matches \u201c{none_found}\u201d." if none_found.strip()
                               else "This guide has no cards yet.")
            self.section.setText("")
            self.history.setHtml("")
            self.curve.set_curve([], [])
            return
        self.title.setText(" ".join(card.question.split())[:300])
        self.section.setText(f"From <a href='section'>{html.escape(card.section or card.section_id)}</a> "
                             f"({html.escape(card.guide)})")
        facts = [("State", cell_text(card, "state")), ("Due", cell_text(card, "due")),
                 ("Interval", cell_text(card, "interval")), ("Stability", cell_text(card, "stability")),
                 ("Difficulty", cell_text(card, "difficulty")),
                 ("Retrievability now", cell_text(card, "retrievability")),
                 ("Reviews", str(card.reviews)), ("Lapses", str(card.lapses))]
        rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(value or '-')}</td></tr>"
                       for name, value in facts)
        # Each answer on one line, in the narrow pane's width: "2026-03-06 13:38" wrapped mid-word there (and
        # "Answered"); the year is said only where it is not the latest answer's.
        year = entries[-1].at.astimezone().year if entries else 0
        answers = "".join(
            f"<tr style='white-space:nowrap'><td>{_when(e.at, year)}</td>"
            f"<td>{RATINGS.get(e.rating, e.rating)}</td><td>{e.seconds:.0f} s</td>"
            f"<td>{'' if e.stability is None else f'{e.stability:.1f} d'}</td></tr>"
            for e in reversed(entries))
        history = (f"<table cellpadding=1 cellspacing=0><tr style='white-space:nowrap'><th align=left>Answered</th>"
                   f"<th align=left>Rating</th><th align=left>Time</th><th align=left>Stability</th></tr>"
                   f"{answers}</table>"
                   if entries else "<p>No answers yet.</p>")
        self.history.setHtml(f"<table cellpadding=2>{rows}</table><h4>Review history</h4>{history}")
        self.curve.set_curve(curve, [e.at for e in entries])

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        """Enter, Return or Space on the focused section line: open the section, as a click on its link."""
        if (watched is self.section and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)):
            self._open_section("section")
            return True
        return super().eventFilter(watched, event)

    def _open_section(self, _link: str) -> None:
        if self.card is not None:
            self.section_requested.emit(self.card.guide_id, self.card.section_id)
