"""Unit tests for studyguide.guides.export: Markdown, CSV and Anki round trips, and a valid .apkg."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.guides.build import read_source
from studyguide.guides.export import export_guide, to_csv
from studyguide.guides.importing import read_file
from tests.conftest import DATA


@pytest.fixture(params=["tiny", "bundled"])
def guide(request):
    source = DATA / "tiny-guide.md" if request.param == "tiny" else paths.bundled_guide_source()
    return read_source(source)[0]


def test_markdown_round_trip_gives_the_same_guide(guide, tmp_path: Path) -> None:
    out = export_guide(guide, "md", tmp_path / f"{guide.info.id}.md")

    assert read_file(out).guide == guide


def test_csv_round_trip_gives_the_same_cards_and_sections(guide, tmp_path: Path) -> None:
    out = export_guide(guide, "csv", tmp_path / f"{guide.info.id}.csv")
    back = read_file(out).guide

    titles = {s.id: s.title for s in guide.sections}
    new_titles = {s.id: s.title for s in back.sections}
    assert [(c.front, c.back, new_titles[c.section_id]) for c in back.cards] == \
        [(c.front, c.back, titles[c.section_id]) for c in guide.cards]


def test_apkg_round_trip_keeps_cards_ids_and_sections(guide, tmp_path: Path) -> None:
    out = export_guide(guide, "apkg", tmp_path / f"{guide.info.id}.apkg")
    result = read_file(out)

    assert result.guide.cards == guide.cards
    assert result.guide.info.title == guide.info.title
    assert not result.warnings


def test_exported_apkg_is_a_valid_anki_package(guide, tmp_path: Path) -> None:
    out = export_guide(guide, "apkg", tmp_path / "deck.apkg")

    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert {"collection.anki2", "media"} <= set(archive.namelist())
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
        assert json.loads(archive.read("media")) == {}
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"col", "notes", "cards", "revlog", "graves"} <= tables
        models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
        model = next(iter(models.values()))
        assert model["name"] == "Basic"
        assert [f["name"] for f in model["flds"]] == ["Front", "Back"]  # Anki's stock fields, none of ours
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        assert {d["name"] for d in decks.values()} >= {guide.info.title} | {
            f"{guide.info.title}::{s.title}" for s in guide.sections if any(c.section_id == s.id for c in guide.cards)}
        notes = conn.execute("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
        assert len(notes) == len(guide.cards)
        assert len({n[1] for n in notes}) == len(notes)
        assert {str(n[2]) for n in notes} == set(models)
        fields = notes[0][3].split("\x1f")
        first = guide.cards[0]
        assert notes[0][1] == f"studyguide:{guide.info.id}/{first.id}" and len(fields) == 2  # our id in the GUID
        cards = conn.execute("SELECT nid, did, ord FROM cards").fetchall()
        assert sorted(c[0] for c in cards) == sorted(n[0] for n in notes)
        assert {str(c[1]) for c in cards} <= set(decks)
    finally:
        conn.close()


def test_html_in_cards_is_escaped_in_anki_fields(tmp_path: Path) -> None:
    text = 'front,back\n"<script>alert(1)</script>","a & b\nline two"\n'
    (tmp_path / "x.csv").write_text(text)
    guide = read_file(tmp_path / "x.csv").guide

    out = export_guide(guide, "apkg", tmp_path / "x.apkg")

    again = read_file(out).guide
    assert [(c.front, c.back) for c in again.cards] == [("<script>alert(1)</script>", "a & b\nline two")]


def test_csv_has_a_header_and_quotes_newlines(tmp_path: Path) -> None:
    guide = read_source(DATA / "tiny-guide.md")[0]

    text = to_csv(guide)

    assert text.startswith("front,back,section\r\n")


def test_unknown_format_and_failed_write_leave_nothing(tmp_path: Path) -> None:
    guide = read_source(DATA / "tiny-guide.md")[0]
    with pytest.raises(ValueError, match="unknown export format"):
        export_guide(guide, "pdf", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["md", "csv", "apkg"])
def test_an_edited_card_is_exported_with_the_learners_text(library, tmp_path: Path, fmt: str) -> None:
    session = library.start_review("tiny")
    old_front = session.current.card.front
    session.edit_current(front="My own question?", back="My own answer\nin two lines")

    out = export_guide(library.load_guide("tiny"), fmt, tmp_path / f"out.{fmt}", edits=library.card_edits("tiny"))

    cards = read_file(out).guide.cards
    assert [c.back for c in cards if c.front == "My own question?"] == ["My own answer\nin two lines"]
    assert old_front not in [c.front for c in cards] and len(cards) == 3
