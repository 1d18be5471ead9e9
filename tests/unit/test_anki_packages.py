"""Anki packages made by Anki itself (tests/data/anki/, scripts/make_anki_fixtures.py): every form
current Anki writes, note types, formatting, media and bombs."""

from __future__ import annotations

import contextlib
import json
import random
import zipfile
from pathlib import Path

import pytest
import zstandard

from studyguide.guides import anki_package
from studyguide.guides.apkg import read_anki
from studyguide.guides.markdown import GuideFormatError
from studyguide.store import protowire

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
FORMS = ["current.apkg", "current.colpkg", "legacy.apkg", "legacy.colpkg", "anki2.apkg"]


def read(path: Path):
    return read_anki(path, guide_id="crisis", title="Crisis")


def by_front(guide) -> dict[str, object]:
    return {card.front: card for card in guide.cards}


@pytest.mark.parametrize("form", FORMS)
def test_every_form_anki_writes_reads_the_same(form: str) -> None:
    found = read(FIXTURES / form)
    reference = read(FIXTURES / "current.apkg")

    assert found.guide.info.title == "Crisis"
    assert [s.title for s in found.guide.sections] == ["People", "Terms::Military", "Diplomacy", "Crisis"]
    assert [(c.id, c.front, c.back) for c in found.guide.cards] == \
        [(c.id, c.front, c.back) for c in reference.guide.cards]
    assert len(found.guide.cards) == 13 and len(found.history.reviews) == 10
    assert [m.name for m in found.guide.media] == [m.name for m in reference.guide.media]


def test_the_collection_member_each_form_holds() -> None:
    members = {form: zipfile.ZipFile(FIXTURES / form).namelist() for form in FORMS}

    assert "collection.anki21b" in members["current.apkg"] and "collection.anki2" in members["current.apkg"]
    assert "collection.anki21" in members["legacy.apkg"]
    assert "collection.anki21" not in members["anki2.apkg"] and "collection.anki2" in members["anki2.apkg"]


def test_note_types_become_their_cards() -> None:
    guide = read(FIXTURES / "current.apkg").guide
    notes = {n.front: n for n in guide.notes}
    cards = by_front(guide)

    assert notes["Who led **Cuba** after 1959?"].type == "basic"
    # Basic (and reversed card): both ways.
    assert cards["Soviet premier in 1962"].back == "Nikita <u>Khrushchev</u>"
    assert cards["Nikita <u>Khrushchev</u>"].back == "Soviet premier in 1962"
    # Optional reverse: both cards only where the Add Reverse field was filled.
    assert "Executive Committee of the NSC" in cards and notes["ExComm"].type == "reversed"
    assert "One step short of nuclear war" not in cards and notes["DEFCON 2"].type == "basic"
    # Cloze: one card per number, hints, the answer highlighted, Back Extra on the answer side.
    clozes = [c for c in guide.cards if c.id.endswith(("-c1", "-c2"))]
    assert [(c.front, c.back.split("\n\n")[0]) for c in clozes] == [
        ("[...] met Khrushchev in [...], 1961", "**Kennedy** met Khrushchev in **Vienna**, 1961"),
        ("Kennedy met [Soviet leader] in Vienna, 1961", "Kennedy met **Khrushchev** in Vienna, 1961")]
    assert clozes[0].back.endswith("- June 3\u20134\n- a **tense** summit")
    assert notes["Year of the Bay of Pigs invasion?"].type == "typein"


def test_an_unknown_note_type_is_first_field_front_rest_back_with_a_warning_naming_it() -> None:
    found = read(FIXTURES / "legacy.apkg")
    card = by_front(found.guide)["Quarantine"]

    assert card.back == "A naval blockade by another name\n\n*Kennedy announced a quarantine*"
    assert [w for w in found.warnings if "Vocabulary (custom)" in w] == [
        "1 note of the note type \u201cVocabulary (custom)\u201d, which StudyGuide does not know, came in as basic "
        "cards: the first field is the front, the rest the back."]


def test_decks_become_sections_and_tags_come_in() -> None:
    guide = read(FIXTURES / "current.apkg").guide
    sections = {s.id: s.title for s in guide.sections}
    notes = {n.front: n for n in guide.notes}

    assert sections[notes["ExComm"].section_id] == "Terms::Military"
    assert notes["Who led **Cuba** after 1959?"].tags == ("cuba", "people")


def test_formatting_is_kept_and_what_is_unsafe_is_dropped() -> None:
    back = by_front(read(FIXTURES / "current.apkg").guide)["Formatting"].back

    for kept in ("H<sub>2</sub>O", "x<sup>2</sup>", "**bold**", "*italic*", "<u>underlined</u>", ",<br>",
                 '<span style="color:#ff0000">red</span>', '<span style="color:#0000ff">blue</span>',
                 "1. first\n2. second", "| Side | Leader |\n|---|---|\n| USA | Kennedy |"):
        assert kept in back
    for dropped in ("script", "alert", "iframe", "onerror", "onclick", "onmouseover", "http", "127.0.0.1"):
        assert dropped not in back
    assert "a link" in back  # a link's text stays, its address goes


