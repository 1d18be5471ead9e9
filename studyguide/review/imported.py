"""Turning review history imported from Anki into our FSRS states and review log.

Each card's answers are replayed through our scheduler (unfuzzed), oldest first, which
gives every log row the state before and after it, as our own answers have. The card's
final state then follows Anki, so a learner who switches keeps their schedule: its phase
and due date are Anki's, and its stability and difficulty are Anki's FSRS memory state
where Anki had one (FSRS was on), else the replay's. The replay uses the FSRS parameters
of the card's deck preset in Anki where it has them (``fsrs6_parameters``), else fsrs's
defaults. A card new in Anki (never answered, or reset) stays new. The last log row holds
that final state, so rebuilding card states from the log (``studyguide rebuild-progress``)
gives the same schedule.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import fsrs

from studyguide.domain.changes import Changes
from studyguide.domain.imported_history import ImportedHistory, ImportedReview, ImportedState
from studyguide.domain.review import CardPhase
from studyguide.review.fsrs_steps import LEARNING, REVIEW, STATE_KEYS, Steps, dict_json, state_json
from studyguide.review.scheduler import fsrs_card_id
from studyguide.store.progress_import import HistoryRows, StateRow, import_history
from studyguide.store.progress_import import LogRow as StoredRow

#: A log row: rating, when (ISO), duration in ms, the state before and after (JSON).
LogRow = tuple[int, str, int | None, str | None, str]
#: A phase Anki logged, as a plain int (``CardPhase(n)`` costs 4 µs an answer; a phase not in it is refused).
_PHASES = {int(phase): int(phase) for phase in CardPhase}


#: What ``isoformat`` ends a UTC time with. A naive time's ``isoformat`` and this is the aware one's,
#: in a third of its time (the aware one asks its zone for the offset): 100,000 times an import.
_UTC = "+00:00"


#: The epoch, aware and naive: an aware time less the one, plus the other, is the naive UTC time, in a
#: tenth of ``astimezone(timezone.utc).replace(tzinfo=None)``'s time (0.06 µs against 0.6, 75,000 times).
_EPOCH_UTC, _EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(1970, 1, 1)


def _naive_utc(moment: datetime) -> datetime:
    """``moment.astimezone(timezone.utc).replace(tzinfo=None)``."""
    if moment.tzinfo is None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment - _EPOCH_UTC + _EPOCH


def _utc_iso(moment: datetime) -> str:
    """``moment.astimezone(timezone.utc).isoformat()`` (``moment``: aware)."""
    return _naive_utc(moment).isoformat() + _UTC


@dataclass(frozen=True, slots=True)
class ReplayedCard:
    """One card's log rows and final state."""

    card_id: str
    log: tuple[LogRow, ...]
    state: dict[str, Any]
    due: datetime


def replay(history: ImportedHistory, *, guide_id: str, desired_retention: float = 0.9) -> list[ReplayedCard]:
    """Every card with a schedule in Anki, replayed (see the module's docstring)."""
    return [ReplayedCard(card_id=card_id, log=tuple(row[2:] for row in log), state=final,
                         due=datetime.fromisoformat(final["due"]))
            for card_id, log, final, _json in _replay(history, guide_id, desired_retention)]


def replay_rows(history: ImportedHistory, *, guide_id: str, desired_retention: float = 0.9) -> HistoryRows:
    """``replay`` as the rows the progress database is given (``store.progress_import``), made once:
    the log rows as the replay makes them, each card's state as its last log row holds it."""
    log: list[StoredRow] = []
    states: list[StateRow] = []
    for card_id, rows, final, final_json in _replay(history, guide_id, desired_retention):
        log += rows
        states.append((guide_id, card_id, final_json, final["due"], final.get("state"), final.get("stability")))
    return HistoryRows(log, states)


def _replay(history: ImportedHistory, guide_id: str,
            desired_retention: float) -> Iterator[tuple[str, list[StoredRow], dict[str, Any], str]]:
    """Each card replayed: its id, log rows (as stored), final state and that state's JSON."""
    schedulers: dict[tuple[float, ...], tuple[fsrs.Scheduler, Steps, list[dict[str, Any]]]] = {}
    answers: dict[str, list[ImportedReview]] = {}
    for review in history.reviews:
        answers.setdefault(review.card_id, []).append(review)
    for anki in history.states:
        if anki.phase is None:
            continue
        found = schedulers.get(anki.parameters)
        if found is None:  # one scheduler per preset, with a new card's state after Good (see _final)
            parameters = fsrs6_parameters(anki.parameters) or fsrs.scheduler.DEFAULT_PARAMETERS
            exact = fsrs.Scheduler(parameters, desired_retention=desired_retention, enable_fuzzing=False)
            found = schedulers[anki.parameters] = (exact, Steps(exact), [])
        exact, steps, fresh = found
        reviews = answers.get(anki.card_id, [])
        if anki.stability is not None and anki.difficulty is not None:
            log = _as_logged(guide_id, anki.card_id, reviews)  # Anki's memory state: nothing to replay
            state = None
        else:
            log, state = _replayed(steps, guide_id, anki.card_id, reviews)
        final = _final(exact, guide_id, anki, state, reviews[-1].reviewed_at if reviews else None, fresh)
        if final is None:
            continue
        final_json = dict_json(final)
        if log:  # its state after is the final state (_replayed and _as_logged leave it to this)
            log[-1] = (*log[-1][:6], final_json)
        yield anki.card_id, log, final, final_json


