"""Turn plain notes (a ``.txt`` or ``.md`` without the guide convention) into a guide proposal.

Sections come from headings, or from groups of paragraphs when there are none.
Timeline events are proposed from the dates found in the text — a year
("in 1959"), a season ("the fall of 1961"), a month ("October 1962") or a day
("April 12", "October 16, 1962") — and cloze cards from sentences holding a
date or a name. Nothing is kept until the user accepts proposals (the review
dialog, or ``accept_all`` on the command line).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, replace

from studyguide.domain.dates import DateError, DateSpan, FuzzyDate
from studyguide.domain.guide import Card, Event, Guide, GuideInfo
from studyguide.guides.markdown import slugify
from studyguide.guides.tabular import SectionIds, clean_back, clean_front

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_RE = "|".join(sorted((m for m in _MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_PATTERNS = [
    ("day", re.compile(rf"\b(?P<month>{_MONTH_RE})\.? (?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,? {_YEAR})?\b",
                       re.IGNORECASE)),
    ("day", re.compile(rf"\b(?P<day>[0-3]?\d) (?P<month>{_MONTH_RE}),? {_YEAR}\b", re.IGNORECASE)),
    ("season", re.compile(rf"\b(?:the )?(?P<season>spring|summer|fall|autumn|winter)(?: of)? {_YEAR}\b",
                          re.IGNORECASE)),
    ("month", re.compile(rf"\b(?P<month>{_MONTH_RE})(?: of)? {_YEAR}\b", re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\d,.-]){_YEAR}(?![\d-])")),
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b([A-Z][a-z]+(?:\s+(?:[A-Z]\.?\s+)?[A-Z][a-z]+)+)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_GROUP_CHARS = 900


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a sentence, with the words that said it."""

    text: str
    when: FuzzyDate
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NotesProposal:
    """What the notes could become: the sections, and proposed events and cards.

    Attributes:
        guide: The guide with sections only.
        events: Proposed timeline events, in text order.
        cards: Proposed cloze cards, in text order.
    """

    guide: Guide
    events: tuple[Event, ...]
    cards: tuple[Card, ...]

    def accept(self, *, event_ids: set[str] | None = None, card_ids: set[str] | None = None) -> Guide:
        """The guide with the chosen proposals (all of them when a set is None)."""
        events = [e for e in self.events if event_ids is None or e.id in event_ids]
        cards = [c for c in self.cards if card_ids is None or c.id in card_ids]
        return replace(self.guide,
                       events=tuple(replace(e, position=i) for i, e in enumerate(events)),
                       cards=tuple(replace(c, position=i) for i, c in enumerate(cards)))


def find_dates(sentence: str, *, context_year: int | None = None) -> list[FoundDate]:
    """Dates in a sentence, most precise first where they overlap.

    Args:
        sentence: The text to scan.
        context_year: The year for a day written without one ("April 12").
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            year = int(match["year"]) if match.groupdict().get("year") else context_year
            if year is None:
                continue
            try:
                when = _date(kind, match, year)
            except DateError:
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(text=match.group(0), when=when, start=match.start(), end=match.end()))
    return sorted(found, key=lambda f: f.start)


def _date(kind: str, match: re.Match, year: int) -> FuzzyDate:
    if kind == "day":
        return FuzzyDate(year=year, month=_MONTHS[match["month"].lower()], day=int(match["day"]))
    if kind == "month":
        return FuzzyDate(year=year, month=_MONTHS[match["month"].lower()])
    if kind == "season":
        season = match["season"].lower()
        return FuzzyDate(year=year, season="fall" if season == "autumn" else season)
    return FuzzyDate(year=year)


def _sections(text: str, title: str) -> list[tuple[str, str]]:
    """(title, body) pairs: one per heading, or per group of paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(_HEADING.match(line) for line in lines):
        parts: list[tuple[str, list[str]]] = [(title, [])]
        for line in lines:
            heading = _HEADING.match(line)
            if heading:
                parts.append((heading.group(1).strip(), []))
            else:
                parts[-1][1].append(line)
        return [(t, "\n".join(body).strip()) for t, body in parts if "\n".join(body).strip() or t != title]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]
    groups: list[list[str]] = []
    for paragraph in paragraphs:
        if not groups or sum(len(p) for p in groups[-1]) >= _GROUP_CHARS:
            groups.append([])
        groups[-1].append(paragraph)
    if len(groups) == 1:
        return [(title, "\n\n".join(groups[0]))]
    return [(_group_title(group, title, i), "\n\n".join(group)) for i, group in enumerate(groups)]


