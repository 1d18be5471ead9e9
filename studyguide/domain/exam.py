"""An exam date per guide: the goal, and the plan's days (values only; the planner is ``review.exam``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from studyguide.domain.stats import plural


@dataclass(frozen=True, slots=True)
class ExamGoal:
    """An exam a guide is studied for.

    Attributes:
        day: The exam's date.
        target: The predicted recall every card should have on that day (0.9: 90%).
        minutes_per_day: The learner's daily study budget; a plan above it is warned about.
    """

    day: date
    target: float = 0.9
    minutes_per_day: int = 30


@dataclass(frozen=True, slots=True)
class PlanDay:
    """One study day of an exam plan: new cards to learn, reviews, and the time they take."""

    day: date
    new: int
    reviews: int
    minutes: float


@dataclass(frozen=True, slots=True)
class ExamPlan:
    """Daily new cards and reviews so that every card's predicted recall on the exam day is at
    least the target (answers assumed right; replanned every day from the real answers).

    Attributes:
        goal: The exam.
        days: Each study day from today to the day before the exam.
        today_reviews: Cards to review today.
        today_new: New cards to learn today.
        unplannable: Cards that cannot reach the target in time (the exam is today or past).
        warning: Why the plan does not fit ("" when it does).
    """

    goal: ExamGoal
    days: tuple[PlanDay, ...]
    today_reviews: tuple[str, ...]
    today_new: tuple[str, ...]
    unplannable: int = 0
    warning: str = ""

    @property
    def busiest(self) -> PlanDay | None:
        """The day with the most work."""
        return max(self.days, key=lambda d: d.minutes, default=None)

    def summary(self) -> str:
        """One line for the Sections view's header and the dialog."""
        left = len(self.days)
        if not left:
            return f"Exam {self.goal.day.isoformat()}: today or past."
        busiest = self.busiest
        today = self.days[0]
        return (f"Exam in {left} day{'s' * (left != 1)}: today {today.new} new + {plural(today.reviews, 'review')} "
                f"(~{today.minutes:.0f} min); busiest day ~{busiest.minutes:.0f} min" if busiest else "")


@dataclass(frozen=True, slots=True)
class ExamReport:
    """A guide's exam as the views show it: today's plan and each section's predicted recall.

    Attributes:
        goal: The exam.
        plan: Today's plan (None once the exam is past: scheduling is then as usual).
        recall: Each section's mean predicted recall on exam day (empty once it is past).
    """

    goal: ExamGoal
    plan: ExamPlan | None
    recall: dict[str, float]
