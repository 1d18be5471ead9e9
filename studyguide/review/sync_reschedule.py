"""A merge's rescheduling: ``Scheduler.answer`` (unfuzzed) on plain numbers.

When another device's answer came between two of a card's answers, a merge schedules the later
ones again from the merged state (docs/sync.md): about 10,800 answers for a year merged into a
library with answers of its own. ``Scheduler.answer`` builds an ``fsrs.Card`` from the state
dict, copies it, builds a ``ReviewLog`` and writes the dict back; ``review/fsrs_steps.py`` does
fsrs's arithmetic with the same expressions in the same order, so the states are the same floats
bit for bit. ``tests/unit/test_sync_reschedule.py`` checks it against ``Scheduler.answer`` for
random stored states (any parameters, retention and learning steps they were made with).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import fsrs

from studyguide.domain.journal import Reschedule
from studyguide.review.fsrs_steps import LEARNING, RELEARNING, REVIEW, Steps
from studyguide.review.scheduler import fsrs_card_id

_PHASES = frozenset((LEARNING, REVIEW, RELEARNING))
_iso = datetime.fromisoformat


def exact_steps(*, desired_retention: float, parameters: tuple[float, ...]) -> Steps:
    """The numbers of ``Scheduler(desired_retention=..., enable_fuzzing=False, parameters=...)``."""
    return Steps(fsrs.Scheduler(parameters or fsrs.scheduler.DEFAULT_PARAMETERS,
                                desired_retention=desired_retention, enable_fuzzing=False))


def rescheduler(steps_of: Callable[[str], Steps]) -> Reschedule:
    """A ``Reschedule`` giving what ``Scheduler.answer(...).state`` gives, for the unfuzzed scheduler
    whose ``Steps`` ``steps_of(guide id)`` returns (asked once per guide)."""
    by_guide: dict[str, Steps] = {}
    utc = timezone.utc

    def reschedule(guide: str, card: str, state: dict[str, Any] | None, rating: int,
                   at: datetime) -> dict[str, Any]:
        steps = by_guide.get(guide)
        if steps is None:
            steps = by_guide[guide] = steps_of(guide)
        if at.tzinfo is None:
            raise ValueError("review times must be timezone-aware")
        when = at.astimezone(utc)
        step: int | None
        stability: float | None
        difficulty: float | None
        if state is None:  # fsrs.Card(card_id=..., due=now): learning, step 0, no memory yet
            ident, phase, step, stability, difficulty, last = fsrs_card_id(guide, card), LEARNING, 0, None, None, None
        else:  # as fsrs.Card.from_dict reads it (a stability or difficulty of 0 reads as none)
            ident, phase, step = int(state["card_id"]), int(state["state"]), state["step"]
            if phase not in _PHASES:
                raise ValueError(f"{phase} is not a valid State")
            if phase == LEARNING and step is None:
                step = 0
            stability = float(state["stability"]) if state["stability"] else None
            difficulty = float(state["difficulty"]) if state["difficulty"] else None
            _iso(state["due"])
            last = _iso(state["last_review"]) if state["last_review"] else None
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"{rating} is not a valid Rating")
        phase, step, new_stability, new_difficulty, interval = steps.step(phase, step, stability, difficulty, last,
                                                                          rating, when)
        return {"card_id": ident, "state": phase, "step": step, "stability": new_stability,
                "difficulty": new_difficulty, "due": (when + interval).isoformat(), "last_review": when.isoformat()}

    return reschedule
