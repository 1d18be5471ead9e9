"""Unit tests for studyguide.guides.apkg: Anki packages in, safely (bombs, ../ paths, truncation)."""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.domain.guide import Note
from studyguide.guides import apkg
from studyguide.guides.apkg import html_to_text, read_package
from studyguide.guides.markdown import GuideFormatError
from studyguide.store.anki import AnkiCollectionError, read_anki_collection

BASIC = genanki.Model(
    1_234_567, "Basic (test)", fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
)


def make_package(path: Path, *, notes: list[tuple[genanki.Model, list[str]]], deck: str = "History::Cuba",
                 media: list[Path] = ()) -> Path:
    d = genanki.Deck(2_059_400_110, deck)
    for model, fields in notes:
        d.add_note(genanki.Note(model=model, fields=fields))
    package = genanki.Package(d)
    package.media_files = [str(m) for m in media]
    package.write_to_file(str(path))
    return path


def read(path: Path):
    return read_package(path, guide_id="deck", title="Deck")


def test_basic_and_cloze_notes_become_cards(tmp_path: Path) -> None:
    image = tmp_path / "map.png"
    image.write_bytes(b"\x89PNG fake")  # not a PNG: skipped, named
    path = make_package(tmp_path / "deck.apkg", media=[image], notes=[
        (BASIC, ["Who led <b>Cuba</b>?", "Fidel&nbsp;Castro<br>from 1959 <img src=\"map.png\">"]),
        (genanki.CLOZE_MODEL, ["{{c1::Kennedy}} met {{c2::Khrushchev::a Soviet leader}} in 1961", "Vienna"]),
    ])

    guide, warnings = read(path)

    assert [(c.front, c.back) for c in guide.cards] == [
        ("Who led **Cuba**?", "Fidel Castro<br>from 1959"),
        ("[...] met Khrushchev in 1961", "**Kennedy** met Khrushchev in 1961\n\nVienna"),
        ("Kennedy met [a Soviet leader] in 1961", "Kennedy met **Khrushchev** in 1961\n\nVienna"),
    ]
    assert guide.info.title == "History"
    assert [s.title for s in guide.sections] == ["Cuba"]
    assert warnings == ["Skipped map.png: not an image or a sound StudyGuide can show (PNG, JPEG, GIF, WebP; MP3, "
                        "Ogg, WAV, M4A)"]
    assert len({c.id for c in guide.cards}) == 3


def test_card_ids_come_from_note_guids_so_reimport_keeps_them(tmp_path: Path) -> None:
    notes = [(BASIC, ["Q1", "A1"]), (BASIC, ["Q2", "A2"])]
    first, _ = read(make_package(tmp_path / "a.apkg", notes=notes))
    again, _ = read(make_package(tmp_path / "b.apkg", notes=notes))

    assert [c.id for c in first.cards] == [c.id for c in again.cards]


def test_script_and_style_are_dropped_and_entities_decoded() -> None:
    # "<b>" typed as text stays text: escaped for Markdown, never a tag.
    assert html_to_text("<script>alert(1)</script>a &lt;b&gt; <style>x{}</style><i>c</i>") == "a \\<b\\> *c*"


def test_notes_with_an_empty_side_are_skipped_and_counted(tmp_path: Path) -> None:
    guide, warnings = read(make_package(tmp_path / "d.apkg", notes=[(BASIC, ["Q", "A"]), (BASIC, ["Q2", ""])]))

    assert len(guide.cards) == 1
    assert "1 note with an empty front or back was skipped." in warnings


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = make_package(tmp_path / "whole.apkg", notes=[(BASIC, ["Q", "A"])]).read_bytes()
    cut = tmp_path / "cut.apkg"
    cut.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(GuideFormatError, match="not a complete zip archive"):
        read(cut)


