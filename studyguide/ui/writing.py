"""The window's side of the authoring service: its operations run through the window's
``OperationRunner`` (so each is on Edit > Undo), naming the view that asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from studyguide.domain.card_types import AuthoringError
from studyguide.domain.changes import Changes
from studyguide.operations import Done
from studyguide.ui.widgets.safe_text import warn

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import AuthoringLike

T = TypeVar("T")


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
            authoring.runner = lambda op: operations.run(op, initiator=self._initiator) or Done(Changes())

    def write(self, initiator: object, call: Callable[[AuthoringLike], T], *,
              parent: QWidget | None = None, title: str = "") -> T | None:
        """Run ``call(authoring)``, telling the views ``initiator`` asked.

        A refused write (``AuthoringError``: an empty title, a bad date) is told in a message
        box over ``parent`` titled ``title`` and gives None; without ``parent`` it is raised.
        """
        self._initiator = initiator
        try:
            return call(self.authoring)
        except AuthoringError as error:
            if parent is None:
                raise
            warn(parent, title or "Not saved", str(error))
            return None
        finally:
            self._initiator = None
