"""The Python API for scripts and add-ons: fill and search guides, review cards. Kept stable.

    from studyguide.api import open_library

    with open_library() as library:
        guide = library.new_guide("My Notes")
        section = library.add_section(guide, "The Crisis", "Some **Markdown**.")
        library.add_card(guide, section, "{{c1::Kennedy}} met {{c2::Khrushchev}}", "", type="cloze")
        library.add_event(guide, section, "Vienna summit", "June 1961")
        print(library.search("Khrushchev"))

It calls the same services the window does (``studyguide.library`` and
``studyguide.authoring``), never the database itself; see docs/api.md. Bad input raises
``AuthoringError`` (a ``ValueError``) with the reason, and changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from studyguide import paths
from studyguide.authoring import Authoring
from studyguide.domain.card_types import AuthoringError
from studyguide.domain.journal import FieldConflict, SyncReport, SyncStatus
from studyguide.domain.media import MediaError
from studyguide.library import Library as _CoreLibrary
from studyguide.review.scheduler import Rating
from studyguide.review.session import ReviewSession
from studyguide.review.sync import SyncService
from studyguide.search.results import strip_marks

__all__ = ["AuthoringError", "CardView", "FieldConflict", "GuideSummary", "Hit", "Library", "Review", "SyncReport",
           "SyncStatus", "open_library"]


@dataclass(frozen=True, slots=True)
class GuideSummary:
    """A guide of the library, with its counts."""

    id: str
    title: str
    subject: str
    sections: int
    cards: int
    events: int
    editable: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result (marks removed from the title and snippet)."""

    kind: str
    guide_id: str
    item_id: str
    section_id: str
    title: str
    snippet: str


@dataclass(frozen=True, slots=True)
class CardView:
    """The card under review: its id, sides, and whether the answer is shown."""

    id: str
    front: str
    back: str
    revealed: bool
    type: str = "basic"


class Review:
    """Reviewing one guide's due and new cards: ``current``, ``reveal()``, ``answer(rating)``."""

    def __init__(self, session: ReviewSession, authoring: Authoring) -> None:
        self._session = session
        self._authoring = authoring

    @property
    def current(self) -> CardView | None:
        """The card on screen, or None when nothing is left to review now."""
        current = self._session.current
        if current is None:
            return None
        card = current.card
        return CardView(card.id, card.front, card.back, current.phase.value == "answer",
                        self._authoring.card_type_of(self._session.guide_id, card.id))

    def reveal(self) -> bool:
        """Show the answer; False when there is no question on screen."""
        return self._session.reveal()

    def answer(self, rating: int) -> None:
        """Rate the current card 1 (again), 2 (hard), 3 (good) or 4 (easy) and move on; the answer is
        saved at once (the answer side is revealed first if it was not).

        Raises:
            ValueError: A rating outside 1-4, or no card to answer.
        """
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"a rating is 1, 2, 3 or 4, not {rating!r}")
        if self._session.current is None:
            raise ValueError("there is no card to answer")
        self._session.reveal()
        self._session.answer(Rating(rating))