def test_a_damaged_member_is_refused(tmp_path: Path) -> None:
    path = make_package(tmp_path / "x.apkg", notes=[(BASIC, ["Q", "A"])])
    data = bytearray(path.read_bytes())
    data[60:200] = b"\xff" * 140  # inside collection.anki2's compressed bytes, directory intact
    path.write_bytes(bytes(data))

    with pytest.raises(GuideFormatError, match="damaged"):
        read(path)


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_bomb_is_stopped_by_its_expansion_ratio(tmp_path: Path) -> None:
    bomb = write_zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(20 * 1024 * 1024)})
    assert bomb.stat().st_size < 100_000

    with pytest.raises(GuideFormatError, match="zip bomb"):
        read(bomb)


def test_zip_bomb_is_stopped_by_its_declared_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apkg, "MAX_UNCOMPRESSED_BYTES", 1000)
    bomb = write_zip(tmp_path / "bomb.apkg", {"collection.anki2": b"x" * 600, "0": b"y" * 600})

    with pytest.raises(GuideFormatError, match="expands past"):
        read(bomb)


@pytest.mark.parametrize("name", ["../evil.txt", "media/../../etc/passwd", "/abs", "C:\\x"])
def test_archive_with_unsafe_paths_is_refused_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    path = write_zip(tmp_path / "evil.apkg", {"collection.anki2": b"", name: b"owned"})

    with pytest.raises(GuideFormatError, match="unsafe path"):
        read(path)
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.parametrize("stub", [False, True])
def test_a_cut_short_compressed_collection_is_refused(tmp_path: Path, stub: bool) -> None:
    # Anki 23.10+ also writes a stub collection.anki2 whose one note says "please update": never read.
    members = {"collection.anki21b": b"\x28\xb5\x2f\xfd", "meta": b""}
    if stub:
        stub_package = make_package(tmp_path / "stub.apkg", notes=[(BASIC, ["Please update Anki", "."])])
        with zipfile.ZipFile(stub_package) as archive:
            members["collection.anki2"] = archive.read("collection.anki2")
    path = write_zip(tmp_path / "new.apkg", members)

    with pytest.raises(GuideFormatError, match="collection.anki21b is damaged or cut short"):
        read(path)


@pytest.mark.parametrize("members, message", [
    ({"readme.txt": b"hi"}, "no collection.anki2"),
    ({"collection.anki2": b"not sqlite at all" * 10}, "damaged or cut short"),
])
def test_not_an_anki_package(tmp_path: Path, members: dict[str, bytes], message: str) -> None:
    with pytest.raises(GuideFormatError, match=message):
        read(write_zip(tmp_path / "x.apkg", members))


def test_a_text_file_named_apkg_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.apkg"
    path.write_text("front,back\n")

    with pytest.raises(GuideFormatError, match="not a complete zip"):
        read(path)


# Crafted collections: every shape ends with GuideFormatError (a clear message), never a traceback.

@functools.cache
def _one_note_collection() -> bytes:
    with (tempfile.TemporaryDirectory() as folder,
          zipfile.ZipFile(make_package(Path(folder) / "one.apkg", notes=[(BASIC, ["Q", "A"])])) as archive):
        return archive.read("collection.anki2")


def crafted(path: Path, *statements: str, params: tuple = ()) -> Path:
    """A package whose collection.anki2 went through ``statements`` (the last one gets ``params``)."""
    collection = path.with_suffix(".anki2")
    collection.write_bytes(_one_note_collection())
    conn = sqlite3.connect(collection)
    for i, statement in enumerate(statements):
        conn.execute(statement, params if i == len(statements) - 1 else ())
    conn.commit()
    conn.close()
    return write_zip(path, {"collection.anki2": collection.read_bytes()})


def _models(shape: object) -> str:
    return json.dumps(shape)