def fsrs6_parameters(stored: tuple[float, ...]) -> tuple[float, ...] | None:
    """A deck preset's FSRS parameters as FSRS-6's 21, converted as Anki's fsrs-rs does
    (``check_and_fill_parameters``): FSRS-5's 19 get FSRS-6's neutral last two (0, 0.5), and
    FSRS-4's 17 are converted too; each is then held within fsrs's bounds (fsrs-rs clips them
    too). None for none, another count or a number that is not finite: fsrs's defaults then.
    """
    values = list(stored)
    if not values or not all(math.isfinite(v) for v in values):
        return None
    if len(values) == 17:
        values[4] = values[5] * 2.0 + values[4]
        values[5] = math.log(values[5] * 3.0 + 1.0) / 3.0
        values[6] += 0.5
        values += [0.0, 0.0, 0.0, 0.5]
    elif len(values) == 19:
        values += [0.0, 0.5]
    elif len(values) != 21:
        return None
    bounds = zip(fsrs.scheduler.LOWER_BOUNDS_PARAMETERS, fsrs.scheduler.UPPER_BOUNDS_PARAMETERS, strict=True)
    return tuple(min(max(value, low), high) for value, (low, high) in zip(values, bounds, strict=True))


def _replayed(steps: Steps, guide_id: str, card_id: str,
              reviews: list[ImportedReview]) -> tuple[list[StoredRow], dict[str, Any] | None]:
    """The answers replayed through fsrs (``Steps``: its numbers, as ``Steps.replay`` gives them, one
    ``Steps.step`` at a time here: no generator and zips between, -8 ms of 25,000 answers), oldest first:
    the log rows (as stored) and the state after the last."""
    log: list[StoredRow] = []
    ident = fsrs_card_id(guide_id, card_id)
    utc = timezone.utc
    answer = steps.step
    before: str | None = None
    phase, difficulty = LEARNING, 0.0  # a new card's (Steps.replay's)
    step: int | None = 0
    stability: float | None = None
    last: datetime | None = None
    last_iso = due_iso = ""
    final = reviews[-1] if reviews else None
    for review in reviews:
        when = review.reviewed_at
        at = _naive_utc(when)
        phase, step, stability, difficulty, interval = answer(phase, step, stability, difficulty, last,
                                                              review.rating, at)
        last = at
        last_iso, due_iso = at.isoformat() + _UTC, (at + interval).isoformat() + _UTC
        # The last row's state after is the card's final state: _replay puts it in.
        after = state_json(ident, phase, step, stability, difficulty, due_iso, last_iso) if review is not final else ""
        log.append((guide_id, card_id, review.rating, last_iso if when.tzinfo is utc else when.isoformat(),
                    review.duration_ms, before, after))
        before = after
    if not log:
        return log, None
    return log, dict(zip(STATE_KEYS, (ident, phase, step, stability, difficulty, due_iso, last_iso), strict=True))


def _as_logged(guide_id: str, card_id: str, reviews: list[ImportedReview]) -> list[StoredRow]:
    """Log rows (as stored) as Anki logged the answers: each row's state before holds the phase Anki
    noted (its review log's type), no memory numbers; the first answer of a new card has none."""
    log: list[StoredRow] = []
    before: str | None = None
    ident = fsrs_card_id(guide_id, card_id)
    utc = timezone.utc
    times = [_utc_iso(review.reviewed_at) for review in reviews]
    last = len(reviews) - 1
    for index, review in enumerate(reviews):
        following = index + 1 if index < last else index
        phase = _PHASES[reviews[following].phase_before or LEARNING]
        # The last row's state after is the card's final state: _replay puts it in.
        after = state_json(ident, phase, None if phase == REVIEW else 0, None, None,
                           times[following], times[index]) if index < last else ""
        when = review.reviewed_at
        log.append((guide_id, card_id, review.rating, times[index] if when.tzinfo is utc else when.isoformat(),
                    review.duration_ms, before, after))
        before = after
    return log


def _final(exact: fsrs.Scheduler, guide_id: str, anki: ImportedState, replayed: dict[str, Any] | None,
           last: datetime | None, fresh: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The card's state now: the replay's (or, without answers, a fresh one from its memory state),
    with Anki's phase, due date and memory state put in."""
    if replayed is None:
        if anki.stability is None or anki.due is None:
            return None  # no answers and no memory state: nothing to schedule from
        # A new card answered Good at its last answer (or its due date), then given Anki's phase,
        # due date and memory state below. What fsrs gives a new card for Good (its phase, step
        # and numbers) is the same for every card, so it is asked once.
        last = (last or anki.due).astimezone(timezone.utc)
        if not fresh:
            fresh.append(exact.review_card(fsrs.Card(), fsrs.Rating.Good, last)[0].to_dict())  # type: ignore[arg-type]
        replayed = {**fresh[0], "card_id": fsrs_card_id(guide_id, anki.card_id), "last_review": _utc_iso(last)}
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
        final["due"] = _utc_iso(anki.due)
    return final


def save_history(progress_path: Path, *, guide_id: str, history: ImportedHistory, now: datetime,
                 desired_retention: float = 0.9) -> Changes:
    """Replay ``history`` and write it into the progress database at ``progress_path`` (one
    transaction, a connection of its own: safe on the import's worker thread).

    Raises:
        StoreUnavailable: The progress file cannot be written; nothing was.
    """
    import_history(progress_path, guide_id=guide_id,
                   cards=replay_rows(history, guide_id=guide_id, desired_retention=desired_retention),
                   suspended=history.suspended, now=now)
    return Changes(progress=True, due_counts=True)
