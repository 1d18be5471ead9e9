"""fsrs-rs (``fsrs_rs_python``) against our replay (``review.fsrs_steps.Steps``) on the benchmark package's
cards without an Anki memory state: speed (inputs, the batch call, reading the results back) and how far
each answer's memory state differs (docs/anki-import-parity.md, lever c). Reads ``main``'s code::

    .venv/bin/python benchmarks/prototypes/fsrs_rs_compare.py [PACKAGE]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import fsrs
import fsrs_rs_python as rs

from studyguide.guides.importing import read_file
from studyguide.review.fsrs_steps import LEARNING, Steps
from studyguide.review.imported import fsrs6_parameters


def main() -> int:
    package = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "studyguide-anki-bench/big.apkg"
    history = read_file(package).history
    assert history is not None
    answers: dict[str, list] = {}
    for review in history.reviews:
        answers.setdefault(review.card_id, []).append(review)
    cards = [s for s in history.states if s.phase is not None and s.stability is None and answers.get(s.card_id)]
    presets = {s.parameters for s in cards}
    print(f"{len(cards)} cards without a memory state, {sum(len(answers[s.card_id]) for s in cards)} answers, "
          f"{len(presets)} preset(s)")
    parameters = fsrs6_parameters(next(iter(presets))) or fsrs.scheduler.DEFAULT_PARAMETERS
    steps = Steps(fsrs.Scheduler(parameters, desired_retention=0.9, enable_fuzzing=False))
    model = rs.FSRS(list(parameters))

    def ours() -> list[list[tuple[float, float]]]:
        found = []
        for state in cards:
            phase, step, stability, difficulty, last, row = LEARNING, 0, None, 0.0, None, []
            for review in answers[state.card_id]:
                phase, step, stability, difficulty, _ = steps.step(phase, step, stability, difficulty, last,
                                                                   review.rating, review.reviewed_at)
                last = review.reviewed_at
                row.append((stability, difficulty))
            found.append(row)
        return found

    for _ in range(5):
        begun = time.process_time()
        mine = ours()
        built = time.process_time()
        items = []
        for state in cards:
            last, reviews = None, []
            for review in answers[state.card_id]:
                reviews.append(rs.FSRSReview(review.rating, 0 if last is None else (review.reviewed_at - last).days))
                last = review.reviewed_at
            items.append(rs.FSRSItem(reviews))
        called = time.process_time()
        states = model.historical_memory_state_batch(items)
        returned = time.process_time()
        theirs = [[(m.stability, m.difficulty) for m in row] for row in states]
        done = time.process_time()
        print(f"Steps {1000 * (built - begun):.0f} ms; fsrs-rs: inputs {1000 * (called - built):.0f} + batch "
              f"{1000 * (returned - called):.0f} + results {1000 * (done - returned):.0f} ms")
    pairs = [(m, t) for ms, ts in zip(mine, theirs, strict=True) for m, t in zip(ms, ts, strict=True)]
    stability = [abs(t[0] - m[0]) / m[0] for m, t in pairs]
    difficulty = [abs(t[1] - m[1]) for m, t in pairs]
    for name, values in (("stability, relative", stability), ("difficulty, absolute", difficulty)):
        values.sort()
        print(f"{name}: median {statistics.median(values):.1e}, p95 {values[int(0.95 * len(values))]:.1e}, "
              f"max {values[-1]:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
