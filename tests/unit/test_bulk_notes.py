"""A built guide's notes recorded in bulk (store.authoring.GuideWriter.adopt_notes) give the same database
as putting each note (replace_notes), and anything else falls back to putting each note."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from studyguide.guides.build import build_guide
from studyguide.guides.importing import read_file
from studyguide.store import authored

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
TABLES = {
    "notes": "SELECT id, section_id, position, type, front, back, tags FROM notes ORDER BY id",
    "cards": "SELECT id, section_id, position, front, back, note_id, type FROM cards ORDER BY id",
    "tags": "SELECT kind, item_id, tag, folded, ord FROM item_tags ORDER BY kind, item_id, ord",
    "search": "SELECT name FROM sqlite_master WHERE name LIKE 'search%' ORDER BY name",  # only the change log
}


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        conn.close()


def test_bulk_notes_match_notes_put_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = read_file(FIXTURES / "current.apkg").guide
    calls: list[bool] = []
    notes_cards = authored._notes_cards

    def counted(guide):
        calls.append((result := notes_cards(guide)) is not None)
        return result

    monkeypatch.setattr(authored, "_notes_cards", counted)
    build_guide(guide, tmp_path / "bulk.sqlite")
    monkeypatch.setattr(authored, "_notes_cards", lambda guide: None)
    monkeypatch.setattr(authored, "_built_from", lambda path, made: False)
    build_guide(guide, tmp_path / "one-by-one.sqlite")

    assert calls == [True]  # the import's cards are seen to be its notes' without expanding them again
    bulk, one_by_one = dump(tmp_path / "bulk.sqlite"), dump(tmp_path / "one-by-one.sqlite")
    # The same, but for positions: one by one, a note's second card (a reverse, a cloze's c2) goes to the
    # end of the guide; in bulk every card keeps the place the build gave it, next to its note's other cards.
    assert [row[2] for row in bulk["cards"]] == [c.position for c in sorted(guide.cards, key=lambda c: c.id)]
    for rows in (bulk["cards"], one_by_one["cards"]):
        rows[:] = [row[:2] + row[3:] for row in rows]
    assert bulk == one_by_one
    assert {row[-1] for row in bulk["cards"]} == {"basic", "reversed", "cloze", "typein"}
    assert ("card", bulk["cards"][0][0]) in {(k, i) for k, i, *_ in bulk["tags"]}


def test_cards_that_are_not_the_notes_cards_are_put_one_by_one(tmp_path: Path) -> None:
    guide = read_file(FIXTURES / "current.apkg").guide
    path = build_guide(guide, tmp_path / "g.sqlite")
    edited = [replace(guide.notes[0], front="Changed"), *guide.notes[1:]]

    assert authored.adopt_notes(path, edited) is False


def _everything(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in the order the file holds them (the search epoch is random)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found = {"schema": conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()}
        found.update({t: conn.execute(f"SELECT * FROM [{t}]").fetchall() for t in tables})
        found["meta"] = [row for row in found["meta"] if row[0] != "search_epoch"]
        return found
    finally:
        conn.close()


@pytest.mark.parametrize("bulk_tags", [False, True])
def test_a_built_guide_s_notes_go_straight_in_with_the_same_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      bulk_tags: bool) -> None:
    """No basic note per card written only to be deleted (10,000 notes: 12,000 rows each way), and the
    guide is the same as when they were: the author's notes adopted in their place (``bulk_tags``: with
    the notes and tag tables' indexes made after their rows, as for many)."""
    from studyguide.store.authoring import GuideWriter, make_writable
    from studyguide.store.guide_meta import write_guide_database

    guide = read_file(FIXTURES / "current.apkg").guide
    assert 0 < sum(len(n.tags) for n in guide.notes) < authored.BULK_AFTER and len(guide.notes) < authored.BULK_AFTER
    if bulk_tags:
        monkeypatch.setattr(authored, "BULK_AFTER", 1)
    made: list[bool] = []
    monkeypatch.setattr(authored, "make_writable", lambda path, **kw: made.append(kw.get("notes", True))
                        or make_writable(path, **kw))
    build_guide(guide, tmp_path / "direct.sqlite")
    assert made == [False]

    before = tmp_path / "before.sqlite"  # the way it was: basic notes first, then the author's in their place
    write_guide_database(before, guide)
    make_writable(before)
    assert authored.adopt_notes(before, guide.notes)
    writer = GuideWriter(path=before)
    writer.tag_sections({s.id: s.tags for s in guide.sections if s.tags})
    writer.close()
    assert _everything(tmp_path / "direct.sqlite") == _everything(before)
