"""A simulated learner for the optimizer's tests: fsrs schedules, recall is drawn from its retrievability."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import fsrs

START = datetime(2025, 1, 1, 9, 0, tzinfo=timezone.utc)

#: A memory unlike fsrs's defaults (slower first stabilities, a flatter forgetting curve).
TRUE_PARAMETERS = (1.0, 3.0, 6.0, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.5, 0.1666, 0.796, 1.4835, 0.0614,
                   0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.35)


def simulate(parameters, *, cards: int, seed: int, days: int = 365, reviews_per_card: int = 12,
             prefix: str = "c") -> list[tuple[str, datetime, int]]:
    """(card key, UTC time, rating) answers, each card's together and oldest first.

    Each card is introduced on a random day in the first 60, reviewed when fsrs (with
    ``parameters``, no fuzz) makes it due, and recalled with the probability fsrs gives
    (then Good 85%, else Hard or Easy); otherwise Again.
    """
    scheduler = fsrs.Scheduler(tuple(parameters), desired_retention=0.9, enable_fuzzing=False)
    rng = random.Random(seed)
    log = []
    for number in range(cards):
        card = fsrs.Card(card_id=number + 1, due=START + timedelta(days=rng.randint(0, 60)))
        for _ in range(reviews_per_card):
            now = card.due
            if now > START + timedelta(days=days):
                break
            if card.last_review is None:
                rating = rng.choice((1, 3, 3, 3, 4))
            elif rng.random() < scheduler.get_card_retrievability(card, now):
                rating = 3 if rng.random() < 0.85 else rng.choice((2, 4))
            else:
                rating = 1
            card, _ = scheduler.review_card(card, fsrs.Rating(rating), now)
            log.append((f"{prefix}{number}", now, rating))
    return log
