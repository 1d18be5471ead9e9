"""What the timeline says: the details pane and its text, which periods hold which events, the empty guide.

The text (links to the section, its cards, the period an event belongs to)
is built apart from the widgets, so it can be read and tested on its own.
"""

from __future__ import annotations

import math
from bisect import bisect_left

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from studyguide.domain import timeline as layout_math
from studyguide.domain.guide import Event
from studyguide.domain.text import markdown_to_plain
from studyguide.ui.widgets.markdown_view import MarkdownView, escape_markdown

MAX_LISTED = 8
PLACEHOLDER = "*Click an event, or step to one with \u2190 and \u2192, to see its details.*"
#: Shown instead of an empty axis when a guide has no events.
NO_EVENTS = ("This guide has no dated events yet.\n\nIn a guide of your own, press Ctrl+Shift+E to add one "
             "(a date such as \u201cfall 1961\u201d or \u201cOctober 16\u201328, 1962\u201d). In a guide's "
             "Markdown source, write under a section's \u201c## Events\u201d heading a line such as "
             "\u201cEvent: 1962-10-22 | Kennedy announces a quarantine\u201d (see docs/guide-format.md), "
             "or import notes with dates (File > Import\u2026).")


def no_events_message() -> QLabel:
    """The label shown in place of the timeline when a guide has no events."""
    label = QLabel(NO_EVENTS)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(24)
    return label


class DetailsPane(MarkdownView):
    """The selected event's details, as tall as their text (up to half the view) until the user resizes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Event details")
        self.document().setDocumentMargin(10)
        self.setMinimumHeight(24)  # a one-line placeholder needs no more (a scroll area asks for ~70 px)
        self._user_sized = False
        self.clear_details()

    def clear_details(self) -> None:
        """Show the placeholder (nothing selected)."""
        self.show_markdown(PLACEHOLDER)

    def mark_resized_by_user(self, *_args: object) -> None:
        """Remember that the user dragged the splitter: their height is kept from now on."""
        self._user_sized = True

    def fit_in(self, splitter: QSplitter) -> None:
        """Take the height of the text (at most half the splitter) in ``splitter``, the pane being last."""
        sizes = splitter.sizes()
        total = sum(sizes)
        if total <= 0 or (self._user_sized and sizes[-1] > 0):
            return
        wanted = min(math.ceil(self.document().size().height()) + 2 * self.frameWidth(), total // 2)
        splitter.setSizes([total - wanted, wanted])


def _span(event: Event) -> tuple[float, float]:
    return event.when.first(), event.when.last()


def inside(period: Event, events: list[Event]) -> list[Event]:
    """The events that fall within a period (none for a single date)."""
    if not period.when.is_period:
        return []
    return [e for e in events if e.id != period.id and layout_math.contains(_span(period), _span(e))]


def holders(events: list[Event], spans: list[tuple[float, float]]) -> list[int]:
    """Indices of the periods that hold at least one other event.

    Args:
        events: Shown events in time order.
        spans: Their ``(first, last)`` positions.
    """
    firsts = [first for first, _ in spans]
    result = []
    for index, event in enumerate(events):
        if not event.when.is_period:
            continue
        span = spans[index]
        lo, hi = bisect_left(firsts, span[0]), bisect_left(firsts, span[1])
        if any(j != index and layout_math.contains(span, spans[j]) for j in range(lo, hi)):
            result.append(index)
    return result


def markdown(event: Event, content, events: list[Event]) -> str:
    """The details panel: title, date in words, lane, description, periods, section and cards.

    Args:
        event: The selected event.
        content: The guide's ``ContentStore`` (sections and cards), or None.
        events: All the guide's events (to name the periods it belongs to).
    """
    lines = [f"### {escape_markdown(event.title)}",
             f"**{escape_markdown(event.when.label())}**" + (f" \u00b7 {escape_markdown(event.lane)}"
                                                             if event.lane else ""),
             event.description]
    parents = [p for p in events if p.when.is_period and event in inside(p, [event])]
    if parents:
        lines.append("Part of: " + ", ".join(f"[{escape_markdown(p.title)}](event:{p.id})" for p in parents))
    held = inside(event, events)
    if held:
        listed = ", ".join(f"[{escape_markdown(e.title)}](event:{e.id})" for e in held[:MAX_LISTED])
        more = f" and {len(held) - MAX_LISTED} more" if len(held) > MAX_LISTED else ""
        lines.append(f"Within this period: {listed}{more}")
    if content is not None:
        section = next((s for s in content.sections() if s.id == event.section_id), None)
        if section is not None:
            lines.append(f"[Read the section: {escape_markdown(section.title)} \u2192](section:{section.id})")
            cards = content.cards(section.id)
            if cards:
                noun = "card" if len(cards) == 1 else "cards"
                lines.append(f"[Review the {len(cards)} {noun} from this section \u2192](study:{section.id})")
                # Each opens in Flashcards with its answer (plain text, they could not be opened).
                lines.extend(f"- [{escape_markdown(' '.join(markdown_to_plain(card.front).split()))}](card:{card.id})"
                             for card in cards[:3])  # a front's images and markup, as words
    return "\n\n".join(line for line in lines if line)
