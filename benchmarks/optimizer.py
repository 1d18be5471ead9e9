"""Fitting the learner's own FSRS-6 parameters to 100,000 reviews, beside evaluating the defaults on them.

A learner simulated with known parameters (``tests/simulated_learner.py``: fsrs schedules,
recall drawn from its retrievability) gives 100,000 reviews a day or more after the card's
previous one. Timed, interleaved run for run: fsrs-rs's fit on all of them (what Optimize
does, on 80%), evaluating the default parameters on all of them (the same run's baseline),
and the whole ``optimize()`` (split, fit, both evaluations, the optimal retention).

Usage: .venv/bin/python benchmarks/optimizer.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from simulated_learner import TRUE_PARAMETERS, simulate  # noqa: E402

from studyguide.review.optimizer import default_parameters, evaluate, fit, optimize, training_items  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    log = simulate(TRUE_PARAMETERS, cards=18_500, seed=1, days=730, reviews_per_card=10)
    items = [item for _, item in training_items(log)]
    print(f"{len(log):,} answers, {len(items):,} reviews a day or more apart (what is fitted)")
    print(f"load before: {os.getloadavg()[0]:.2f}")
    times: dict[str, list[float]] = {"fit": [], "evaluate defaults": [], "optimize()": []}
    for _ in range(runs):
        jobs = (("fit", lambda: fit(items)), ("evaluate defaults", lambda: evaluate(default_parameters(), items)),
                ("optimize()", lambda: optimize(log)))
        for name, job in jobs:
            start = time.perf_counter()
            job()
            times[name].append(time.perf_counter() - start)
    print(f"load after: {os.getloadavg()[0]:.2f}")
    for name, values in times.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"{name:18} median {statistics.median(values) * 1000:8.0f} ms   p95 {p95 * 1000:8.0f} ms   ({runs} runs)")


if __name__ == "__main__":
    main()
