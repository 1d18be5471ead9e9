"""Streamed CSV/TSV import (issue 18): the same guide as reading it whole, a batch held at a time,
and a cancel that leaves nothing."""

from __future__ import annotations

import gc
import sqlite3
import weakref
from pathlib import Path

import pytest

from studyguide.domain.errors import ImportCancelledError
from studyguide.domain.guide import GuideInfo
from studyguide.guides.importing import read_file
from studyguide.guides.markdown import GuideFormatError
from studyguide.guides.table_stream import TableRows, scan
from studyguide.library_tables import install_table
from studyguide.store import stream_build
from studyguide.store.stream_build import write_streamed_guide


def _tsv(path: Path, rows: int, *, sections: int = 3) -> Path:
    lines = ["front\tback\tsection"]
    lines += [f"Question {i} about *topic* {i % 7}?\tAnswer {i} with words\tPart {i % sections}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_streamed_import_writes_the_guide_reading_it_whole_does(library, tmp_path: Path) -> None:
    whole = _tsv(tmp_path / "whole.tsv", 700)
    streamed = _tsv(tmp_path / "streamed.tsv", 700)
    result = read_file(whole)
    library.install_guide(result.guide, source_sha256=result.source_sha256)
    done = install_table(library, streamed)
    assert (done.cards, done.sections) == (700, 3) and done.changes.guides
    a, b = library.guides_folder / "whole.sqlite", library.guides_folder / "streamed.sqlite"
    for sql in ("SELECT id, section_id, position, front, back FROM cards ORDER BY id",
                "SELECT id, position, title, body, sources FROM sections ORDER BY id",
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"):  # no FTS5 table in either
        assert _rows(a, sql) == _rows(b, sql), sql
    assert _rows(b, "SELECT value FROM meta WHERE key = 'source_sha256'") == [(result.source_sha256,)]
    library.reload_guides()
    assert "streamed" in {g.id for g in library.guides()}
    found = library.search.search("question guide:streamed", limit=5)  # ranked, with snippets
    assert found.total == 700 and len(found.hits) == 5


def test_the_reader_never_holds_more_than_a_batch(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "big.tsv", 2_050)
    rows = TableRows(path, scan(path), title="Big", batch=100)
    sizes = [len(batch) for batch in rows.batches()]
    assert sum(sizes) == 2_050 and max(sizes) == 100 and rows.most_held == 100


class _Batch(list):  # a list that can be weakly referenced
    pass


def test_the_writer_keeps_no_batch_it_was_handed(tmp_path: Path) -> None:
    handed: list[weakref.ref[_Batch]] = []
    alive_when_yielding: list[int] = []

    def batches():
        for k in range(30):
            gc.collect()
            alive_when_yielding.append(sum(ref() is not None for ref in handed))
            batch = _Batch((f"c-{k}-{i}", "s", k * 50 + i, f"front {k} {i}", "back") for i in range(50))
            handed.append(weakref.ref(batch))
            yield batch

    from studyguide.domain.guide import Section
    count = write_streamed_guide(tmp_path / "g.sqlite", GuideInfo(id="g", title="G", subject="", description=""),
                                 batches(), lambda: [Section(id="s", title="S", body="", position=0)])
    assert count == 1_500
    # At most the batch being written, those read ahead (queued, and one in the reader's hand): none is kept.
    assert max(alive_when_yielding) <= stream_build._AHEAD + 2


def test_a_cancel_midway_leaves_nothing(library, tmp_path: Path) -> None:
    path = _tsv(tmp_path / "cancelled.tsv", 9_000)
    polls = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 3  # after a few thousand rows are written

    before = sorted(p.name for p in library.guides_folder.iterdir()) if library.guides_folder.exists() else []
    with pytest.raises(ImportCancelledError):
        install_table(library, path, cancelled=cancelled)
    after = sorted(p.name for p in library.guides_folder.iterdir()) if library.guides_folder.exists() else []
    assert after == before
    library.reload_guides()
    assert "cancelled" not in {g.id for g in library.guides()}


def test_progress_is_reported_as_rows_are_read(library, tmp_path: Path) -> None:
    path = _tsv(tmp_path / "progress.tsv", 6_100)
    seen: list[float] = []
    install_table(library, path, progress=lambda fraction, _label: seen.append(fraction))
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] < 1


def test_a_windows_1252_file_is_read_and_said_so(library, tmp_path: Path) -> None:
    path = tmp_path / "latin.tsv"
    path.write_bytes("caf\u00e9\tcoffee\nna\u00efve\tsimple\n".encode("cp1252"))
    done = install_table(library, path)
    assert done.cards == 2 and "Windows-1252" in done.warnings[0]
    fronts = _rows(library.guides_folder / "latin.sqlite", "SELECT front FROM cards ORDER BY position")
    assert fronts == [("caf\u00e9",), ("na\u00efve",)]


@pytest.mark.parametrize("how", ["cancelled", "malformed"])
def test_a_failed_replace_keeps_the_old_guide_and_leaves_no_copy_in_the_trash(library, tmp_path: Path,
                                                                               how: str) -> None:
    path = _tsv(tmp_path / "swap.tsv", 300)
    install_table(library, path)
    old = (library.guides_folder / "swap.sqlite").read_bytes()
    if how == "malformed":
        path.write_text('front\tback\n"an unclosed quote\tx\n', encoding="utf-8")
    error = ImportCancelledError if how == "cancelled" else GuideFormatError
    with pytest.raises(error):
        install_table(library, path, replace=True, cancelled=lambda: how == "cancelled")
    assert (library.guides_folder / "swap.sqlite").read_bytes() == old
    trash = library.home / "trash"
    assert not trash.exists() or list(trash.iterdir()) == []


def test_batches_read_ahead_arrive_in_order_with_the_readers_error_in_its_place() -> None:
    import threading

    from studyguide.store.stream_build import read_ahead

    def source():
        yield from ([(f"c{n}", "s", n, "f", "b")] for n in range(5))
        raise GuideFormatError("bad row on line 6")

    got = []
    with pytest.raises(GuideFormatError, match="line 6"):
        for batch in read_ahead(source()):
            assert threading.current_thread() is threading.main_thread()
            got.append(batch[0][0])
    assert got == [f"c{n}" for n in range(5)]


def test_a_writer_that_stops_early_stops_the_reading() -> None:
    import threading

    from studyguide.store.stream_build import read_ahead

    read = []

    def source():
        for n in range(1_000):
            read.append(n)
            yield [(f"c{n}", "s", n, "f", "b")]

    with pytest.raises(sqlite3.IntegrityError):
        for _ in read_ahead(source()):
            raise sqlite3.IntegrityError("UNIQUE constraint failed")  # an insert failed
    assert len(read) <= 5  # the batch handed over, two waiting, one being read: no more
    assert not [t for t in threading.enumerate() if t.name == "stream-read"]
