"""An import's media are written by a thread (through ``tar`` in a process of its own, or in-process
without it) while the guide's database is built; the guide appears only once every file is written,
and a file that cannot be written leaves nothing."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from studyguide.domain.guide import Guide, GuideInfo, Section
from studyguide.domain.media import MediaFile, stored_name
from studyguide.guides import build as build_module
from studyguide.guides import files as files_module
from studyguide.guides.guide_files import build_with_media
from studyguide.store import media as media_store
from studyguide.store import media_writer
from studyguide.store.errors import StoreUnavailable
from tests.media_samples import png


def _guide(count: int = 3) -> Guide:
    files = tuple(MediaFile(name=stored_name(png(rgb=(i, 0, 0)), f"p{i}.png"), data=png(rgb=(i, 0, 0)))
                  for i in range(count))
    body = " ".join(f"![](media/{f.name})" for f in files)
    return Guide(info=GuideInfo(id="pics", title="Pictures"), sections=(Section(id="s", title="S", body=body),),
                 media=files)


@pytest.fixture(params=["tar", "in-process"])
def writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with the files written by ``tar`` and without it (none on PATH)."""
    if request.param == "tar" and media_writer.tar_command() is None:
        pytest.skip("no tar on PATH")
    monkeypatch.setattr(media_writer, "_tar", [media_writer.tar_command() if request.param == "tar" else None])
    return str(request.param)


def test_the_media_are_written_while_the_database_is_built(tmp_path: Path, monkeypatch, writer: str) -> None:
    building, written = threading.Event(), list[bool]()
    write, stream, write_authored = os.write, media_writer.ustar, build_module.write_authored

    def start_building(path: Path, guide: Guide) -> None:
        building.set()
        write_authored(path, guide)

    def while_building() -> None:  # waits for the database to be on its way
        if not building.wait(timeout=10):
            raise OSError(errno.EIO, "the media were written before the database, not beside it")

    def write_while_building(fd: int, data) -> int:
        while_building()
        written.append(True)
        return write(fd, data)

    def stream_while_building(files: dict[str, bytes]) -> bytes:
        while_building()
        written.extend(True for _ in files)
        return stream(files)

    monkeypatch.setattr(build_module, "write_authored", start_building)
    monkeypatch.setattr(media_writer.os, "write", write_while_building)
    monkeypatch.setattr(media_writer, "ustar", stream_while_building)
    guide, dest = _guide(), tmp_path / "guides" / "pics.sqlite"

    build_with_media(guide, dest, kept=None, source_sha256="", what="not imported")

    assert dest.exists() and len(written) == len(guide.media)  # each file written once the build began
    assert sorted(p.name for p in media_store.media_folder(dest).iterdir()) == sorted(f.name for f in guide.media)
    assert [p.name for p in dest.parent.iterdir() if p.name.startswith(".")] == []


def test_the_guide_is_not_published_before_its_media_are_written(tmp_path: Path, monkeypatch, writer: str) -> None:
    dest = tmp_path / "guides" / "pics.sqlite"
    published, seen = threading.Event(), list[bool]()
    write, replace, stream = os.write, os.replace, media_writer.ustar
    staged_at_publish: list[int] = []

    def publish(source, target) -> None:
        if Path(target) == dest:  # every file is in the staged folder by then
            staged_at_publish.extend(len(list(folder.iterdir())) for folder in dest.parent.glob(".staged-*"))
        replace(source, target)
        if Path(target) == dest:
            published.set()

    def write_once_published(fd: int, data) -> int:  # a guide published too early is seen here
        if not seen:
            published.wait(timeout=0.5)  # the correct order never publishes: this waits it out once
        seen.append(dest.exists())
        return write(fd, data)

    def stream_once_published(files: dict[str, bytes]) -> bytes:
        published.wait(timeout=0.5)
        seen.extend(dest.exists() for _ in files)
        return stream(files)

    monkeypatch.setattr(files_module.os, "replace", publish)
    monkeypatch.setattr(media_writer.os, "write", write_once_published)
    monkeypatch.setattr(media_writer, "ustar", stream_once_published)
    build_with_media(_guide(5), dest, kept=None, source_sha256="", what="not imported")

    assert seen == [False] * 5 and dest.exists() and staged_at_publish == [5]


def test_a_media_file_that_cannot_be_written_leaves_no_guide_and_no_folder(tmp_path: Path, monkeypatch,
                                                                             writer: str) -> None:
    """With tar, a full disk makes it fail; what it wrote is removed, and the files written in-process
    then give the real error."""
    calls = []
    write = os.write

    def full_on_the_third(fd: int, data) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(fd, data)

    if writer == "tar":  # a tar that writes the first two files, then fails as on a full disk
        fake = tmp_path / "tar"
        fake.write_text(f'#!/bin/sh\n"{media_writer.tar_command()}" "$@"; '
                        'cd "$5" && ls | tail -n +3 | xargs rm -f; exit 2\n')
        fake.chmod(0o755)
        monkeypatch.setattr(media_writer, "_tar", [str(fake)])
    monkeypatch.setattr(media_writer.os, "write", full_on_the_third)
    dest = tmp_path / "guides" / "pics.sqlite"
    with pytest.raises(StoreUnavailable):
        build_with_media(_guide(5), dest, kept=None, source_sha256="", what="not imported")

    assert list(dest.parent.iterdir()) == []  # no database, no staged folder, no temporary file
