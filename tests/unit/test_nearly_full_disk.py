"""A disk with a few kilobytes left: SQLite's I/O errors there are reported as a full disk.

With under ~30 KB free, opening the progress database fails with ``SQLITE_IOERR_SHMSIZE``
(no room for the shared-memory file beside it), which read "could not be read or written
(a disk or file-system error)". Free space decides: checked with ``shutil.disk_usage``
injected, and on a real 2 MB tmpfs when the tests run as root on Linux. Anki packages are
read from memory, so a full temp folder does not stop an Anki import.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import genanki
import pytest

from studyguide.store import connection
from studyguide.store.connection import explain
from studyguide.store.errors import DiskFull, StoreUnavailable

ROOT = Path(__file__).parent.parent.parent
FULL = "is full. Free some space and try again"
Usage = namedtuple("Usage", "total used free")


def _io_error(name: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize("name", ["SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_WRITE", "SQLITE_IOERR", "SQLITE_CANTOPEN"])
def test_an_io_error_with_almost_no_space_left_says_the_disk_is_full(tmp_path: Path, name: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection.shutil, "disk_usage", lambda folder: Usage(2 << 20, (2 << 20) - 20_000, 20_000))

    explained = explain(_io_error(name), tmp_path / "progress.sqlite")

    assert isinstance(explained, DiskFull)
    assert FULL in str(explained)


def test_an_io_error_with_space_left_is_still_a_disk_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection.shutil, "disk_usage", lambda folder: Usage(10 << 30, 1 << 30, 9 << 30))

    explained = explain(_io_error("SQLITE_IOERR_SHMSIZE"), tmp_path / "progress.sqlite")

    assert type(explained) is StoreUnavailable
    assert "a disk or file-system error" in str(explained)


def test_free_space_is_measured_on_the_databases_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(connection.shutil, "disk_usage",
                        lambda folder: asked.append(Path(folder)) or Usage(2 << 20, 2 << 20, 0))

    assert isinstance(explain(_io_error("SQLITE_IOERR_SHMSIZE"), tmp_path / "lib" / "progress.sqlite"), DiskFull)
    assert asked == [tmp_path / "lib"]


# A real small disk ------------------------------------------------------------------------------


def fill(disk: Path, *, leave: int) -> None:
    """Fill ``disk`` until only about ``leave`` bytes are free."""
    (disk / "filler").unlink(missing_ok=True)
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as handle:
        try:
            handle.write(b"\0" * max(0, free - leave))
        except OSError as error:
            assert error.errno == errno.ENOSPC


def _studyguide(home: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studyguide", "--library", str(home), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False, env=env)


def test_opening_a_library_on_an_almost_full_real_disk_says_it_is_full(tiny_disk: Path) -> None:
    home = tiny_disk / "library"
    assert _studyguide(home, "suspended").returncode == 0
    outcomes = {}
    for leave_kb in (0, 4, 8, 16, 24, 28, 32, 48):
        fill(tiny_disk, leave=leave_kb * 1024)
        opened = _studyguide(home, "suspended")
        outcomes[leave_kb] = (opened.returncode, opened.stderr.strip())

    refused = {kb: err for kb, (code, err) in outcomes.items() if code != 0}
    assert refused, outcomes  # the disk really was too full to open the library at some level
    assert all(outcomes[kb][0] == 2 and FULL in err and "Traceback" not in err for kb, err in refused.items()), refused


def test_an_anki_import_with_a_full_temp_folder_is_not_an_os_error(tiny_disk: Path, tmp_path: Path) -> None:
    """The collection used to be written to a tmp*.anki2 file first: on a full temp disk, [Errno 28]."""
    deck = genanki.Deck(2_059_400_112, "Full temp")
    model = genanki.Model(1_234_568, "Basic (full temp)", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    for i in range(300):
        deck.add_note(genanki.Note(model=model, fields=[f"Question {i}", f"Answer {i}"]))
    package = tmp_path / "deck.apkg"
    genanki.Package(deck).write_to_file(str(package))
    fill(tiny_disk, leave=8 * 1024)  # room for Python's check that the folder is writable, not for the collection

    imported = _studyguide(tmp_path / "library", "import", str(package), env={**os.environ, "TMPDIR": str(tiny_disk)})

    assert imported.returncode == 0, imported.stderr
    assert "Imported" in imported.stdout and "Errno" not in imported.stderr
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


@pytest.mark.parametrize("temporary", [".staged-k2j4.media.tmp", ".big.sqlite.x8f2.tmp"])
def test_a_full_disk_under_a_temporary_name_of_ours_names_the_folder_the_learner_knows(tmp_path: Path,
                                                                                      temporary: str) -> None:
    guides = tmp_path / "guides"
    found = explain(OSError(errno.ENOSPC, "No space left on device"), guides / temporary)

    assert isinstance(found, DiskFull)
    assert str(found).startswith(f"The disk holding {guides} is full.") and ".tmp" not in str(found)
