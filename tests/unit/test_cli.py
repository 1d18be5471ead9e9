"""Unit tests for studyguide.cli, run as real subprocesses (python -m studyguide ...)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studyguide import __version__

ROOT = Path(__file__).parent.parent.parent


def run(home: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYGUIDE_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)  # headless commands must not need it
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "studyguide", *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, encoding="utf-8"
    )


def test_version(tmp_path: Path) -> None:
    result = run(tmp_path, "--version")

    assert result.returncode == 0
    assert result.stdout.strip() == f"StudyGuide {__version__}"


def test_help(tmp_path: Path) -> None:
    result = run(tmp_path, "--help")

    assert result.returncode == 0
    assert "search" in result.stdout and "build" in result.stdout
    assert not (tmp_path / "progress.sqlite").exists()


def test_search_json_prints_one_object_per_line(tmp_path: Path) -> None:
    result = run(tmp_path, "search", "Khrushchev", "--json")

    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert 1 <= len(hits) <= 20
    assert [hit["rank"] for hit in hits] == list(range(1, len(hits) + 1))
    assert {hit["kind"] for hit in hits} <= {"section", "card", "event"}
    assert all(hit["guide"] == "cuban-missile-crisis" for hit in hits)
    assert all(hit["title"] and "\x02" not in hit["title"] + hit["snippet"] for hit in hits)
    assert any("khrushchev" in (hit["title"] + hit["snippet"]).lower() for hit in hits)


def test_search_limit(tmp_path: Path) -> None:
    result = run(tmp_path, "search", "cuba", "--json", "--limit", "3")

    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_search_text_output(tmp_path: Path) -> None:
    result = run(tmp_path, "search", "thirteen", "days")

    assert result.returncode == 0, result.stderr
    assert "  1. [" in result.stdout
    assert "(The Cuban Missile Crisis)" in result.stdout


@pytest.mark.parametrize("query", ['"(', "-", "OR", "*", "🙂", "AND zebra", "NEAR(zebra", "a AND (b", "zebra OR",
                                   "kind:zebra NOT"])
def test_odd_search_exits_cleanly(tmp_path: Path, query: str) -> None:
    # Queries with words reach FTS5, which the engine no longer silences: this can fail.
    result = run(tmp_path, "search", query)

    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "No matches." in result.stderr


def test_search_does_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from studyguide.cli import main\n"
        "code = main(['search', 'cuba'])\n"
        "print(code, 'PySide6' in sys.modules, 'shiboken6' in sys.modules)\n"
    )
    result = run(tmp_path, code=code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False False"


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 50, bytes(range(256)) * 16],
    ids=["text", "garbage"],
)
def test_damaged_progress_file_exits_2_and_is_left_alone(tmp_path: Path, content: bytes) -> None:
    progress = tmp_path / "progress.sqlite"
    progress.write_bytes(content)

    result = run(tmp_path, "search", "cuba")

    assert result.returncode == 2
    assert "damaged or is not a StudyGuide database" in result.stderr
    assert str(progress) in result.stderr
    assert "Traceback" not in result.stderr
    assert progress.read_bytes() == content


def test_foreign_progress_database_exits_2(tmp_path: Path) -> None:
    progress = tmp_path / "progress.sqlite"
    conn = sqlite3.connect(progress)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = progress.read_bytes()

    result = run(tmp_path, "search", "cuba")

    assert result.returncode == 2
    assert "is not a StudyGuide progress database" in result.stderr
    assert progress.read_bytes() == before


def test_build_writes_a_guide_database(tmp_path: Path) -> None:
    out = tmp_path / "out" / "tiny.sqlite"

    result = run(tmp_path, "build", str(ROOT / "tests" / "data" / "tiny-guide.md"), "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert "3 sections, 3 cards, 4 events" in result.stdout
    assert out.is_file()


def test_build_of_a_bad_source_exits_2_naming_the_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text("---\nid: bad\ntitle: Bad\n---\nstray\n", encoding="utf-8")
    out = tmp_path / "bad.sqlite"

    result = run(tmp_path, "build", str(source), "-o", str(out))

    assert result.returncode == 2
    assert "line 5" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--smoke-test"], (None, True)),
        (["--library", "/tmp/x", "--smoke-test"], ("/tmp/x", True)),
        (["--library=/tmp/y"], ("/tmp/y", False)),
        (["--library"], None),
        (["--library", "--smoke-test"], None),
        (["search", "cuba"], None),
        (["--version"], None),
        (["--help"], None),
    ],
)
def test_only_plain_gui_arguments_skip_the_parser(argv, expected):
    from studyguide.cli import _gui_options

    assert _gui_options(argv) == expected


def test_suspended_cards_are_listed_and_unsuspended(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from studyguide import paths
    from studyguide.library import Library

    library = Library(home=tmp_path, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime(2026, 3, 2, 9, tzinfo=timezone.utc))
    session = library.start_review("cuban-missile-crisis")
    card = session.current.card
    session.suspend_current()
    library.close()

    listed = run(tmp_path, "suspended")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"cuban-missile-crisis\t{card.id}\t{' '.join(card.front.split())}"]
    assert run(tmp_path, "suspended", "no-such-guide").returncode == 2
    assert run(tmp_path, "unsuspend", "no-such-card").returncode == 2

    done = run(tmp_path, "unsuspend", card.id)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Unsuspended {card.id} (cuban-missile-crisis)")
    empty = run(tmp_path, "suspended", "cuban-missile-crisis")
    assert empty.returncode == 0 and empty.stdout == "" and "No suspended cards." in empty.stderr


def _crafted_models_list(path: Path) -> Path:
    from tests.unit.test_apkg import crafted

    return crafted(path, "UPDATE col SET models = ?", params=('[{"id": 1}]',))


def _view_for_notes(path: Path) -> Path:
    from tests.unit.test_apkg import crafted

    return crafted(path, "DROP TABLE notes", "CREATE VIEW notes AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
                   "SELECT x + 1 FROM n) SELECT x AS id, '' AS guid, '' AS flds, '' AS tags, 1 AS mid FROM n")


def _deflated_collection(path: Path, *, flags: int = 0, method: int | None = None, garbled: bool = False,
                         version: int | None = None) -> Path:
    """A package whose collection is deflated; ``flags``/``method`` written into both of its headers,
    ``garbled``: its compressed bytes overwritten (a deflate stream zlib refuses); ``version``: the zip
    version its list of members says is needed to read it."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", b"SQLite format 3\x00" + bytes(4096))
    data = bytearray(path.read_bytes())
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    for at in (local + 6, central + 8):  # the general purpose flags
        data[at] |= flags
    if method is not None:
        for at in (local + 8, central + 10):
            data[at:at + 2] = method.to_bytes(2, "little")
    if version is not None:
        data[central + 6:central + 8] = version.to_bytes(2, "little")
    if garbled:
        start = local + 30 + len("collection.anki2")
        data[start:start + 8] = b"\xff" * 8  # an invalid block type
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("name, make, message", [
    ("pipe.txt", lambda p: os.mkfifo(p), "pipe.txt is a named pipe (FIFO), not a file"),
    ("models.apkg", _crafted_models_list, "note types (col.models) are a JSON list, not an object"),
    ("view.apkg", _view_for_notes, "not an Anki collection (it has no notes table)"),
    ("garbled.apkg", lambda p: _deflated_collection(p, garbled=True), "garbled.apkg is damaged (Error -3"),
    ("locked.apkg", lambda p: _deflated_collection(p, flags=0x1), "collection.anki2 is password-protected"),
    ("aes.apkg", lambda p: _deflated_collection(p, method=99), "compressed in a way StudyGuide cannot read"),
    ("future.apkg", lambda p: _deflated_collection(p, version=99), "uses a zip feature StudyGuide cannot read"),
], ids=["fifo", "models-list", "endless-view", "damaged-deflate", "encrypted", "unknown-method", "zip-version"])
def test_import_of_a_bad_input_exits_2_with_the_message(tmp_path: Path, name: str, make, message: str) -> None:
    path = tmp_path / name
    make(path)

    result = run(tmp_path / "home", "import", str(path))

    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_export_writes_the_learners_edited_card(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from studyguide import paths
    from studyguide.library import Library

    library = Library(home=tmp_path, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime(2026, 3, 2, tzinfo=timezone.utc))
    guide_id = library.guides()[0].id
    library.start_review(guide_id).edit_current(front="An edited question?", back="An edited answer")
    library.close()

    result = run(tmp_path, "export", guide_id, "-o", str(tmp_path / "out.csv"))

    assert result.returncode == 0, result.stderr
    assert "An edited question?,An edited answer," in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")


def _library_with_a_backup(home: Path, answers: int) -> Path:
    """A library with ``answers`` logged answers and one manual backup of them; returns the backup."""
    from datetime import datetime, timezone

    from studyguide import paths
    from studyguide.library import Library

    now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    library = Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=lambda: now)
    try:
        for i in range(answers):
            library.progress.record_answer(guide_id="g", card_id=f"c{i}", rating=3, reviewed_at=now,
                                           new_state={"state": 1}, due=now, previous_state=None)
        return library.progress.backup(kind="manual", now=now)
    finally:
        library.close()


