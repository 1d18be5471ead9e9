"""``studyguide import FILE --keep-both``: the command line's "Keep Both" (a separate copy under a new id)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA
from tests.unit.test_cli import run


def test_a_guide_already_there_is_kept_beside_it_as_a_copy(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run(home, "import", str(DATA / "tiny-guide.md"))
    assert first.returncode == 0, first.stderr
    refused = run(home, "import", str(DATA / "tiny-guide.md"))
    assert refused.returncode == 2 and "already in your library" in refused.stderr

    both = run(home, "import", "--keep-both", str(DATA / "tiny-guide.md"))
    again = run(home, "import", "--keep-both", str(DATA / "tiny-guide.md"))

    assert both.returncode == 0 and " as 'tiny-copy'." in both.stdout, both.stderr
    assert again.returncode == 0 and " as 'tiny-copy-2'." in again.stdout, again.stderr
    listed = run(home, "guides").stdout
    assert "tiny-copy" in listed and "A Tiny Guide (copy 2)" in listed


def test_a_csv_already_there_is_kept_beside_it_and_a_new_one_keeps_its_id(tmp_path: Path) -> None:
    home, path = tmp_path / "home", tmp_path / "capitals.csv"
    path.write_text("France,Paris\n", encoding="utf-8")
    new = run(home, "import", "--keep-both", str(path))  # nothing of that id yet: imported as it is
    assert new.returncode == 0 and " as 'capitals'." in new.stdout, new.stderr
    both = run(home, "import", "--keep-both", str(path))
    assert both.returncode == 0 and "Imported capitals (copy): 1 section, 1 card, 0 events as 'capitals-copy'." \
        in both.stdout, both.stderr
