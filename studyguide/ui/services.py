"""What the views need of the core, as Protocols: views are typed against these, not the store.

The concrete classes (``review.session.ReviewSession``, ...) satisfy them; the views never
import those modules, so nothing of the store reaches the UI even indirectly.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from studyguide.domain.changes import Changes
from studyguide.domain.guide import Card
from studyguide.domain.review import DueCounts, SessionSummary
from studyguide.domain.review_phase import Phase
from studyguide.review.scheduler import Rating


class CurrentCard(Protocol):
    """The card on screen and whether its answer is shown."""

    @property
    def card(self) -> Card: ...

    @property
    def phase(self) -> Phase: ...


class ReviewSessionLike(Protocol):
    """A review session over one guide's cards (``review.session.ReviewSession``)."""

    guide_id: str

    @property
    def current(self) -> CurrentCard | None: ...

    def reveal(self) -> bool: ...

    def answer(self, rating: Rating) -> Changes: ...

    def undo(self) -> tuple[Changes, str] | None: ...

    def bring_to_front(self, card_id: str) -> bool: ...

    def suspend_current(self) -> Changes: ...

    def edit_current(self, *, front: str, back: str) -> Changes: ...

    def reload(self) -> None: ...

    def counts(self) -> DueCounts: ...

    def intervals(self) -> dict[Rating, timedelta]: ...

    def summary(self) -> SessionSummary: ...

    def new_allowance(self) -> int: ...

    def new_held_back(self) -> int: ...
