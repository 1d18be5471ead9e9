"""The replay of Anki history gives each card the state our scheduler would: a card with Anki's memory
state but no answer of its own starts from a new card answered Good, then takes Anki's phase, due
date and numbers (fsrs is asked once for what it gives a new card, not once per card)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from studyguide.domain.imported_history import ImportedHistory, ImportedReview, ImportedState
from studyguide.review.imported import replay
from studyguide.review.scheduler import Rating, Scheduler

DUE = datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)


def expected_state(card_id: str, phase: int, stability: float | None, difficulty: float | None,
                   last: datetime) -> dict:
    """The state as the import gave it before fsrs was asked once: a real answer per card."""
    state = dict(Scheduler(enable_fuzzing=False).answer(guide_id="g", card_id=card_id, state=None,
                                                         rating=Rating.GOOD, now=last).state)
    state["state"] = phase
    state["step"] = None if phase == 2 else (0 if state["step"] is None else state["step"])
    if stability is not None and difficulty is not None:
        state["stability"], state["difficulty"] = stability, difficulty
    state["due"] = DUE.isoformat()
    return state


@pytest.mark.parametrize("phase", [1, 2, 3])
@pytest.mark.parametrize("answered", [False, True])
def test_a_card_with_a_memory_state_gets_the_state_a_real_answer_gives(phase: int, answered: bool) -> None:
    last = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
    states = tuple(ImportedState(card_id=f"c{i}", phase=phase, due=DUE, stability=3.5 + i, difficulty=4.25)
                   for i in range(3))
    reviews = tuple(ImportedReview(card_id=f"c{i}", rating=3, reviewed_at=last - timedelta(days=i), duration_ms=900,
                                   phase_before=1) for i in range(3)) if answered else ()
    cards = replay(ImportedHistory(reviews=reviews, states=states), guide_id="g")

    assert [c.card_id for c in cards] == ["c0", "c1", "c2"]
    for i, card in enumerate(cards):
        when = last - timedelta(days=i) if answered else DUE
        assert card.state == expected_state(f"c{i}", phase, 3.5 + i, 4.25, when)
        assert card.due == DUE
