"""Read and write the guide format: one Markdown file a person can edit by hand.

The format is documented in ``docs/guide-format.md``. Reading is strict and
all-or-nothing: the first problem raises ``GuideFormatError`` with its line
number, and no partial guide is returned.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from studyguide.domain.card_types import AuthoringError, card_type, clean_tags, expand
from studyguide.domain.dates import DateError, parse_span
from studyguide.domain.errors import GuideFormatError
from studyguide.domain.guide import Card, Event, Guide, GuideInfo, Note, Section
from studyguide.guides import exact
from studyguide.guides.guide_writer import AUTHORED_FORMAT, write_guide

__all__ = ["AUTHORED_FORMAT", "GuideFormatError", "read_guide", "slugify", "write_guide"]

_ID_SUFFIX = re.compile(r"\s*\{#(?P<id>[^}\s]*)\}\s*$")
_VALID_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RESERVED = exact.RESERVED


def slugify(text: str) -> str:
    """Turn a title into an id: lowercase ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "item"


def _split_id(text: str, line: int) -> tuple[str, str | None]:
    """Split ``Title {#id}`` into the title and the id (None when absent)."""
    match = _ID_SUFFIX.search(text)
    if match is None:
        return text.strip(), None
    ident = match["id"]
    if not _VALID_ID.match(ident):
        raise GuideFormatError(
            f"id {ident!r} must be lowercase letters, digits and hyphens", line
        )
    return text[: match.start()].strip(), ident


@dataclass
class _SectionDraft:
    """A section being read, with the items found under it so far."""

    id: str
    title: str
    line: int
    sources: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    mode: str = "sources"
    exact_body: str | None = None


