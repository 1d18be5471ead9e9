"""The Stats view: a year of reviews, the next month's load, retention and mastery, as pictures.

Each chart is a small QPainter widget drawing a list of domain values; the
numbers come from ``Library.stats`` (aggregate queries, no per-row work here),
computed on the task runner: the view keeps its previous figures, or says
"Calculating…", until they arrive (``updated``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.spoken import (
    forecast_summary,
    heatmap_summary,
    mastery_count,
    mastery_summary,
    retention_summary,
)
from studyguide.domain.stats import (
    MASTERED_DAYS,
    DayCount,
    SectionMastery,
    WeekRetention,
    due_summary,
    plural,
    week_label,
)
from studyguide.ui.theme import is_high_contrast

if TYPE_CHECKING:
    from studyguide.ui.services import StatsServices
    from studyguide.ui.tasks import TaskRunner

ACCENT = QColor("#2a7de1")
GOOD = QColor("#3c9a5f")
#: An empty day or bar in high contrast: plainly there, and darker than any filled one.
HIGH_CONTRAST_EMPTY = "#3a3a3a"
#: How the "seen" part of a mastery bar is drawn: the accent, faded over the background.
SEEN_ALPHA = 90
NO_FORECAST = "Nothing you have studied falls due in the next 30 days (new cards are not counted here)."
NO_RETENTION = ("No reviews yet: retention appears after your first reviewed cards come due again "
                "and you answer them.")


def _shade(base: QColor, amount: float, empty: QColor) -> QColor:
    """Blend from ``empty`` (0.0) to ``base`` (1.0)."""
    amount = max(0.0, min(amount, 1.0))
    return QColor(
        int(empty.red() + (base.red() - empty.red()) * amount),
        int(empty.green() + (base.green() - empty.green()) * amount),
        int(empty.blue() + (base.blue() - empty.blue()) * amount),
    )


def _bold_count(count: int, noun: str) -> str:
    """"<b>2</b> days", "<b>1</b> day"."""
    number, words = plural(count, noun).split(" ", 1)
    return f"<b>{number}</b> {words}"


class _Chart(QWidget):
    """Base for the charts: a height in lines of text (so a larger text size gets a taller chart, and its
    labels never clip), palette-aware colours.

    Tab reaches each chart, and a screen reader reads its name and, as its description,
    the figures in a sentence or two (``domain.spoken``); the app's focus ring frames it.
    """

    #: Height in lines of the widget's text.
    LINES = 9.5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def summarise(self, text: str) -> None:
        """Say what the chart shows, in words (its accessible description and tooltip)."""
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def line(self) -> float:
        """The height of a line of the chart's text, in pixels: the unit of its layout."""
        return QFontMetricsF(self.font()).height()

    def _fit_height(self) -> None:
        self.setMinimumHeight(int(self.LINES * self.line()))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # View > Larger Text
            self._fit_height()
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, self.minimumHeight())

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def empty_colour(self) -> QColor:
        if is_high_contrast(self.palette()):  # its Mid is white, for the edges of controls
            return QColor(HIGH_CONTRAST_EMPTY)
        colour = self.palette().color(QPalette.ColorRole.Mid)
        colour.setAlpha(255)
        return colour


