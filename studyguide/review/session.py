"""The flashcard review flow, free of Qt: queue, phase, answer, undo, suspend, edit.

``FlashcardsView`` only renders ``ReviewSession.current`` and forwards keys.
Every answer is written synchronously through the progress store before the
next card is shown: durability against a killed process comes first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from studyguide.domain.changes import Changes
from studyguide.domain.guide import Card
from studyguide.domain.review import LEARNING_PHASES, DueCounts, SessionSummary
from studyguide.domain.review_phase import Phase
from studyguide.review.history import Answers, Sitting, Snapshot, UndoStep
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.store.card_edits import CardEditsStore
from studyguide.store.progress import CardProgress, ProgressStore, UndoConflict, UndoneAnswer

Clock = Callable[[], datetime]
#: Returns how many new cards may still be introduced today (read from stored answers).
Allowance = Callable[[], int]

#: A card due again within this time stays in the running session (learning steps).
REQUEUE_WITHIN = timedelta(hours=1)
#: Undo steps kept per guide (each holds a copy of the queue); older answers are still undone
#: from the review log, with the queue rebuilt instead of put back exactly.
UNDO_STEPS = 100

__all__ = ["Answers", "Current", "DueCounts", "Phase", "ReviewSession", "Sitting", "UndoStep"]


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
        cards: The cards to draw from, in guide order (edits applied).
        progress: Where answers are stored.
        scheduler: FSRS adapter.
        clock: Returns the current timezone-aware time.
        new_allowance: Returns how many new cards may still be introduced today (None: no limit).
            It is asked on every reload, so the daily limit holds across answers and undos.
        edits: Where suspensions and edits are saved (None: those actions are unavailable).
        undo_steps: The guide's undo history, shared by its sessions (None: one of its own).
        sitting: The sitting whose answers the summary counts (None: one starting now).
        suspended: Ids of cards among ``cards`` that are suspended (never queued until unsuspended).
        answers: The guide's answers this library instance may undo, shared by its sessions (None:
            those of this session, and those logged before it started).
        count_waiting: Counts the waiting cards of this session's scope at a time, new ones not
            capped by today's limit (``store.due.DueCounter``, as the status bar counts): the queue
            is counted with it on each reload, then kept up to date as cards leave and join it.
    """

    def __init__(self, *, guide_id: str, cards: Sequence[Card], progress: ProgressStore,
                 scheduler: Scheduler, clock: Clock, new_allowance: Allowance | None = None,
                 edits: CardEditsStore | None = None, undo_steps: list[UndoStep] | None = None,
                 sitting: Sitting | None = None, suspended: Iterable[str] = (),
                 answers: Answers | None = None, count_waiting: Callable[[datetime], DueCounts]) -> None:
        self.guide_id = guide_id
        self._cards = {card.id: card for card in cards}
        self._order = [card.id for card in cards]
        self._rank = {card_id: i for i, card_id in enumerate(self._order)}
        self._progress = progress
        self._scheduler = scheduler
        self._clock = clock
        self._new_allowance = new_allowance
        self._count_waiting = count_waiting
        self._suspended = set(suspended)
        self._edits = edits
        self._undo: list[UndoStep] = [] if undo_steps is None else undo_steps
        #: Bumped by every reload: a snapshot taken before one no longer fits the queue.
        self._generation = 0
        #: Phase (fsrs State) and due time of every stored card in this session: cheap to load.
        self._phases: dict[str, tuple[int, datetime]] = {}
        #: Full scheduler states, read when a card is shown and kept after each answer.
        self._states: dict[str, CardProgress | None] = {}
        self._queue: deque[str] = deque()
        #: The queue's counts by kind (new, learning, review).
        self._tally: list[int] = [0, 0, 0]
        self._phase = Phase.QUESTION
        self._shown_at = clock()
        self._started = clock()
        self._sitting = sitting or Sitting(progress.last_answer_id(), self._started)
        self._answers = answers or Answers(self._sitting.after_id, [])
        self.reviewed = 0
        self.forgotten = 0
        self.reload()

    def reload(self) -> None:
        """Read stored phases again and rebuild the queue: due cards first, then new."""
        self._generation += 1
        self._phases = {k: v for k, v in self._progress.phases(self.guide_id).items() if k in self._cards}
        if self._edits is not None:  # suspended since in another window or process: as the counts see it
            self._suspended = {cid for _, cid in self._edits.suspended(self.guide_id) if cid in self._cards}
        self._states = {}
        now = self._clock()
        queue, self._tally = self._select(now)
        self._queue = deque(queue)
        self._phase = Phase.QUESTION
        self._shown_at = now

    def _select(self, now: datetime) -> tuple[list[str], list[int]]:
        """The queue (due cards, then new ones within today's limit) and its (new, learning, review)
        counts; a custom study session (``review.custom``) picks its cards otherwise."""
        due = sorted((when, self._rank[cid], cid) for cid, (_, when) in self._phases.items()
                     if when <= now and cid not in self._suspended)
        new = [cid for cid in self._order if cid not in self._phases and cid not in self._suspended]
        allowance = self.new_allowance()
        waiting = self._count_waiting(now)
        return [cid for _, _, cid in due] + new[:allowance], [min(waiting.new, allowance), waiting.learning,
                                                              waiting.review]

    def new_allowance(self) -> int:
        """How many new cards may still be introduced today (a large number when unlimited)."""
        return len(self._order) if self._new_allowance is None else max(self._new_allowance(), 0)

    def new_held_back(self) -> int:
        """New cards of this session's scope left out of the queue by today's limit."""
        return max(self._count_waiting(self._clock()).new - self._tally[0], 0)

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
        """How many new, learning and review cards are waiting in this session.

        Counted as the status bar counts on each reload (``count_waiting``), then kept up to
        date by each answer, suspension and undo: the view asks twice per card, and the queue
        may hold tens of thousands of cards.
        """
        return DueCounts(*self._tally)

    def _kind(self, card_id: str) -> int:
        """0 for a new card, 1 for one being learned, 2 for one in review."""
        stored = self._phases.get(card_id)
        if stored is None:
            return 0
        return 1 if stored[0] in LEARNING_PHASES else 2

    def _count(self, card_id: str, step: int) -> None:
        """A card joins (+1) or leaves (-1) the queue: adjust the kept counts."""
        self._tally[self._kind(card_id)] += step

    def next_due(self) -> datetime | None:
        """When the next card not in the queue falls due (None if none is scheduled)."""
        left_out = set(self._queue) | self._suspended
        return min((when for cid, (_, when) in self._phases.items() if cid not in left_out), default=None)

    def summary(self) -> SessionSummary:
        """What this sitting has done so far: every answer of the guide since it began.

        Counted from the review log, so a session restarted on the way (another section,
        the whole guide again, new settings) still counts every answer, and an undone
        answer is not counted.
        """
        answers, cards, forgotten, milliseconds = self._progress.answers_after(self.guide_id, self._sitting.after_id)
        return SessionSummary(answers, forgotten, milliseconds / 1000, self.next_due(), cards=cards)

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
        self._stored(card_id)
        before = self._snapshot(card_id)
        now = self._clock()

        def schedule(stored: dict[str, Any] | None) -> tuple[dict[str, Any], datetime]:
            # Called with the state as stored when the answer is saved: another window or
            # process may have answered this card since this session read it.
            scheduled = self._scheduler.answer(guide_id=self.guide_id, card_id=card_id, state=stored,
                                               rating=rating, now=now)
            return scheduled.state, scheduled.due

        elapsed_ms = max(int((now - self._shown_at).total_seconds() * 1000), 0)
        recorded = self._progress.record_scheduled_answer(
            guide_id=self.guide_id, card_id=card_id, rating=int(rating), reviewed_at=now,
            schedule=schedule, duration_ms=elapsed_ms)
        changes = Changes(progress=True, due_counts=True)
        self._answers.mine.append((recorded.answer_id, card_id, now))
        self._states[card_id] = CardProgress(card_id, recorded.new_state, recorded.due)
        self._count(card_id, -1)
        self._phases[card_id] = (int(recorded.new_state["state"]), recorded.due)
        self._queue.popleft()
        if recorded.due - now <= REQUEUE_WITHIN:
            # Learning steps come back within minutes: keep them in this session,
            # after the cards already waiting (as Anki does).
            self._queue.append(card_id)
            self._count(card_id, +1)
        self._phase = Phase.QUESTION
        self._shown_at = now
        self.reviewed += 1
        self.forgotten += rating is Rating.AGAIN
        self._remember(UndoStep("answer", card_id, int(rating), self, before, recorded.answer_id))
        return changes

    def _remember(self, step: UndoStep) -> None:
        self._undo.append(step)
        del self._undo[:-UNDO_STEPS]

    def _snapshot(self, card_id: str) -> Snapshot:
        return Snapshot(self._generation, tuple(self._queue),
                         self._phases.get(card_id), self._states.get(card_id), card_id in self._states,
                         self.reviewed, self.forgotten,
                         (self._tally[0], self._tally[1], self._tally[2]))

    def _restore(self, card_id: str, snapshot: Snapshot) -> None:
        """Put back the session's queue and counts as they were before an answer or suspension.

        The card comes back as a question, timed from now, so the learner answers it afresh.
        """
        self._queue = deque(snapshot.queue)
        # The counts of that queue, as they were (counting 100,000 queued cards again takes ms).
        self._tally = list(snapshot.tally)
        self._phase = Phase.QUESTION
        self._shown_at = self._clock()
        self._phases.pop(card_id, None)
        self._states.pop(card_id, None)
        if snapshot.phase_entry is not None:
            self._phases[card_id] = snapshot.phase_entry
        if snapshot.had_state:
            self._states[card_id] = snapshot.state_entry
        self.reviewed, self.forgotten = snapshot.reviewed, snapshot.forgotten

    def _reload_with_in_front(self, card_id: str) -> None:
        """Rebuild the queue from storage with ``card_id`` first, within today's new-card limit."""
        self.reload()
        if card_id in self._queue:
            self._queue.remove(card_id)
            self._count(card_id, -1)
        if card_id in self._cards:
            self._queue.appendleft(card_id)
            self._count(card_id, +1)
        # The card put in front may be a new one the limit did not pick: drop new cards
        # from the back until the queue holds no more than the limit allows.
        excess = self._tally[0] - self.new_allowance()
        for cid in reversed(list(self._queue)):
            if excess <= 0:
                break
            if cid not in self._phases and cid != card_id:
                self._queue.remove(cid)
                self._count(cid, -1)
                excess -= 1

    def undo(self) -> tuple[Changes, str] | None:
        """Take back the last answer or suspension of this guide and show that card again.

        An action of this session puts back exactly the queue and counts before it, with
        the card shown as a question again; an older one (from an earlier session or run)
        rebuilds the queue with the card in front. Either way no more new cards are queued
        than today's limit allows. Only this library instance's answers are taken back
        (then those logged before it opened the library), never another window's.

        Returns:
            What changed and a label ("Undo Answer: Good", "Undo Suspend"), or None if
            there is nothing to undo.

        Raises:
            UndoConflict: The answer was taken back elsewhere, or its card was answered again
                since in another window or process: nothing changed, and the next undo goes
                further back.
            StoreUnavailable: If the undo could not be saved; nothing changed then.
        """
        step = self._undo[-1] if self._undo else None
        if step is not None and step.kind == "suspend" and self._edits is not None:
            changes = self._edits.set_suspended(self.guide_id, step.card_id, suspended=False, now=self._clock())
            self._undo.pop()
            self._suspended.discard(step.card_id)
            self._put_back(step)
            return changes | Changes(progress=True, due_counts=True), "Undo Suspend"
        if step is not None and step.kind == "answer":
            undone: UndoneAnswer | None
            try:
                undone = self._answers.undo(self._progress, step.answer_id)
            except UndoConflict:
                self._undo.pop()  # it can never be undone here: the next undo goes further back
                raise
            self._undo.pop()
            self._put_back(step)
        else:
            if step is not None:
                self._undo.pop()
            undone = self._answers.undo_older(self._progress, self.guide_id)
            if undone is None:
                return None
            # Not an answer in this guide's history: rebuild the queue.
            self._undo.clear()
            # The log's ids may now be reused by the next answer: keep counting it.
            self._sitting.after_id = min(self._sitting.after_id, self._progress.last_answer_id())
            self._reload_with_in_front(undone.card_id)
            self.reviewed = max(0, self.reviewed - 1)
            self.forgotten = max(0, self.forgotten - (undone.rating == Rating.AGAIN))
        return Changes(progress=True, due_counts=True), f"Undo Answer: {Rating(undone.rating).label}"

    def _put_back(self, step: UndoStep) -> None:
        if step.owner is self and step.snapshot.generation == self._generation:
            self._restore(step.card_id, step.snapshot)
        else:
            self._reload_with_in_front(step.card_id)
            if step.owner is self:
                self.reviewed, self.forgotten = step.snapshot.reviewed, step.snapshot.forgotten

    def bring_to_front(self, card_id: str) -> bool:
        """Show ``card_id`` first, as a question (to redo an undone answer or suspension).

        Returns:
            False if the card is not in this session's cards (or is suspended).
        """
        current = self.current
        if current is None or current.card.id != card_id:
            if card_id not in self._cards or card_id in self._suspended:
                return False
            self._reload_with_in_front(card_id)
        self._phase = Phase.QUESTION
        return self.current is not None and self.current.card.id == card_id

    def suspend_current(self) -> Changes:
        """Suspend the card on screen: it leaves this and every later queue until unsuspended."""
        current = self.current
        if current is None or self._edits is None:
            return Changes()
        before = self._snapshot(current.card.id)
        changes = self._edits.set_suspended(self.guide_id, current.card.id, suspended=True, now=self._clock())
        self._count(current.card.id, -1)
        self._queue.popleft()
        self._suspended.add(current.card.id)
        self._phase = Phase.QUESTION
        self._remember(UndoStep("suspend", current.card.id, 0, self, before))
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
