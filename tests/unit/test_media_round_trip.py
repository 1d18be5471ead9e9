"""A user's guide with images exports to the Markdown guide format (the .md and a media/ folder beside it)
and imports back without loss: every field, tag and image (by its bytes)."""

from __future__ import annotations

from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.domain.media import stored_name
from studyguide.guides.importing import read_file
from tests.media_samples import HEADS, gif, png


def everything(guide: Guide) -> tuple[object, ...]:
    return (guide.info,
            [(s.id, s.title, s.body, s.sources, s.tags) for s in guide.sections],
            sorted((n.id, n.section_id, n.type, n.front, n.back, n.tags) for n in guide.notes),
            sorted((c.id, c.section_id, c.front, c.back) for c in guide.cards),
            sorted((e.id, e.section_id, e.title, e.when, e.description, e.lane) for e in guide.events))


def media_bytes(library, guide_id: str) -> dict[str, bytes]:
    media = library.media(guide_id)
    return {name: media.read(name) for name in media.names()}


def make_guide(authoring) -> str:
    guide = authoring.new_guide("Pictures of the Crisis", "History").ids[0]
    add = lambda data, hint: authoring.add_media(guide, data, hint)  # noqa: E731
    cuba, map_, u2, flag = add(png(40, 30), "cuba.png"), add(png(90, 20, (0, 0, 200)), "map.png"), add(
        gif(), "u2.gif"), add(HEADS["jpg"] + b"rest", "flag.jpg")
    one = authoring.add_section(guide, "Missiles", f"The island:\n\n![Cuba](media/{cuba})\n\nAnd *more*.",
                                tags=["cuba", "cold-war"]).ids[0]
    two = authoring.add_section(guide, "Aftermath", f"A map ![](media/{map_}) inline.").ids[0]
    authoring.edit_section(guide, two, sources=[f"Archive photo ![flag](media/{flag})"])
    authoring.add_card(guide, one, f"Which island? ![](media/{cuba})", f"**Cuba** ![map](media/{map_})",
                       tags=["geo"])
    authoring.add_card(guide, one, f"Spy plane ![u2](media/{u2})", "U-2", type="reversed")
    authoring.add_card(guide, two, f"{{{{c1::Khrushchev}}}} wrote ![flag](media/{flag})", f"![](media/{map_})",
                       type="cloze", tags=["ussr"])
    authoring.add_card(guide, two, "Capital?", f"Havana ![](media/{cuba})", type="typein")
    authoring.add_event(guide, one, "U-2 photographs", "October 14, 1962",
                        description=f"Taken ![u2](media/{u2})", lane="USA")
    authoring.add_event(guide, two, "Hotline", "fall 1963", description="No image.")
    return guide


def test_a_guide_with_images_exports_to_markdown_and_back_without_loss(authoring, library, tmp_path: Path) -> None:
    guide = make_guide(authoring)
    before, images = library.load_guide(guide), media_bytes(library, guide)
    assert len(images) == 4 and len(before.notes) == 4 and len(before.cards) == 5
    assert before.notes[0].id == "which-island"  # an image does not make the id

    out = library.export_guide(guide, "md", tmp_path / "out" / "pictures.md", edits={})
    assert sorted(p.name for p in (tmp_path / "out" / "media").iterdir()) == sorted(images)
    assert "](media/" in out.read_text(encoding="utf-8")

    authoring.close()
    library.delete_guide(guide)
    result = read_file(out)
    assert result.warnings == ()
    library.install_guide(result.guide)
    library.reload_guides()

    assert everything(library.load_guide(guide)) == everything(before)
    assert media_bytes(library, guide) == images


def test_unused_files_stay_behind_and_two_guides_can_share_one_export_folder(authoring, library,
                                                                             tmp_path: Path) -> None:
    guide = make_guide(authoring)
    authoring.add_media(guide, png(3, 3, (9, 9, 9)), "unused.png")  # e.g. left by an undone paste
    other = authoring.new_guide("Other").ids[0]
    section = authoring.add_section(other, "S", f"![](media/{authoring.add_media(other, png(40, 30), 'cuba.png')})")
    assert section
    library.export_guide(guide, "md", tmp_path / "a.md", edits={})
    library.export_guide(other, "md", tmp_path / "b.md", edits={})
    names = sorted(p.name for p in (tmp_path / "media").iterdir())
    assert len(names) == 4 and not any(n.startswith("unused-") for n in names)  # cuba.png shared, stored once


def test_a_hand_written_guide_gets_its_files_under_their_stored_names(library, tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "My_Photo.PNG").write_bytes(png())
    (tmp_path / "media" / "evil.svg").write_text("<svg/>")
    (tmp_path / "media" / "fake.jpg").write_bytes(png())
    (tmp_path / "media" / "link.png").symlink_to(tmp_path / "media" / "My_Photo.PNG")
    source = tmp_path / "hand.md"
    source.write_text("---\nid: hand\ntitle: Hand\n---\n\n# One {#one}\n\n"
                      "![me](media/My_Photo.PNG) ![x](media/evil.svg) ![y](media/fake.jpg) ![z](media/gone.png) "
                      "![l](media/link.png) ![up](media/../hand.md)\n", encoding="utf-8")

    result = read_file(source)

    stored = stored_name(png(), "My_Photo.PNG")
    assert result.guide.sections[0].body.startswith(f"![me](media/{stored}) ![x](media/evil.svg)")
    assert [f.name for f in result.guide.media] == [stored]
    warnings = "\n".join(result.warnings)
    for said in ("evil.svg: SVG", "fake.jpg: the name says .jpg", "gone.png is not beside the guide",
                 "link.png: not a regular file", "../hand.md: not a file of the media folder"):
        assert said in warnings
    library.install_guide(result.guide)
    library.reload_guides()
    assert library.media("hand").names() == [stored]


def test_an_anki_export_carries_the_images_as_anki_does(authoring, library, tmp_path: Path) -> None:
    import json
    import sqlite3
    import zipfile

    guide = make_guide(authoring)
    images = media_bytes(library, guide)
    package = library.export_guide(guide, "apkg", tmp_path / "pictures.apkg", edits={})

    with zipfile.ZipFile(package) as zipped:
        names = json.loads(zipped.read("media"))
        assert {name: zipped.read(number) for number, name in names.items()} == images
        (tmp_path / "c.anki2").write_bytes(zipped.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    fields = [row[0] for row in db.execute("SELECT flds FROM notes")]
    db.close()
    cuba = next(n for n in images if n.startswith("cuba-"))
    assert any(f.startswith(f'Which island? <img src="{cuba}" alt="">\x1f') for f in fields)


def test_an_anki_export_imports_back_with_its_images(authoring, library, tmp_path: Path) -> None:
    guide = make_guide(authoring)
    images = media_bytes(library, guide)
    before = library.load_guide(guide)
    package = library.export_guide(guide, "apkg", tmp_path / "pictures.apkg", edits={})

    result = read_file(package)

    assert {f.name: f.data for f in result.guide.media} == images
    cuba = next(n for n in images if n.startswith("cuba-"))
    fronts = {c.id: c.front for c in result.guide.cards}
    assert fronts["which-island"] == f"Which island? ![](media/{cuba})"  # the alt text is not kept
    assert "<img" not in " ".join(t for c in result.guide.cards for t in (c.front, c.back))
    assert len(result.guide.cards) == len(before.cards)
