"""An event said as one sentence, with its date's honest precision in words (for the timeline's list and
screen readers): "fall 1961, Castro asks for larger arms, Cuba lane, part of The decision to send missiles".

Pure: the date says only what is known (a year, a season, a month, a day, a period, "about").
"""

from __future__ import annotations

from studyguide.domain.dates import DateSpan, FuzzyDate
from studyguide.domain.guide import Event


def spoken_date(date: FuzzyDate) -> str:
    """One date in words to be read aloud: "fall 1961", "October 22, 1962", "about 1950"."""
    text = date.label()
    return "about " + text.removeprefix("c. ") if date.approximate else text


def spoken_span(span: DateSpan) -> str:
    """A date or period in words: "October 16 to 28, 1962", "April 1961 to 1962", "about 1950".

    The label's dashes become "to", which a screen reader says (it reads an en dash as nothing or "dash").
    """
    if span.end is None:
        return spoken_date(span.start)
    if span.approximate:
        return f"{spoken_date(span.start)} to {spoken_date(span.end)}"
    return span.label().replace(" \u2013 ", " to ").replace("\u2013", " to ")


def event_sentence(event: Event, *, section_title: str = "") -> str:
    """The event as one sentence: its date in words, its title, its lane and the section it is part of.

    Args:
        event: The event.
        section_title: The title of the section that explains it ("" leaves the part out).
    """
    parts = [spoken_span(event.when), event.title.strip()]
    if event.lane.strip():
        parts.append(f"{event.lane.strip()} lane")
    if section_title.strip():
        parts.append(f"part of {section_title.strip()}")
    return ", ".join(parts)
