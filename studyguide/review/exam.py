"""Planning for an exam date: predicted recall on the day, and daily new cards and reviews.

Predicted recall is FSRS's retrievability of each card's stored state, projected to the exam
(a new card counts 0). Which cards to study today: each studied card is projected forward with
right answers and reviewed on a day when its recall would fall below the target by that day's
end, or on the eve of the exam when its recall at the exam would; new cards are spread over the
days left. The daily workload of the new cards (how many learned, their reviews, the time) comes
from fsrs-rs's simulator (``fsrs_rs_python.simulate``, the crate the optimizer fits with, run with
the same parameters, the target as desired retention and its learner who forgets now and then).
The plan is recomputed from the real answers each day, so a forgotten card is planned again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import fsrs_rs_python as fsrs_rs

from studyguide.domain.exam import ExamGoal, ExamPlan, PlanDay
from studyguide.review.scheduler import Rating, Scheduler

#: Seconds per answer when the log has none to average.
DEFAULT_SECONDS = 8.0
#: Answers in one day to get a card out of (re)learning (steps) before giving up on it that day.
MAX_SAME_DAY = 6


def exam_moment(day: date) -> datetime:
    """When recall is predicted: the start of the exam day (UTC midnight)."""
    return datetime.combine(day, time(0), tzinfo=timezone.utc)


def recall_at(scheduler: Scheduler, state: Mapping[str, Any] | None, at: datetime) -> float:
    """A card's predicted recall at ``at`` (0 for a card never studied)."""
    return 0.0 if state is None else scheduler.retrievability(dict(state), at)


def section_recall(scheduler: Scheduler, states: Mapping[str, Mapping[str, Any] | None],
                   section_of: Mapping[str, str], at: datetime) -> dict[str, float]:
    """Each section's mean predicted recall at ``at`` over its cards (new ones count 0)."""
    totals: dict[str, list[float]] = {}
    for card_id, section_id in section_of.items():
        totals.setdefault(section_id, []).append(recall_at(scheduler, states.get(card_id), at))
    return {section_id: sum(values) / len(values) for section_id, values in totals.items()}


def simulate_new(count: int, *, days: int, per_day: int, target: float, parameters: Sequence[float] = (),
                 seconds_per_answer: float = DEFAULT_SECONDS, seed: int = 0) -> list[tuple[int, int, float]]:
    """fsrs-rs's simulated learner taking ``count`` new cards, ``per_day`` a day, for ``days`` days.

    Its answer costs are fsrs-rs's defaults scaled so that a right review takes
    ``seconds_per_answer``; it reviews a card when its recall falls to ``target``, with no daily cap.

    Returns:
        (cards learned, reviews, minutes) for each day (all zero without new cards).
    """
    if count <= 0 or days <= 0:
        return [(0, 0, 0.0)] * max(days, 0)
    config = fsrs_rs.default_simulator_config()
    config.deck_size, config.learn_span, config.learn_limit = count, days, max(per_day, 1)
    config.max_cost_perday = 1e12  # the plan says what it needs; the budget is compared after
    scale = seconds_per_answer / config.state_rating_costs[1][2]  # a Good review's cost
    config.state_rating_costs = [[cost * scale for cost in row] for row in config.state_rating_costs]
    result = fsrs_rs.simulate(list(parameters) or list(fsrs_rs.DEFAULT_PARAMETERS), target, config, seed)
    return [(int(learned), int(reviews), float(cost) / 60) for learned, reviews, cost in
            zip(result.learn_cnt_per_day, result.review_cnt_per_day, result.cost_per_day, strict=True)]


