"""A guide's review log and card states read out of the progress database, for an export.

Each log row holds the card's scheduler state before and after the answer (``fsrs.Card``'s
dict); the phase, stability, difficulty and due date are read from them.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from studyguide.domain.review import CardPhase
from studyguide.domain.study_history import CardSchedule, LoggedAnswer, StudyHistory
from studyguide.store import schema
from studyguide.store.connection import explain

_PHASES = {int(phase) for phase in CardPhase}


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _state(text: object) -> dict[str, Any]:
    try:
        found = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        return {}
    return found if isinstance(found, dict) else {}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def study_history(path: Path, guide_id: str, card_ids: set[str], *, desired_retention: float = 0.9,
                  ) -> StudyHistory:
    """The answers (oldest first) and states of the guide's cards among ``card_ids``, read from
    the progress database at ``path`` through a read-only connection of its own (worker-safe).

    Raises:
        StoreUnavailable: The progress database cannot be read.
    """
    answers, cards = [], []
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            log = db.execute(f"SELECT card_id, rating, reviewed_at, duration_ms, previous_state, new_state "
                             f"FROM [{schema.REVIEW_LOG}] WHERE guide_id = ? ORDER BY reviewed_at, id",
                             [guide_id]).fetchall()
            states = db.execute(f"SELECT card_id, state, due FROM [{schema.CARD_STATE}] WHERE guide_id = ? "
                                "ORDER BY card_id", [guide_id]).fetchall()
    except sqlite3.Error as error:
        raise explain(error, path) from error
    for card_id, rating, reviewed_at, duration_ms, before, after in log:
        when, due = _time(reviewed_at), _time(_state(after).get("due"))
        if card_id not in card_ids or when is None or due is None or rating not in (1, 2, 3, 4):
            continue
        phase = _state(before).get("state")
        answers.append(LoggedAnswer(card_id=card_id, rating=rating, reviewed_at=when,
                                    duration_ms=duration_ms if isinstance(duration_ms, int) else None,
                                    phase_before=phase if phase in _PHASES else None, due_after=due))
    for card_id, text, due_text in states:
        state, due = _state(text), _time(due_text)
        if card_id not in card_ids or due is None or state.get("state") not in _PHASES:
            continue
        cards.append(CardSchedule(card_id=card_id, phase=state["state"], due=due,
                                  stability=_number(state.get("stability")),
                                  difficulty=_number(state.get("difficulty")),
                                  last_review=_time(state.get("last_review"))))
    return StudyHistory(answers=tuple(answers), cards=tuple(cards), desired_retention=desired_retention)
