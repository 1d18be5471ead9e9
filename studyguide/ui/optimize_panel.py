"""Review Settings' "Your memory model" box: Optimize, the fitted against the current parameters, Use them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studyguide.domain.optimization import MIN_REVIEWS, Optimization


def _table(result: Optimization) -> str:
    assert result.fitted is not None and result.current is not None
    rows = [("", "Fitted", "In use"),
            ("Log loss", f"{result.fitted.log_loss:.4f}", f"{result.current.log_loss:.4f}"),
            ("RMSE", f"{result.fitted.rmse:.4f}", f"{result.current.rmse:.4f}")]
    cells = "".join("<tr>" + "".join(f"<td style='padding-right:14px'>{c}</td>" for c in row) + "</tr>" for row in rows)
    verdict = ("The fitted parameters predict your latest reviews better." if result.better else
               "The parameters in use predict your latest reviews as well or better: they stay.")
    return (f"Fitted to {result.train:,} reviews, tested on your latest {result.held_out:,} "
            f"(lower is better):<table>{cells}</table>{verdict}")


class OptimizePanel(QGroupBox):
    """Fits the learner's own FSRS parameters (the window runs the job) and offers them.

    Parameters fitted to one guide's reviews are that guide's own (its cards are scheduled with
    them); those fitted to all guides' reviews are used for every guide without its own.

    Args:
        guides: (id, title) of the guides to choose from; the first is preselected.
        own_parameters: True when the learner's fitted parameters are in use (without ``in_use``).
        in_use: Says which parameters a guide (None: all guides) is scheduled with.

    Signals:
        optimize_requested(object): Optimize was pressed; the guide id, or None for all guides.
        use_requested(object, object): "Use for this guide" / "Use for all guides" was pressed: the
            guide id the parameters were fitted to (None: all guides), the fitted tuple.
        retention_suggested(float): "Use suggested retention" was pressed.
        result_shown(object): An ``Optimization`` (or a message string) is on screen.
    """

    optimize_requested = Signal(object)
    use_requested = Signal(object, object)
    retention_suggested = Signal(float)
    result_shown = Signal(object)

    def __init__(self, *, guides: list[tuple[str, str]], own_parameters: bool = False,
                 in_use: Callable[[str | None], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Your memory model", parent)
        self._result: Optimization | None = None
        self._fitted_to: str | None = None  # the scope the result was fitted to
        self._in_use = in_use or (lambda _scope: "In use: your own fitted parameters." if own_parameters
                                  else "In use: FSRS's default parameters.")
        self.scope = QComboBox()
        for guide_id, title in guides:
            self.scope.addItem(f"Reviews of {title}", guide_id)
        self.scope.addItem("Reviews of all guides", None)
        self.optimize = QPushButton("Optimize\u2026")
        self.optimize.setToolTip(f"Fit FSRS's 21 parameters to your own reviews (needs at least {MIN_REVIEWS}): "
                                 "one guide's, for that guide, or all guides', for every guide without its own")
        self.optimize.clicked.connect(self._optimize)
        self.scope.currentIndexChanged.connect(lambda _index: self.show_in_use())
        self.in_use = QLabel()
        self.report = QLabel("Fit the scheduler to how you remember.")
        self.report.setTextFormat(Qt.TextFormat.RichText)  # only numbers and fixed words go in
        self.report.setWordWrap(True)
        self.use = QPushButton("Use for this guide")
        self.use.setEnabled(False)
        self.use.clicked.connect(self._use)
        self.use_retention = QPushButton("Use suggested retention")
        self.use_retention.setEnabled(False)
        self.use_retention.clicked.connect(self._suggest)
        top = QHBoxLayout()
        top.addWidget(self.scope, 1)
        top.addWidget(self.optimize)
        actions = QHBoxLayout()
        actions.addWidget(self.use)
        actions.addWidget(self.use_retention)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.in_use)
        layout.addWidget(self.report)
        layout.addLayout(actions)
        self.show_in_use()

    def show_in_use(self) -> None:
        """Say which parameters the chosen guide (or all guides) is scheduled with now."""
        self.in_use.setText(self._in_use(self.scope.currentData()))

    def _optimize(self) -> None:
        self._fitted_to = self.scope.currentData()
        self.use.setText("Use for this guide" if self._fitted_to is not None else "Use for all guides")
        self.optimize_requested.emit(self._fitted_to)

    def show_running(self) -> None:
        """Optimizing has started."""
        self.optimize.setEnabled(False)
        self.use.setEnabled(False)
        self.use_retention.setEnabled(False)
        self.report.setText("Optimizing\u2026")

    def show_result(self, result: Optimization) -> None:
        """Show the metrics of both sets, or why nothing was fitted."""
        self._result = result
        self.optimize.setEnabled(True)
        if result.refused:
            self.report.setTextFormat(Qt.TextFormat.PlainText)
            self.report.setText(result.refused)
        else:
            self.report.setTextFormat(Qt.TextFormat.RichText)
            floor = " (the lowest the settings accept)" if result.optimal_retention == 0.7 else ""
            self.report.setText(_table(result) + f"<br>Suggested desired retention (least study time for "
                                f"what you remember): <b>{result.optimal_retention:.2f}</b>{floor}")
        self.use.setEnabled(result.better)
        self.use_retention.setEnabled(result.optimal_retention is not None)
        self.result_shown.emit(result)

    def show_message(self, text: str) -> None:
        """Optimizing stopped (cancelled or the progress file could not be read)."""
        self.optimize.setEnabled(True)
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.setText(text)
        self.result_shown.emit(text)

    def parameters_used(self) -> None:
        """The fitted parameters are now in use."""
        self.use.setEnabled(False)
        self.show_in_use()

    def _use(self) -> None:
        if self._result is not None and self._result.better:
            self.use_requested.emit(self._fitted_to, self._result.parameters)

    def _suggest(self) -> None:
        if self._result is not None and self._result.optimal_retention is not None:
            self.retention_suggested.emit(self._result.optimal_retention)
