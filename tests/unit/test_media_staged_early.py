"""The command line's import writes an Anki package's media files as it reads the package (``read_file``'s
``media_into``): before the notes are converted, into a folder of its own that the install settles to the
guide's files, and that nothing leaves behind when the read or the install fails."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from studyguide import cli
from studyguide.domain.errors import DuplicateGuideError
from studyguide.domain.media import MediaFile, stored_name
from studyguide.guides import apkg
from studyguide.guides.importing import GuideFormatError, read_file
from studyguide.library import Library
from studyguide.store.anki import AnkiCollectionError
from studyguide.store.media import discard, media_folder, stage_media
from tests.media_samples import png

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


def _staged(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".staged-*"))


def test_the_command_line_writes_the_media_files_while_the_collection_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    seen: list[list[str]] = []
    read_collection = apkg.read_anki_collection

    def reading_the_collection(*args, **kwargs):
        seen.append(_staged(home / "guides"))
        return read_collection(*args, **kwargs)

    monkeypatch.setenv("STUDYGUIDE_HOME", str(home))
    monkeypatch.setattr(apkg, "read_anki_collection", reading_the_collection)
    assert cli.main(["import", str(FIXTURES / "current.apkg")]) == 0

    assert len(seen) == 1 and len(seen[0]) == 1  # a folder of media being written as the collection is read
    guide_id = read_file(FIXTURES / "current.apkg").guide.info.id
    assert len(list(media_folder(home / "guides" / f"{guide_id}.sqlite").iterdir())) == 2
    assert _staged(home / "guides") == []


@pytest.mark.parametrize("step, error", [("read_anki_collection", AnkiCollectionError("file is not a database")),
                                         ("_notes_to_guide", GuideFormatError("note 3 is damaged"))])
def test_a_read_that_fails_after_the_media_were_staged_leaves_no_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, error: Exception) -> None:
    guides = tmp_path / "guides"

    def damaged(*args, **kwargs):
        assert _staged(guides)  # the media were on their way
        raise error

    monkeypatch.setattr(apkg, step, damaged)
    with pytest.raises(GuideFormatError):
        read_file(FIXTURES / "current.apkg", media_into=guides)

    assert _staged(guides) == []


def test_staged_media_that_are_not_installed_leave_no_folder(library: Library) -> None:
    library.install_guide(read_file(FIXTURES / "current.apkg").guide)
    again = read_file(FIXTURES / "current.apkg", media_into=library.guides_folder)
    assert again.staged is not None and _staged(library.guides_folder)

    with pytest.raises(DuplicateGuideError):
        library.install_guide(again.guide, staged=again.staged)

    assert _staged(library.guides_folder) == []


def test_settling_keeps_exactly_the_guides_files(tmp_path: Path) -> None:
    a, b, c = (MediaFile(name=stored_name(png(rgb=(i, 9, 9)), f"p{i}.png"), data=png(rgb=(i, 9, 9))) for i in range(3))
    staged = stage_media(tmp_path, [a, b])
    assert staged is not None

    folder = staged.settle([a, c])

    assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == sorted([(a.name, a.data), (c.name, c.data)])


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in names}
        found.pop("meta", None)  # the search epoch is random
        found.pop("_sqlite_migrations", None)  # when each migration ran
        return found
    finally:
        conn.close()


@pytest.mark.parametrize("form", ["current.apkg", "legacy.colpkg", "anki2.apkg"])
def test_staged_as_read_or_as_installed_the_same_guide_media_and_history(
        tmp_path: Path, content_db: Path, clock, form: str) -> None:
    found = []
    for early in (True, False):
        home = tmp_path / str(early)
        library = Library(home=home, bundled_guide=content_db, clock=clock, enable_fuzzing=False)
        try:
            result = read_file(FIXTURES / form, media_into=library.guides_folder if early else None)
            assert (result.staged is not None) == early
            library.install_guide(result.guide, history=result.history, staged=result.staged)
        finally:
            library.close()
        guide = home / "guides" / f"{result.guide.info.id}.sqlite"
        found.append((_dump(guide), _dump(home / "progress.sqlite"),
                      sorted((p.name, p.read_bytes()) for p in media_folder(guide).iterdir()),
                      _staged(home / "guides")))
    assert found[0] == found[1] and found[0][2] and found[0][3] == []


@pytest.mark.parametrize("limit", [None, 100])
def test_a_file_skipped_as_read_staged_or_not_the_same_warnings_and_guide(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int | None) -> None:
    """A media file not what its name says (an MP3's bytes as cuba-map.png), or over the size limit."""
    lying = tmp_path / "lying.apkg"
    with zipfile.ZipFile(FIXTURES / "legacy.apkg") as old, zipfile.ZipFile(lying, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read("1" if info.filename == "0" else info))
    if limit is not None:
        monkeypatch.setattr("studyguide.domain.media.MAX_BYTES", limit)
    staged = read_file(lying, media_into=tmp_path / "guides")
    plain = read_file(lying)

    assert staged.warnings == plain.warnings and any(w.startswith("Skipped cuba-map.png") for w in plain.warnings)
    assert staged.guide == plain.guide
    assert (staged.staged is not None) == (limit is None)  # none staged when every file is skipped
    discard(staged.staged)


@pytest.mark.parametrize("form", ["current.apkg", "legacy.colpkg"])
def test_an_import_stages_each_file_under_the_name_its_bytes_give(tmp_path: Path, form: str) -> None:
    """``apkg._stage`` hands ``stage_media`` names it does not work out again (``named``): each is the
    ``stored_name`` of the file's bytes, the name it would have been checked against."""
    found = read_file(FIXTURES / form, media_into=tmp_path)
    assert found.staged is not None
    folder = found.staged.wait()
    files = sorted(folder.iterdir())
    assert files and all(stored_name(p.read_bytes(), p.name) == p.name for p in files)
    discard(found.staged)
