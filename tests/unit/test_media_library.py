"""A guide's media folder goes wherever its database goes: delete, undo, editable copy, replace, export."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide.authoring import AuthoringError
from studyguide.domain.guide import Guide, GuideInfo, Section
from studyguide.domain.media import MediaError, MediaFile, stored_name
from studyguide.store.media import media_folder
from tests.media_samples import png


def test_new_guide_media_live_beside_it_and_follow_delete_undo_redo(authoring, library) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    name = authoring.add_media(guide, png(), "map.png")
    folder = library.guides_folder / "my-notes.media"
    assert library.media(guide).folder == folder and (folder / name).read_bytes() == png()

    authoring.undo()  # the guide goes to the trash, its media with it
    assert not folder.exists()
    trashed = list((library.home / "trash").glob("my-notes--*.media"))
    assert len(trashed) == 1 and (trashed[0] / name).read_bytes() == png()
    authoring.redo()
    assert library.media(guide).read(name) == png() and not list((library.home / "trash").glob("*.media"))


def test_delete_guide_then_restore_brings_the_media_back(authoring, library) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    name = authoring.add_media(guide, png(), "map.png")
    library.delete_guide(guide)
    assert not media_folder(library.guides_folder / f"{guide}.sqlite").exists()
    library.restore_guide(guide)
    assert library.media(guide).names() == [name]


def test_media_of_a_file_path_and_refusals(authoring, library, tmp_path: Path) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    source = tmp_path / "Photo.PNG"
    source.write_bytes(png())
    assert authoring.add_media(guide, source).startswith("photo-")
    with pytest.raises(MediaError, match=r"x\.jpg: the name says \.jpg"):
        authoring.add_media(guide, png(), "x.jpg")
    with pytest.raises(AuthoringError, match="read-only"):
        authoring.add_media("tiny", png(), "x.png")


def test_editable_copy_takes_the_bundled_guides_media(authoring, library, content_db: Path) -> None:
    bundled_media = media_folder(content_db)
    bundled_media.mkdir()
    name = stored_name(png(), "a.png")
    (bundled_media / name).write_bytes(png())
    authoring.make_editable_copy("tiny")
    assert library.media("tiny").folder.parent == library.guides_folder
    assert library.media("tiny").read(name) == png()
    authoring.undo()
    assert library.media("tiny").folder == bundled_media  # the bundled guide's own, untouched
    assert not media_folder(library.guides_folder / "tiny.sqlite").exists()


def _guide(*files: MediaFile) -> Guide:
    return Guide(info=GuideInfo(id="pics", title="Pictures"),
                 sections=(Section(id="s", title="S", body=" ".join(f"![](media/{f.name})" for f in files)),),
                 media=files)


def test_install_saves_the_media_and_replace_keeps_the_old_ones_in_the_trash(library) -> None:
    first = MediaFile(name=stored_name(png(), "one.png"), data=png())
    second = MediaFile(name=stored_name(png(rgb=(0, 0, 255)), "two.png"), data=png(rgb=(0, 0, 255)))
    library.install_guide(_guide(first))
    library.reload_guides()
    assert library.media("pics").names() == [first.name]
    assert library.load_guide("pics").media == (MediaFile(name=first.name, path=library.media("pics").folder
                                                          / first.name),)

    library.install_guide(_guide(second), replace=True)
    library.reload_guides()
    assert library.media("pics").names() == [second.name]
    kept = list((library.home / "trash").glob("pics--*.media"))
    assert len(kept) == 1 and [p.name for p in kept[0].iterdir()] == [first.name]


def test_an_install_with_a_bad_media_file_saves_nothing(library) -> None:
    bad = MediaFile(name=stored_name(png(), "one.png"), data=png(rgb=(1, 1, 1)))  # a name for other bytes
    with pytest.raises(MediaError, match="does not match"):
        library.install_guide(_guide(bad))
    assert not (library.guides_folder / "pics.sqlite").exists()
    assert [p.name for p in library.guides_folder.iterdir()] == []  # no staged folder left either


def test_search_finds_an_image_by_its_alt_text_never_by_its_file_name(authoring, library) -> None:
    guide = authoring.new_guide("My Notes").ids[0]
    name = authoring.add_media(guide, png(), "harbour.png")
    section = authoring.add_section(guide, "Ports", f"See ![Havana harbour](media/{name}) and [sound:{name}]").ids[0]

    def found(query: str) -> list[str]:
        return [h.item_id for h in library.search.search(query).hits]

    assert found("havana") == [section]
    for word in ("media", "png", name.split("-")[1].split(".")[0], "sound"):
        assert found(word) == [], word