@pytest.mark.parametrize("statements, params, message", [
    (["UPDATE col SET models = ?"], (_models({str(BASIC.model_id): {"type": 0, "flds": 7}}),),
     "field list \\(flds\\) is not a list"),
    (["UPDATE col SET models = ?"], (_models([{"id": BASIC.model_id}]),), "a JSON list, not an object"),
    (["UPDATE col SET models = ?"], ("{not json",), "not valid JSON"),
    (["UPDATE col SET decks = ?"], ("[1, 2]",), "decks \\(col.decks\\) are a JSON list"),
    (["UPDATE notes SET flds = ?"], (b"Q\x1fA",), "holds bytes instead of text"),
    (["UPDATE notes SET tags = ?"], (b"tag",), "holds bytes instead of text tags"),
    (["DELETE FROM col"], (), "its col table is empty"),
    (["DROP TABLE notes", "CREATE VIEW notes AS SELECT * FROM notes"], (), "no notes table"),
    # A view that never ends (a recursive CTE counting forever) in place of the notes table.
    (["DROP TABLE notes", "CREATE VIEW notes AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
      "SELECT x AS id, '' AS guid, '' AS flds, '' AS tags, 1 AS mid FROM n"], (), "no notes table"),
])
def test_crafted_collections_end_with_a_clear_message(tmp_path: Path, statements: list[str], params: tuple,
                                                      message: str) -> None:
    path = crafted(tmp_path / "crafted.apkg", *statements, params=params)

    with pytest.raises(GuideFormatError, match=message):
        read(path)


@pytest.mark.parametrize("kwargs, message", [
    ({"interrupted": lambda: True}, "the import was cancelled"),
    ({"time_limit": 0}, "reading it took over 0 s"),
])
def test_a_slow_collection_query_is_interrupted(tmp_path: Path, kwargs: dict, message: str) -> None:
    notes = [(BASIC, [f"Q{i}", f"A{i}"]) for i in range(1000)]
    with zipfile.ZipFile(make_package(tmp_path / "big.apkg", notes=notes)) as archive:
        data = archive.read("collection.anki2")

    with pytest.raises(AnkiCollectionError, match=message):
        read_anki_collection(data, **kwargs)


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                     lambda inner: (st.lists(inner, max_size=3)
                                    | st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                     max_leaves=8)
_model_shapes = st.one_of(
    _json,
    st.dictionaries(st.just(str(BASIC.model_id)), _json),
    st.builds(lambda m: {str(BASIC.model_id): m}, st.fixed_dictionaries(
        {}, optional={"type": _json, "flds": _json | st.lists(st.fixed_dictionaries({}, optional={"name": _json}),
                                                              max_size=3)})),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=_model_shapes)
def test_any_models_json_is_read_or_refused_with_a_clear_message(tmp_path: Path, shape: object) -> None:
    path = crafted(tmp_path / "models.apkg", "UPDATE col SET models = ?", params=(json.dumps(shape),))

    try:
        guide, _warnings = read(path)
    except GuideFormatError:
        return
    assert guide.cards


