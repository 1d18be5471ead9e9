"""Our Anki export's notes carry only Anki's stock fields; each note's id rides in its GUID
(``studyguide:<guide>/<note>``), so a re-import keeps the cards' ids. Packages from before, whose
notes carried two fields of ours (Section, StudyGuide ID), still read back with their ids."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from studyguide.guides.anki_export import SECTIONS_MEMBER, note_guid, own_note_id
from studyguide.guides.apkg import read_anki
from studyguide.store.anki import write_package
from tests.anki_export_guide import collection, make_guide

STOCK = {"Basic": ["Front", "Back"], "Basic (and reversed card)": ["Front", "Back"],
         "Basic (type in the answer)": ["Front", "Back"], "Cloze": ["Text", "Back Extra"]}


def test_the_notes_have_the_stock_fields_only_and_our_ids_in_their_guids(authoring, library, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={})
    db = collection(out, tmp_path)
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    rows = db.execute("SELECT guid, mid, flds FROM notes").fetchall()
    db.close()

    assert {m["name"]: [f["name"] for f in m["flds"]] for m in models.values()} == STOCK
    notes = library.load_guide(guide_id).notes
    assert sorted(guid for guid, _mid, _flds in rows) == sorted(note_guid(guide_id, n.id) for n in notes)
    assert all(len(flds.split("\x1f")) == len(STOCK[models[str(mid)]["name"]]) for _g, mid, flds in rows)


def test_a_guid_gives_the_note_id_only_when_it_is_ours() -> None:
    assert own_note_id(note_guid("crisis", "spy-plane")) == "spy-plane"
    assert own_note_id("Ab3$x!kQ9z") == ""  # Anki's own
    assert own_note_id("studyguide:crisis/../x") == ""
    assert own_note_id("studyguide:Crisis/spy-plane") == ""


def test_an_export_from_before_with_our_two_fields_still_reads_back_with_its_ids(tmp_path: Path) -> None:
    import genanki

    model = genanki.Model(1607392319, "Basic", fields=[{"name": n} for n in ("Front", "Back", "Section",
                                                                              "StudyGuide ID")],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    deck = genanki.Deck(2059400110, "Old guide::Cold War / Cuba")
    deck.add_note(genanki.Note(model=model, fields=["Year?", "1962", "Cold War / Cuba", "cuba/year-of-the-crisis"],
                               guid="q8Fz1#Lm0p"))
    write_package(genanki.Package([genanki.Deck(2059400111, "Old guide"), deck]), tmp_path / "old.apkg")

    guide = read_anki(tmp_path / "old.apkg", guide_id="old", title="x").guide

    assert [(s.id, s.title) for s in guide.sections] == [("cuba", "Cold War / Cuba")]
    assert [(n.id, n.front, n.back) for n in guide.notes] == [("year-of-the-crisis", "Year?", "1962")]


def without_member(package: Path, dest: Path, name: str, replacement: bytes | None = None) -> Path:
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(dest, "w") as out:
        for info in source.infolist():
            if info.filename != name:
                out.writestr(info, source.read(info))
        if replacement is not None:
            out.writestr(name, replacement)
    return dest


def test_sections_keep_their_ids_by_our_member_and_their_titles_by_deck_without_it(authoring, library,
                                                                                  tmp_path: Path) -> None:
    guide_id = authoring.new_guide("Vault").ids[0]
    section = authoring.add_section(guide_id, "Cold War / Cuba", "Notes.").ids[0]
    authoring.rename_section(guide_id, section, "Cold War / Cuba, 1962")  # its id stays cold-war-cuba
    card = authoring.add_card(guide_id, section, "Year?", "1962").ids[0]
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={})

    ours = read_anki(out, guide_id=guide_id, title="x").guide
    assert [(s.id, s.title) for s in ours.sections] == [(section, "Cold War / Cuba, 1962")]
    for damaged in (None, b"not json", b'{"sections": {"Vault::Cold War::Cuba, 1962": ["Bad Id!", "x"]}}'):
        plain = without_member(out, tmp_path / "plain.apkg", SECTIONS_MEMBER, damaged)
        back = read_anki(plain, guide_id=guide_id, title="x").guide  # as if Anki had written it again
        assert [c.id for c in back.cards] == [card]  # the note's id is in its GUID: the card keeps its progress
        assert [(s.id, s.title) for s in back.sections] == [("cold-war-cuba-1962", "Cold War / Cuba, 1962")]


def test_a_field_edited_in_anki_since_comes_back_as_anki_html(authoring, library, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={})
    db = collection(out, tmp_path)
    with db:  # the learner bolded the answer in Anki's editor
        db.execute("UPDATE notes SET flds = 'Spy plane' || char(31) || '<b>U-2</b>&nbsp;' WHERE flds LIKE 'Spy plane%'")
    db.close()
    edited = without_member(out, tmp_path / "edited.apkg", "collection.anki2", (tmp_path / "c.anki2").read_bytes())

    notes = {n.front: n for n in read_anki(edited, guide_id=guide_id, title="x").guide.notes}

    assert notes["Spy plane"].back == "**U-2**"  # not the literal tags
    assert notes["Capital of Cuba?"].back == "Havana"
    assert notes["Which island? ![Cuba](media/cuba-e085454bdbbb3e57.png)"].back == "**Cuba** & its <neighbours>"