def test_images_and_sounds_are_referenced_by_their_stored_names() -> None:
    found = read(FIXTURES / "current.apkg")
    media = {m.name: m.data for m in found.guide.media}
    cards = by_front(found.guide)
    png = next(name for name in media if name.startswith("cuba-map-"))
    mp3 = next(name for name in media if name.startswith("kennedy-speech-"))

    assert media[png] is not None and media[png].startswith(b"\x89PNG")
    assert media[mp3] is not None and media[mp3].startswith(b"ID3")
    assert cards["Who led **Cuba** after 1959?"].back.endswith(f"![](media/{png})")
    assert cards["Listen: who is speaking?"].back == f"John F. Kennedy [sound:{mp3}]"


def _rewrite(source: Path, dest: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change.get(info.filename, old.read(info)))
    return dest


def test_a_media_file_not_what_its_name_says_is_skipped_with_a_warning(tmp_path: Path) -> None:
    # Legacy package: member "0" is cuba-map.png; put an MP3's bytes there.
    with zipfile.ZipFile(FIXTURES / "legacy.apkg") as archive:
        mp3 = archive.read("1")
    path = _rewrite(FIXTURES / "legacy.apkg", tmp_path / "lying.apkg", {"0": mp3})

    found = read(path)

    assert "Skipped cuba-map.png: the name says .png but the file is a MP3 (rename it .mp3)" in found.warnings
    assert not any(m.name.startswith("cuba-map") for m in found.guide.media)
    assert "media/" not in by_front(found.guide)["Who led **Cuba** after 1959?"].back


def test_a_media_file_over_100_mb_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("studyguide.domain.media.MAX_BYTES", 100)

    found = read(FIXTURES / "legacy.apkg")

    assert any(w.startswith("Skipped cuba-map.png:") and "MB a media file may weigh" in w for w in found.warnings)
    assert any(w.startswith("Skipped kennedy-speech.mp3:") for w in found.warnings)
    assert found.guide.media == ()


def test_the_media_map_is_read_from_protobuf_and_from_json() -> None:
    with zipfile.ZipFile(FIXTURES / "current.apkg") as archive:
        entries = protowire.message(zstandard.ZstdDecompressor().decompressobj().decompress(archive.read("media")))
    names = [protowire.text(protowire.message(e), 1) for e in entries[1] if isinstance(e, bytes)]
    with zipfile.ZipFile(FIXTURES / "legacy.apkg") as archive:
        legacy = json.loads(archive.read("media"))

    assert sorted(names) == ["cuba-map.png", "kennedy-speech.mp3"] == sorted(legacy.values())
    for form in ("current.apkg", "legacy.apkg"):
        source = anki_package.PackageSource(FIXTURES / form)
        with zipfile.ZipFile(FIXTURES / form) as archive, contextlib.closing(source):
            by_name = {i.filename: i for i in archive.infolist()}
            files = anki_package.media_files(archive, by_name, form, source)
            assert sorted((m.name, m.read()[:4]) for m in files) == [("cuba-map.png", b"\x89PNG"),
                                                                     ("kennedy-speech.mp3", b"ID3\x04")]


def test_a_damaged_protobuf_media_map_is_refused(tmp_path: Path) -> None:
    broken = zstandard.ZstdCompressor().compress(b"\x0a\xff\x01")  # a field longer than the message
    path = _rewrite(FIXTURES / "current.apkg", tmp_path / "broken.apkg", {"media": broken})

    with pytest.raises(GuideFormatError, match="media list is damaged"):
        read(path)


def test_a_zstd_frame_that_expands_past_the_limit_is_refused_like_a_zip_bomb(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\0" * (64 << 20))  # 64 MB of zeros in about 2 KB
    path = _rewrite(FIXTURES / "current.apkg", tmp_path / "bomb.apkg", {"collection.anki21b": bomb})

    with pytest.raises(GuideFormatError, match="a zstd bomb"):
        read(path)
    # The declared total budget applies too, whatever the ratio.
    monkeypatch.setattr(anki_package, "MAX_RATIO", 10**9)
    with pytest.raises(GuideFormatError, match="expands past 1 MB"):
        anki_package.unzstd(bomb, "the test", budget=1 << 20)


def test_a_frame_lying_about_its_size_is_counted_as_it_comes() -> None:
    data = random.Random(1).randbytes(3 << 20)  # incompressible: the ratio guard stays out of it
    frame = zstandard.ZstdCompressor(write_content_size=False).compress(data)

    assert anki_package.unzstd(frame, "ok", budget=4 << 20) == data
    with pytest.raises(GuideFormatError, match="expands past 2 MB"):
        anki_package.unzstd(frame, "too big", budget=2 << 20)


def test_a_refused_or_damaged_frame_leaves_the_next_one_readable() -> None:
    """unzstd keeps one decompressor per thread: a stream stopped half-way (a bomb, a frame cut
    short) or a damaged frame must not leave it in a state that spoils the next file's bytes."""
    data = random.Random(2).randbytes(200_000)
    frame = zstandard.ZstdCompressor(write_checksum=True).compress(data)
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\0" * (64 << 20))

    with pytest.raises(GuideFormatError, match="a zstd bomb"):
        anki_package.unzstd(bomb, "a bomb")
    assert anki_package.unzstd(frame, "next") == data
    with pytest.raises(GuideFormatError, match="damaged"):
        anki_package.unzstd(frame[:-4] + b"\xff" * 4, "damaged")
    assert anki_package.unzstd(frame, "next") == data
    assert len(anki_package.unzstd(frame[:len(frame) // 2], "cut short")) < len(data)
    assert [anki_package.unzstd(f, "each") for f in (frame, frame)] == [data, data]
