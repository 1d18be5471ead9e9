"""The content of a guide: sections, the cards and events that come from them.

Every item carries a stable string id chosen by the guide's author, so a
user's review history (kept elsewhere, keyed by these ids) survives edits to
the wording and rebuilds of the guide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studyguide.domain.dates import DateSpan
from studyguide.domain.media import MediaFile


@dataclass(frozen=True, slots=True)
class Section:
    """A topic of the guide's reading notes.

    Attributes:
        id: Stable id, unique among the guide's sections.
        title: Heading shown in the section list.
        body: Markdown text.
        sources: Where the facts come from, each a line of Markdown.
        position: Order in the guide, from 0.
        tags: The author's tags (a user's guide; see docs/storage.md).
    """

    id: str
    title: str
    body: str
    sources: tuple[str, ...] = ()
    position: int = 0
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Card:
    """A question and its answer, drawn from one section."""

    id: str
    section_id: str
    front: str
    back: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class Note:
    """What an author wrote: the source of one or more cards (see ``domain.card_types``).

    Attributes:
        id: Stable id, unique among the guide's notes and cards.
        section_id: The section it belongs to.
        type: ``basic``, ``reversed``, ``cloze`` or ``typein``.
        front: Markdown (for a cloze, the text with its deletions).
        back: Markdown (for a cloze, extra text shown on the answer side).
        tags: Tags, in the order written.
        position: Order in the guide.
    """

    id: str
    section_id: str
    type: str
    front: str
    back: str
    tags: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at a (possibly fuzzy) date or over a period.

    Attributes:
        id: Stable id, unique among the guide's events.
        section_id: The section that explains the event.
        title: Short label for the timeline.
        when: The date or period.
        description: A sentence or two, Markdown.
        lane: Optional grouping (a country, a person), empty when none.
        position: Order in the guide's source, from 0.
    """

    id: str
    section_id: str
    title: str
    when: DateSpan
    description: str = ""
    lane: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class GuideInfo:
    """What the guide picker and window title need to know about a guide."""

    id: str
    title: str
    subject: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Guide:
    """A whole guide, as read from its source before it is stored.

    ``notes`` is what the author of a user's guide wrote (types and tags); ``cards`` are
    then the cards those notes make. A built guide has cards only. ``media`` are the images
    and sounds its Markdown refers to (``![alt](media/NAME)``, ``[sound:NAME]``), saved into
    the guide's media folder with it (see ``domain.media``).
    """

    info: GuideInfo
    sections: tuple[Section, ...] = ()
    cards: tuple[Card, ...] = ()
    events: tuple[Event, ...] = field(default_factory=tuple)
    notes: tuple[Note, ...] = ()
    media: tuple[MediaFile, ...] = ()
