"""A thin adapter over ``fsrs.Scheduler``: stored state in, next state out.

The rest of the app never sees ``fsrs`` types: card state travels as the
plain dict ``fsrs.Card.to_dict()`` gives (stored as JSON, round-trips
exactly), and time comes from an injected clock, never the system clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import IntEnum
from typing import Any

import fsrs


class Rating(IntEnum):
    """The four answers, numbered as the keys that give them."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """The button text ("Good")."""
        return self.name.capitalize()


@dataclass(frozen=True, slots=True)
class Scheduled:
    """The outcome of one answer: the new state and when the card is next due."""

    state: dict[str, Any]
    due: datetime


def fsrs_card_id(guide_id: str, card_id: str) -> int:
    """A stable positive integer for fsrs (it wants ints; our ids are strings)."""
    digest = hashlib.blake2b(f"{guide_id}\x00{card_id}".encode(), digest_size=7).digest()
    return int.from_bytes(digest, "big")


def _utc(moment: datetime) -> datetime:
    # fsrs accepts only tzinfo=timezone.utc exactly (not ZoneInfo("UTC")).
    if moment.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return moment.astimezone(timezone.utc)


class Scheduler:
    """Schedules answers with FSRS-6.

    Args:
        desired_retention: Target probability of recall at the due date.
        enable_fuzzing: Spread due dates slightly (off in tests for exact dates).
        parameters: The learner's own FSRS-6 parameters (21); empty for fsrs's defaults.
    """

    def __init__(self, *, desired_retention: float = 0.9, enable_fuzzing: bool = True,
                 parameters: tuple[float, ...] = ()) -> None:
        weights = parameters or fsrs.scheduler.DEFAULT_PARAMETERS
        self._fsrs = fsrs.Scheduler(weights, desired_retention=desired_retention, enable_fuzzing=enable_fuzzing)
        # Button labels must not change between two looks at the same card: preview unfuzzed.
        self._exact = (fsrs.Scheduler(weights, desired_retention=desired_retention, enable_fuzzing=False)
                       if enable_fuzzing else self._fsrs)

    def _card(self, guide_id: str, card_id: str, state: dict[str, Any] | None, now: datetime) -> fsrs.Card:
        if state is None:
            return fsrs.Card(card_id=fsrs_card_id(guide_id, card_id), due=now)
        return fsrs.Card.from_dict(state)  # type: ignore[arg-type]

    def answer(self, *, guide_id: str, card_id: str, state: dict[str, Any] | None, rating: Rating,
               now: datetime) -> Scheduled:
        """The card's next state after ``rating`` at ``now`` (state None for a new card)."""
        now = _utc(now)
        card, _log = self._fsrs.review_card(self._card(guide_id, card_id, state, now), fsrs.Rating(int(rating)), now)
        return Scheduled(state=dict(card.to_dict()), due=card.due)

    def retrievability(self, state: dict[str, Any], at: datetime) -> float:
        """FSRS's probability that a studied card (its stored state) is recalled at ``at``."""
        return float(self._exact.get_card_retrievability(fsrs.Card.from_dict(state), _utc(at)))  # type: ignore[arg-type]

    def recall_curve(self, state: dict[str, Any]) -> Callable[[datetime], float]:
        """``retrievability`` of one stored state as a function of time, read once (the exam planner
        asks it of every card for every day: decoding the state each time was most of its cost)."""
        card = fsrs.Card.from_dict(state)  # type: ignore[arg-type]
        last, stability = card.last_review, card.stability
        if last is None or stability is None:
            return lambda _at: 0.0
        factor, decay = self._exact._FACTOR, self._exact._DECAY  # fsrs's own constants, as it computes it
        return lambda at: float((1 + factor * max(0, (_utc(at) - last).days) / stability) ** decay)

    def preview(self, *, guide_id: str, card_id: str, state: dict[str, Any] | None,
                now: datetime) -> dict[Rating, timedelta]:
        """How long until the card is due again after each rating (for button labels)."""
        now = _utc(now)
        card = self._card(guide_id, card_id, state, now)
        result = {}
        for rating in Rating:
            # Preview without fuzz so the label matches what most answers give.
            next_card, _ = self._exact.review_card(card, fsrs.Rating(int(rating)), now)
            result[rating] = next_card.due - now
        return result


def describe_interval(delta: timedelta) -> str:
    """A short human interval: "<1m", "10m", "3h", "4d", "2mo", "1.5y"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30)}mo"
    return f"{days / 365:.1f}y"
