"""Write a guide in the Markdown guide format (read back by ``markdown.read_guide``).

A built guide is written in format 1. A user's guide (notes, tags, or any text format 1
would change) is written in format 2, where whatever the plain lines cannot carry (blank
lines in a card, spaces at the ends, a line that would read as a heading or a keyword) is
written exactly, as one line of JSON (see ``exact``).
"""

from __future__ import annotations

from studyguide.domain.guide import Card, Event, Guide, Note, Section
from studyguide.guides import exact

#: Front matter ``format: 2``: a user's guide, with card types, tags and line breaks kept.
AUTHORED_FORMAT = "2"


def _plain_section(section: Section) -> bool:
    return exact.plain_body(section.body) and all(exact.plain_line(s) for s in section.sources)


def _plain_note(note: Note) -> bool:
    return bool(note.front) and exact.plain_question(note.front) and exact.plain_answer(note.back)


def _plain_event(event: Event) -> bool:
    return (exact.plain_line(event.title) and exact.plain_line(event.lane)
            and exact.plain_description(event.description))


def _needs_format_2(guide: Guide) -> bool:
    return (bool(guide.notes) or any(s.tags or not _plain_section(s) for s in guide.sections)
            or any("\n" in e.description or not _plain_event(e) for e in guide.events))


def _section_lines(section: Section, authored: bool) -> list[str]:
    out = [f"# {' '.join(section.title.split())} {{#{section.id}}}"]
    if section.tags:
        out.append(f"Tags: {' '.join(section.tags)}")
    if authored and not _plain_section(section):
        return [*out, "Section: " + exact.dumps({"body": section.body, "sources": list(section.sources)}), ""]
    out += [f"Source: {source}" for source in section.sources]
    return out + (["", section.body, ""] if section.body else [""])


def _note_lines(note: Note) -> list[str]:
    if not _plain_note(note):
        return ["Card: " + exact.dumps({"id": note.id, "type": note.type, "tags": list(note.tags),
                                        "front": note.front, "back": note.back}), ""]
    out = [f"Q: {note.front} {{#{note.id}}}"]
    out += [f"Type: {note.type}"] if note.type != "basic" else []
    out += [f"Tags: {' '.join(note.tags)}"] if note.tags else []
    return [*out, f"A: {note.back}", ""]


def _event_lines(event: Event, authored: bool) -> list[str]:
    if authored and not _plain_event(event):
        return ["Event: " + exact.dumps({"id": event.id, "when": event.when.source_text(), "title": event.title,
                                         "lane": event.lane, "description": event.description}), ""]
    out = [f"Event: {event.when.source_text()} | {event.title} {{#{event.id}}}"]
    out += [f"Lane: {event.lane}"] if event.lane else []
    out += [event.description] if event.description else []
    return [*out, ""]


def write_guide(guide: Guide) -> str:
    """Write a guide in the guide format; ``read_guide`` of the result gives it back."""
    out = ["---", f"id: {guide.info.id}", f"title: {guide.info.title}"]
    if guide.info.subject:
        out.append(f"subject: {guide.info.subject}")
    if guide.info.description:
        out.append(f"description: {guide.info.description}")
    authored = _needs_format_2(guide)
    if authored:
        out.append(f"format: {AUTHORED_FORMAT}")
    out += ["---", ""]
    by_section: dict[str, tuple[list[Card], list[Note], list[Event]]] = {s.id: ([], [], []) for s in guide.sections}
    for card in guide.cards:  # grouped once: a guide of 1,000 sections and 100,000 cards is not read 1,000 times
        if card.section_id in by_section:
            by_section[card.section_id][0].append(card)
    for note in guide.notes:
        if note.section_id in by_section:
            by_section[note.section_id][1].append(note)
    for event in guide.events:
        if event.section_id in by_section:
            by_section[event.section_id][2].append(event)
    for section in guide.sections:
        out += _section_lines(section, authored)
        cards, notes, events = by_section[section.id]
        if not guide.notes:
            notes = [Note(id=c.id, section_id=c.section_id, type="basic", front=c.front, back=c.back) for c in cards]
        if authored and notes:
            out += ["## Cards", ""]
            for note in notes:
                out += _note_lines(note)
        elif cards and not authored:
            out += ["## Cards", ""]
            for card in cards:
                out += [f"Q: {card.front} {{#{card.id}}}", f"A: {card.back}", ""]
        if events:
            out += ["## Events", ""]
            for event in events:
                out += _event_lines(event, authored)
    return "\n".join(out).rstrip() + "\n"
