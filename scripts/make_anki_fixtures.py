"""Make the Anki packages under tests/data/anki/ with Anki itself (the ``anki`` package from PyPI).

Run it in a virtual environment of its own (``anki`` pulls in protobuf, requests and a 30 MB
Rust library, none of which the app needs)::

    python -m venv /tmp/anki-venv && /tmp/anki-venv/bin/pip install anki
    /tmp/anki-venv/bin/python scripts/make_anki_fixtures.py

It writes, from one collection made by Anki's own code:

- ``current.apkg`` and ``current.colpkg``: what Anki writes by default since 2.1.50
  (``collection.anki21b`` compressed with zstd, the media map as zstd-compressed protobuf);
- ``legacy.apkg`` and ``legacy.colpkg``: "Support older Anki versions" ticked
  (``collection.anki21``, the media map as JSON);
- ``anki2.apkg``: the legacy package with its collection stored as ``collection.anki2``
  alone, the name Anki 2.0 (and genanki) gave it: the same schema-11 database.

The collection holds every stock note type (Basic, Basic (and reversed card), Basic
(optional reversed card) with and without the reverse, Cloze with a hint and two
numbers, Basic (type in the answer)), one custom note type, subdecks, tags, a PNG and an
MP3, formatting, things an import must drop (a script, an iframe, an ``onerror``
attribute, a remote image), review history (some cards under SM-2 without a memory
state, some under FSRS with one) and a suspended card. Reviews are given at the
moment the script runs, as a learner's first session would be.
"""

from __future__ import annotations

import shutil
import struct
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from anki.collection import Collection, ExportAnkiPackageOptions
from anki.scheduler.v3 import CardAnswer

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "anki"
#: A remote address no test listens on: the import must drop it (tests that need a
#: listener put their own port in its place).
REMOTE = "http://127.0.0.1:9/remote.png"