class _Reader:
    """Walks the lines once, collecting sections, cards and events."""

    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.meta: dict[str, str] = {}
        self.sections: list[_SectionDraft] = []
        self.cards: list[Card] = []
        self.events: list[Event] = []
        self.notes: list[Note] = []
        self.seen: dict[str, dict[str, int]] = {"section": {}, "card": {}, "event": {}}

    def claim(self, kind: str, ident: str, line: int) -> None:
        earlier = self.seen[kind].get(ident)
        if earlier is not None:
            raise GuideFormatError(f"{kind} id {ident!r} is already used on line {earlier}", line)
        self.seen[kind][ident] = line

    @property
    def authored(self) -> bool:
        """A ``format: 2`` guide (types, tags, line breaks)."""
        return self.meta.get("format") == AUTHORED_FORMAT

    def read(self) -> Guide:
        index = self.read_front_matter()
        in_fence = False
        while index < len(self.lines):
            line_no, raw = index + 1, self.lines[index]
            stripped = raw.strip()
            if stripped.startswith("```") or stripped.startswith("~~~"):
                in_fence = not in_fence
            if not in_fence and raw.startswith("# "):
                self.start_section(raw[2:], line_no)
                index += 1
                continue
            section = self.sections[-1] if self.sections else None
            if section is None:
                if stripped:
                    raise GuideFormatError("text before the first '# Section' heading", line_no)
                index += 1
                continue
            mode = _RESERVED.get(stripped.lower()) if not in_fence else None
            if mode is not None:
                section.mode = mode
                index += 1
                continue
            if section.mode in ("cards", "events") and stripped:
                index = self.read_block(section, index)
                continue
            if section.mode == "sources":
                if stripped.lower().startswith("source:"):
                    section.sources.append(stripped[len("source:"):].strip())
                    index += 1
                    continue
                if self.authored and stripped.lower().startswith("tags:"):
                    section.tags += self.tags(stripped, line_no)
                    index += 1
                    continue
                if self.authored and stripped.lower().startswith("section:"):
                    item = exact.loads(stripped[len("section:"):], line_no, {"body": str, "sources": list})
                    section.exact_body, section.sources = item["body"], section.sources + item["sources"]
                    index += 1
                    continue
                if stripped:
                    section.mode = "body"
            if section.mode == "body":
                section.body.append(raw)
            index += 1
        return self.finish()

    def read_front_matter(self) -> int:
        if not self.lines or self.lines[0].strip() != "---":
            raise GuideFormatError("a guide starts with front matter between '---' lines", 1)
        for index in range(1, len(self.lines)):
            line = self.lines[index].strip()
            if line == "---":
                break
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise GuideFormatError(f"expected 'key: value' in front matter, got {line!r}", index + 1)
            self.meta[key.strip().lower()] = value.strip()
        else:
            raise GuideFormatError("front matter is not closed with '---'", 1)
        for key in ("id", "title"):
            if not self.meta.get(key):
                raise GuideFormatError(f"front matter needs '{key}:'", 1)
        if not _VALID_ID.match(self.meta["id"]):
            raise GuideFormatError("the guide id must be lowercase letters, digits and hyphens", 1)
        return index + 1

    def start_section(self, heading: str, line_no: int) -> None:
        title, ident = _split_id(heading, line_no)
        if not title:
            raise GuideFormatError("a section heading needs a title", line_no)
        ident = ident or slugify(title)
        self.claim("section", ident, line_no)
        self.sections.append(_SectionDraft(id=ident, title=title, line=line_no))

    def block_end(self, index: int) -> int:
        """Index of the blank line (or reserved heading) that ends a block."""
        end = index
        while end < len(self.lines):
            text = self.lines[end].strip()
            if not text or self.lines[end].startswith("# ") or text.lower() in _RESERVED:
                break
            end += 1
        return end

    def read_block(self, section: _SectionDraft, index: int) -> int:
        end = self.block_end(index)
        block = self.lines[index:end]
        if section.mode == "cards":
            self.read_card(section, block, index + 1)
        else:
            self.read_event(section, block, index + 1)
        return end

    def read_card(self, section: _SectionDraft, block: list[str], line_no: int) -> None:
        if self.authored and block[0].strip().lower().startswith("card:"):
            self.read_exact_note(section, block, line_no)
            return
        if not block[0].strip().startswith("Q:"):
            raise GuideFormatError("a card starts with 'Q:' (cards are separated by blank lines)", line_no)
        answer_at = next((i for i, text in enumerate(block) if text.strip().startswith("A:")), None)
        if answer_at is None:
            raise GuideFormatError("this card has a 'Q:' but no 'A:' line", line_no)
        if self.authored:
            self.read_note(section, block, answer_at, line_no)
            return
        question_lines = [block[0].strip()[2:]] + [text.strip() for text in block[1:answer_at]]
        question, ident = _split_id(" ".join(question_lines), line_no)
        answer = "\n".join([block[answer_at].strip()[2:].strip()] + [t.rstrip() for t in block[answer_at + 1:]])
        if not question or not answer.strip():
            raise GuideFormatError("a card needs both a question and an answer", line_no)
        if ident is None:
            digest = hashlib.sha1(question.encode("utf-8")).hexdigest()[:10]
            ident = f"{section.id}-{digest}"
        self.claim("card", ident, line_no)
        self.cards.append(
            Card(id=ident, section_id=section.id, front=question, back=answer.strip(), position=len(self.cards))
        )

    def read_note(self, section: _SectionDraft, block: list[str], answer_at: int, line_no: int) -> None:
        """A card of a ``format: 2`` guide: ``Type:`` and ``Tags:`` lines before ``A:``, line breaks kept."""
        kind, tags, question_lines = "basic", list[str](), [block[0].strip()[2:].strip()]
        for text in block[1:answer_at]:
            key = text.strip().lower()
            if key.startswith("type:"):
                try:
                    kind = card_type(text.strip()[len("type:"):])
                except AuthoringError as error:
                    raise GuideFormatError(str(error), line_no) from None
            elif key.startswith("tags:"):
                tags += self.tags(text.strip(), line_no)
            else:
                question_lines.append(text.strip())
        question, ident = _split_id("\n".join(question_lines), line_no)
        answer = "\n".join([block[answer_at].strip()[2:].strip()] + [t.rstrip() for t in block[answer_at + 1:]])
        if ident is None:
            ident = f"{section.id}-{hashlib.sha1(question.encode('utf-8')).hexdigest()[:10]}"
        self.add_note(Note(id=ident, section_id=section.id, type=kind, front=question, back=answer.strip(),
                           tags=tuple(tags), position=len(self.notes)), line_no)

    def read_exact_note(self, section: _SectionDraft, block: list[str], line_no: int) -> None:
        """A ``Card: {json}`` line: a card whose text the plain form cannot carry (see ``exact``)."""
        if len(block) > 1:
            raise GuideFormatError("a 'Card:' line holds the whole card (a blank line goes after it)", line_no + 1)
        item = exact.loads(block[0].strip()[len("card:"):], line_no,
                           {"id": str, "type": str, "front": str, "back": str, "tags": list})
        if not _VALID_ID.match(item["id"]):
            raise GuideFormatError(f"id {item['id']!r} must be lowercase letters, digits and hyphens", line_no)
        try:
            kind, tags = card_type(item["type"]), clean_tags(item["tags"])
        except AuthoringError as error:
            raise GuideFormatError(str(error), line_no) from None
        self.add_note(Note(id=item["id"], section_id=section.id, type=kind, front=item["front"], back=item["back"],
                           tags=tags, position=len(self.notes)), line_no)

    def add_note(self, note: Note, line_no: int) -> None:
        try:
            cards = expand(note, position=len(self.cards))
        except AuthoringError as error:
            raise GuideFormatError(str(error), line_no) from None
        for card in cards:
            self.claim("card", card.id, line_no)
        self.notes.append(note)
        self.cards += cards

    @staticmethod
    def tags(line: str, line_no: int) -> list[str]:
        try:
            return list(clean_tags(line[len("tags:"):].split()))
        except AuthoringError as error:
            raise GuideFormatError(str(error), line_no) from None

    def read_event(self, section: _SectionDraft, block: list[str], line_no: int) -> None:
        head = block[0].strip()
        if not head.lower().startswith("event:"):
            raise GuideFormatError("an event starts with 'Event: DATE | Title'", line_no)
        if self.authored and head[len("event:"):].lstrip().startswith("{"):
            self.read_exact_event(section, block, line_no)
            return
        date_text, sep, rest = head[len("event:"):].partition("|")
        if not sep:
            raise GuideFormatError("write an event as 'Event: DATE | Title {#id}'", line_no)
        try:
            when = parse_span(date_text)
        except DateError as error:
            raise GuideFormatError(str(error), line_no) from None
        title, ident = _split_id(rest, line_no)
        if not title:
            raise GuideFormatError("an event needs a title", line_no)
        ident = ident or slugify(title)
        self.claim("event", ident, line_no)
        lane, description = "", list[str]()
        for text in block[1:]:
            if not description and text.strip().lower().startswith("lane:"):
                lane = text.strip()[len("lane:"):].strip()
            else:
                description.append(text.strip())
        self.events.append(
            Event(
                id=ident, section_id=section.id, title=title, when=when,
                description=("\n" if self.authored else " ").join(description), lane=lane,
                position=len(self.events),
            )
        )

    def read_exact_event(self, section: _SectionDraft, block: list[str], line_no: int) -> None:
        """An ``Event: {json}`` line: an event whose text the plain form cannot carry (see ``exact``)."""
        if len(block) > 1:
            raise GuideFormatError("an 'Event: {...}' line holds the whole event (a blank line goes after it)",
                                   line_no + 1)
        item = exact.loads(block[0].strip()[len("event:"):], line_no,
                           {"id": str, "when": str, "title": str, "description": str, "lane": str})
        if not _VALID_ID.match(item["id"]):
            raise GuideFormatError(f"id {item['id']!r} must be lowercase letters, digits and hyphens", line_no)
        try:
            when = parse_span(item["when"])
        except DateError as error:
            raise GuideFormatError(str(error), line_no) from None
        self.claim("event", item["id"], line_no)
        self.events.append(Event(id=item["id"], section_id=section.id, title=item["title"], when=when,
                                 description=item["description"], lane=item["lane"], position=len(self.events)))

    def finish(self) -> Guide:
        if not self.sections:
            raise GuideFormatError("a guide needs at least one '# Section' heading")
        sections = tuple(
            Section(
                id=draft.id, title=draft.title,
                body=draft.exact_body if draft.exact_body is not None else "\n".join(draft.body).strip(),
                sources=tuple(draft.sources), position=position, tags=tuple(draft.tags),
            )
            for position, draft in enumerate(self.sections)
        )
        info = GuideInfo(
            id=self.meta["id"], title=self.meta["title"],
            subject=self.meta.get("subject", ""), description=self.meta.get("description", ""),
        )
        return Guide(info=info, sections=sections, cards=tuple(self.cards), events=tuple(self.events),
                     notes=tuple(self.notes))


def read_guide(text: str) -> Guide:
    """Parse a guide written in the guide format.

    Args:
        text: The whole Markdown source.

    Returns:
        The guide, with items in source order.

    Raises:
        GuideFormatError: At the first problem, naming its line.
    """
    return _Reader(text).read()
