"""The Anki export (guides.anki_export): Anki's stock note types, subdecks, tags, media and history,
read back by our own importer without loss (tests/unit/test_anki_export_real.py reads it with Anki)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from studyguide import cli
from studyguide.guides.apkg import read_anki
from studyguide.review.scheduler import Rating
from tests.anki_export_guide import answer_some, collection, make_guide


def test_each_note_type_is_anki_stock_one_note_per_note_in_a_subdeck_per_section(authoring, library,
                                                                                 tmp_path: Path) -> None:
    guide = make_guide(authoring)
    out = library.export_guide(guide, "apkg", tmp_path / "out.apkg", edits={})

    db = collection(out, tmp_path)
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    decks = {int(k): v["name"] for k, v in json.loads(db.execute("SELECT decks FROM col").fetchone()[0]).items()}
    rows = db.execute("SELECT n.id, n.mid, n.flds, n.tags, group_concat(c.ord), min(c.did) FROM notes n "
                      "JOIN cards c ON c.nid = n.id GROUP BY n.id ORDER BY n.id").fetchall()
    db.close()
    got = {models[str(mid)]["name"]: (flds.split("\x1f")[:2], tags.split(), sorted(ords.split(",")), decks[did])
           for _nid, mid, flds, tags, ords, did in rows if "speaks" not in flds}
    assert got == {
        "Basic": (['Which island? <img src="cuba-e085454bdbbb3e57.png" alt="Cuba">',
                   "**Cuba** &amp; its &lt;neighbours&gt;"], ["geo", "cold-war"], ["0"], "Crisis in Anki::Missiles"),
        "Basic (and reversed card)": (["Spy plane", "U-2"], ["usa"], ["0", "1"], "Crisis in Anki::Missiles"),
        "Cloze": (["{{c1::Khrushchev::a Soviet leader}} wrote to {{c2::Kennedy}}", "Two letters"], ["ussr"],
                  ["0", "1"], "Crisis in Anki::After the crisis"),
        "Basic (type in the answer)": (["Capital of Cuba?", "Havana"], [], ["0"], "Crisis in Anki::After the crisis"),
    }
    cloze = next(m for m in models.values() if m["name"] == "Cloze")
    assert cloze["type"] == 1 and [t["qfmt"] for t in cloze["tmpls"]] == ["{{cloze:Text}}"]
    typein = next(m for m in models.values() if m["name"] == "Basic (type in the answer)")
    assert "{{type:Back}}" in typein["tmpls"][0]["qfmt"]
    with zipfile.ZipFile(out) as zipped:
        names = json.loads(zipped.read("media"))
        assert sorted(names.values()) == sorted(library.media(guide).names())
        assert any(n.startswith("speech-") and n.endswith(".mp3") for n in names.values())


def test_our_export_reads_back_as_the_same_notes_cards_tags_and_media_bytes(authoring, library,
                                                                         tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    guide = library.load_guide(guide_id)
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={})

    found = read_anki(out, guide_id=guide_id, title="x")

    back = found.guide
    assert not found.warnings and back.info.title == guide.info.title
    assert [(s.id, s.title) for s in back.sections] == [(s.id, s.title) for s in guide.sections]
    notes = lambda g: sorted((n.id, n.section_id, n.type, n.front, n.back, n.tags) for n in g.notes)  # noqa: E731
    assert notes(back) == notes(guide)
    assert sorted((c.id, c.front, c.back) for c in back.cards) == sorted((c.id, c.front, c.back) for c in guide.cards)
    media = library.media(guide_id)
    assert {f.name: f.data for f in back.media} == {name: media.read(name) for name in media.names()}


def test_with_history_the_log_and_the_states_read_back_the_same(authoring, library, clock, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    answer_some(library, clock, guide_id)
    history = library.study_history(library.load_guide(guide_id))
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={}, with_history=True)

    found = read_anki(out, guide_id=guide_id, title="x").history

    assert found is not None and len(history.answers) == 7
    assert [(r.card_id, r.rating, r.reviewed_at, r.duration_ms or 0) for r in found.reviews] == \
        [(a.card_id, a.rating, a.reviewed_at, a.duration_ms or 0) for a in history.answers]
    states = {s.card_id: s for s in found.states if s.phase}
    assert set(states) == {c.card_id for c in history.cards}
    for card in history.cards:
        state = states[card.card_id]
        assert state.phase == card.phase
        assert state.stability == pytest.approx(card.stability, abs=1e-4)
        assert state.difficulty == pytest.approx(card.difficulty, abs=1e-3)
        if card.phase == 1:  # due in seconds; a review card's due is a day number
            assert state.due == card.due.replace(microsecond=0)
    assert read_anki(library.export_guide(guide_id, "apkg", tmp_path / "plain.apkg", edits={}),
                     guide_id=guide_id, title="x").history is None


def test_history_rows_in_anki_numbers(authoring, library, clock, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    answer_some(library, clock, guide_id)
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={}, with_history=True)

    db = collection(out, tmp_path)
    conf = json.loads(db.execute("SELECT conf FROM col").fetchone()[0])
    revlog = db.execute("SELECT ease, type, ivl FROM revlog ORDER BY id").fetchall()
    cards = db.execute("SELECT type, queue, ivl, reps, lapses, data FROM cards WHERE type > 0").fetchall()
    db.close()
    assert conf["schedVer"] == 2  # else Anki shifts learning answers' eases as scheduler v1's
    assert [r[0] for r in revlog] == [3, 3, 1, 4, 3, 2, 1]
    assert {r[1] for r in revlog} <= {0, 1, 2} and all(r[2] != 0 for r in revlog)
    assert sum(c[3] for c in cards) == 7
    assert all(set(json.loads(c[5])) >= {"s", "d", "dr"} for c in cards)
    assert {json.loads(c[5])["dr"] for c in cards} == {library.review.settings.desired_retention}
    assert any(c[0] == 2 and c[1] == 2 and c[2] >= 1 for c in cards)


def test_reexport_keeps_guids_and_ids_so_anki_updates_the_notes(authoring, library, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    first = library.export_guide(guide_id, "apkg", tmp_path / "a.apkg", edits={})
    authoring.add_card(guide_id, library.load_guide(guide_id).sections[0].id, "New?", "Yes")
    second = library.export_guide(guide_id, "apkg", tmp_path / "b.apkg", edits={})

    guids = []
    for package in (first, second):
        db = collection(package, tmp_path)
        guids.append({row[0] for row in db.execute("SELECT guid FROM notes")})
        db.close()
    assert guids[0] < guids[1] and len(guids[1]) == len(guids[0]) + 1


def test_the_learners_edits_and_suspensions_go_into_the_notes(authoring, library, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    review = library.review
    notes = {n.type: n for n in library.load_guide(guide_id).notes if "speaks" not in n.front}
    set_text = lambda card, front, back: review.set_card_text(guide_id, card, front=front, back=back)  # noqa: E731
    set_text(f"{notes['reversed'].id}-reversed", "U-2 plane", "A spy plane")
    set_text(f"{notes['cloze'].id}-c2", "Khrushchev wrote to [...]",
             "Khrushchev wrote to **John F. Kennedy**\n\nTwo letters, both in October")
    set_text(notes["typein"].id, "Capital of Cuba?", "La Habana")
    session = library.start_review(guide_id)
    assert session.bring_to_front(notes["basic"].id)
    session.suspend_current()

    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits=library.card_edits(guide_id))

    back = {n.type: n for n in read_anki(out, guide_id=guide_id, title="x").guide.notes if "speaks" not in n.front}
    assert (back["reversed"].front, back["reversed"].back) == ("A spy plane", "U-2 plane")
    assert back["cloze"].front == "{{c1::Khrushchev::a Soviet leader}} wrote to {{c2::John F. Kennedy}}"
    assert back["cloze"].back == "Two letters, both in October"
    assert back["typein"].back == "La Habana"
    db = collection(out, tmp_path)
    queues = dict(db.execute("SELECT n.flds, c.queue FROM cards c JOIN notes n ON n.id = c.nid").fetchall())
    db.close()
    assert [q for flds, q in queues.items() if flds.startswith("Which island?")] == [-1]
    assert sorted(queues.values()).count(-1) == 1


def test_the_command_line_exports_with_history(authoring, library, clock, library_home: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    guide_id = make_guide(authoring)
    session = library.start_review(guide_id)
    session.reveal()
    session.answer(Rating.GOOD)
    authoring.close()
    library.close()

    assert cli.main(["--library", str(library_home), "export", guide_id, "-o", str(tmp_path / "h.apkg"),
                     "--with-history"]) == 0
    assert cli.main(["--library", str(library_home), "export", guide_id, "-o", str(tmp_path / "n.apkg")]) == 0

    counts = []
    for name in ("h.apkg", "n.apkg"):
        db = collection(tmp_path / name, tmp_path)
        counts.append(db.execute("SELECT count(*) FROM revlog").fetchone()[0])
        db.close()
    assert counts == [1, 0]


def test_a_section_named_with_its_path_is_a_nested_subdeck(authoring, library, tmp_path: Path) -> None:
    guide_id = authoring.new_guide("Vault").ids[0]
    section = authoring.add_section(guide_id, "Cold War / Cuba", "Notes.").ids[0]
    authoring.add_card(guide_id, section, "Year?", "1962")
    out = library.export_guide(guide_id, "apkg", tmp_path / "out.apkg", edits={})

    db = collection(out, tmp_path)
    decks = {v["name"] for v in json.loads(db.execute("SELECT decks FROM col").fetchone()[0]).values()}
    db.close()
    assert "Vault::Cold War::Cuba" in decks
    assert [s.title for s in read_anki(out, guide_id=guide_id, title="x").guide.sections] == ["Cold War / Cuba"]


def test_a_markdown_export_carries_edits_of_a_users_guide_too(authoring, library, tmp_path: Path) -> None:
    from studyguide.guides.importing import read_file

    guide_id = make_guide(authoring)
    reversed_note = next(n for n in library.load_guide(guide_id).notes if n.type == "reversed")
    library.review.set_card_text(guide_id, f"{reversed_note.id}-reversed", front="U-2 plane", back="A spy plane")

    out = library.export_guide(guide_id, "md", tmp_path / "out.md", edits=library.card_edits(guide_id))

    note = next(n for n in read_file(out).guide.notes if n.id == reversed_note.id)
    assert (note.front, note.back) == ("A spy plane", "U-2 plane")