def png(width: int = 48, height: int = 32) -> bytes:
    """A small real PNG: blue sea, a green island and a red dot."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            island = (x - 24) ** 2 / 180 + (y - 16) ** 2 / 30 < 1
            dot = (x - 30) ** 2 + (y - 14) ** 2 < 5
            row += bytes((220, 40, 40) if dot else (60, 160, 70) if island else (40, 90, 180))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def mp3(frames: int = 4) -> bytes:
    """A short silent MP3: an ID3v2 tag, then MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz)."""
    tag = b"ID3\x04\x00\x00" + bytes(4)
    frame = b"\xff\xfb\x90\x64" + bytes(413)  # 417 bytes: 144 * 128000 / 44100
    return tag + frame * frames


def add(col: Collection, model: str, deck: str, fields: list[str], tags: str = "") -> int:
    note = col.new_note(col.models.by_name(model))
    for i, value in enumerate(fields):
        note.fields[i] = value
    note.tags = tags.split()
    col.add_note(note, col.decks.id(deck))
    return note.id


def answer(col: Collection, card_id: int, ratings: list[int]) -> None:
    buttons = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}
    for rating in ratings:
        card = col.get_card(card_id)
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=buttons[rating]))


def custom_type(col: Collection) -> None:
    models = col.models
    model = models.new("Vocabulary (custom)")
    for name in ("Term", "Meaning", "Example"):
        models.add_field(model, models.new_field(name))
    template = models.new_template("Recognise")
    template["qfmt"] = "{{Term}}"
    template["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}"
    models.add_template(model, template)
    models.add(model)


def build(folder: Path) -> Collection:
    col = Collection(str(folder / "collection.anki2"))
    custom_type(col)
    media = Path(col.media.dir())
    (media / "cuba-map.png").write_bytes(png())
    (media / "kennedy-speech.mp3").write_bytes(mp3())
    people, diplomacy, terms = "Crisis::People", "Crisis::Diplomacy", "Crisis::Terms::Military"
    basic = add(col, "Basic", people, [
        "Who led <b>Cuba</b> after 1959?",
        'Fidel&nbsp;Castro<br><i>from 1959</i><br><img src="cuba-map.png">'], "people cuba")
    reversed_ = add(col, "Basic (and reversed card)", people, [
        "Soviet premier in 1962", "Nikita <u>Khrushchev</u>"], "people ussr")
    add(col, "Basic (optional reversed card)", terms, ["ExComm", "Executive Committee of the NSC", "y"],
        "terms")
    add(col, "Basic (optional reversed card)", terms, ["DEFCON 2", "One step short of nuclear war", ""],
        "terms")
    cloze = add(col, "Cloze", diplomacy, [
        "{{c1::Kennedy}} met {{c2::Khrushchev::Soviet leader}} in {{c1::Vienna}}, 1961",
        "<ul><li>June 3&ndash;4</li><li>a <b>tense</b> summit</li></ul>"], "diplomacy")
    add(col, "Basic (type in the answer)", diplomacy, ["Year of the Bay of Pigs invasion?", "1961"], "dates")
    add(col, "Vocabulary (custom)", terms, [
        "Quarantine", "A naval blockade by another name", "<i>Kennedy announced a quarantine</i>"], "terms")
    add(col, "Basic", "Crisis", [
        "Formatting",
        'H<sub>2</sub>O and x<sup>2</sup>, <b>bold</b>, <i>italic</i>, <u>underlined</u>,<br>'
        '<span style="color: rgb(255, 0, 0);">red</span> and <font color="#0000ff">blue</font>'
        '<ol><li>first</li><li>second</li></ol>'
        '<table><tr><th>Side</th><th>Leader</th></tr><tr><td>USA</td><td>Kennedy</td></tr>'
        '<tr><td>USSR</td><td>Khrushchev</td></tr></table>'
        '<script>alert("x")</script><iframe src="http://127.0.0.1:9/frame"></iframe>'
        f'<img src="cuba-map.png" onerror="alert(1)" onclick="alert(2)"><img src="{REMOTE}">'
        '<a href="http://127.0.0.1:9/link" onmouseover="alert(3)">a link</a>'], "formatting")
    add(col, "Basic", people, ["Listen: who is speaking?", "John F. Kennedy [sound:kennedy-speech.mp3]"], "audio")
    suspended = add(col, "Basic", people, ["Who was U Thant?", "UN Secretary-General"], "people")

    cards = {nid: col.card_ids_of_note(nid) for nid in col.find_notes("")}
    # A learner's first session under SM-2 (no memory state), then FSRS switched on.
    answer(col, cards[basic][0], [3, 3])
    answer(col, cards[reversed_][0], [1, 3, 3])
    conf = col.decks.config_dict_for_deck_id(col.decks.id(people))
    col.set_config("fsrs", True)
    col.decks.update_config(conf)
    answer(col, cards[cloze][0], [3, 4])
    answer(col, cards[cloze][1], [2, 3])
    answer(col, cards[reversed_][1], [4])
    col.sched.suspend_cards(cards[suspended])
    return col


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        col = build(folder)
        for name, legacy in (("current", False), ("legacy", True)):
            options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True,
                                               legacy=legacy)
            col.export_anki_package(out_path=str(OUT / f"{name}.apkg"), options=options, limit=None)
        for name, legacy in (("current", False), ("legacy", True)):
            # Exporting a collection package closes the collection; reopen it for the next.
            col.export_collection_package(str(OUT / f"{name}.colpkg"), include_media=True, legacy=legacy)
            col = Collection(str(folder / "collection.anki2"))
        col.close()
    # Anki 2.0's name for the same schema-11 collection, with the legacy JSON media map.
    with zipfile.ZipFile(OUT / "legacy.apkg") as legacy, \
            zipfile.ZipFile(OUT / "anki2.apkg", "w", zipfile.ZIP_DEFLATED) as anki2:
        for info in legacy.infolist():
            if info.filename in ("collection.anki2", "meta"):  # Anki 2.0 wrote no meta
                continue
            name = "collection.anki2" if info.filename == "collection.anki21" else info.filename
            anki2.writestr(name, legacy.read(info))
    for path in sorted(OUT.glob("*pkg")):
        with zipfile.ZipFile(path) as archive:
            print(f"{path.name}: {path.stat().st_size:,} bytes: {', '.join(archive.namelist())}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
