"""Fit the learner's own FSRS-6 parameters to their review log (fsrs-rs, the crate Anki uses), and judge them.

The log becomes fsrs-rs training items: one per review made a day or more after the
card's previous one, holding the card's history up to and including that review (days
between answers counted in UTC dates; same-day steps stay in the history with 0 days).
The latest fifth of those reviews, by time, is held out: the parameters are fitted on
the rest, then the fitted and the current set both predict the held-out answers, and the
fitted set is offered only when its log loss is lower.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import fsrs_rs_python as fsrs_rs

from studyguide.domain.optimization import MIN_REVIEWS, Metrics, Optimization, OptimizationCancelled

#: Share of the reviews, the latest by time, held out to evaluate on.
HELD_OUT = 0.2

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


def default_parameters() -> tuple[float, ...]:
    """fsrs-rs's FSRS-6 defaults (the same 21 numbers as the ``fsrs`` package's)."""
    return tuple(fsrs_rs.DEFAULT_PARAMETERS)


def training_items(log: Iterable[tuple[str, datetime, int]]) -> list[tuple[datetime, fsrs_rs.FSRSItem]]:
    """fsrs-rs items from (card key, UTC time, rating) answers grouped by card, oldest first.

    Returns:
        (time of the predicted review, item) for each review a day or more after the card's
        previous answer (fsrs-rs can only predict and evaluate those).
    """
    items: list[tuple[datetime, fsrs_rs.FSRSItem]] = []
    card: str | None = None
    previous: datetime | None = None
    reviews: list[fsrs_rs.FSRSReview] = []
    for key, when, rating in log:
        if key != card:
            card, previous, reviews = key, None, []
        days = 0 if previous is None else (when.date() - previous.date()).days
        previous = when
        reviews.append(fsrs_rs.FSRSReview(rating, days))
        if len(reviews) > 1 and days > 0:
            items.append((when, fsrs_rs.FSRSItem(list(reviews))))
    return items


def split_by_time(items: Sequence[tuple[datetime, fsrs_rs.FSRSItem]], held_out: float = HELD_OUT,
                  ) -> tuple[list[fsrs_rs.FSRSItem], list[fsrs_rs.FSRSItem]]:
    """(train, test): the test set is the latest ``held_out`` share of the reviews by time."""
    ordered = sorted(items, key=lambda pair: pair[0])
    cut = len(ordered) - max(1, round(len(ordered) * held_out))
    return [item for _, item in ordered[:cut]], [item for _, item in ordered[cut:]]


def evaluate(parameters: Sequence[float], items: Sequence[fsrs_rs.FSRSItem]) -> Metrics:
    """Log loss and RMSE of ``parameters``' predictions on ``items``."""
    result = fsrs_rs.FSRS(list(parameters)).evaluate(list(items))
    return Metrics(log_loss=result.log_loss, rmse=result.rmse_bins)


def fit(items: Sequence[fsrs_rs.FSRSItem]) -> tuple[float, ...]:
    """FSRS-6 parameters fitted to ``items`` (fsrs-rs's optimizer, short-term reviews included)."""
    return tuple(fsrs_rs.FSRS(list(fsrs_rs.DEFAULT_PARAMETERS)).compute_parameters(list(items)))


def optimal_retention(parameters: Sequence[float], *, cards: int) -> float:
    """The desired retention that minimises study time per card remembered, from fsrs-rs's
    simulator (a deck of ``cards`` cards, clamped to 500-5,000, learned over a year), to two
    decimals within the 0.70-0.99 the settings accept (fsrs-rs searches that range in float32)."""
    config = fsrs_rs.default_simulator_config()
    config.deck_size = min(max(cards, 500), 5000)
    config.learn_span = 365
    return min(max(round(float(fsrs_rs.optimal_retention(config, list(parameters))), 2), 0.7), 0.99)


def optimize(log: Sequence[tuple[str, datetime, int]], *, current: Sequence[float] = (),
             progress: Progress | None = None, cancelled: Cancelled | None = None) -> Optimization:
    """Fit parameters to ``log`` and compare them with ``current`` (empty: the defaults) on held-out reviews.

    Args:
        log: (card key, UTC time, rating) of every answer, each card's together, oldest first.
        current: The parameters in use.
        progress: Told how far it is (0..1) with a label.
        cancelled: Asked between steps; True stops it.

    Returns:
        The fitted set and both sets' metrics, or a refusal saying why when there are fewer
        than ``MIN_REVIEWS`` reviews to learn from.

    Raises:
        OptimizationCancelled: ``cancelled`` said so.
    """
    def step(fraction: float, label: str) -> None:
        if cancelled is not None and cancelled():
            raise OptimizationCancelled("Optimizing was cancelled.")
        if progress is not None:
            progress(fraction, label)

    step(0.05, "Reading your reviews\u2026")
    items = training_items(log)
    if len(items) < MIN_REVIEWS:
        return Optimization(reviews=len(items), refused=(
            (f"Only {len(items)} of your reviews came" if items else "None of your reviews came")
            + " a day or more after the card's previous one" + ("" if items else " yet")
            + f"; fitting your own parameters needs at least {MIN_REVIEWS}, so the defaults stay."))
    train, test = split_by_time(items)
    step(0.15, f"Fitting to {len(train):,} reviews\u2026")
    parameters = fit(train)
    step(0.6, "Evaluating on your latest reviews\u2026")
    in_use = tuple(current) or default_parameters()
    fitted, now = evaluate(parameters, test), evaluate(in_use, test)
    step(0.7, "Finding the retention that takes least study time\u2026")
    better = fitted.log_loss < now.log_loss
    cards = len({key for key, _, _ in log})
    retention = optimal_retention(parameters if better else in_use, cards=cards)
    step(1.0, "Done")
    return Optimization(reviews=len(items), parameters=parameters, fitted=fitted, current=now,
                        train=len(train), held_out=len(test), optimal_retention=retention)
