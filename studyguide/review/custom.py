"""Custom study sessions: a ``ReviewSession`` over cards picked once, optionally practice only.

A custom session draws its cards when it starts (review ahead, a section, a tag or a search,
today's forgotten cards, the lowest retrievability) and keeps that set: answering a card
takes it out, as in Anki's filtered decks. A practice session saves nothing: no review-log
row, no card state, so the schedule is as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from studyguide.domain.changes import Changes
from studyguide.domain.custom_study import CustomKind, CustomStudy
from studyguide.domain.exam import ExamPlan
from studyguide.domain.review import DueCounts, SessionSummary
from studyguide.domain.review_phase import Phase
from studyguide.review.history import Snapshot
from studyguide.review.queue import NEW, CardQueue
from studyguide.review.scheduler import Rating
from studyguide.review.session import ReviewSession
from studyguide.review.sources import ListedCards, kind_of


def pick_cards(study: CustomStudy, *, order: Sequence[str], phases: Mapping[str, tuple[int, datetime]],
               now: datetime, forgotten: Iterable[str] = (), found: Iterable[str] = (),
               retrievability: Mapping[str, float] | None = None) -> list[str]:
    """The cards a custom study session draws, in the order it shows them.

    Args:
        study: The choice.
        order: The session's cards in guide order (a section's when ``study.section_id``).
        phases: The stored (phase, due) of studied cards.
        now: The time.
        forgotten: Cards rated Again today (``FORGOTTEN``).
        found: Cards a search found (``SCOPE`` without a section).
        retrievability: Each studied card's retrievability now (``LOWEST``).
    """
    if study.kind is CustomKind.AHEAD:
        until = now + timedelta(days=study.count)
        return [cid for _, cid in sorted((phases[cid][1], cid) for cid in order
                                         if cid in phases and phases[cid][1] <= until)]
    if study.kind is CustomKind.FORGOTTEN:
        wanted = set(forgotten)
        return [cid for cid in order if cid in wanted]
    if study.kind is CustomKind.LOWEST:
        recall = retrievability or {}
        rank = {cid: i for i, cid in enumerate(order)}
        studied = sorted((recall[cid], rank[cid], cid) for cid in order if cid in recall)
        return [cid for _, _, cid in studied[:max(study.count, 0)]]
    if study.kind is CustomKind.SCOPE:
        if study.section_id is not None:
            return list(order)
        wanted = set(found)
        return [cid for cid in order if cid in wanted]
    return []


class CustomSession(ReviewSession):
    """A review session over cards picked once (see ``pick_cards``).

    Args:
        picked: The cards, in order.
        study: The choice (its ``practice`` decides whether answers are saved).
        title: How the reviewer names the session.
        plan: The exam plan whose cards of today these are (None: a session the learner chose).
        source: The cards of its scope, in memory (picked once, they are few).
        **session: ``ReviewSession``'s other arguments (``count_waiting`` is not needed).
    """

    def __init__(self, *, picked: Sequence[str], study: CustomStudy, title: str, source: ListedCards,
                 plan: ExamPlan | None = None, **session: Any) -> None:
        self._listed = source
        self._picked = list(picked)
        #: Picked cards answered and gone (not back within the hour): a reload leaves them out.
        self._finished: set[str] = set()
        self.practice, self.study = study.practice, study
        self.nothing_picked = not self._picked  # the choice found no card (the reviewer says why)
        self.title = title
        self.plan = plan
        self._practice_ms = 0
        self._practice_cards: set[str] = set()
        super().__init__(count_waiting=lambda _at: DueCounts(0, 0, 0), source=source, **session)
        self._after_id = self._progress.last_answer_id()  # its own answers follow (the summary counts them)

    def _select(self, now: datetime) -> tuple[CardQueue, list[int]]:
        phases = self._progress.phases(self.guide_id)
        suspended = self._listed.suspended_ids()
        queue = [(cid, kind_of(phases[cid][0]) if cid in phases else NEW) for cid in self._picked
                 if self._listed.card(cid) is not None and cid not in suspended and cid not in self._finished]
        tally = [0, 0, 0]
        for _cid, kind in queue:
            tally[kind] += 1
        self._pages = self._listed.pages(now)  # for the next due time only: the queue is the picked cards
        return CardQueue(None, queue), tally

    def new_allowance(self) -> int:
        """No daily limit: the learner asked for these cards."""
        return self._listed.size()

    def new_held_back(self) -> int:
        """Nothing is held back by today's limit."""
        return 0

    def answer(self, rating: Rating) -> Changes:
        """Rate the card on screen: saved as a review, or (practice) only moved on.

        A practice answer of Again shows the card again at the end; any other takes it out.
        """
        current = self.current
        if current is None or self._phase is not Phase.ANSWER:
            return Changes()
        card_id = current.card.id
        if not self.practice:
            changes = super().answer(rating)
            if card_id not in self._queue.held():
                self._finished.add(card_id)
            return changes
        now = self._clock()
        self._practice_ms += max(int((now - self._shown_at).total_seconds() * 1000), 0)
        self._practice_cards.add(card_id)
        _card_id, kind = self._queue.pop()
        if rating is Rating.AGAIN:
            self._queue.append(card_id, kind)
        else:
            self._tally[kind] -= 1
            self._finished.add(card_id)
        self._phase = Phase.QUESTION
        self._shown_at = now
        self.reviewed += 1
        self.forgotten += rating is Rating.AGAIN
        return Changes()

    def _restore(self, card_id: str, snapshot: Snapshot) -> None:
        self._finished.discard(card_id)
        super()._restore(card_id, snapshot)

    def _reload_with_in_front(self, card_id: str) -> None:
        self._finished.discard(card_id)
        super()._reload_with_in_front(card_id)

    def summary(self) -> SessionSummary:
        """What this session did: its own answers (a practice session's were not saved), or for an exam plan's
        session the sitting's (it is the day's schedule: started again, it keeps counting them)."""
        if self.plan is not None:
            return super().summary()
        if not self.practice:  # a cram of 2 cards after a day's study ended "107 answers, 76 cards"
            answers, cards, forgotten, milliseconds = self._progress.answers_after(self.guide_id, self._after_id)
            return SessionSummary(answers, forgotten, milliseconds / 1000, self.next_due(), cards=cards)
        return SessionSummary(self.reviewed, self.forgotten, self._practice_ms / 1000, None,
                              cards=len(self._practice_cards))
