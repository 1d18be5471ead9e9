"""The flashcard review flow, free of Qt: queue, phase, answer, undo, suspend, edit.

``FlashcardsView`` renders ``ReviewSession.current`` and forwards keys. The session holds ids,
not cards or states: its queue reads a page at a time (``review.queue``), the card shown is read
when shown. Every answer is saved before the next card is shown (durability against kill first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from studyguide.domain.changes import Changes
from studyguide.domain.guide import Card
from studyguide.domain.review import DueCounts, SessionSummary
from studyguide.domain.review_phase import Phase
from studyguide.review.history import Answers, Sitting, Snapshot, UndoStep
from studyguide.review.queue import NEW, CardQueue, Pages
from studyguide.review.scheduler import Rating, Scheduler
from studyguide.review.sources import CardSource, in_fresh_queue, kind_of
from studyguide.store.card_edits import CardEditsStore
from studyguide.store.progress import ProgressStore, UndoConflict
from studyguide.store.progress_rows import CardProgress, UndoneAnswer

if TYPE_CHECKING:
    from studyguide.review.begin import Begun

Clock = Callable[[], datetime]
#: Returns how many new cards may still be introduced today (read from stored answers).
Allowance = Callable[[], int]

#: A card due again within this time stays in the running session (learning steps).
REQUEUE_WITHIN = timedelta(hours=1)
#: Undo steps kept per guide (each holds a copy of the queue's ids read so far); older answers are still undone
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
        source: Where the cards come from (``review.sources``: the guide a page at a time).
        progress: Where answers are stored.
        scheduler: FSRS adapter.
        clock: Returns the current timezone-aware time.
        new_allowance: Returns how many new cards may still be introduced today (None: no limit).
            It is asked on every reload, so the daily limit holds across answers and undos.
        edits: Where suspensions and edits are saved (None: those actions are unavailable).
        undo_steps: The guide's undo history, shared by its sessions (None: one of its own).
        sitting: The sitting whose answers the summary counts (None: one starting now).
        answers: The guide's answers this library instance may undo, shared by its sessions (None:
            those of this session, and those logged before it started).
        count_waiting: Counts the waiting cards of this session's scope at a time, new ones not
            capped by today's limit (``store.due.DueCounter``, as the status bar counts): the queue
            is counted with it on each reload, then kept up to date as cards leave and join it.
        begun: The counts and first page, read on the task runner (``review.begin``); None: read now.
    """

    def __init__(self, *, guide_id: str, source: CardSource, progress: ProgressStore,
                 scheduler: Scheduler, clock: Clock, new_allowance: Allowance | None = None,
                 edits: CardEditsStore | None = None, undo_steps: list[UndoStep] | None = None,
                 sitting: Sitting | None = None, answers: Answers | None = None,
                 count_waiting: Callable[[datetime], DueCounts], begun: Begun | None = None) -> None:
        self.guide_id = guide_id
        self._source = source
        self._progress = progress
        self._scheduler = scheduler
        self._clock = clock
        self._new_allowance = new_allowance
        self._count_waiting = count_waiting
        self._edits = edits
        self._undo: list[UndoStep] = [] if undo_steps is None else undo_steps
        #: Bumped by every reload: a snapshot taken before one no longer fits the queue.
        self._generation = 0
        self._queue = CardQueue()
        self._pages: Pages | None = None
        #: The card on screen as read (id -> card), and its full scheduler state once asked for.
        self._card: tuple[str, Card] | None = None
        self._state: tuple[str, CardProgress | None] | None = None
        #: The queue's counts by kind (new, learning, review).
        self._tally: list[int] = [0, 0, 0]
        self._phase = Phase.QUESTION
        self._shown_at = clock()
        self._started = clock()
        self._loaded_at = self._started
        self._sitting = sitting or Sitting(progress.last_answer_id(), self._started)
        self._answers = answers or Answers(self._sitting.after_id, [])
        self.reviewed = 0
        self.forgotten = 0
        if begun is None:
            self.reload()
        else:  # read off the UI thread: only the first card's text is read here
            self._generation, self._loaded_at = 1, begun.loaded_at
            self._pages = source.pages(begun.loaded_at)
            self._queue = CardQueue(self._pages)
            self._queue.restore(begun.queue)
            self._tally = list(begun.tally)
            self._first()

    def reload(self) -> None:
        """Count the waiting cards again and start the queue afresh: due cards first, then new.

        Reads what the first screen needs: the counts, the queue's first page and its first card.
        """
        self._generation += 1
        now = self._clock()
        self._loaded_at = now
        self._queue, self._tally = self._select(now)
        self._card = self._state = None
        self._phase = Phase.QUESTION
        self._shown_at = now
        self._first()

    def _select(self, now: datetime) -> tuple[CardQueue, list[int]]:
        """The queue (due cards, then new ones within today's limit) and its (new, learning, review)
        counts; a custom study session (``review.custom``) picks its cards otherwise."""
        allowance = self.new_allowance()
        waiting = self._count_waiting(now)
        self._pages = self._source.pages(now)
        return CardQueue(self._pages, new_left=allowance), [min(waiting.new, allowance), waiting.learning,
                                                             waiting.review]

    def new_allowance(self) -> int:
        """How many new cards may still be introduced today (a large number when unlimited)."""
        return self._source.size() if self._new_allowance is None else max(self._new_allowance(), 0)

    def new_held_back(self) -> int:
        """New cards of this session's scope left out of the queue by today's limit."""
        return max(self._count_waiting(self._clock()).new - self._tally[0], 0)

    def _first(self) -> tuple[str, int, Card] | None:
        """The card at the front of the queue, its kind and its text (read once while it is there)."""
        while (first := self._queue.first()) is not None:
            card_id, kind = first
            if self._card is None or self._card[0] != card_id:
                card = self._source.card(card_id)
                if card is None:  # gone from the guide since the page was read: not shown
                    self._queue.pop()
                    self._tally[kind] = max(self._tally[kind] - 1, 0)
                    continue
                self._card = (card_id, card)
            return card_id, kind, self._card[1]
        return None

    @property
    def current(self) -> Current | None:
        """The card on screen, or None when nothing is due."""
        first = self._first()
        if first is None:
            return None
        return Current(first[2], self._phase, first[1] == NEW)

    def _stored(self, card_id: str) -> CardProgress | None:
        """A card's full scheduler state (None if never answered), read once while it is shown."""
        if self._state is None or self._state[0] != card_id:
            self._state = (card_id, self._progress.card_state(self.guide_id, card_id))
        return self._state[1]

    def counts(self) -> DueCounts:
        """How many new, learning and review cards are waiting in this session: counted as the status
        bar counts on each reload (``count_waiting``), then kept up to date by each answer and undo."""
        return DueCounts(*self._tally)

    def new_page_wanted(self) -> tuple[int, int]:
        """(this queue's generation, how many new cards to read ahead on the task runner; 0: none)."""
        return self._generation, self._queue.new_page_wanted()

    def offer_new_page(self, generation: int, rows: list[tuple[str, tuple[object, ...]]], asked: int) -> None:
        """The first page of new cards read ahead (``begin.FirstScreens.first_new``), if the queue is
        still the one it was read for: used when the due cards run out."""
        if generation == self._generation:
            self._queue.offer_new(rows, asked=asked)

    def queued(self) -> list[tuple[str, int]]:
        """Every card queued with its kind (0 new, 1 learning, 2 review), in order; reads every page left
        (for checks and tests, never the view)."""
        return self._queue.everything()

    def next_due(self) -> datetime | None:
        """When the next card not in the queue falls due (None if none is scheduled)."""
        if self._pages is None:
            return None
        after = None if self._queue.reading_done() else self._loaded_at  # cards due by then are queued
        return self._source.next_due(self._pages, after=after, held=self._queue.held())

    def summary(self) -> SessionSummary:
        """What this sitting has done so far: every answer of the guide since it began, from the review
        log (a session restarted on the way counts them all; an undone answer is not counted)."""
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
        first = self._first()
        if first is None or self._phase is not Phase.ANSWER:
            return Changes()
        card_id, kind, _card = first
        before = self._snapshot()
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
        self._state = (card_id, CardProgress(card_id, recorded.new_state, recorded.due))
        self._tally[kind] -= 1
        self._queue.pop()
        if recorded.due - now <= REQUEUE_WITHIN:
            # Learning steps come back within minutes: keep them in this session,
            # after the cards already waiting (as Anki does).
            again = kind_of(int(recorded.new_state["state"]))
            self._queue.append(card_id, again)
            self._tally[again] += 1
        self._phase = Phase.QUESTION
        self._shown_at = now
        self.reviewed += 1
        self.forgotten += rating is Rating.AGAIN
        self._remember(UndoStep("answer", card_id, int(rating), self, before, recorded.answer_id))
        return changes

    def _remember(self, step: UndoStep) -> None:
        self._undo.append(step)
        del self._undo[:-UNDO_STEPS]

    def _snapshot(self) -> Snapshot:
        return Snapshot(self._generation, self._queue.state(), self.reviewed, self.forgotten,
                        (self._tally[0], self._tally[1], self._tally[2]))

    def _restore(self, card_id: str, snapshot: Snapshot) -> None:
        """Put back the session's queue and counts as they were before an answer or suspension.

        The card comes back as a question, timed from now, so the learner answers it afresh.
        """
        self._queue.restore(snapshot.queue)
        # The counts of that queue, as they were (counting 100,000 queued cards again takes ms).
        self._tally = list(snapshot.tally)
        self._phase = Phase.QUESTION
        self._shown_at = self._clock()
        self._card = self._state = None  # read again: the undo put its stored state back
        self.reviewed, self.forgotten = snapshot.reviewed, snapshot.forgotten

    def _reload_with_in_front(self, card_id: str) -> None:
        """Rebuild the queue from storage with ``card_id`` first, within today's new-card limit."""
        self.reload()
        if self._source.card(card_id) is None:
            return
        kind, due = self._source.standing(card_id)
        queued = self._pages is not None and in_fresh_queue(
            self._source, self._pages, card_id, kind=kind, due=due, loaded_at=self._loaded_at,
            allowance=self.new_allowance())
        self._queue.put_in_front(card_id, kind, queued_new=queued and kind == NEW)
        if not queued:
            self._tally[kind] += 1
        # The card put in front may be a new one the limit did not pick: drop new cards
        # from the back until the queue holds no more than the limit allows.
        excess = self._tally[NEW] - self.new_allowance()
        while excess > 0 and self._queue.drop_last_new(keep=card_id):
            self._tally[NEW] -= 1
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
            if self._source.card(card_id) is None or self._source.suspended(card_id):
                return False
            self._reload_with_in_front(card_id)
        self._phase = Phase.QUESTION
        return self.current is not None and self.current.card.id == card_id

    def suspend_current(self) -> Changes:
        """Suspend the card on screen: it leaves this and every later queue until unsuspended."""
        first = self._first()
        if first is None or self._edits is None:
            return Changes()
        card_id, kind, _card = first
        before = self._snapshot()
        changes = self._edits.set_suspended(self.guide_id, card_id, suspended=True, now=self._clock())
        self._tally[kind] -= 1
        self._queue.pop()
        self._phase = Phase.QUESTION
        self._remember(UndoStep("suspend", card_id, 0, self, before))
        return changes

    def edit_current(self, *, front: str, back: str) -> Changes:
        """Save the learner's wording of the card on screen; its progress is kept."""
        current = self.current
        if current is None or self._edits is None or not front.strip() or not back.strip():
            return Changes()
        changes = self._edits.set_text(self.guide_id, current.card.id, front=front.strip(),
                                       back=back.strip(), now=self._clock())
        self._card = (current.card.id, replace(current.card, front=front.strip(), back=back.strip()))
        return changes
