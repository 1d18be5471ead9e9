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
    adopt = authored.adopt_notes

    def counted(path, notes):
        calls.append(result := adopt(path, notes))
        return result

    monkeypatch.setattr(authored, "adopt_notes", counted)
    build_guide(guide, tmp_path / "bulk.sqlite")
    monkeypatch.setattr(authored, "adopt_notes", lambda path, notes: False)
    build_guide(guide, tmp_path / "one-by-one.sqlite")

    assert calls == [True]
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
