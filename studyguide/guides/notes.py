"""Turn plain notes (a ``.txt`` or ``.md`` without the guide convention) into a guide proposal.

Sections come from headings, or from groups of paragraphs when there are none.
Timeline events are proposed from the dates found in the text — a year
("in 1959"), a season ("the fall of 1961"), a month ("October 1962") or a day
("April 12", "October 16, 1962") — and cloze cards from sentences holding a
date or a name. Nothing is kept until the user accepts proposals (the review
dialog, or ``accept_all`` on the command line).
"""

from __future__ import annotations

import bisect
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
_SETEXT = re.compile(r"^\s{0,3}(=+|-{2,})\s*$")
_LIST_ITEM = re.compile(r"^([-*+\u2022>|]|\d+[.)])(\s|$)")
_GROUP_CHARS = 900
_EMPTY_DIGEST = hashlib.sha1(b"").hexdigest()[:6]
#: Where a clause ends: an event's title is the clause holding its date.
_BREAK = re.compile(r"\s*(?:[,;:()\u2014\u2013]|\s-\s)\s*(?:(?:and|but|while|whereas|then)\s+)?"
                    r"|\s+(?:and|but|while|whereas|then)\s+")


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
    starts: list[int] = []  # the spans taken, sorted and never overlapping: a bisect finds a clash
    ends: list[int] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            at = bisect.bisect_left(ends, match.start() + 1)  # the first span ending after this start
            if at < len(starts) and starts[at] < match.end():
                continue
            year = int(match["year"]) if match.groupdict().get("year") else context_year
            if year is None:
                continue
            try:
                when = _date(kind, match, year)
            except DateError:
                continue
            starts.insert(at, match.start())
            ends.insert(at, match.end())
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


