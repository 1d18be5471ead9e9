"""fsrs's ``Scheduler.review_card`` (unfuzzed) on plain numbers, for replaying imported answers (and a
merge's rescheduling: ``review/sync_reschedule.py``).

An Anki import replays every answer of each card that has no FSRS memory state (25,000 in
the benchmark deck). ``review_card`` copies a ``Card`` and builds a ``ReviewLog`` for every
answer, and ``Card.to_dict`` formats two dates; that was three quarters of the replay's
time. ``Steps`` does the same arithmetic with the same expressions in the same order, so
the numbers are the same floats bit for bit, and ``state_json`` writes a state as
``json.dumps(card.to_dict())`` does. ``tests/unit/test_fsrs_steps.py`` checks both against
fsrs itself (hypothesis: ratings, times, parameters, retention and learning steps).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

import fsrs

from studyguide.domain.review import CardPhase

#: fsrs's states (``CardPhase``) as plain ints: compared and written for every answer.
LEARNING, REVIEW, RELEARNING = int(CardPhase.LEARNING), int(CardPhase.REVIEW), int(CardPhase.RELEARNING)
#: The keys of a state, in ``fsrs.Card.to_dict``'s order.
STATE_KEYS = ("card_id", "state", "step", "stability", "difficulty", "due", "last_review")
_E = math.e
_STABILITY_MIN = 0.001
_encode = json.JSONEncoder(check_circular=False).encode


class Steps:
    """The numbers of ``scheduler.review_card`` (which must not fuzz), one answer at a time.

    Args:
        scheduler: The unfuzzed scheduler to follow (its parameters, retention, steps, maximum).

    Raises:
        ValueError: The scheduler fuzzes its intervals (random: nothing to follow).
    """

    def __init__(self, scheduler: fsrs.Scheduler) -> None:
        if scheduler.enable_fuzzing:
            raise ValueError("only an unfuzzed scheduler can be followed")
        self._p = p = tuple(scheduler.parameters)
        self._learning = tuple(scheduler.learning_steps)
        self._relearning = tuple(scheduler.relearning_steps)
        self._maximum = scheduler.maximum_interval
        self._decay = decay = -p[20]
        self._factor = 0.9 ** (1 / decay) - 1
        self._retention_term = (scheduler.desired_retention ** (1 / decay)) - 1
        self._easy_difficulty = p[4] - (_E ** (p[5] * (4 - 1))) + 1  # _initial_difficulty(Easy, clamp=False)
        self._forget_short = _E ** (p[17] * p[18])
        self._recall_base = _E ** p[8]

    def replay(self, answers: Iterable[tuple[int, datetime]],
               ) -> Iterator[tuple[int, int | None, float, float, datetime, datetime]]:
        """Each answer (rating 1-4, when: UTC) of a new card, in order: the card's state after it,
        as (state, step, stability, difficulty, due, last review)."""
        state = LEARNING
        step: int | None = 0
        stability: float | None = None
        difficulty = 0.0
        last: datetime | None = None
        for rating, when in answers:
            state, step, stability, difficulty, interval = self.step(state, step, stability, difficulty, last,
                                                                     rating, when)
            last = when
            yield state, step, stability, difficulty, when + interval, when

    def step(self, state: int, step: int | None, stability: float | None, difficulty: float | None,
             last: datetime | None, rating: int, when: datetime,
             ) -> tuple[int, int | None, float, float, timedelta]:
        """One answer: (state, step, stability, difficulty, interval) after ``rating`` at ``when``
        (``stability`` None: a new card; ``last``: the previous answer's time)."""
        p = self._p
        days = (when - last).days if last is not None else None
        if state == LEARNING and (stability is None or difficulty is None):
            stability = max(p[rating - 1], _STABILITY_MIN)
            difficulty = min(max(p[4] - (_E ** (p[5] * (rating - 1))) + 1, 1.0), 10.0)
        elif stability is None or difficulty is None:
            raise ValueError("a card past learning has a stability and a difficulty")
        elif days is not None and days < 1:
            stability = self._short_term(stability, rating)
            difficulty = self._next_difficulty(difficulty, rating)
        else:
            stability = self._next_stability(difficulty, stability, last, when, rating)
            difficulty = self._next_difficulty(difficulty, rating)
        if state == REVIEW:
            if rating == 1 and self._relearning:
                return RELEARNING, 0, stability, difficulty, self._relearning[0]
            return REVIEW, step, stability, difficulty, timedelta(days=self._interval(stability))
        steps = self._learning if state == LEARNING else self._relearning
        assert step is not None
        if not steps or (step >= len(steps) and rating in (2, 3, 4)):
            return REVIEW, None, stability, difficulty, timedelta(days=self._interval(stability))
        if rating == 1:
            return state, 0, stability, difficulty, steps[0]
        if rating == 2:
            if step == 0 and len(steps) == 1:
                return state, step, stability, difficulty, steps[0] * 1.5
            if step == 0 and len(steps) >= 2:
                return state, step, stability, difficulty, (steps[0] + steps[1]) / 2.0
            return state, step, stability, difficulty, steps[step]
        if rating == 3 and step + 1 != len(steps):
            return state, step + 1, stability, difficulty, steps[step + 1]
        return REVIEW, None, stability, difficulty, timedelta(days=self._interval(stability))

    def _interval(self, stability: float) -> int:
        days: int = round((stability / self._factor) * self._retention_term)
        return min(max(days, 1), self._maximum)

    def _short_term(self, stability: float, rating: int) -> float:
        p = self._p
        increase: float = (_E ** (p[17] * (rating - 3 + p[18]))) * (stability ** -p[19])
        if rating in (2, 3, 4):
            increase = max(increase, 1.0)
        return max(stability * increase, _STABILITY_MIN)

    def _next_difficulty(self, difficulty: float, rating: int) -> float:
        p = self._p
        delta = -(p[6] * (rating - 3))
        damped = difficulty + (10.0 - difficulty) * delta / 9.0
        found: float = min(max(p[7] * self._easy_difficulty + (1 - p[7]) * damped, 1.0), 10.0)
        return found

    def _next_stability(self, difficulty: float, stability: float, last: datetime | None, when: datetime,
                        rating: int) -> float:
        p = self._p
        if last is None:
            retrievability: float = 0
        else:
            elapsed = max(0, (when - last).days)
            retrievability = (1 + self._factor * elapsed / stability) ** self._decay
        if rating == 1:
            found: float = min(p[11] * (difficulty ** -p[12]) * (((stability + 1) ** (p[13])) - 1)
                        * (_E ** ((1 - retrievability) * p[14])),
                        stability / self._forget_short)
        else:
            found = stability * (1 + self._recall_base * (11 - difficulty) * (stability ** -p[9])
                                 * ((_E ** ((1 - retrievability) * p[10])) - 1)
                                 * (p[15] if rating == 2 else 1) * (p[16] if rating == 4 else 1))
        return max(found, _STABILITY_MIN)


def state_json(card_id: int, state: int, step: int | None, stability: float | None, difficulty: float | None,
               due: str, last_review: str | None) -> str:
    """``json.dumps`` of the state dict with these values (``fsrs.Card.to_dict``'s keys and order;
    ``due`` and ``last_review`` ISO times, which hold nothing JSON escapes)."""
    last = "null" if last_review is None else f'"{last_review}"'
    # Each number as json.dumps writes it (repr for a finite float), inline: 100,000 times an import.
    s = "null" if stability is None else repr(stability) if stability - stability == 0 else _encode(stability)
    d = "null" if difficulty is None else repr(difficulty) if difficulty - difficulty == 0 else _encode(difficulty)
    return (f'{{"card_id": {card_id}, "state": {state}, "step": {"null" if step is None else step}, '
            f'"stability": {s}, "difficulty": {d}, "due": "{due}", "last_review": {last}}}')


def _plain(text: object) -> bool:
    """Whether ``json.dumps`` writes this string as it is, between quotes."""
    return type(text) is str and text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def dict_json(state: dict[str, Any]) -> str:
    """``json.dumps(state)``; quicker for a state with exactly ``STATE_KEYS`` of the usual types."""
    if tuple(state) == STATE_KEYS and type(state["card_id"]) is int and type(state["state"]) is int \
            and type(state["step"]) in (int, type(None)) and type(state["stability"]) in (float, type(None)) \
            and type(state["difficulty"]) in (float, type(None)) and _plain(state["due"]) \
            and (state["last_review"] is None or _plain(state["last_review"])):
        return state_json(*state.values())
    return _encode(state)
