"""The flashcard review flow, free of Qt: queue, phase, answer, undo, suspend, edit.

``FlashcardsView`` only renders ``ReviewSession.current`` and forwards keys.
Every answer is written synchronously through the progress store before the
next card is shown: durability against a killed process comes first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from studyguide.domain.changes import Changes
from studyguide.domain.guide import Card
from studyguide.domain.review import DueCounts, SessionSummary
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.store.card_edits import CardEditsStore
from studyguide.store.progress import CardProgress, ProgressStore

Clock = Callable[[], datetime]

#: fsrs State values.
LEARNING, REVIEW, RELEARNING = 1, 2, 3
#: A card due again within this time stays in the running session (learning steps).
REQUEUE_WITHIN = timedelta(hours=1)

__all__ = ["Current", "DueCounts", "Phase", "ReviewSession"]


class Phase(Enum):
    """What the learner is looking at."""

    QUESTION = "question"
    ANSWER = "answer"


@dataclass(frozen=True, slots=True)
class Current:
    """The card on screen and whether its answer is shown."""

    card: Card
    phase: Phase
    is_new: bool


class ReviewSession:
    """Reviews the due cards of one guide (or one section), then new ones up to a limit.

    Args:
        guide_id: The guide whose cards are reviewed.
        cards: The cards to draw from, in guide order (edits applied, suspended ones left out).
        progress: Where answers are stored.
        scheduler: FSRS adapter.
        clock: Returns the current timezone-aware time.
        new_limit: Most new cards to introduce in this session (None: no limit).
        edits: Where suspensions and edits are saved (None: those actions are unavailable).
    """

    def __init__(self, *, guide_id: str, cards: Sequence[Card], progress: ProgressStore,
                 scheduler: Scheduler, clock: Clock, new_limit: int | None = None,
                 edits: CardEditsStore | None = None) -> None:
        self.guide_id = guide_id
        self._cards = {card.id: card for card in cards}
        self._order = [card.id for card in cards]
        self._rank = {card_id: i for i, card_id in enumerate(self._order)}
        self._progress = progress
        self._scheduler = scheduler
        self._clock = clock
        self._new_limit = new_limit
        self._edits = edits
        #: Phase (fsrs State) and due time of every stored card in this session: cheap to load.
        self._phases: dict[str, tuple[int, datetime]] = {}
        #: Full scheduler states, read when a card is shown and kept after each answer.
        self._states: dict[str, CardProgress | None] = {}
        self._queue: deque[str] = deque()
        self._phase = Phase.QUESTION
        self._shown_at = clock()
        self._started = clock()
        self.reviewed = 0
        self.forgotten = 0
        self.reload()

    def reload(self) -> None:
        """Read stored phases again and rebuild the queue: due cards first, then new."""
        self._phases = {k: v for k, v in self._progress.phases(self.guide_id).items() if k in self._cards}
        self._states = {}
        now = self._clock()
        due = sorted((when, self._rank[cid], cid) for cid, (_, when) in self._phases.items() if when <= now)
        new = [cid for cid in self._order if cid not in self._phases]
        if self._new_limit is not None:
            new = new[: max(self._new_limit, 0)]
        self._queue = deque([cid for _, _, cid in due] + new)
        self._phase = Phase.QUESTION
        self._shown_at = now

    @property
    def current(self) -> Current | None:
        """The card on screen, or None when nothing is due."""
        if not self._queue:
            return None
        card_id = self._queue[0]
        return Current(self._cards[card_id], self._phase, card_id not in self._phases)

    def _stored(self, card_id: str) -> CardProgress | None:
        """A card's full scheduler state (None if never answered), read once then kept."""
        if card_id not in self._phases:
            return None
        if card_id not in self._states:
            self._states[card_id] = self._progress.card_state(self.guide_id, card_id)
        return self._states[card_id]

    def counts(self) -> DueCounts:
        """How many new, learning and review cards are waiting in this session."""
        new = learning = review = 0
        for card_id in self._queue:
            stored = self._phases.get(card_id)
            if stored is None:
                new += 1
            elif stored[0] in (LEARNING, RELEARNING):
                learning += 1
            else:
                review += 1
        return DueCounts(new, learning, review)

    def next_due(self) -> datetime | None:
        """When the next card not in the queue falls due (None if none is scheduled)."""
        queued = set(self._queue)
        return min((when for cid, (_, when) in self._phases.items() if cid not in queued), default=None)

    def summary(self) -> SessionSummary:
        """What this session has done so far."""
        seconds = (self._clock() - self._started).total_seconds()
        return SessionSummary(self.reviewed, self.forgotten, max(seconds, 0.0), self.next_due())

    def reveal(self) -> bool:
        """Show the answer. Returns False if there is no question on screen."""
        if self.current is None or self._phase is not Phase.QUESTION:
            return False
        self._phase = Phase.ANSWER
        return True

    def intervals(self) -> dict[Rating, timedelta]:
        """The interval each rating would give the current card."""
        current = self.current
        if current is None:
            return {}
        stored = self._stored(current.card.id)
        return self._scheduler.preview(guide_id=self.guide_id, card_id=current.card.id,
                                       state=stored.state if stored else None, now=self._clock())

    def answer(self, rating: Rating) -> Changes:
        """Rate the current card (answer must be shown), save it, move on.

        Returns:
            What changed; empty Changes if no answer was on screen.

        Raises:
            StoreUnavailable: If the answer could not be saved; the card stays on screen.
        """
        current = self.current
        if current is None or self._phase is not Phase.ANSWER:
            return Changes()
        card_id = current.card.id
        stored = self._stored(card_id)
        now = self._clock()
        scheduled = self._scheduler.answer(guide_id=self.guide_id, card_id=card_id,
                                           state=stored.state if stored else None, rating=rating, now=now)
        elapsed_ms = max(int((now - self._shown_at).total_seconds() * 1000), 0)
        changes = self._progress.record_answer(
            guide_id=self.guide_id, card_id=card_id, rating=int(rating), reviewed_at=now,
            new_state=scheduled.state, due=scheduled.due,
            previous_state=stored.state if stored else None, duration_ms=elapsed_ms,
        )
        self._states[card_id] = CardProgress(card_id, scheduled.state, scheduled.due)
        self._phases[card_id] = (scheduled.state.get("state"), scheduled.due)
        self._queue.popleft()
        if scheduled.due - now <= REQUEUE_WITHIN:
            # Learning steps come back within minutes: keep them in this session,
            # after the cards already waiting (as Anki does).
            self._queue.append(card_id)
        self._phase = Phase.QUESTION
        self._shown_at = now
        self.reviewed += 1
        self.forgotten += rating is Rating.AGAIN
        return changes

    def undo(self) -> tuple[Changes, str] | None:
        """Take back the last answer of this guide and show that card again.

        Returns:
            What changed and a label ("Undo Answer: Good"), or None if nothing to undo.
        """
        undone = self._progress.undo_last_answer(self.guide_id)
        if undone is None:
            return None
        self.reload()
        if undone.card_id in self._queue:
            self._queue.remove(undone.card_id)
        if undone.card_id in self._cards:
            self._queue.appendleft(undone.card_id)
        self.reviewed = max(0, self.reviewed - 1)
        self.forgotten = max(0, self.forgotten - (undone.rating == Rating.AGAIN))
        return Changes(progress=True, due_counts=True), f"Undo Answer: {Rating(undone.rating).label}"

    def suspend_current(self) -> Changes:
        """Suspend the card on screen: it leaves this and every later queue until unsuspended."""
        current = self.current
        if current is None or self._edits is None:
            return Changes()
        changes = self._edits.set_suspended(self.guide_id, current.card.id, suspended=True, now=self._clock())
        self._queue.popleft()
        self._phase = Phase.QUESTION
        return changes

    def edit_current(self, *, front: str, back: str) -> Changes:
        """Save the learner's wording of the card on screen; its progress is kept."""
        current = self.current
        if current is None or self._edits is None or not front.strip() or not back.strip():
            return Changes()
        changes = self._edits.set_text(self.guide_id, current.card.id, front=front.strip(),
                                       back=back.strip(), now=self._clock())
        self._cards[current.card.id] = replace(current.card, front=front.strip(), back=back.strip())
        return changes