def _learn(scheduler: Scheduler, card_id: str, state: dict[str, Any] | None, at: datetime,
           day_end: datetime) -> tuple[dict[str, Any], int]:
    """Answer a card right until it leaves today's (re)learning steps; returns its state and the answers."""
    answers = 0
    while answers < MAX_SAME_DAY:
        scheduled = scheduler.answer(guide_id="", card_id=card_id, state=state, rating=Rating.GOOD, now=at)
        state, answers = scheduled.state, answers + 1
        if scheduled.due >= day_end:
            break
        at = max(at, scheduled.due)
    assert state is not None
    return state, answers


def plan_exam(states: Mapping[str, Mapping[str, Any] | None], *, goal: ExamGoal, now: datetime,
              scheduler: Scheduler, new_seen_today: int = 0, seconds_per_answer: float = DEFAULT_SECONDS,
              study_hour: int = 18, parameters: Sequence[float] = ()) -> ExamPlan:
    """The plan from ``now`` to the exam.

    Args:
        states: Every card of the guide in guide order: its stored FSRS state, or None if new.
        goal: The exam.
        now: The time (today is its UTC date).
        scheduler: An FSRS adapter without fuzz (its intervals are not used, only its states).
        new_seen_today: New cards already learned today (today's quota counts them).
        seconds_per_answer: The learner's average answer time (from the log).
        study_hour: When the simulated days are studied (UTC hour), after today.
        parameters: The FSRS-6 parameters in use (empty: the defaults), for fsrs-rs's simulator.
    """
    exam = exam_moment(goal.day)
    today = now.astimezone(timezone.utc).date()
    day_count = (goal.day - today).days
    target = goal.target
    if day_count <= 0:
        short = sum(recall_at(scheduler, s, exam) < target for s in states.values())
        warning = (f"The exam is today or past: {short} card{'s' * (short != 1)} cannot reach "
                   f"{target:.0%} by then." if short else "")
        return ExamPlan(goal, (), (), (), unplannable=short, warning=warning)
    simulated = {cid: dict(s) for cid, s in states.items() if s is not None}
    curves = {cid: scheduler.recall_curve(s) for cid, s in simulated.items()}
    new = [cid for cid, s in states.items() if s is None]
    quota = math.ceil((len(new) + new_seen_today) / day_count)
    simulated_new = simulate_new(len(new), days=day_count, per_day=quota, target=target, parameters=parameters,
                                 seconds_per_answer=seconds_per_answer)
    days: list[PlanDay] = []
    today_reviews: tuple[str, ...] = ()
    today_new: tuple[str, ...] = ()
    for offset in range(day_count):
        day = today + timedelta(days=offset)
        day_end = exam_moment(day + timedelta(days=1))
        at = now if offset == 0 else datetime.combine(day, time(study_hour), tzinfo=timezone.utc)
        eve = offset == day_count - 1
        due = [cid for cid, curve in curves.items()
               if curve(day_end) < target or (eve and curve(exam) < target)]
        answers = 0
        for cid in due:
            simulated[cid], count = _learn(scheduler, cid, simulated[cid], at, day_end)
            curves[cid] = scheduler.recall_curve(simulated[cid])
            answers += count
        learned, reviews, minutes = simulated_new[offset]  # the new cards' share, from fsrs-rs
        if offset == 0:
            today_reviews = tuple(due)
            today_new = tuple(new[:max(quota - new_seen_today, 0)])
            learned = len(today_new)
        days.append(PlanDay(day, learned, len(due) + reviews, answers * seconds_per_answer / 60 + minutes))
    plan = ExamPlan(goal, tuple(days), today_reviews, today_new)
    busiest = plan.busiest
    if busiest is not None and busiest.minutes > goal.minutes_per_day:
        over = sum(d.minutes > goal.minutes_per_day for d in days)
        plan = ExamPlan(goal, plan.days, today_reviews, today_new, warning=(
            f"The plan does not fit your budget of {goal.minutes_per_day} min a day: it needs up to "
            f"{busiest.minutes:.0f} min ({busiest.day.isoformat()}), on {over} of {len(days)} days. "
            "Set the exam later, raise the budget, or expect lower recall."))
    return plan
