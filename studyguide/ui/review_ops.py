"""The Flashcards view's writes as operations: answer, suspend and edit, with undo and redo.

Undo of an answer or a suspension is the review session's own undo, which puts back the
session's queue and counts (one history per guide, shared by its sessions, taking back only
this window's answers). Redo answers the same card with the same rating again.
"""

from __future__ import annotations

from typing import Any, Protocol

from studyguide.domain.changes import Changes
from studyguide.operations import Done, Op
from studyguide.review.scheduler import Rating
from studyguide.ui.services import ReviewSessionLike

_GONE = "That card is no longer in this review, so it was not done again."


class ReviewView(Protocol):
    """What the operations need of the Flashcards view."""

    session: ReviewSessionLike | None
    guide_requested: Any  # Signal(str): show this guide's review

    @property
    def review(self) -> Any: ...  # the ReviewService

    def ensure_session(self) -> None: ...

    def after_write(self) -> None: ...

    def reload_card(self, guide_id: str, card_id: str) -> None: ...


class ReviewOps:
    """Builds the operations of one Flashcards view (they run through the window's runner)."""

    def __init__(self, view: ReviewView) -> None:
        self._view = view

    def _session(self, guide_id: str) -> ReviewSessionLike | None:
        """The view's session of ``guide_id``, bringing that guide and the view forward."""
        view = self._view
        view.guide_requested.emit(guide_id)  # the window shows the guide and the Flashcards tab
        view.ensure_session()
        session = view.session
        return session if session is not None and session.guide_id == guide_id else None

    def _op(self, label: str, apply) -> Op:
        def applied(result: object) -> Done:
            try:
                return apply()
            finally:
                self._view.after_write()

        return Op(label, applied, owner=self._view)

    # Answer --------------------------------------------------------------------------

    def answer(self, rating: Rating) -> Op:
        """Rate the card on screen (its answer is shown)."""

        def apply() -> Done:
            session = self._view.session
            if session is None:
                return Done(Changes())
            changes = session.answer(rating)
            return Done(changes, undo=self.undo(session.guide_id) if changes else None)

        return self._op("Answer", apply)

    def _answer_again(self, guide_id: str, card_id: str, rating: Rating) -> Op:
        def apply() -> Done:
            session = self._session(guide_id)
            if session is None or not session.bring_to_front(card_id):
                return Done(Changes(), message=_GONE)
            session.reveal()
            return Done(session.answer(rating), undo=self.undo(guide_id),
                        message=f"Redone: Answer: {rating.label}.")

        return self._op("Answer", apply)

    # Suspend -------------------------------------------------------------------------

    def suspend(self) -> Op:
        """Suspend the card on screen."""

        def apply() -> Done:
            session = self._view.session
            if session is None or session.current is None:
                return Done(Changes())
            changes = session.suspend_current()
            return Done(changes, undo=self.undo(session.guide_id) if changes else None,
                        message="Card suspended (Ctrl+Z takes it back)." if changes else "")

        return self._op("Suspend", apply)

    def _suspend_again(self, guide_id: str, card_id: str) -> Op:
        def apply() -> Done:
            session = self._session(guide_id)
            if session is None or not session.bring_to_front(card_id):
                return Done(Changes(), message=_GONE)
            return Done(session.suspend_current(), undo=self.undo(guide_id), message="Redone: Suspend.")

        return self._op("Suspend", apply)

    # Undo of either, through the session -----------------------------------------------

    def undo(self, guide_id: str) -> Op:
        """Take back the guide's newest answer or suspension (this window's own)."""

        def apply() -> Done:
            session = self._session(guide_id)
            result = session.undo() if session is not None else None
            if session is None or result is None:
                return Done(Changes(), message="Nothing to undo.")
            changes, label = result
            return Done(changes, undo=self._redo(session, guide_id, label),
                        message=label.replace("Undo ", "Undone: "))

        return self._op("Answer", apply)

    def _redo(self, session: ReviewSessionLike, guide_id: str, label: str) -> Op | None:
        current = session.current
        if current is None:
            return None
        if label == "Undo Suspend":
            return self._suspend_again(guide_id, current.card.id)
        rating = next((r for r in Rating if label == f"Undo Answer: {r.label}"), None)
        return None if rating is None else self._answer_again(guide_id, current.card.id, rating)

    # Edit ------------------------------------------------------------------------------

    def edit(self, front: str, back: str) -> Op:
        """Save the learner's wording of the card on screen."""

        def apply() -> Done:
            session = self._view.session
            current = session.current if session is not None else None
            if session is None or current is None:
                return Done(Changes())
            old = (current.card.front, current.card.back)
            changes = session.edit_current(front=front, back=back)
            if not changes:
                return Done(changes)
            new = (front.strip(), back.strip())
            return Done(changes, undo=self._set_text(session.guide_id, current.card.id, old, new))

        return self._op("Edit Card", apply)

    def _set_text(self, guide_id: str, card_id: str, text: tuple[str, str], other: tuple[str, str]) -> Op:
        def apply() -> Done:
            review = self._view.review
            changes = review.set_card_text(guide_id, card_id, front=text[0], back=text[1])
            self._view.reload_card(guide_id, card_id)
            return Done(changes, undo=self._set_text(guide_id, card_id, other, text))

        return self._op("Edit Card", apply)

    # Study more ------------------------------------------------------------------------

    def study_more(self, guide_id: str, count: int) -> Op:
        """Allow ``count`` more new cards today; its undo takes them back (a negative ``count``),
        and the review shows the cards the limit allows again."""

        def apply() -> Done:
            changes = self._view.review.study_more_new(guide_id, count)
            session = self._view.session
            if session is not None and session.guide_id == guide_id:
                session.reload()
            return Done(changes, undo=self.study_more(guide_id, -count))

        return self._op("Study More Today", apply)