def _heading_lines(lines: list[str]) -> dict[int, tuple[int, str]]:
    """(level, text) of each heading by line number; a Setext underline maps to (0, "")."""
    found: dict[int, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        atx = _HEADING.match(line)
        if atx:
            found[i] = (len(line.strip()) - len(line.strip().lstrip("#")), atx.group(1).strip())
        elif (line.strip() and i + 1 < len(lines) and _SETEXT.match(lines[i + 1])
              and (i == 0 or not lines[i - 1].strip()) and i not in found):
            found[i], found[i + 1] = (1 if "=" in lines[i + 1] else 2, line.strip()), (0, "")
    if found:
        return found
    # Plain text: a short line standing alone, without a sentence's closing punctuation,
    # is a heading when some text follows it (a lone line at the end stays text).
    body_after = False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
        if body_after and alone and _plain_heading(line):
            found[i] = (1, line)
        else:
            body_after = True
    # Headings follow text, except a title line right before the first section: notes written
    # as short lines without full stops are paragraphs, not a run of empty sections.
    heads = sorted(found)
    text_between = [any(lines[j].strip() for j in range(a + 1, b))
                    for a, b in zip(heads, heads[1:], strict=False)]
    return found if all(text_between[1:]) else {}


def _plain_heading(line: str) -> bool:
    return (len(line) <= 80 and len(line.split()) <= 12 and (line[0].isupper() or line[0].isdigit())
            and not _LIST_ITEM.match(line) and not re.search(r"[.,;:!\u2026]['\"\u201d\u2019)]?$", line))


def _sections(text: str, title: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The notes' own title, and (title, body) pairs: one per heading, or per group of paragraphs.

    The first heading is the title when no later heading is at its level or above, or when
    another heading follows it directly (a title line, then the sections).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings = _heading_lines(lines)
    if headings:
        parts: list[tuple[str, list[str]]] = [(title, [])]
        for i, line in enumerate(lines):
            if i not in headings:
                parts[-1][1].append(line)
            elif headings[i][1]:
                parts.append((headings[i][1], []))
        named = [(t, "\n".join(body).strip()) for t, body in parts]
        levels = [headings[i][0] for i in sorted(headings) if headings[i][1]]
        titled = all(level > levels[0] for level in levels[1:]) or (not named[1][1] and len(named) > 2)
        # Text before the first heading, and a title heading with nothing under it, are no sections.
        kept = [part for i, part in enumerate(named) if part[1] or i > 1 or (i == 1 and len(named) == 2)]
        return (named[1][0] if titled else None), kept
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]
    groups: list[list[str]] = []
    for paragraph in paragraphs:
        if not groups or sum(len(p) for p in groups[-1]) >= _GROUP_CHARS:
            groups.append([])
        groups[-1].append(paragraph)
    if len(groups) == 1:
        return None, [(title, "\n\n".join(groups[0]))]
    return None, [(_group_title(group, title, i), "\n\n".join(group)) for i, group in enumerate(groups)]


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
        title: Its title when the notes have no heading (else the first heading is the title).
    """
    ids, bodies = SectionIds(), dict[str, str]()
    heading, parts = _sections(text, title)
    title = " ".join((heading or "").split()) or title
    for section_title, body in parts:
        ident = ids.get(" ".join(section_title.split()) or title)
        bodies[ident] = f"{bodies[ident]}\n\n{body}".strip() if ident in bodies else body
    sections = tuple(replace(s, body=_safe_body(bodies[s.id])) for s in ids.sections())
    events: list[Event] = []
    cards: list[Card] = []
    seen: dict[str, int] = {}
    titles: set[str] = set()
    last_year: int | None = None
    last_full_year: int | None = None
    for section in sections:
        for sentence in _SENTENCE.split(" ".join(bodies[section.id].split())):
            dates = find_dates(sentence, context_year=last_full_year or last_year)
            digest = hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:6] if dates else ""
            for index, found in enumerate(dates):
                if found.when.precision.value == "day" and re.search(r"\d{4}", found.text):
                    last_full_year = found.when.year
                last_year = found.when.year if re.search(r"\d{4}", found.text) else last_year
                ident = _ident("e", found.when.source_text(), digest, seen)
                events.append(Event(
                    id=ident, section_id=section.id, title=_event_title(sentence, dates, index, titles),
                    when=DateSpan(found.when), description=_around(sentence, found).replace("<", "\\<"),
                    position=len(events)))
            cloze = _cloze(sentence, dates)
            if cloze is not None:
                front, back = cloze
                cards.append(Card(id=_ident("n", front, _EMPTY_DIGEST, seen), section_id=section.id,
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
    front = f"{sentence[:start]}[\u2026]{sentence[end:]}"
    for again in reversed([d for d in dates[1:] if d.text.lower() == hidden.lower()]):
        # The same date said again would give the answer away.
        front = front[:again.start - len(hidden) + 3] + "[\u2026]" + front[again.end - len(hidden) + 3:]
    return front, f"{hidden}\n{sentence}"


def _event_title(sentence: str, dates: list[FoundDate], index: int, used: set[str]) -> str:
    """The sentence, or when it holds several dates the part of it around ``dates[index]``,
    told apart from the titles already ``used``."""
    found = dates[index]
    clause = sentence
    if len(dates) > 1:
        low = dates[index - 1].end if index else 0
        high = dates[index + 1].start if index + 1 < len(dates) else len(sentence)
        cuts = [m for m in _BREAK.finditer(sentence, low, high) if m.end() <= high]
        end = min((m.start() for m in cuts if m.start() >= found.end), default=high)
        # Start at the nearest comma before the date that leaves a few words (else, after an
        # earlier date, at an "and"), else where the sentence or the previous date ends.
        before = sorted((m for m in cuts if m.end() <= found.start and (index or not m[0].strip().isalpha())),
                        key=lambda m: (m[0].strip()[:1].isalpha(), -m.end()))
        start = next((m.end() for m in before if _words(sentence[m.end():end], found) >= 3), low)
        clause = sentence[start:end]
        lead = _BREAK.match(clause)
        clause = clause[lead.end() if lead else 0:].strip(" ,;:")
        if _words(clause, found) < 3:
            clause = sentence
        elif len(clause) > 80 and end - found.end < 20:  # keep the date in view: the clause's end
            clause = "\u2026" + clause[-78:].split(" ", 1)[-1]
    base = _short(clause[:1].upper() + clause[1:])
    if base in used and found.when.label() not in base:
        base = f"{base} ({found.when.label()})"
    title, n = base, 2
    while title in used:
        title, n = f"{base} ({n})", n + 1
    used.add(title)
    return title


def _words(text: str, found: FoundDate) -> int:
    return len(text.replace(found.text, " ").split())


def _short(sentence: str, limit: int = 80) -> str:
    sentence = sentence.rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _around(sentence: str, found: FoundDate, reach: int = 200) -> str:
    """The sentence, or in a very long one the words within ``reach`` characters of the date."""
    if len(sentence) <= 3 * reach:
        return sentence
    start, end = max(0, found.start - reach), min(len(sentence), found.end + reach)
    start = sentence.find(" ", start, found.start) + 1 if start else 0
    end = max(sentence.rfind(" ", found.end, end), found.end) if end < len(sentence) else end
    return ("\u2026" if start else "") + sentence[start:end] + ("\u2026" if end < len(sentence) else "")


def _ident(prefix: str, key: str, digest: str, seen: dict[str, int]) -> str:
    """A stable id from the key and the sentence's digest, made unique; ``seen`` maps each id
    handed out to how many times its base was asked for (so repeats cost no search)."""
    base = f"{prefix}-{slugify(key)}-{digest}"
    n = seen.get(base, 0) + 1
    ident = base if n == 1 else f"{base}-{n}"
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    seen[base] = max(seen.get(base, 0), n)
    seen.setdefault(ident, 0)
    return ident