@pytest.mark.parametrize("count", [2_000, pytest.param(10_000, marks=pytest.mark.slow)])
def test_thousands_of_clozes_in_one_note_read_in_linear_time(tmp_path: Path, count: int) -> None:
    text = " ".join(f"Fact {{{{c{i}::answer {i}}}}} is <b>true</b>." for i in range(1, count + 1))
    path = make_package(tmp_path / "clozes.apkg", notes=[(genanki.CLOZE_MODEL, [text, "extra"])])
    started = time.perf_counter()

    guide, _warnings = read(path)

    # Quadratic, 2,000 clozes took 9 s and 10,000 over 2 minutes; now about 0.2 s and 1 s.
    assert time.perf_counter() - started < 2 + count / 2_000
    assert len(guide.cards) == count
    middle = guide.cards[count // 2 - 1]
    n = count // 2
    assert "Fact [...] is **true**" in middle.front and f"answer {n - 1} is" in middle.front
    assert f"answer {n} " not in middle.front and f"**answer {n}** is **true**" in middle.back
    assert max(len(c.front) + len(c.back) for c in guide.cards) < 1200  # each card shows its part of the note
    assert guide.cards[0].front.startswith("Fact [...] is") and guide.cards[-1].back.endswith("true**.\n\nextra")


def test_a_cloze_number_too_long_for_an_int_stays_text(tmp_path: Path) -> None:
    path = make_package(tmp_path / "n.apkg", notes=[(genanki.CLOZE_MODEL, ["{{c1::a}} {{c2::b}}", ""])])
    with zipfile.ZipFile(path) as archive:
        (tmp_path / "n.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "n.anki2")  # genanki itself cannot write this note
    conn.execute("UPDATE notes SET flds = ?", ["{{c1::a}} {{c" + "9" * 5000 + "::b}}\x1f"])
    conn.commit()
    conn.close()
    write_zip(path, {"collection.anki2": (tmp_path / "n.anki2").read_bytes()})

    guide, _warnings = read(path)

    assert [c.front[:10] for c in guide.cards] == ["[...] {{c9"]


def test_notes_are_made_again_with_their_positions_keeping_every_field(tmp_path: Path) -> None:
    """``_notes_to_guide`` (and ``Gatherer.finish``) make each note with its position from its fields in
    order, positionally (keywords take 1.4 times as long): a field added to ``Note`` must be added there."""
    assert [f.name for f in dataclasses.fields(Note)] == ["id", "section_id", "type", "front", "back", "tags",
                                                          "position"], "apkg._notes_to_guide: copy the new field"
    path = make_package(tmp_path / "deck.apkg", notes=[
        (BASIC, ["One", "1"]), (genanki.CLOZE_MODEL, ["{{c1::Two}}", ""]), (BASIC, ["Three", "3"])])
    guide, _ = read(path)
    assert [(n.position, n.type, n.front, n.back) for n in guide.notes] == [
        (0, "basic", "One", "1"), (1, "cloze", "{{c1::Two}}", ""), (2, "basic", "Three", "3")]


def test_notes_with_the_same_tags_text_get_the_tags_it_reads_as(tmp_path: Path) -> None:
    """Each distinct tags text is read once (``_notes_to_guide``'s ``tag_sets``): every note still gets its own."""
    texts = [["Cuba", "crisis"], ["Cuba", "crisis"], ["cuba", "CUBA", "x,y"], [], ["cuba", "Crisis"], ["a" * 70]]
    deck = genanki.Deck(2_059_400_111, "History")
    for i, tags in enumerate(texts):
        deck.add_note(genanki.Note(model=BASIC, fields=[f"Q{i}", f"A{i}"], tags=tags))
    genanki.Package(deck).write_to_file(str(tmp_path / "tags.apkg"))
    guide, _ = read(tmp_path / "tags.apkg")
    assert [n.tags for n in guide.notes] == [apkg._tags(" ".join(tags)) for tags in texts]
    assert guide.notes[0].tags == ("Cuba", "crisis") and guide.notes[2].tags == ("cuba", "x_y")


def test_a_collections_cards_come_by_note_then_template(tmp_path: Path) -> None:
    """Cards written out of order (ids not following their notes) come back by note, ord and id."""
    path = tmp_path / "c.anki2"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE col (models, decks, crt); INSERT INTO col VALUES ('{}', '{}', 0);"
                       "CREATE TABLE notes (id, guid, flds, tags, mid);"
                       "CREATE TABLE cards (id, nid, did, odid, ord, type, queue, due, ivl, reps, lapses, data);"
                       "CREATE INDEX ix_cards_nid ON cards (nid);")
    rows = [(9, 2, 1, 0, 1), (3, 1, 1, 0, 1), (7, 2, 1, 5, 0), (1, 1, 1, 0, 0), (5, 1, 1, 0, 1)]
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, '')", rows)
    conn.commit()
    conn.close()
    found = read_anki_collection(path.read_bytes()).cards
    assert [(c[0], c[1], c[2], c[3]) for c in found] == [(1, 1, 1, 0), (3, 1, 1, 1), (5, 1, 1, 1), (7, 2, 5, 0),
                                                          (9, 2, 1, 1)]
