"""Input edges: queries that start with '-', device files, text that is not UTF-8, errors in plain words,
and Anki collections read without a temporary file."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import genanki
import pytest

from studyguide.domain.messages import describe_os_error, user_message
from studyguide.guides.apkg import read_package
from studyguide.guides.importing import ImportCancelledError, read_file
from studyguide.guides.markdown import GuideFormatError
from studyguide.store import anki

ROOT = Path(__file__).parent.parent.parent
INTERNALS = ("Errno", "object has no attribute", "Traceback", "Error:", "'list'", "NoneType")


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYGUIDE_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "studyguide", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, encoding="utf-8")


def plain(message: str) -> bool:
    return not any(word in message for word in INTERNALS)


# A query that starts with '-' ------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["search", "-kind:card", "missile"],
    ["search", "--json", "-kind:card", "missile"],
    ["search", "-kind:card", "missile", "--json", "--limit", "3"],
    ["search", "--limit=3", "--json", "--", "-kind:card", "missile"],
])
def test_a_query_starting_with_minus_searches(tmp_path: Path, args: list[str]) -> None:
    result = run(tmp_path, *args)

    assert result.returncode == 0, result.stderr
    assert "usage:" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines and "[card]" not in result.stdout and '"kind": "card"' not in result.stdout
    if "--limit" in " ".join(args):
        assert len([line for line in lines if line.startswith("{")]) == 3


def test_a_lone_excluded_word_finds_nothing_but_exits_cleanly(tmp_path: Path) -> None:
    result = run(tmp_path, "search", "-missile")

    assert result.returncode == 0 and "usage:" not in result.stderr


# Device files ---------------------------------------------------------------------------------

def test_a_csv_linked_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    link = tmp_path / "cards.csv"
    link.symlink_to("/dev/zero")
    started = time.monotonic()

    with pytest.raises(GuideFormatError, match=r"cards\.csv is a device, not a file"):
        read_file(link)
    assert time.monotonic() - started < 1


# Text that is not UTF-8 -----------------------------------------------------------------------

def test_a_csv_that_is_not_utf8_is_read_as_windows_1252_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cards.csv"
    path.write_bytes(b"front,back\nParis,France\n" + "Caf\u00e9,coffee\n".encode("cp1252"))

    result = read_file(path)

    assert [c.front for c in result.guide.cards] == ["Paris", "Caf\u00e9"]
    assert any("cards.csv is not valid UTF-8" in w and "line 3" in w and "Windows-1252" in w
               for w in result.warnings), result.warnings


def test_notes_that_are_not_utf8_warn_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"# Notes\n\nThe crisis began in October 1962.\n\n"
                     + "Na\u00efve \u201cquotes\u201d.\n".encode("cp1252"))

    result = read_file(path)

    assert any("notes.md is not valid UTF-8" in w and "line 5" in w for w in result.warnings), result.warnings


def test_a_markdown_guide_that_is_not_utf8_warns_and_the_cli_prints_it(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_bytes(b"---\nid: g\ntitle: G\n---\n\n# One {#one}\n\n" + "Caf\u00e9.\n".encode("cp1252")
                     + b"\n## Cards\n\nQ: Where? {#q}\nA: Here.\n")
    assert any("line 8" in w for w in read_file(path).warnings)

    result = run(tmp_path / "home", "import", str(path))

    assert result.returncode == 0, result.stderr
    assert "note: guide.md is not valid UTF-8 text (line 8" in result.stdout


def test_utf8_text_gives_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "cards.csv"
    path.write_text("front,back\nCaf\u00e9,coffee\n", encoding="utf-8")

    assert read_file(path).warnings == ()


# Errors in plain words ------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["build", "{dir}"], ["build", "{missing}"], ["import", "{missing}"],
                                     ["export", "cuban-missile-crisis", "-o", "{dir}.md"]])
def test_cli_errors_name_the_file_in_plain_words(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (tmp_path / "notes.md").mkdir()
    args = [a.format(dir=folder, missing=tmp_path / "gone.csv") for a in command]

    result = run(tmp_path / "home", *args)

    assert result.returncode == 2
    assert result.stderr.startswith("studyguide: error: ")
    assert plain(result.stderr), result.stderr
    assert "is a folder, not a file" in result.stderr or "does not exist" in result.stderr


def test_os_errors_become_sentences() -> None:
    assert describe_os_error(IsADirectoryError(errno.EISDIR, "Is a directory", "notes")) == \
        "notes is a folder, not a file"
    assert describe_os_error(FileNotFoundError(errno.ENOENT, "No such file or directory", "a.csv")) == \
        "a.csv does not exist"
    assert describe_os_error(OSError(errno.EXDEV, "Invalid cross-device link", "x")) == \
        "x cannot be used: invalid cross-device link"
    assert describe_os_error(OSError("could not write x.png")) == "could not write x.png"
    assert user_message(ValueError("The title cannot be empty.")) == "The title cannot be empty."


def _package(path: Path, *, decks: str | None = None, models: str | None = None) -> Path:
    model = genanki.Model(1_234_567, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    deck = genanki.Deck(2_059_400_110, "History")
    for i in range(300):
        deck.add_note(genanki.Note(model=model, fields=[f"Question {i}", f"Answer {i}"]))
    genanki.Package(deck).write_to_file(str(path))
    if decks is None and models is None:
        return path
    with zipfile.ZipFile(path) as archive:
        collection = path.with_suffix(".anki2")
        collection.write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(collection)
    conn.execute("UPDATE col SET decks = coalesce(?, decks), models = coalesce(?, models)", (decks, models))
    conn.commit()
    conn.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(collection, "collection.anki2")
    collection.unlink()
    return path


@pytest.mark.parametrize("decks, models", [("[1, 2]", None), (None, "[]"), ('"text"', None)])
def test_json_of_the_wrong_shape_is_named_in_plain_words(tmp_path: Path, decks, models) -> None:
    with pytest.raises(GuideFormatError) as raised:
        read_package(_package(tmp_path / "deck.apkg", decks=decks, models=models), guide_id="d", title="D")

    assert plain(str(raised.value)), str(raised.value)
    assert "not an object" in str(raised.value)


# Anki collections: no temporary file ----------------------------------------------------------

def use_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make an empty folder the system's temp folder (after the test packages are written)."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(anki, "_CHECK_EVERY", 1)  # look often while the collection is read
    return folder


def test_reading_an_anki_package_writes_no_file_even_while_it_reads(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path / "deck.apkg")
    temp_folder = use_temp_folder(tmp_path, monkeypatch)
    seen: list[list[str]] = []

    def cancelled() -> bool:  # called while the collection is being queried: a kill now leaves what is here
        seen.append(os.listdir(temp_folder))
        return False

    guide, _ = read_package(package, guide_id="d", title="D", cancelled=cancelled)

    assert len(guide.cards) == 300
    assert seen and all(listing == [] for listing in seen)
    assert os.listdir(temp_folder) == []


def test_a_failed_anki_read_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package, good = tmp_path / "bad.apkg", _package(tmp_path / "deck.apkg")
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("collection.anki2", b"SQLite format 3\x00" + b"\x00" * 200)
    temp_folder = use_temp_folder(tmp_path, monkeypatch)

    with pytest.raises(GuideFormatError):
        read_package(package, guide_id="d", title="D")
    calls = iter([False, True])  # cancelled while the collection is queried
    with pytest.raises(ImportCancelledError):
        read_package(good, guide_id="d", title="D", cancelled=lambda: next(calls, True))
    assert os.listdir(temp_folder) == []
