"""A guide's exam report (today's plan, each section's predicted recall), computed from connections
of its own so that the views can ask for it on the task runner (about 0.7 s at 10,000 cards)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from studyguide.domain.exam import ExamGoal, ExamReport
from studyguide.review.exam import DEFAULT_SECONDS, exam_moment, plan_exam, section_recall
from studyguide.review.scheduler import Scheduler
from studyguide.store.content import ContentStore
from studyguide.store.exam_inputs import read_exam_goal, read_exam_inputs


def exam_report(*, progress: Path, guide: ContentStore, guide_id: str, goal: ExamGoal | None, now: datetime,
                day_start: datetime, parameters: Sequence[float] = ()) -> ExamReport | None:
    """Plan the guide's exam and predict each section's recall on the day.

    Args:
        progress: The progress database (read through a read-only connection of its own).
        guide: The guide's content, on a connection of the calling thread.
        guide_id: The guide.
        goal: The exam (None: the guide's stored one; then None without one).
        now: The time.
        day_start: When today began (today's new cards count against the plan's daily quota).
        parameters: The FSRS-6 parameters in use (empty: the defaults).

    Raises:
        StoreUnavailable: The progress or the guide cannot be read.
    """
    goal = goal or read_exam_goal(progress, guide_id)  # first: a guide without an exam reads nothing more
    if goal is None or now.date() > goal.day:
        return None if goal is None else ExamReport(goal, None, {})
    inputs = read_exam_inputs(progress, guide_id, since=day_start)
    cards = [card for card in guide.cards() if card.id not in inputs.suspended]
    scheduler = Scheduler(desired_retention=goal.target, enable_fuzzing=False, parameters=tuple(parameters))
    plan = plan_exam({card.id: inputs.states.get(card.id) for card in cards}, goal=goal, now=now,
                     scheduler=scheduler, new_seen_today=inputs.new_seen, parameters=parameters,
                     seconds_per_answer=inputs.seconds_per_answer or DEFAULT_SECONDS)
    recall = section_recall(scheduler, inputs.states, {card.id: card.section_id for card in cards},
                            exam_moment(goal.day))
    return ExamReport(goal, plan, recall)


def read_exam_report(*, progress: Path, guide: Path, **arguments: object) -> ExamReport | None:
    """``exam_report`` with the guide opened here and closed after (for a job on the task runner)."""
    content = ContentStore(path=guide)
    try:
        return exam_report(progress=progress, guide=content, **arguments)  # type: ignore[arg-type]
    finally:
        content.close()
