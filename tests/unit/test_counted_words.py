"""Counts of one are said in the singular wherever the app and the command line count things
("1 section, 1 card, 1 event", "1 answer"), as the status bar and the Stats view already did."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from studyguide.store.backups import BackupInfo
from tests.unit.test_cli_authoring import out


def test_a_guide_of_one_section_card_and_event_is_listed_in_the_singular(tmp_path: Path) -> None:
    guide = out(tmp_path, "new", "Tiny").strip()
    section = out(tmp_path, "add", "section", guide, "--title", "Only").strip()
    out(tmp_path, "add", "card", guide, "--section", section, "--front", "Q?", "--back", "A")
    out(tmp_path, "add", "event", guide, "--section", section, "--title", "Once", "--when", "1962")
    line = next(row for row in out(tmp_path, "guides").splitlines() if row.startswith(guide))
    assert "\t1 section, 1 card, 1 event" in line
    exported = tmp_path / "tiny.md"
    assert out(tmp_path, "export", guide, "-o", str(exported)).startswith("Exported 1 card of 'Tiny'")
    assert "Tiny: 1 section, 1 card, 1 event as " in out(tmp_path, "import", str(exported), "--replace")


def test_a_backup_of_one_answer_says_answer(tmp_path: Path) -> None:
    made = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    assert BackupInfo(tmp_path / "b", made, "daily", 1).label().endswith("\u00b7 daily \u00b7 1 answer")
    assert BackupInfo(tmp_path / "b", made, "daily", 1520).label().endswith("\u00b7 1,520 answers")
