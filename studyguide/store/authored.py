"""A user's guide as a whole: its notes and tags written after a build, and read for an export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from studyguide.domain.card_types import expand
from studyguide.domain.guide import Card, Guide, Note
from studyguide.store import schema
from studyguide.store.authoring import ITEM_TAGS, NOTES, GuideWriter, make_writable
from studyguide.store.bulk_insert import indexes_after, insert_rows
from studyguide.store.connection import explain


def write_authored(path: Path, guide: Guide) -> None:
    """Give a just-built guide database its notes (types, tags) and section tags, when it has any.

    The build wrote the cards the notes make; this adds the authoring tables and records the
    author's notes (in bulk when the built cards are exactly the notes' cards, else one by one
    in place of the basic notes ``make_writable`` made of those cards).
    """
    if not guide.notes and not any(s.tags for s in guide.sections):
        return
    # The build wrote ``guide.cards`` (store.content.write_guide): when they are the notes' cards, as
    # an import's are, that is seen without expanding every note again or reading the cards back.
    made = _notes_cards(guide) if guide.notes else None
    if made is None and guide.notes:
        made = _made(guide.notes)
        made = made if _built_from(path, made) else None
    adopted = made is not None
    if made is not None:  # no basic notes to delete at once: the notes go straight in
        make_writable(path, notes=False)
        _record(path, guide.notes, made, fresh=True)
    else:
        make_writable(path)
    writer = GuideWriter(path=path)
    try:
        if guide.notes and not adopted:
            writer.replace_notes(guide.notes)
        # The build wrote the sections: only their tags are missing (one transaction; a
        # put_section each rewrote every section, 15 ms apiece).
        writer.tag_sections({s.id: s.tags for s in guide.sections if s.tags})
    finally:
        writer.close()


def adopt_notes(path: Path, notes: Sequence[Note]) -> bool:
    """After a build whose cards are exactly ``notes``' cards (ids, sections, text): record the notes,
    their cards' type and tags in bulk, in one transaction; the cards stay as
    the build wrote them (10,000 notes: 0.3 s, against 5.7 s through ``GuideWriter.replace_notes``,
    and each card keeps its place). False, writing nothing, if the cards are not the notes' cards.

    Raises:
        StoreUnavailable: The database cannot be written (a full disk).
    """
    made = _made(notes)
    if not _built_from(path, made):
        return False
    make_writable(path)
    _record(path, notes, made, fresh=False)
    return True


def _made(notes: Sequence[Note]) -> list[tuple[Card, Note]]:
    return [(card, note) for note in notes for card in expand(note)]


def _notes_cards(guide: Guide) -> list[tuple[Card, Note]] | None:
    """Each of ``guide.cards`` with its note, if they are the notes' cards (``expand``'s, ids, sections
    and text) in the notes' order; else None (``_built_from`` then decides, in any order). A basic,
    type-in or reversed note's cards are its own fields (checked as ``expand`` checks them), so only
    a cloze is expanded."""
    cards, notes = guide.cards, guide.notes
    made: list[tuple[Card, Note]] = []
    at = 0
    for note in notes:
        kind, card = note.type, cards[at] if at < len(cards) else None
        if card is None or card.section_id != note.section_id:
            return None
        if kind in _OWN_FIELDS:
            if card.id != note.id or card.front != note.front or card.back != note.back \
                    or not note.front.strip() or not note.back.strip():
                return None
            made.append((card, note))
            at += 1
            if kind == "reversed":
                card = cards[at] if at < len(cards) else None
                if card is None or card.id != f"{note.id}-reversed" or card.section_id != note.section_id \
                        or card.front != note.back or card.back != note.front:
                    return None
                made.append((card, note))
                at += 1
            continue
        for expected in expand(note):
            card = cards[at] if at < len(cards) else None
            if card is None or (card.id, card.section_id, card.front, card.back) != (
                    expected.id, expected.section_id, expected.front, expected.back):
                return None
            made.append((card, note))
            at += 1
    return made if at == len(cards) else None


#: From this many rows on, a just-made notes or tags table's indexes are made after its rows.
BULK_AFTER = 1_000
#: The note types whose cards are their note's front and back as written (``expand``).
_OWN_FIELDS = frozenset({"basic", "typein", "reversed"})


def _built_from(path: Path, made: list[tuple[Card, Note]]) -> bool:
    """True if the guide's cards are exactly ``made``'s cards (ids, sections, text)."""
    try:
        conn = sqlite3.connect(path, timeout=5.0)
        try:
            built = {str(r[0]): (str(r[1]), str(r[2]), str(r[3])) for r in conn.execute(
                f"SELECT id, section_id, front, back FROM [{schema.CARDS}]")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise explain(error, path) from error
    return (len(built) == len(made) == len({c.id for c, _n in made})
            and all(built.get(c.id) == (c.section_id, c.front, c.back) for c, _n in made))


def _record(path: Path, notes: Sequence[Note], made: list[tuple[Card, Note]], *, fresh: bool) -> None:
    """Write ``notes`` in place of the notes table's rows, and their cards' note and type. ``fresh``:
    ``make_writable`` just made every card its own basic note (those cards need no update)."""
    tags: dict[tuple[str, ...], str] = {}
    rows = [(n.id, n.section_id, n.position, n.type, n.front, n.back,
             tags.get(n.tags) or tags.setdefault(n.tags, json.dumps(list(n.tags), ensure_ascii=False)))
            for n in notes]
    try:
        conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"DELETE FROM [{NOTES}]")
            with indexes_after(conn, NOTES, rebuild=fresh and len(rows) >= BULK_AFTER):  # 10,000 notes: 3.5 ms less
                conn.executemany(f"INSERT INTO [{NOTES}] (id, section_id, position, type, front, back, tags) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany(f"UPDATE [{schema.CARDS}] SET note_id = ?, type = ? WHERE id = ?",
                             [(n.id, n.type, c.id) for c, n in made
                              if not fresh or n.id != c.id or n.type != "basic"])
            tag_rows = [(c.id, t, t.casefold(), i) for c, n in made for i, t in enumerate(n.tags)]
            # Just made (empty): its index on the folded tag made after the rows, sorted once, rather
            # than kept up row by row at scattered places (24,000 tags: 20 ms less).
            with indexes_after(conn, ITEM_TAGS, rebuild=fresh and len(tag_rows) >= BULK_AFTER):
                insert_rows(conn, f"INSERT OR IGNORE INTO [{ITEM_TAGS}] (kind, item_id, tag, folded, ord) VALUES ",
                            "('card', ?, ?, ?, ?)", tag_rows)
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
    except sqlite3.Error as error:
        raise explain(error, path) from error


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
