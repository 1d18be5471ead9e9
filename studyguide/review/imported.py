"""Turning review history imported from Anki into our FSRS states and review log.

Each card's answers are replayed through our scheduler (unfuzzed), oldest first, which
gives every log row the state before and after it, as our own answers have. The card's
final state then follows Anki, so a learner who switches keeps their schedule: its phase
and due date are Anki's, and its stability and difficulty are Anki's FSRS memory state
where Anki had one (FSRS was on), else the replay's. A card new in Anki (never answered,
or reset) stays new. The last log row holds that final state, so rebuilding card states
from the log (``studyguide rebuild-progress``) gives the same schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from studyguide.domain.changes import Changes
from studyguide.domain.imported_history import ImportedHistory, ImportedReview, ImportedState
from studyguide.domain.review import CardPhase
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.store.progress_import import import_history

#: A log row: rating, when, duration in ms, the state before, the state after.
LogRow = tuple[int, datetime, int | None, dict[str, Any] | None, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ReplayedCard:
    """One card's log rows and final state."""

    card_id: str
    log: tuple[LogRow, ...]
    state: dict[str, Any]
    due: datetime


def replay(history: ImportedHistory, *, guide_id: str, desired_retention: float = 0.9) -> list[ReplayedCard]:
    """Every card with a schedule in Anki, replayed (see the module's docstring)."""
    scheduler = Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
    answers: dict[str, list[ImportedReview]] = {}
    for review in history.reviews:
        answers.setdefault(review.card_id, []).append(review)
    replayed = []
    for anki in history.states:
        if anki.phase is None:
            continue
        log: list[LogRow] = []
        state: dict[str, Any] | None = None
        for review in answers.get(anki.card_id, ()):
            after = scheduler.answer(guide_id=guide_id, card_id=anki.card_id, state=state,
                                     rating=Rating(review.rating), now=review.reviewed_at).state
            log.append((review.rating, review.reviewed_at, review.duration_ms, state, after))
            state = after
        final = _final(scheduler, guide_id, anki, state, log[-1][1] if log else None)
        if final is None:
            continue
        due = datetime.fromisoformat(final["due"])
        if log:
            rating, when, duration, before, _after = log[-1]
            log[-1] = (rating, when, duration, before, final)
        replayed.append(ReplayedCard(card_id=anki.card_id, log=tuple(log), state=final, due=due))
    return replayed


def _final(scheduler: Scheduler, guide_id: str, anki: ImportedState, replayed: dict[str, Any] | None,
           last: datetime | None) -> dict[str, Any] | None:
    """The card's state now: the replay's (or, without answers, a fresh one from its memory state),
    with Anki's phase, due date and memory state put in."""
    if replayed is None:
        if anki.stability is None or anki.due is None:
            return None  # no answers and no memory state: nothing to schedule from
        last = last or anki.due
        replayed = scheduler.answer(guide_id=guide_id, card_id=anki.card_id, state=None, rating=Rating.GOOD,
                                    now=last).state
    final = dict(replayed)
    if anki.phase is not None:
        final["state"] = anki.phase
        if anki.phase == CardPhase.REVIEW:
            final["step"] = None
        elif final.get("step") is None:
            final["step"] = 0
    if anki.stability is not None and anki.difficulty is not None:
        final["stability"], final["difficulty"] = anki.stability, anki.difficulty
    if anki.due is not None:
        final["due"] = anki.due.astimezone(timezone.utc).isoformat()
    return final


def save_history(progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> Changes:
    """Replay ``history`` and write it into the progress database at ``progress_path`` (one
    transaction, a connection of its own: safe on the import's worker thread).

    Raises:
        StoreUnavailable: The progress file cannot be written; nothing was.
    """
    cards = replay(history, guide_id=guide_id, desired_retention=desired_retention)
    import_history(progress_path, guide_id=guide_id, cards=[(c.card_id, c.log, c.state, c.due) for c in cards],
                   suspended=history.suspended, now=now)
    return Changes(progress=True, due_counts=True)
