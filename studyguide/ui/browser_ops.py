"""The card browser's bulk actions as undoable operations (each one step of Edit > Undo)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from studyguide.domain.changes import Changes
from studyguide.operations import Done, Op
from studyguide.ui.services import CardBrowserLike, ReviewServiceLike

Keys = Sequence[tuple[str, str]]


def suspend_op(review: ReviewServiceLike, keys: Keys, suspended: bool) -> Op:
    """Suspend (or bring back) cards; its undo does the opposite to the same cards."""
    def apply(_result: object) -> Done:
        changes = review.set_suspended_cards(keys, suspended=suspended)
        return Done(changes, undo=suspend_op(review, keys, not suspended))

    return Op("Suspend Cards" if suspended else "Unsuspend Cards", apply=apply)


def _restore_op(cards: CardBrowserLike, label: str, keys: Keys, rows: Any) -> Op:
    """Put the cards' states back as ``rows``; its undo puts back what it replaced (so redo is exact)."""
    def apply(_result: object) -> Done:
        changes, replaced = cards.restore(keys, rows)
        return Done(changes, undo=_restore_op(cards, label, keys, replaced))

    return Op(label, apply=apply)


def _state_op(cards: CardBrowserLike, label: str, keys: Keys,
              do: Callable[[], tuple[Changes, Any]]) -> Op:
    def apply(_result: object) -> Done:
        changes, saved = do()
        return Done(changes, undo=_restore_op(cards, label, keys, saved))

    return Op(label, apply=apply)


def forget_op(cards: CardBrowserLike, keys: Keys) -> Op:
    """Make cards new again (their answers stay in the log); undo puts their states back."""
    return _state_op(cards, "Forget Cards", keys, lambda: cards.forget(keys))


def set_due_op(cards: CardBrowserLike, keys: Keys, days: int) -> Op:
    """Make studied cards fall due ``days`` from now; undo puts their states back."""
    return _state_op(cards, "Set Due Date", keys, lambda: cards.set_due(keys, days))
