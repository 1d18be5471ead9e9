"""What the Flashcards view says when no card is waiting: the sitting's summary, why, and what next.

Pure functions of the session's numbers, so the wording is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from studyguide.domain.review import SessionSummary

#: Check again at least this often while waiting, so a new study day's cards appear too.
LONGEST_WAIT = timedelta(hours=1)
#: Check a little after the due time, never before it.
MARGIN = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class SessionEnd:
    """The end screen's text and offers.

    Attributes:
        title: "Session complete." or "All caught up."
        lines: Sentences under the title.
        study_more: How many more new cards the "Study N more new cards today" button offers (0: none).
    """

    title: str
    lines: list[str]
    study_more: int

    @property
    def study_more_text(self) -> str:
        """The button's text: "Study 6 more new cards today"."""
        return f"Study {_plural(self.study_more, 'more new card')} today"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def session_end(summary: SessionSummary, *, held_back: int, new_left: int, limit_today: int,
                new_per_day: int, section: bool) -> SessionEnd:
    """The end screen of a session with no card waiting.

    Args:
        summary: The sitting so far.
        held_back: New cards of the session's scope left out by today's limit.
        new_left: New cards still allowed today.
        limit_today: Today's limit of new cards (the setting plus any extra asked for today).
        new_per_day: The daily setting (how many more to offer at a time).
        section: True when only one section is reviewed.
    """
    lines = []
    if summary.reviewed:
        title = "Session complete."
        minutes = max(round(summary.seconds / 60), 1) if summary.seconds >= 30 else 0
        spent = f"{minutes} min" if minutes else "under a minute"
        lines.append(f"{_plural(summary.reviewed, 'answer')}, {_plural(summary.cards, 'card')} in {spent}; "
                     f"{summary.forgotten} forgotten (answered Again).")
    else:
        title = "All caught up."
    study_more = 0
    if held_back and not new_left:
        where = "in this section" if section else "in this guide"
        lines.append(f"Today's limit of {_plural(limit_today, 'new card')} is reached; "
                     f"{held_back} more {'waits' if held_back == 1 else 'wait'} {where}.")
        study_more = min(held_back, new_per_day or 20)
    if summary.next_due is not None:
        lines.append(f"The next card is due {summary.next_due.astimezone():%A %d %B at %H:%M}; "
                     "it will appear here then.")
    elif not lines:
        lines.append("No cards are waiting. New cards arrive each day, up to your daily limit.")
    return SessionEnd(title, lines, study_more)


def recheck_in(next_due: datetime | None, now: datetime) -> int:
    """Milliseconds until the view should look for due cards again (just after ``next_due``, at most an hour)."""
    wait = LONGEST_WAIT if next_due is None else min(max(next_due - now, timedelta(0)) + MARGIN, LONGEST_WAIT)
    return max(int(wait.total_seconds() * 1000), 1000)
