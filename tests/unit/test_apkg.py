"""Unit tests for studyguide.guides.apkg: Anki packages in, safely (bombs, ../ paths, truncation)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import genanki
import pytest

from studyguide.guides import apkg
from studyguide.guides.apkg import html_to_text, read_package
from studyguide.guides.markdown import GuideFormatError

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
    image.write_bytes(b"\x89PNG fake")
    path = make_package(tmp_path / "deck.apkg", media=[image], notes=[
        (BASIC, ["Who led <b>Cuba</b>?", "Fidel&nbsp;Castro<br>from 1959 <img src=\"map.png\">"]),
        (genanki.CLOZE_MODEL, ["{{c1::Kennedy}} met {{c2::Khrushchev::a Soviet leader}} in 1961", "Vienna"]),
    ])

    guide, warnings = read(path)

    assert [(c.front, c.back) for c in guide.cards] == [
        ("Who led **Cuba**?", "Fidel Castro\nfrom 1959"),
        ("[\u2026] met Khrushchev in 1961", "Kennedy met Khrushchev in 1961\nVienna"),
        ("Kennedy met [a Soviet leader] in 1961", "Kennedy met Khrushchev in 1961\nVienna"),
    ]
    assert guide.info.title == "History"
    assert [s.title for s in guide.sections] == ["Cuba"]
    assert warnings == ["1 media files (images, sounds) were skipped."]
    assert len({c.id for c in guide.cards}) == 3


def test_card_ids_come_from_note_guids_so_reimport_keeps_them(tmp_path: Path) -> None:
    notes = [(BASIC, ["Q1", "A1"]), (BASIC, ["Q2", "A2"])]
    first, _ = read(make_package(tmp_path / "a.apkg", notes=notes))
    again, _ = read(make_package(tmp_path / "b.apkg", notes=notes))

    assert [c.id for c in first.cards] == [c.id for c in again.cards]


def test_script_and_style_are_dropped_and_entities_decoded() -> None:
    assert html_to_text("<script>alert(1)</script>a &lt;b&gt; <style>x{}</style><i>c</i>") == "a <b> *c*"


def test_notes_with_an_empty_side_are_skipped_and_counted(tmp_path: Path) -> None:
    guide, warnings = read(make_package(tmp_path / "d.apkg", notes=[(BASIC, ["Q", "A"]), (BASIC, ["Q2", ""])]))

    assert len(guide.cards) == 1
    assert "1 notes with an empty front or back were skipped." in warnings


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
def test_newer_compressed_format_is_named(tmp_path: Path, stub: bool) -> None:
    # Anki 23.10+ also writes a stub collection.anki2 whose one note says "please update".
    members = {"collection.anki21b": b"\x28\xb5\x2f\xfd", "meta": b""}
    if stub:
        stub_package = make_package(tmp_path / "stub.apkg", notes=[(BASIC, ["Please update Anki", "."])])
        with zipfile.ZipFile(stub_package) as archive:
            members["collection.anki2"] = archive.read("collection.anki2")
    path = write_zip(tmp_path / "new.apkg", members)

    with pytest.raises(GuideFormatError, match="collection.anki21b"):
        read(path)


@pytest.mark.parametrize("members, message", [
    ({"readme.txt": b"hi"}, "no collection.anki2"),
    ({"collection.anki2": b"not sqlite at all" * 10}, "damaged or not an Anki collection"),
])
def test_not_an_anki_package(tmp_path: Path, members: dict[str, bytes], message: str) -> None:
    with pytest.raises(GuideFormatError, match=message):
        read(write_zip(tmp_path / "x.apkg", members))


def test_a_text_file_named_apkg_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.apkg"
    path.write_text("front,back\n")

    with pytest.raises(GuideFormatError, match="not a complete zip"):
        read(path)