def _answers(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
    finally:
        conn.close()


def test_backups_and_restore_work_when_the_progress_file_is_damaged(tmp_path: Path) -> None:
    backup = _library_with_a_backup(tmp_path, answers=40)
    progress = tmp_path / "progress.sqlite"
    garbage = bytes(range(256)) * 16
    progress.write_bytes(garbage)
    for side in ("-wal", "-shm"):
        (tmp_path / f"progress.sqlite{side}").unlink(missing_ok=True)

    refused = run(tmp_path, "search", "cuba")
    assert refused.returncode == 2
    assert "'studyguide backups'" in refused.stderr and "'studyguide restore FILE'" in refused.stderr

    listed = run(tmp_path, "backups")
    assert listed.returncode == 0, listed.stderr
    assert "40 answers" in listed.stdout and str(backup) in listed.stdout

    restored = run(tmp_path, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    (kept,) = tmp_path.glob("progress.damaged-*.sqlite")
    assert kept.read_bytes() == garbage  # moved aside, never deleted
    assert f"the damaged file is kept as {kept}" in restored.stdout
    assert _answers(progress) == 40
    assert run(tmp_path, "search", "cuba").returncode == 0


def test_restore_of_a_bad_backup_over_a_damaged_file_moves_nothing(tmp_path: Path) -> None:
    progress = tmp_path / "progress.sqlite"
    progress.write_bytes(b"garbage" * 100)
    bad = tmp_path / "not-a-backup.sqlite"
    bad.write_bytes(b"nothing" * 100)

    result = run(tmp_path, "restore", str(bad))

    assert result.returncode == 2
    assert "not a StudyGuide progress backup" in result.stderr and "Traceback" not in result.stderr
    assert progress.read_bytes() == b"garbage" * 100
    assert not list(tmp_path.glob("progress.damaged-*"))


def test_import_streams_a_table_as_the_window_does(tmp_path: Path) -> None:
    """A CSV/TSV on the command line goes through ``Library.install_table`` (a batch of rows at a time,
    flat memory), never ``read_file``, which reads a file whole."""
    path = tmp_path / "war_terms.tsv"
    path.write_text("".join(f"Question {i}?\tAnswer {i}\n" for i in range(12_000)), encoding="utf-8")
    code = ("import sys, studyguide.guides.importing as importing\n"
            "def whole(*args, **kwargs):\n    raise AssertionError('the table was read whole')\n"
            "importing.read_file = whole\n"
            "from studyguide.cli import main\n"
            f"sys.exit(main(['import', {str(path)!r}]))\n")

    result = run(tmp_path / "home", code=code)

    assert result.returncode == 0, result.stderr
    assert "Imported war terms: 1 section, 12,000 cards, 0 events as 'war-terms'." in result.stdout
    again = run(tmp_path / "home", "import", "--skip", str(path))
    assert again.returncode == 0 and "Skipped war_terms.tsv" in again.stdout, again.stderr
    search = run(tmp_path / "home", "search", "Question", "11999")
    assert "Question 11999?" in search.stdout, search.stderr
