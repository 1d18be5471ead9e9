"""A user's guide as a whole: its notes and tags written after a build, and read for an export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.store.authoring import GuideWriter, make_writable


def write_authored(path: Path, guide: Guide) -> None:
    """Give a just-built guide database its notes (types, tags) and section tags, when it has any.

    The build wrote the cards the notes make; this adds the authoring tables and replaces
    the basic notes ``make_writable`` made of those cards with the author's notes.
    """
    if not guide.notes and not any(s.tags for s in guide.sections):
        return
    make_writable(path)
    writer = GuideWriter(path=path)
    try:
        if guide.notes:
            writer.replace_notes(guide.notes)
        # The build wrote the sections and their search rows: only their tags are missing (one
        # transaction; a put_section each re-indexed every section, 15 ms apiece).
        writer.tag_sections({s.id: s.tags for s in guide.sections if s.tags})
    finally:
        writer.close()


def authored_guide(path: Path) -> Guide:
    """The whole guide with its notes and section tags (a built guide: as ``ContentStore.guide``)."""
    from studyguide.store.content import ContentStore

    store = ContentStore(path=path)
    try:
        guide = store.guide()
    finally:
        store.close()
    writer = GuideWriter(path=path)
    try:
        if not writer.has_notes():
            return guide
        sections = tuple(replace(s, tags=writer.tags("section", s.id)) for s in guide.sections)
        return replace(guide, sections=sections, notes=tuple(writer.notes()))
    finally:
        writer.close()