class Library:
    """A user's library, opened by ``open_library``. Close it (or use ``with``)."""

    def __init__(self, core: _CoreLibrary) -> None:
        self._core = core
        self._authoring = Authoring(library=core)
        self._sync = SyncService(progress=core.progress, settings=lambda: core.review.settings, clock=core.clock,
                                 guides_folder=core.guides_folder)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def guides(self) -> list[GuideSummary]:
        """The guides, the bundled one (or its editable copy) first."""
        found = []
        for info in self._core.guides():
            sections, cards, events = self._authoring.counts(info.id)
            found.append(GuideSummary(info.id, info.title, info.subject, sections, cards, events,
                                      self._core.is_user_guide(info.id)))
        return found

    def new_guide(self, title: str, subject: str = "", id: str | None = None) -> str:
        """Make an empty guide; returns its id."""
        return self._authoring.new_guide(title, subject, id).ids[0]

    def make_editable_copy(self, guide_id: str) -> str:
        """Copy the bundled guide so it can be edited (same ids: progress is kept); returns its id."""
        return self._authoring.make_editable_copy(guide_id).ids[0]

    def add_section(self, guide_id: str, title: str, body: str = "", tags: Sequence[str] = ()) -> str:
        """Add a section (Markdown ``body``) at the end of a guide; returns its id."""
        return self._authoring.add_section(guide_id, title, body, tags).ids[0]

    def add_card(self, guide_id: str, section_id: str, front: str, back: str, type: str = "basic",
                 tags: Sequence[str] = ()) -> list[str]:
        """Add a card of type ``basic``, ``reversed``, ``cloze`` or ``typein``; returns the ids of
        the cards it makes (two for reversed, one per cloze number)."""
        return list(self._authoring.add_card(guide_id, section_id, front, back, type, tags).ids)

    def add_event(self, guide_id: str, section_id: str, title: str, when: str, description: str = "",
                  lane: str = "") -> str:
        """Add an event dated ``when`` (``1959``, ``fall 1961``, ``c. 1962``, ``44 BC``...); returns its id."""
        return self._authoring.add_event(guide_id, section_id, title, when, description, lane).ids[0]

    def add_media(self, guide_id: str, data: bytes | str | os.PathLike[str], name: str = "") -> str:
        """Store an image or a sound (its bytes, or a file) in a guide's media folder; returns its
        stored name: show an image with ``![alt](media/NAME)``, a sound with ``[sound:NAME]``."""
        try:
            return self._authoring.add_media(guide_id, data if isinstance(data, bytes) else Path(data), name)
        except MediaError as error:
            raise AuthoringError(str(error)) from error

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Search every guide (the search language of the window and ``studyguide search``)."""
        result = self._core.search.search(query, limit=limit, suggest=False)
        return [Hit(h.kind, h.guide_id, h.item_id, h.section_id, strip_marks(h.title), strip_marks(h.snippet))
                for h in result.hits]

    def review(self, guide_id: str) -> Review:
        """A review of a guide's due cards, then new ones (today's limit applies).

        Raises:
            AuthoringError: No such guide.
        """
        if guide_id not in {g.id for g in self._core.guides()}:
            raise AuthoringError(f"no guide {guide_id!r}")
        return Review(self._core.start_review(guide_id), self._authoring)

    def undo(self) -> bool:
        """Take back the last change made through this library object; False when there is none."""
        return bool(self._authoring.undo())

    def sync(self, folder: str | os.PathLike[str] | None = None, *, compact: bool = False) -> SyncReport:
        """Sync progress through a folder (docs/sync.md): write this device's new answers and undos
        into it, apply every other device's. ``folder`` is remembered; None uses the remembered one.
        ``compact`` rewrites this device's older segments as one now (a sync does it by itself once
        there are many).

        Raises:
            StoreUnavailable: No folder is set, or it is missing, unreadable, read-only or full.
        """
        report, changes = self._sync.sync(None if folder is None else Path(folder), compact=compact)
        if changes.guides:  # another device's guide arrived, changed or went
            self._authoring.close()
            self._core.reload_guides()
        if report.fields_applied:  # the review settings or a guide's own parameters may have come
            self._core.review.reload_settings()
        return report

    def sync_status(self) -> SyncStatus:
        """The sync folder, this device's id and name, and every device merged from (and when)."""
        return self._sync.status()

    def sync_conflicts(self) -> list[FieldConflict]:
        """Changes to a card (wording, suspension) two devices made offline: every version, to pick one."""
        return self._sync.conflicts()

    def pick_version(self, conflict: FieldConflict, choice: int) -> None:
        """Settle a conflict with its version number ``choice`` (0-based); the next sync tells the others."""
        if self._sync.pick(conflict, choice).guides:
            self._authoring.close()
            self._core.reload_guides()

    def name_device(self, name: str) -> None:
        """Name this device as the other devices see it (default: the machine's name)."""
        self._sync.rename_device(name)

    def close(self) -> None:
        """Close the library (every change is already saved)."""
        self._authoring.close()
        self._core.close()


def open_library(path: str | os.PathLike[str] | None = None) -> Library:
    """Open the library at ``path`` (default: ``$STUDYGUIDE_HOME`` or the platform's user-data folder).

    Raises:
        StoreUnavailable: The library cannot be opened (read-only, damaged, full disk).
    """
    home = paths.library_home(Path(path) if path is not None else None)
    return Library(_CoreLibrary(home=home, bundled_guide=paths.bundled_guide_database(),
                                clock=lambda: datetime.now(timezone.utc)))
