"""What fitting the learner's own memory model gives: metrics of the fitted and the current parameters."""

from __future__ import annotations

from dataclasses import dataclass

#: Fewer reviews a day or more after the card's previous one than this, and nothing is fitted
#: (Anki's optimizer asks for "a few hundred"; the held-out fifth then still has about 80).
MIN_REVIEWS = 400


class OptimizationCancelled(Exception):
    """The learner cancelled the fitting."""


@dataclass(frozen=True, slots=True)
class Metrics:
    """How well a set of parameters predicted held-out answers (lower is better for both).

    Attributes:
        log_loss: Mean binary cross-entropy of the predicted recall against remembered/forgotten.
        rmse: fsrs-rs's binned RMSE of predicted against actual recall.
    """

    log_loss: float
    rmse: float


@dataclass(frozen=True, slots=True)
class Optimization:
    """The outcome of Review Settings > Optimize.

    Attributes:
        reviews: Reviews a day or more after the card's previous one (what the model predicts).
        refused: Why nothing was fitted (too little history), or "" when it was.
        parameters: The fitted FSRS-6 parameters (empty when refused).
        fitted: The fitted parameters' metrics on the held-out split.
        current: The parameters in use (the learner's or fsrs's defaults) on the same split.
        train: Reviews fitted on; held_out: reviews evaluated on (the latest fifth, by time).
        optimal_retention: The desired retention that minimises study time with the better set,
            or None when refused.
    """

    reviews: int
    refused: str = ""
    parameters: tuple[float, ...] = ()
    fitted: Metrics | None = None
    current: Metrics | None = None
    train: int = 0
    held_out: int = 0
    optimal_retention: float | None = None

    @property
    def better(self) -> bool:
        """True when the fitted parameters predict the held-out answers better (lower log loss)."""
        return (self.fitted is not None and self.current is not None
                and self.fitted.log_loss < self.current.log_loss)