class HeatmapChart(_Chart):
    """A calendar of the last year: one square per day, darker for more answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[DayCount] = []

    def set_days(self, days: Sequence[DayCount]) -> None:
        self.days = list(days)
        self.summarise(heatmap_summary(self.days))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        if not self.days:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        weeks = (len(self.days) + self.days[0].day.weekday() + 6) // 7
        line, advance = self.line(), self.fontMetrics().horizontalAdvance
        left = max(advance(name) for name in ("Mon", "Wed", "Fri")) + 6  # the day names' column
        cell = max(min((self.width() - left - 10) / max(weeks, 1), (self.height() - line - 8) / 7), 4)
        peak = max((d.count for d in self.days), default=0) or 1
        empty = self.empty_colour()
        painter.setPen(self.text_colour())
        last_month = None
        for index, day in enumerate(self.days):
            column = (index + self.days[0].day.weekday()) // 7
            row = day.day.weekday()
            x, y = left + column * cell, line + 2 + row * cell
            if day.day.month != last_month and row == 0:
                month = day.day.strftime("%b")
                painter.drawText(QRectF(x, 0, advance(month) + 4, line), Qt.AlignmentFlag.AlignLeft, month)
                last_month = day.day.month
            colour = _shade(GOOD, 0.25 + 0.75 * day.count / peak, empty) if day.count else empty
            painter.fillRect(QRectF(x + 1, y + 1, cell - 2, cell - 2), colour)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):  # a line high, centred on its row (not clipped
            middle = line + 2 + (row + 0.5) * cell  # to a square shorter than the text: 200% text at 900 px)
            painter.drawText(QRectF(0, middle - line / 2, left - 2, line), Qt.AlignmentFlag.AlignVCenter, name)


class BarChart(_Chart):
    """Bars with a label under every few bars (the 30-day forecast, weekly retention)."""

    def __init__(self, parent: QWidget | None = None, *, colour: QColor = ACCENT, percent: bool = False) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.labels: list[str] = []
        self.colour = colour
        self.percent = percent

    def set_bars(self, values: Sequence[float], labels: Sequence[str], summary: str = "") -> None:
        self.values, self.labels = list(values), list(labels)
        self.summarise(summary or "No figures yet.")
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        if not self.values:
            return
        top = 1.0 if self.percent else (max(self.values) or 1.0)
        width = (self.width() - 10) / len(self.values)
        line = self.line()
        chart_height = self.height() - 2.5 * line
        painter.setPen(self.text_colour())
        every = max(1, len(self.values) // 10)
        for index, value in enumerate(self.values):
            height = chart_height * value / top
            x = 5 + index * width
            painter.fillRect(QRectF(x + 2, line + 2 + chart_height - height, max(width - 4, 1), height),
                             self.colour)
            if value:
                text = f"{value:.0%}" if self.percent else f"{value:g}"
                painter.drawText(QRectF(x - 10, 2 + chart_height - height, width + 20, line),
                                 Qt.AlignmentFlag.AlignHCenter, text)
            if index % every == 0:
                painter.drawText(QRectF(x - 4 * line, line + 6 + chart_height, width + 8 * line, line),
                                 Qt.AlignmentFlag.AlignHCenter, self.labels[index])


class MasteryChart(_Chart):
    """One row per section: the share mastered (dark) and seen (light)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SectionMastery] = []

    def set_rows(self, rows: Sequence[SectionMastery]) -> None:
        self.rows = list(rows)
        self._fit_height()
        self.summarise(mastery_summary(self.rows) if self.rows else "No figures yet.")
        self.update()

    def _fit_height(self) -> None:
        self.setMinimumHeight(int(max(1.6 * self.line() * len(getattr(self, "rows", [])) + 8, 2.5 * self.line())))

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.text_colour())
        row_height, count_width = 1.6 * self.line(), self.fontMetrics().horizontalAdvance("999/999 mastered") + 10
        label_width = min(self.width() * 0.4, 52 * self.fontMetrics().averageCharWidth())
        bar_width = self.width() - label_width - count_width
        seen_colour, empty_colour, metrics = QColor(ACCENT), self.empty_colour(), self.fontMetrics()
        seen_colour.setAlpha(SEEN_ALPHA)
        # Only the rows in the exposed area: in the scroll area that is a screenful of 1,000 sections.
        first = max(0, int((event.rect().top() - 4) // row_height))
        for index in range(first, min(len(self.rows), int((event.rect().bottom() - 4) // row_height) + 1)):
            row = self.rows[index]
            y, bar_top, bar_height = 4 + index * row_height, 4 + index * row_height + 0.2 * row_height, 0.6 * row_height
            title = metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, int(label_width - 8))
            painter.drawText(QRectF(0, y, label_width - 8, row_height), Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignRight, title)
            painter.fillRect(QRectF(label_width, bar_top, bar_width, bar_height), empty_colour)
            if row.cards:
                painter.fillRect(QRectF(label_width, bar_top, bar_width * row.seen / row.cards, bar_height),
                                 seen_colour)
                painter.fillRect(QRectF(label_width, bar_top, bar_width * row.share, bar_height), ACCENT)
            painter.drawText(QRectF(label_width + bar_width + 8, y, count_width, row_height),
                             Qt.AlignmentFlag.AlignVCenter,
                             mastery_count(row))


class StatsView(QWidget):
    """The four charts for the current guide, refreshed when shown after a change.

    Args:
        library: The library's services.
        tasks: The task runner the report is computed on (one of its own when None).

    Signals:
        updated(): The figures on screen are the latest (after each report is drawn).
    """

    updated = Signal()

    def __init__(self, *, library: StatsServices, tasks: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from studyguide.ui.tasks import TaskRunner

        self._library = library
        self._tasks = tasks or TaskRunner(self)
        self._guide_id: str | None = None
        #: The guide whose figures are on screen, and whether a report is being computed.
        self._shown: str | None = None
        self._computing = False
        self._dirty = True
        self.summary = QLabel()
        self.heatmap = HeatmapChart()
        self.forecast = BarChart()
        self.retention = BarChart(colour=GOOD, percent=True)
        self.mastery = MasteryChart()
        for chart, chart_name in ((self.heatmap, "Reviews per day, last 12 months"),
                                  (self.forecast, "Cards due, next 30 days"),
                                  (self.retention, "True retention per week"), (self.mastery, "Mastery by section")):
            chart.setAccessibleName(chart_name)
        self.due = QLabel()
        self.due.setAccessibleDescription("Cards due")  # read as its counts
        self.due.setWordWrap(True)  # one line was 966 px at 200% text: the page scrolled sideways at 900 px
        self.forecast_empty = QLabel(NO_FORECAST)
        self.forecast_empty.setWordWrap(True)
        self.retention_empty = QLabel(NO_RETENTION)
        self.retention_empty.setWordWrap(True)
        self.mastery_legend = QLabel()
        content = QWidget()
        layout = QVBoxLayout(content)
        for title, widget in (("", self.summary), ("Reviews per day, last 12 months", self.heatmap),
                              ("Cards due, next 30 days (new cards not counted; today's bar: due by the end "
                               "of the day, overdue included)", self.due),
                              ("", self.forecast_empty), ("", self.forecast),
                              ("True retention per week (cards in review remembered)", self.retention_empty),
                              ("", self.retention),
                              (f"Mastery by section (mastered: remembered for {MASTERED_DAYS:g}+ days)",
                               self.mastery_legend),
                              ("", self.mastery)):
            if title:
                layout.addSpacing(10)  # air between one chart and the next heading
                heading = QLabel(f"<b>{title}</b>")
                heading.setWordWrap(True)
                layout.addWidget(heading)
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Statistics")
        scroll.setAccessibleDescription("Tab goes through the charts; each is read as a summary.")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def set_guide(self, guide_id: str) -> None:
        """Show another guide's statistics (computed when next shown)."""
        self._guide_id = guide_id
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Recompute after answers or content changes."""
        if changes.progress or changes.content or changes.guides:
            self._dirty = True

    def showEvent(self, event) -> None:  # noqa: N802
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Recompute the report on the task runner; the charts are redrawn when it arrives."""
        if self._guide_id is None:
            return
        self._dirty = False
        if self._computing:  # one at a time: the newest is asked for when this one arrives
            self._dirty = True
            return
        if self._shown != self._guide_id:
            self._calculating()
        self._computing = True
        library, guide_id = self._library, self._guide_id
        self._tasks.run(lambda _ctx: library.stats(guide_id), on_done=lambda report: self._arrived(guide_id, report),
                        on_error=self._failed)

    def _arrived(self, guide_id: str, report: Any) -> None:  # a review.stats.StatsReport
        self._computing = False
        if self._dirty or guide_id != self._guide_id:  # a change, or another guide, since it was asked for
            if self.isVisible():
                self.refresh()
            return
        self._show(guide_id, report)
        self.updated.emit()

    def _failed(self, error: BaseException) -> None:
        self._computing = False
        if not isinstance(error, StoreUnavailable):
            raise error  # a bug: the task runner hands it to the crash dialog
        # The guide's file went away meanwhile (deleted): the library's reload asks again.
        self._dirty = True
        self.summary.setText("Statistics are unavailable right now.")

    def _calculating(self) -> None:
        """No figures of this guide yet: say so, and show no other guide's (nor "nothing due")."""
        self.summary.setText("Calculating\u2026")
        self.due.clear()
        self.heatmap.set_days([])
        self.forecast.set_bars([], [])
        self.retention.set_bars([], [])
        self.mastery.set_rows([])
        for empty in (self.forecast_empty, self.retention_empty):
            empty.setVisible(False)

    def _show(self, guide_id: str, report: Any) -> None:
        self._shown = guide_id
        days_studied = sum(1 for d in report.calendar if d.count)
        self.summary.setText(f"<span style='font-size:large'>{_bold_count(report.total_reviews, 'answer')} in "
                             f"the last year, on {_bold_count(days_studied, 'day')}.</span>")
        self.due.setText(due_summary(self._library.due_counts(guide_id), report.forecast[0].count))
        self.heatmap.set_days(report.calendar)
        self.forecast.set_bars([d.count for d in report.forecast],
                               ["Today" if i == 0 else d.day.strftime("%d %b") for i, d in enumerate(report.forecast)],
                               forecast_summary(report.forecast))
        due_soon = any(day.count for day in report.forecast)
        self.forecast.setVisible(due_soon)
        self.forecast_empty.setVisible(not due_soon)
        weeks: list[WeekRetention] = report.retention
        self.retention.set_bars([w.rate for w in weeks], [week_label(w.week) for w in weeks],
                                retention_summary(weeks))
        # An empty chart says nothing: say why it is empty instead.
        self.retention.setVisible(bool(weeks))
        self.retention_empty.setVisible(not weeks)
        self.mastery.set_rows(report.mastery)
        self.mastery_legend.setText(self._legend())

    def _legend(self) -> str:
        """The mastery bars' colours, as swatches drawn in the colours the chart uses."""
        empty = self.mastery.empty_colour()
        seen = _shade(ACCENT, SEEN_ALPHA / 255, empty)  # drawn over the empty bar
        swatch = "<span style='color:{}'>\u25a0</span>&nbsp;{}"
        return " &nbsp; ".join(swatch.format(colour.name(), text) for colour, text in (
            (ACCENT, "mastered"), (seen, "seen, not mastered yet"), (empty, "not seen yet")))
