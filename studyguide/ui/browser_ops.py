"""The card browser's bulk actions as undoable operations (each one step of Edit > Undo)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from studyguide.domain.changes import Changes
from studyguide.domain.stats import plural
from studyguide.operations import Done, Op
from studyguide.ui.services import CardBrowserLike, ReviewServiceLike

Keys = Sequence[tuple[str, str]]


class _Saved(Protocol):
    """What ``forget`` and ``set_due`` return to undo with (``store.card_reset.Snapshot``): the studied cards'
    state rows as they were (new cards have none, and are left as they are)."""

    @property
    def rows(self) -> Sequence[object]: ...


class OperationNotes:
    """The note of an operation run while ``window`` is active, for its own status line (taken once):
    the browser's Ctrl+J and Forget were said only in the main window's status bar, behind it.

    Only a note a change followed is said (``change_followed``, from the browser's refresh for that change): one
    with none ("Nothing to undo.") was said with the next selection instead, minutes on ("3 cards, 2 selected ·
    Nothing to undo.").

    Args:
        operations: The window's ``OperationRunner`` (its ``message`` signal).
        window: The browser.
    """

    def __init__(self, operations: Any, window: Any) -> None:
        self._text = ""
        self._changed = False  # a change followed the note: the refresh it brings says it
        self._window = window
        operations.message.connect(self._heard)

    def _heard(self, text: str) -> None:
        if self._window.isActiveWindow():
            self._text, self._changed = text, False

    def change_followed(self) -> None:
        """The operation's change arrived (the runner emits it just after its note)."""
        self._changed = True

    def take(self) -> str:
        """" · <note>" if an operation that changed something was said since the last call, else ""."""
        text, changed, self._text = self._text, self._changed, ""
        return f" \u00b7 {text}" if text and changed else ""


def suspend_op(review: ReviewServiceLike, keys: Keys, suspended: bool, *, said: bool = True) -> Op:
    """Suspend (or bring back) cards; its undo does the opposite to the same cards (and says only "Undone")."""
    def apply(_result: object) -> Done:
        changes = review.set_suspended_cards(keys, suspended=suspended)
        note = f"{plural(len(keys), 'card')} {'suspended' if suspended else 'unsuspended'} (Ctrl+Z takes it back)."
        return Done(changes, undo=suspend_op(review, keys, not suspended, said=False), message=note if said else "")

    return Op("Suspend Cards" if suspended else "Unsuspend Cards", apply=apply)


def _restore_op(cards: CardBrowserLike, label: str, keys: Keys, rows: Any) -> Op:
    """Put the cards' states back as ``rows``; its undo puts back what it replaced (so redo is exact)."""
    def apply(_result: object) -> Done:
        changes, replaced = cards.restore(keys, rows)
        return Done(changes, undo=_restore_op(cards, label, keys, replaced))

    return Op(label, apply=apply)


def _state_op(cards: CardBrowserLike, label: str, keys: Keys,
              do: Callable[[], tuple[Changes, _Saved]], said: Callable[[int], str]) -> Op:
    def apply(_result: object) -> Done:
        changes, saved = do()
        studied = len(saved.rows)  # new cards are left as they are
        return Done(changes, undo=_restore_op(cards, label, keys, saved),
                    message=f"{said(studied)} (Ctrl+Z takes it back)." if studied else
                    "Only new cards were selected: they stay new.")

    return Op(label, apply=apply)


def forget_op(cards: CardBrowserLike, keys: Keys) -> Op:
    """Make cards new again (their answers stay in the log); undo puts their states back."""
    return _state_op(cards, "Forget Cards", keys, lambda: cards.forget(keys),
                     lambda n: f"{plural(n, 'card')} made new")


def set_due_op(cards: CardBrowserLike, keys: Keys, days: int) -> Op:
    """Make studied cards fall due ``days`` from now; undo puts their states back."""
    when = "today" if days == 0 else f"in {days} day" + "s" * (days != 1)
    return _state_op(cards, "Set Due Date", keys, lambda: cards.set_due(keys, days),
                     lambda n: f"{plural(n, 'card')} due {when}")
