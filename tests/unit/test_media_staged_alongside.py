"""An import stores its media while the guide's database is built, and stays all or nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from studyguide.domain.guide import Guide, GuideInfo, Section
from studyguide.domain.media import MediaError, MediaFile, stored_name
from studyguide.guides import build, guide_files
from studyguide.store.errors import DiskFull
from tests.media_samples import png

_WAIT_S = 10.0  # generous: the build signals within milliseconds when both run together


def _guide() -> Guide:
    file = MediaFile(name=stored_name(png(), "one.png"), data=png())
    return Guide(info=GuideInfo(id="pics", title="Pictures"),
                 sections=(Section(id="s", title="S", body=f"![](media/{file.name})"),), media=(file,))


@pytest.fixture
def building(monkeypatch) -> threading.Event:
    """Set once the build has begun writing the database."""
    started = threading.Event()
    write = build.write_guide_database

    def write_guide_database(path: Path, guide: Guide, **kwargs: str) -> None:
        started.set()
        write(path, guide, **kwargs)

    monkeypatch.setattr(build, "write_guide_database", write_guide_database)
    return started


def test_the_media_are_stored_while_the_database_is_built(library, building, monkeypatch) -> None:
    seen: list[bool] = []
    stage = guide_files.stage_media

    def stage_media(parent: Path, files: tuple[MediaFile, ...]) -> Path | None:
        seen.append(building.wait(_WAIT_S))  # one after the other, the build would not have begun
        return stage(parent, files)

    monkeypatch.setattr(guide_files, "stage_media", stage_media)
    library.install_guide(_guide())
    library.reload_guides()
    assert seen == [True]
    assert library.media("pics").names() == [_guide().media[0].name]


def test_a_bad_media_file_found_after_the_database_was_written_saves_nothing(library, building,
                                                                             monkeypatch) -> None:
    def stage_media(parent: Path, files: tuple[MediaFile, ...]) -> Path | None:
        assert building.wait(_WAIT_S)
        raise MediaError("one.png", "the name does not match the file's bytes")

    monkeypatch.setattr(guide_files, "stage_media", stage_media)
    with pytest.raises(MediaError):
        library.install_guide(_guide())
    assert list(library.guides_folder.iterdir()) == []  # no database, no temporary file


def test_a_failed_build_removes_the_media_staged_meanwhile(library, monkeypatch) -> None:
    def write_guide_database(path: Path, guide: Guide, **kwargs: str) -> None:
        raise DiskFull("The disk is full")

    monkeypatch.setattr(build, "write_guide_database", write_guide_database)
    with pytest.raises(DiskFull):
        library.install_guide(_guide())
    assert list(library.guides_folder.iterdir()) == []  # no staged media folder left
