"""The replay of Anki history gives each card the state our scheduler would: a card with Anki's memory
state but no answer of its own starts from a new card answered Good, then takes Anki's phase, due
date and numbers (fsrs is asked once for what it gives a new card, not once per card)."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.domain.imported_history import ImportedHistory, ImportedReview, ImportedState
from studyguide.review.imported import replay, replay_rows
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.store import progress_import
from studyguide.store.progress import ProgressStore
from tests.conftest import history_stored

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


def replayed_by_fsrs(history: ImportedHistory, guide_id: str) -> list[tuple[str, list[tuple], dict, datetime]]:
    """The replay as it was written before ``fsrs_steps``: fsrs's own ``review_card`` and ``Card.to_dict``,
    each row's states through ``json.dumps`` (what the store wrote)."""
    from studyguide.review.imported import _final, fsrs6_parameters
    from studyguide.review.scheduler import fsrs_card_id

    found = []
    for anki in history.states:
        if anki.phase is None:
            continue
        exact = fsrs.Scheduler(fsrs6_parameters(anki.parameters) or fsrs.scheduler.DEFAULT_PARAMETERS,
                               enable_fuzzing=False)
        reviews = [r for r in history.reviews if r.card_id == anki.card_id]
        ident, log, before, state = fsrs_card_id(guide_id, anki.card_id), [], None, None
        card = fsrs.Card(card_id=ident)
        for index, review in enumerate(reviews):
            if anki.stability is not None and anki.difficulty is not None:
                following = reviews[min(index + 1, len(reviews) - 1)]
                phase = following.phase_before or 1
                after = {"card_id": ident, "state": phase, "step": None if phase == 2 else 0, "stability": None,
                         "difficulty": None, "due": following.reviewed_at.astimezone(timezone.utc).isoformat(),
                         "last_review": review.reviewed_at.astimezone(timezone.utc).isoformat()}
            else:
                utc_time = review.reviewed_at.astimezone(timezone.utc)
                card, _ = exact.review_card(card, fsrs.Rating(review.rating), utc_time)
                after = state = card.to_dict()
            log.append([review.rating, review.reviewed_at.isoformat(), review.duration_ms,
                        None if before is None else json.dumps(before), json.dumps(after)])
            before = after
        final = _final(exact, guide_id, anki, state, reviews[-1].reviewed_at if reviews else None, [])
        if final is None:
            continue
        if log:
            log[-1][4] = json.dumps(final)
        found.append((anki.card_id, [tuple(row) for row in log], final, datetime.fromisoformat(final["due"])))
    return found


FSRS5 = tuple(fsrs.scheduler.DEFAULT_PARAMETERS[:19])
_ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=-5)), ZoneInfo("Europe/Berlin")])


@st.composite
def histories(draw) -> ImportedHistory:
    reviews, states, when = [], [], datetime(2025, 1, 1, 9, 0, tzinfo=timezone.utc)
    for number in range(draw(st.integers(1, 4))):
        card = f"c{number}"
        for rating, gap, phase in draw(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 90 * 86_400_000),
                                                          st.sampled_from([None, 1, 2, 3])), max_size=6)):
            when += timedelta(milliseconds=gap)
            reviews.append(ImportedReview(card_id=card, rating=rating, reviewed_at=when.astimezone(draw(_ZONES)),
                                          duration_ms=draw(st.one_of(st.none(), st.integers(0, 60_000))),
                                          phase_before=phase))
        memory = draw(st.one_of(st.none(), st.tuples(st.floats(0.1, 300), st.floats(1, 10))))
        states.append(ImportedState(card_id=card, phase=draw(st.sampled_from([None, 1, 2, 3])),
                                    due=draw(st.one_of(st.none(), st.just(when + timedelta(days=3)))),
                                    stability=memory[0] if memory else None, difficulty=memory[1] if memory else None,
                                    parameters=draw(st.sampled_from([(), FSRS5]))))
    reviews.sort(key=lambda r: r.reviewed_at)
    return ImportedHistory(reviews=tuple(reviews), states=tuple(states))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_replay_writes_what_fsrs_and_json_dumps_wrote(history: ImportedHistory) -> None:
    found = [(c.card_id, list(c.log), c.state, c.due) for c in replay(history, guide_id="g")]

    assert found == replayed_by_fsrs(history, "g")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_rows_the_replay_makes_are_what_the_store_made_of_its_cards(history: ImportedHistory) -> None:
    """``replay_rows`` (the import's: each row made once, in its stored form) against the store taking
    the replay's cards apart (``history_rows``) as it did before."""
    assert replay_rows(history, guide_id="g") == progress_import.history_rows("g", replayed_by_fsrs(history, "g"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), histories())
def test_the_replays_rows_are_written_as_its_cards_are_again_too(first: ImportedHistory, again: ImportedHistory,
                                                                 ) -> None:
    """Written as rows or as cards, the same database, also for a package imported again (its cards
    with progress left out)."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for way, name in enumerate(("rows", "cards")):
            path = Path(folder, name, "progress.sqlite")
            ProgressStore(path=path, backups=Path(folder, name, "backups")).close()
            for history in (first, again):
                cards = replay_rows(history, guide_id="g") if way == 0 else [
                    (c.card_id, c.log, c.state, c.due) for c in replay(history, guide_id="g")]
                progress_import.import_history(path, guide_id="g", cards=cards, suspended=(), now=DUE)
            found.append(history_stored(path))
    assert found[0] == found[1]