def _group_title(group: list[str], title: str, index: int) -> str:
    words = group[0].split()
    head = " ".join(words[:7]).rstrip(",.;:")
    return f"{head}\u2026" if len(words) > 7 else head or f"{title} {index + 1}"


def _safe_body(body: str) -> str:
    """A body the guide format keeps as written: HTML shown as text, no reserved lines."""
    lines = [line.replace("<", "\\<") for line in body.split("\n")]
    lines = ["\\" + line if re.match(r"^(#\s|##\s+(cards|events)\s*$)", line, re.IGNORECASE) else line
             for line in lines]
    if lines and lines[0].lower().startswith("source:"):
        lines[0] = "\\" + lines[0]
    return "\n".join(lines)


def propose(text: str, *, guide_id: str, title: str) -> NotesProposal:
    """Read plain notes and propose sections, events and cloze cards.

    Args:
        text: The decoded notes.
        guide_id: Id for the new guide.
        title: Its title.
    """
    ids, bodies = SectionIds(), {}
    for section_title, body in _sections(text, title):
        bodies[ids.get(" ".join(section_title.split()) or title)] = body
    sections = tuple(replace(s, body=_safe_body(bodies[s.id])) for s in ids.sections())
    events: list[Event] = []
    cards: list[Card] = []
    seen: set[str] = set()
    last_year: int | None = None
    last_full_year: int | None = None
    for section in sections:
        for sentence in _SENTENCE.split(" ".join(bodies[section.id].split())):
            dates = find_dates(sentence, context_year=last_full_year or last_year)
            for found in dates:
                if found.when.precision.value == "day" and re.search(r"\d{4}", found.text):
                    last_full_year = found.when.year
                last_year = found.when.year if re.search(r"\d{4}", found.text) else last_year
                ident = _ident("e", found.when.source_text(), sentence, seen)
                events.append(Event(id=ident, section_id=section.id, title=_short(sentence),
                                    when=DateSpan(found.when), description=sentence.replace("<", "\\<"),
                                    position=len(events)))
            cloze = _cloze(sentence, dates)
            if cloze is not None:
                front, back = cloze
                cards.append(Card(id=_ident("n", front, "", seen), section_id=section.id,
                                  front=clean_front(front), back=clean_back(back), position=len(cards)))
    info = GuideInfo(id=guide_id, title=title, description="Imported from notes.")
    return NotesProposal(guide=Guide(info=info, sections=sections), events=tuple(events), cards=tuple(cards))


def _cloze(sentence: str, dates: list[FoundDate]) -> tuple[str, str] | None:
    """A question hiding the sentence's first date, else its first name."""
    if dates:
        hidden, start, end = dates[0].text, dates[0].start, dates[0].end
    else:
        name = _NAME.search(sentence)
        if name is None:
            return None
        hidden, start, end = name.group(1), name.start(1), name.end(1)
    if len(sentence) < 20:
        return None
    return f"{sentence[:start]}[\u2026]{sentence[end:]}", f"{hidden}\n{sentence}"


def _short(sentence: str, limit: int = 80) -> str:
    sentence = sentence.rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _ident(prefix: str, key: str, sentence: str, seen: set[str]) -> str:
    base = f"{prefix}-{slugify(key)}-{hashlib.sha1(sentence.encode('utf-8')).hexdigest()[:6]}"
    ident, n = base, 2
    while ident in seen:
        ident, n = f"{base}-{n}", n + 1
    seen.add(ident)
    return ident
