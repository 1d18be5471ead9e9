"""Unit tests for studyguide.guides.importing and the Library's guide management (and the CLI)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyguide.guides import tabular
from studyguide.guides.importing import DuplicateGuideError, GuideFormatError, read_file
from studyguide.store.errors import DiskFull
from tests.conftest import DATA, ROOT


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_each_kind_of_file_goes_to_its_reader(tmp_path: Path) -> None:
    assert read_file(DATA / "tiny-guide.md").kind == "markdown"
    assert read_file(DATA / "cards-latin1.csv").kind == "table"
    notes = read_file(DATA / "notes-with-headings.md")
    assert notes.kind == "notes" and notes.proposal is not None
    assert notes.guide.events == notes.proposal.events
    assert read_file(write(tmp_path / "plain.txt", "Castro took power in 1959.")).kind == "notes"
    from studyguide.guides.export import export_guide

    colpkg = export_guide(read_file(DATA / "tiny-guide.md").guide, "apkg", tmp_path / "collection.colpkg")
    assert read_file(colpkg).kind == "anki" and len(read_file(colpkg).guide.cards) == 3


@pytest.mark.parametrize("name, data, message", [
    ("empty.md", b"", "empty.md is empty"),
    ("empty.csv", b"\n\n", "empty.csv is empty"),
    ("binary.txt", bytes(range(256)) * 40, "binary.txt is a binary file"),
    ("binary.csv", b"\x7fELF\x02\x01\x01\x00" + bytes(4000), "binary file"),
    ("guide.pdf", b"%PDF-1.4", "cannot import .pdf files"),
    ("broken.md", b"---\nid: x\ntitle: X\n---\n\n# A\n\n## Cards\n\nQ: no answer\n", "broken.md, line 10"),
    ("ragged.csv", b"front,back\n\"multi\nline\",ok\nalone\n", "ragged.csv, line 4: this row has no back"),
])
def test_bad_files_get_a_message_naming_the_file_and_line(tmp_path: Path, name: str, data: bytes,
                                                          message: str) -> None:
    (tmp_path / name).write_bytes(data)

    with pytest.raises(GuideFormatError, match=message):
        read_file(tmp_path / name)


@pytest.mark.parametrize(("name", "size", "message"), [
    ("huge.md", 200 * 1024 * 1024, r"huge.md is 210 MB, over the 105 MB limit"),
    ("huge.csv", 1200 * 1024 * 1024, r"huge.csv is 1258 MB, over the 1074 MB limit"),
])
def test_a_file_over_its_limit_is_refused_before_it_is_read(tmp_path: Path, name: str, size: int,
                                                            message: str) -> None:
    big = tmp_path / name
    with big.open("wb") as handle:  # sparse: takes no disk space or time
        handle.truncate(size)

    with pytest.raises(GuideFormatError, match=message):
        read_file(big)


def test_a_table_may_be_larger_than_other_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A million cards is a 130 MB TSV: tables have a limit of their own, well above other text's.
    monkeypatch.setattr(tabular, "MAX_TEXT_BYTES", 100)
    path = write(tmp_path / "cards.tsv", "".join(f"Question {n}?\tAnswer {n}\n" for n in range(20)))

    assert len(read_file(path).guide.cards) == 20


def test_the_size_limit_applies_to_every_text_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "MAX_TEXT_BYTES", 100)
    path = write(tmp_path / "notes.md", "Castro took power in 1959. " * 10)

    with pytest.raises(GuideFormatError, match="over the 0 MB limit"):
        read_file(path)


# The library's side: install, duplicates, replace keeping progress, rename, delete and undo.


def answer(library, guide_id: str, card_id: str) -> None:
    now = library.clock()
    library.progress.record_answer(guide_id=guide_id, card_id=card_id, rating=3, reviewed_at=now,
                                   new_state={"s": 1}, due=now, previous_state=None)


def test_import_installs_a_guide_that_search_finds(library, tmp_path: Path) -> None:
    result = read_file(write(tmp_path / "capitals.csv", "France,Paris\nItaly,Rome\n"))

    library.install_guide(result.guide)
    library.reload_guides()

    assert "capitals" in [g.id for g in library.guides()]
    assert [c.back for c in library.content("capitals").cards()] == ["Paris", "Rome"]
    assert {hit.guide_id for hit in library.search.search("Rome").hits} == {"capitals"}


def test_duplicate_import_is_detected_and_replace_keeps_progress_of_unchanged_cards(
        library, tmp_path: Path) -> None:
    first = read_file(write(tmp_path / "capitals.csv", "France,Paris\nItaly,Rome\n")).guide
    library.install_guide(first)
    library.reload_guides()
    for card in first.cards:
        answer(library, "capitals", card.id)

    second = read_file(write(tmp_path / "capitals.csv", "France,Paris\nItaly,Roma\nSpain,Madrid\n")).guide
    with pytest.raises(DuplicateGuideError, match="already in your library"):
        library.install_guide(second)
    library.install_guide(second, replace=True)
    library.reload_guides()

    ids = [c.id for c in library.content("capitals").cards()]
    assert ids == [c.id for c in second.cards]
    assert set(library.progress.card_states("capitals")) & set(ids) == {first.cards[0].id, first.cards[1].id}
    assert len(list((library.home / "trash").glob("capitals--*.sqlite"))) == 1


def test_the_bundled_guide_is_never_replaced(library) -> None:
    tiny = read_file(DATA / "tiny-guide.md").guide

    with pytest.raises(DuplicateGuideError, match="bundled") as caught:
        library.install_guide(tiny, replace=True)
    assert caught.value.bundled
    assert not (library.guides_folder / "tiny.sqlite").exists()


def test_rename_delete_and_undo(library, tmp_path: Path) -> None:
    guide = read_file(write(tmp_path / "capitals.csv", "Spain,Madrid\n")).guide
    library.install_guide(guide)
    library.reload_guides()
    answer(library, "capitals", guide.cards[0].id)

    library.rename_guide("capitals", "  European   capitals ")
    assert library.content("capitals").info.title == "European capitals"
    with pytest.raises(ValueError):
        library.rename_guide("tiny", "Mine now")

    assert library.delete_guide("capitals").guides
    assert "capitals" not in [g.id for g in library.guides()]
    assert list((library.home / "trash").glob("capitals--*.sqlite")) and not library.search.search("Madrid").hits

    assert library.restore_guide("capitals").guides
    assert library.content("capitals").info.title == "European capitals"
    assert guide.cards[0].id in library.progress.card_states("capitals")


def test_a_failed_install_leaves_the_library_as_it_was(library, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    guide = read_file(write(tmp_path / "capitals.csv", "France,Paris\n")).guide
    import studyguide.store.guide_meta as guide_meta

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(guide_meta, "write_guide", explode)
    with pytest.raises(DiskFull, match="the guide was not imported"):
        library.install_guide(guide)

    assert list(library.guides_folder.glob("*")) == []


# The command line (a real subprocess, so PySide6 must not be needed).


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYGUIDE_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)
    code = ("import sys; from studyguide.cli import main; rc = main(sys.argv[1:]); "
            "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, encoding="utf-8")


def test_cli_import_export_and_duplicates(tmp_path: Path) -> None:
    home = tmp_path / "home"
    source = write(tmp_path / "capitals.csv", "front,back\nFrance,Paris\n")

    first = run(home, "import", str(source))
    again = run(home, "import", str(source))
    skipped = run(home, "import", str(source), "--skip")
    replaced = run(home, "import", str(source), "--replace")
    exported = run(home, "export", "capitals", "-o", str(tmp_path / "out.apkg"))
    missing = run(home, "export", "nope", "-o", str(tmp_path / "x.md"))
    bad = run(home, "import", str(write(tmp_path / "bad.csv", "only-one-column\n")))

    assert first.returncode == 0 and "Imported capitals: 1 section, 1 card," in first.stdout, first.stderr
    assert again.returncode == 2 and "--replace" in again.stderr
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout
    assert replaced.returncode == 0, replaced.stderr
    assert exported.returncode == 0 and read_file(tmp_path / "out.apkg").guide.cards[0].back == "Paris"
    assert missing.returncode == 2 and "no guide 'nope'" in missing.stderr
    assert bad.returncode == 2 and "bad.csv, line 1" in bad.stderr


# Property: a malformed guide is refused whole (with the file named), or read whole.

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TINY_LINES = (DATA / "tiny-guide.md").read_text(encoding="utf-8").splitlines()
_edits = st.lists(st.tuples(st.sampled_from(["drop", "dup", "insert"]),
                            st.integers(0, len(TINY_LINES) - 1),
                            st.sampled_from(["", "Q: half a card", "A:", "# ", "Event: 19xx | bad", "---",
                                             "## Cards", "Event: 1962 | t {#Bad Id}", "\x00", "Lane:"])),
                  min_size=1, max_size=4)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=_edits)
@example(edits=[("drop", 0, ""), ("drop", 24, "")])  # no front matter: read as plain notes
def test_corrupted_markdown_guides_are_read_whole_or_refused(tmp_path: Path, edits) -> None:
    from studyguide.guides.markdown import read_guide, write_guide

    lines = list(TINY_LINES)
    for kind, index, text in edits:
        index = min(index, len(lines) - 1)
        if kind == "drop" and len(lines) > 1:
            del lines[index]
        elif kind == "dup":
            lines.insert(index, lines[index])
        else:
            lines.insert(index, text)
    path = write(tmp_path / "guide.md", "\n".join(lines))
    try:
        guide = read_file(path).guide
    except GuideFormatError as error:
        assert "guide.md" in str(error)
        return
    from studyguide.guides.anki_export import notes_of

    def with_notes(read):  # cards only (read as plain notes): a basic note per card
        return read if read.notes else dataclasses.replace(read, notes=tuple(notes_of(read)))

    assert with_notes(read_guide(write_guide(guide))) == with_notes(guide)



def _read_within(path: Path, seconds: float) -> BaseException | None:
    """read_file(path) on a daemon thread: its error, or a failure if it is still running."""
    import threading

    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            read_file(path)
        except (GuideFormatError, OSError) as error:
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"reading {path.name} was still running after {seconds} s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("make, kind", [
    (lambda p: os.mkfifo(p), "a named pipe (FIFO)"),
    (lambda p: p.symlink_to("/dev/zero"), "a device"),
    (lambda p: p.mkdir(), "a folder"),
], ids=["fifo", "device", "folder"])
def test_a_fifo_a_device_or_a_folder_is_refused_at_once(tmp_path: Path, make, kind: str) -> None:
    path = tmp_path / "cards.csv"
    make(path)

    error = _read_within(path, 5)

    # A folder is read as an Obsidian vault: one without notes is refused as such.
    expected = "cards.csv holds no Markdown notes" if kind == "a folder" else f"cards.csv is {kind}, not a file"
    assert isinstance(error, GuideFormatError) and str(error).startswith(expected)


def test_rename_is_one_metadata_update_not_a_rebuild(library, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import studyguide.guides.guide_files as guide_files

    library.install_guide(read_file(write(tmp_path / "capitals.csv", "Spain,Madrid\n")).guide)
    library.reload_guides()
    path = library.content("capitals").path
    inode = path.stat().st_ino

    def no_rebuild(*args, **kwargs):
        raise AssertionError("rename rebuilt the guide database")

    monkeypatch.setattr(guide_files, "build_guide", no_rebuild)  # what install_guide builds with
    changes = library.rename_guide("capitals", "Capitals")
    assert changes.guides and library.content("capitals").info.title == "Capitals"
    assert path.stat().st_ino == inode  # the same file, updated in place
    assert library.search.search("Madrid").hits


def test_a_guide_whose_text_looks_like_a_quizlet_set_is_read_as_a_guide(tmp_path: Path) -> None:
    # Found by test_authored_round_trip: an event described "0<TAB>0" made the export read as Quizlet's.
    source = write(tmp_path / "export.md", "---\nid: round-trip\ntitle: Round Trip\nformat: 2\n---\n\n# 0 {#s}\n\n"
                                            "## Events\n\nEvent: 1959 | 0 {#e}\n0\t0\n")
    result = read_file(source)
    assert result.kind == "markdown" and result.guide.events[0].description == "0\t0"
