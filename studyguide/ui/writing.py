"""The window's side of the authoring service: its operations run through the window's
``OperationRunner`` (so each is on Edit > Undo), naming the view that asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from studyguide.domain.card_types import AuthoringError
from studyguide.domain.messages import sentence, user_message
from studyguide.operations import Done, Op
from studyguide.ui.widgets.safe_text import warn

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import AuthoringLike

T = TypeVar("T")


class WriteFailed(AuthoringError):
    """An operation the window's runner could not apply (a full disk, a read-only library); the
    message is the reason, told once by whoever asked (a message box or the dialog's own line)."""


def run_told_once(operations: OperationRunner, op: Op, *, initiator: object) -> Done:
    """Run ``op`` through the window's runner; an expected failure is raised as ``WriteFailed``
    instead of the runner's own message box, so the caller says it once, in its place.

    Raises:
        WriteFailed: The operation was not applied; nothing was changed.
    """
    failed: list[BaseException] = []
    done = operations.run(op, initiator=initiator, on_failure=lambda _title, error: failed.append(error))
    if done is None:
        raise WriteFailed(user_message(failed[0]) if failed else f"{op.label} did not finish: nothing was changed")
    return done


class Writing:
    """Runs the authoring service's writes as the window's operations.

    Args:
        authoring: The authoring service (``authoring.Authoring``).
        operations: The window's runner; every write becomes one of its undoable steps.
    """

    def __init__(self, *, authoring: AuthoringLike, operations: OperationRunner) -> None:
        self.authoring = authoring
        self._initiator: object = None
        if authoring.runner is None:  # File > New Guide's actions may have set it (initiator: the window)
            authoring.runner = lambda op: run_told_once(operations, op, initiator=self._initiator)

    def write(self, initiator: object, call: Callable[[AuthoringLike], T], *,
              parent: QWidget | None = None, title: str = "") -> T | None:
        """Run ``call(authoring)``, telling the views ``initiator`` asked.

        A refused or failed write (``AuthoringError``: an empty title, a bad date; ``WriteFailed``:
        a full disk) is told in one message box over ``parent`` titled ``title`` and gives None;
        without ``parent`` it is raised, for the dialog that asked to say it.
        """
        self._initiator = initiator
        try:
            return call(self.authoring)
        except AuthoringError as error:
            if parent is None:
                raise
            warn(parent, title or "Not saved", sentence(str(error)))
            return None
        finally:
            self._initiator = None
