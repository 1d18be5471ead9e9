"""What a killed commit left in the search index's folder is gone when the library next opens
(``store.ranking_leftovers``), but never while a writer is at work.

tantivy writes ``meta.json`` through ``.tmpXXXXXX`` and a rename; the stamp is written through
``.<stamp>.<pid>.tmp``. A SIGKILL between the write and the rename left them for ever (the
reliability battery's "kill -9 mid-import" found one in CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import tantivy

from studyguide.guides.build import build_from_source
from studyguide.library import Library
from studyguide.store.ranking import RANKING_FOLDER, STAMP
from studyguide.store.ranking_leftovers import remove_index_leftovers


def _library(tmp_path: Path) -> Library:
    bundled = tmp_path / "bundled.sqlite"
    if not bundled.exists():
        build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", bundled)
    return Library(home=tmp_path / "lib", bundled_guide=bundled, clock=lambda: datetime.now(timezone.utc))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(30)
    return child.pid


@pytest.fixture
def index_folder(tmp_path: Path) -> Path:
    library = _library(tmp_path)
    assert library.search.search("paris").hits  # the index is made, and written by a writer
    library.close()
    folder = tmp_path / "lib" / RANKING_FOLDER
    assert (folder / ".tantivy-writer.lock").exists()
    return folder


def test_a_killed_commits_temporary_files_are_removed_when_the_library_opens(index_folder: Path) -> None:
    kept = sorted(p.name for p in index_folder.iterdir())
    killed = [index_folder / ".tmpxgRDu9", index_folder / f".{STAMP}.{_dead_pid()}.tmp"]
    for path in killed:
        path.write_text("{half a meta.json", "utf-8")

    library = _library(index_folder.parent.parent)
    try:
        assert not [p for p in killed if p.exists()]
        assert sorted(p.name for p in index_folder.iterdir()) == kept  # the index itself untouched
        assert library.search.search("paris").hits
    finally:
        library.close()


def test_nothing_is_removed_while_a_writer_holds_the_index(index_folder: Path) -> None:
    live = index_folder / ".tmpAb12Cd"
    live.write_text("a commit under way", "utf-8")
    writer = tantivy.Index.open(str(index_folder)).writer(heap_size=15_000_000, num_threads=1)
    try:
        assert remove_index_leftovers(index_folder) == []
        assert live.exists()
    finally:
        del writer
    assert remove_index_leftovers(index_folder) == [live]


def test_a_running_processs_stamp_file_and_other_files_are_kept(index_folder: Path) -> None:
    running = [index_folder / f".{STAMP}.{os.getpid()}.tmp", index_folder / f".{STAMP}.1.tmp"]
    others = [index_folder / ".tmp-not-tantivy", index_folder / "notes.tmp", index_folder / ".tmpABCDEFG"]
    for path in running + others:
        path.write_text("x", "utf-8")
    assert remove_index_leftovers(index_folder) == []
    assert all(p.exists() for p in running + others)


def test_a_library_without_an_index_opens_as_before(tmp_path: Path) -> None:
    assert remove_index_leftovers(tmp_path / "missing") == []
    library = _library(tmp_path)
    library.close()
    assert not (tmp_path / "lib" / RANKING_FOLDER).exists()
