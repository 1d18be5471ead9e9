"""A full disk during import, rename and export: one plain message, and no file left behind.

Each case runs with an injected failure (a real ``SQLITE_FULL`` from ``PRAGMA max_page_count``,
or ``ENOSPC``), and, when the tests run as root on Linux, on a real 2 MB tmpfs filled up.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from studyguide import cli, paths
from studyguide.guides import export, files
from studyguide.guides.build import read_source
from studyguide.guides.importing import read_file
from studyguide.store import guide_meta
from studyguide.store.errors import DiskFull
from tests.conftest import ROOT

IMPORT_FULL = "The disk is full: the guide was not imported. Free some space and try again."
EXPORT_FULL = "The disk is full: the guide was not exported. Free some space and try again."

OTHER_GUIDE = """---
id: other
title: Another Guide
---

# Only section {#only}

Some text.

## Cards

Q: A question? {#q1}
A: An answer.
"""


def files_in(folder: Path) -> list[str]:
    """Every file under ``folder`` (relative names), or [] when it does not exist."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _database_file(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchall()[0][2])


def fill_up_during_build(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Make the next guide build run out of space, the way ``how`` says."""
    real = guide_meta.write_guide

    def write_guide(db, guide, **kwargs):
        tmp = _database_file(db)
        if how == "enospc":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
        if how == "hot-journal":
            # A rollback that could not finish leaves its journal (and a WAL) behind.
            for suffix in ("-journal", "-wal", "-shm"):
                Path(f"{tmp}{suffix}").write_bytes(b"\0" * 512)
        # The file may grow no further: SQLite itself raises SQLITE_FULL.
        db.execute("PRAGMA max_page_count=2")
        real(db, guide, **kwargs)

    monkeypatch.setattr(guide_meta, "write_guide", write_guide)  # what a build writes with


@pytest.fixture
def other_guide(tmp_path: Path) -> Path:
    path = tmp_path / "other.md"
    path.write_text(OTHER_GUIDE, encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["sqlite-full", "hot-journal", "enospc"])
def test_import_on_a_full_disk_says_so_and_leaves_nothing(how: str, make_library, other_guide: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    library = make_library()
    guide, digest = read_source(other_guide)
    fill_up_during_build(monkeypatch, how)

    with pytest.raises(DiskFull) as caught:
        library.install_guide(guide, source_sha256=digest)

    assert str(caught.value) == IMPORT_FULL
    assert files_in(library.guides_folder) == []
    assert files_in(library.home / "trash") == []


def test_replacing_on_a_full_disk_keeps_the_old_guide_and_leaves_nothing(make_library, other_guide: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    library = make_library()
    guide, _ = read_source(other_guide)
    library.install_guide(guide)
    dest = library.guides_folder / "other.sqlite"
    before = dest.read_bytes()
    fill_up_during_build(monkeypatch, "hot-journal")

    with pytest.raises(DiskFull, match="the guide was not imported"):
        library.install_guide(guide, replace=True)

    assert files_in(library.guides_folder) == ["other.sqlite"] and dest.read_bytes() == before
    assert files_in(library.home / "trash") == []


def test_the_copy_kept_before_replacing_fails_cleanly_on_a_full_disk(make_library, other_guide: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    library = make_library()
    guide, _ = read_source(other_guide)
    library.install_guide(guide)

    def copyfile(src, dst, **kwargs):
        Path(dst).write_bytes(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr("studyguide.guides.guide_files.shutil.copyfile", copyfile)  # the copy kept in trash/
    with pytest.raises(DiskFull, match="the guide was not imported"):
        library.install_guide(guide, replace=True)
    assert files_in(library.guides_folder) == ["other.sqlite"]
    assert files_in(library.home / "trash") == []


def test_a_killed_imports_leftovers_are_removed_when_the_library_opens(make_library, library_home: Path,
                                                                      other_guide: Path) -> None:
    library = make_library()
    library.install_guide(read_source(other_guide)[0])
    library.close()
    guides = library_home / "guides"
    for name in (".other.sqlite.k1x2.tmp", ".other.sqlite.k1x2.tmp-journal", ".x.sqlite.ab.tmp-wal",
                 ".x.sqlite.ab.tmp-shm"):
        (guides / name).write_bytes(b"\0" * 100)

    reopened = make_library()

    assert files_in(guides) == ["other.sqlite"]
    assert "other" in [info.id for info in reopened.guides()]


KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
import sqlite_utils
from studyguide.guides.files import write_atomically

def write(tmp):
    db = sqlite_utils.Database(tmp)
    db.execute("PRAGMA journal_mode=DELETE")
    db.conn.execute("BEGIN")
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (zeroblob(200000))")
    os.kill(os.getpid(), signal.SIGKILL)  # mid-transaction: the journal is on disk

write_atomically(Path(sys.argv[1]), write)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_build_killed_mid_write_is_cleaned_up_at_the_next_start(make_library, library_home: Path) -> None:
    guides = library_home / "guides"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(guides / "other.sqlite")], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert killed.returncode == -9, killed.stderr
    left = files_in(guides)
    assert any(n.endswith(".tmp") for n in left) and any(n.endswith(".tmp-journal") for n in left), left

    make_library()

    assert files_in(guides) == []


def test_a_running_imports_temporary_file_is_not_removed(make_library) -> None:
    """Another window may be importing right now: its locked temporary file stays."""
    if not files.CAN_LOCK:
        pytest.skip("no advisory file locks here (and an open file cannot be deleted there)")
    library = make_library()
    seen: list[list[str]] = []

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"half a guide")
        make_library()  # a second window opens the library while this import runs
        seen.append(files_in(library.guides_folder))
        tmp.write_bytes(b"a whole guide")

    files.write_atomically(library.guides_folder / "other.sqlite", write)

    assert len(seen[0]) == 1 and seen[0][0].startswith(".other.sqlite.") and seen[0][0].endswith(".tmp")
    assert files_in(library.guides_folder) == ["other.sqlite"]


def test_cli_import_on_a_full_disk_exits_2_with_the_message(tmp_path: Path, other_guide: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    fill_up_during_build(monkeypatch, "sqlite-full")

    code = cli.main(["--library", str(home), "import", str(other_guide)])

    assert code == 2
    assert capsys.readouterr().err == f"studyguide: error: {IMPORT_FULL}\n"
    assert files_in(home / "guides") == []


@pytest.mark.parametrize("fmt", ["md", "csv", "apkg"])
def test_cli_export_on_a_full_disk_exits_2_and_writes_no_file(fmt: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def replace(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(files.os, "replace", replace)
    code = cli.main(["--library", str(tmp_path / "home"), "export", "cuban-missile-crisis",
                     "-o", str(out / f"guide.{fmt}")])

    assert code == 2
    assert capsys.readouterr().err == f"studyguide: error: {EXPORT_FULL}\n"
    assert files_in(out) == []


def test_an_anki_export_leaves_no_temporary_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       other_guide: Path) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    guide = read_file(other_guide).guide

    export.export_guide(guide, "apkg", tmp_path / "out" / "guide.apkg")

    assert files_in(tmp_path / "out") == ["guide.apkg"]
    assert files_in(system_tmp) == []


# A real full disk ----------------------------------------------------------------------------


def fill(disk: Path, *, leave: int) -> None:
    """Fill ``disk`` until only about ``leave`` bytes are free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with (disk / "filler").open("ab") as handle:
        try:
            handle.write(b"\0" * max(0, free - leave))
        except OSError as error:
            assert error.errno == errno.ENOSPC


@pytest.mark.parametrize("leave_kb", [0, 8, 64, 96])  # the bundled guide is about 110 KB (217 KB with FTS5)
def test_import_on_a_real_full_disk(leave_kb: int, tiny_disk: Path, content_db: Path, clock) -> None:
    from studyguide.library import Library

    library = Library(home=tiny_disk / "library", bundled_guide=content_db, clock=clock)
    try:
        guide, digest = read_source(paths.bundled_guide_source())
        library.guides_folder.mkdir()
        fill(tiny_disk, leave=leave_kb * 1024)
        with pytest.raises(DiskFull) as caught:
            library.install_guide(guide, source_sha256=digest)
        assert str(caught.value) == IMPORT_FULL
        assert files_in(library.guides_folder) == []
    finally:
        library.close()


def test_cli_import_and_export_on_a_real_full_disk(tiny_disk: Path, tmp_path: Path, other_guide: Path) -> None:
    home = tiny_disk / "library"
    command = [sys.executable, "-m", "studyguide", "--library", str(home)]
    run = lambda *args: subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT,  # noqa: E731
                                       timeout=60, check=False)
    assert run("suspended").returncode == 0  # the library exists before the disk fills up ("backups" opens none)
    (home / "guides").mkdir()
    source = tmp_path / "big.md"
    source.write_text(paths.bundled_guide_source().read_text(encoding="utf-8")
                      .replace("id: cuban-missile-crisis", "id: big-copy", 1), encoding="utf-8")
    fill(tiny_disk, leave=64 * 1024)

    imported = run("import", str(source))
    fill(tiny_disk, leave=4 * 1024)  # the Markdown export is about 60 KB
    elsewhere = [sys.executable, "-m", "studyguide", "--library", str(tmp_path / "home")]
    exported = subprocess.run([*elsewhere, "export", "cuban-missile-crisis", "-o", str(tiny_disk / "out.md")],
                              capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)

    assert (imported.returncode, imported.stderr) == (2, f"studyguide: error: {IMPORT_FULL}\n")
    assert (exported.returncode, exported.stderr) == (2, f"studyguide: error: {EXPORT_FULL}\n")
    assert files_in(home / "guides") == []
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "library"]
