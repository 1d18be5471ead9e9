"""An import's media files created by ``tar`` in a process of its own (store/media_writer.py): the same
files as written in-process, and in-process whenever tar is missing or fails."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.store import media_writer

needs_tar = pytest.mark.skipif(media_writer.tar_command() is None, reason="no tar on PATH")
_NAMES = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,40}-[0-9a-f]{16}\.(png|jpg|gif|webp|mp3|ogg|wav|m4a)\Z")


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in folder.iterdir()}


@needs_tar
@settings(max_examples=25, deadline=None)
@given(st.dictionaries(_NAMES, st.binary(max_size=3000), min_size=1, max_size=8))
def test_tar_creates_the_same_files_as_writing_them_here(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as root:
        by_tar, here = Path(root, "tar"), Path(root, "here")
        by_tar.mkdir(), here.mkdir()
        assert media_writer._with_tar(by_tar, files)
        media_writer.write_in_process(here, files)

        assert _files(by_tar) == _files(here)
        assert {name: data for name, (data, _mode) in _files(by_tar).items()} == files


def _counting_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    writes, write = list[int](), os.write

    def counted(fd: int, data) -> int:
        writes.append(fd)
        return write(fd, data)

    monkeypatch.setattr(media_writer.os, "write", counted)
    return writes


@needs_tar
def test_a_tar_that_fails_half_way_leaves_nothing_and_the_files_are_written_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "tar"  # writes every file, keeps two and fails (as a full disk would make it)
    fake.write_text(f'#!/bin/sh\n"{media_writer.tar_command()}" "$@"; cd "$5" && ls | tail -n +3 | xargs rm -f; '
                    'exit 2\n')
    fake.chmod(0o755)
    monkeypatch.setattr(media_writer, "_tar", [str(fake)])
    writes = _counting_writes(monkeypatch)
    files = {f"f{i}-{'0' * 16}.png": bytes([i]) * 700 for i in range(5)}
    folder = tmp_path / "staged"
    folder.mkdir()

    media_writer.write_files(folder, files)

    assert {name: data for name, (data, _mode) in _files(folder).items()} == files
    assert len(writes) == 5  # each one written here, after tar's were removed


@pytest.mark.parametrize("tar", [None, "/nonexistent/tar"])
def test_without_a_tar_that_starts_the_files_are_written_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             tar: str | None) -> None:
    monkeypatch.setattr(media_writer, "_tar", [tar])
    writes = _counting_writes(monkeypatch)
    files = {f"f{i}-{'0' * 16}.png": bytes([i]) * 10 for i in range(3)}

    media_writer.write_files(tmp_path, files)

    assert {name: data for name, (data, _mode) in _files(tmp_path).items()} == files and len(writes) == 3


@needs_tar
def test_tar_writes_them_when_it_can(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = _counting_writes(monkeypatch)
    files = {f"f{i}-{'0' * 16}.png": bytes([i]) * 10 for i in range(3)}

    media_writer.write_files(tmp_path, files)

    assert {name: data for name, (data, _mode) in _files(tmp_path).items()} == files and writes == []


def test_a_tar_that_stops_reading_is_a_broken_pipe_and_the_files_are_written_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "tar"  # exits at once: the stream (far larger than a pipe's buffer) breaks
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setattr(media_writer, "_tar", [str(fake)])
    files = {f"f{i}-{'0' * 16}.png": bytes([i]) * 300_000 for i in range(4)}
    folder = tmp_path / "staged"
    folder.mkdir()

    media_writer.write_files(folder, files)

    assert {name: data for name, (data, _mode) in _files(folder).items()} == files
