"""An edit killed mid-transaction (SIGKILL, real process) loses only that edit (issue 15)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from studyguide import api


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content_db: Path) -> Path:
    monkeypatch.setattr(api.paths, "bundled_guide_database", lambda: content_db)
    return tmp_path / "library"


def test_a_guide_killed_mid_edit_opens_as_it_was_before_that_edit(home: Path) -> None:
    with api.open_library(home) as library:
        guide = library.new_guide("Killed")
        section = library.add_section(guide, "Kept section")
        card = library.add_card(guide, section, "Kept question?", "Yes")
    path = home / "guides" / f"{guide}.sqlite"
    # A writer dies with its transaction half written to the file: a hot journal is left beside it.
    code = (f"import os, signal, sqlite3\n"
            f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "db.execute('PRAGMA cache_size=1')\n"
            "db.execute('BEGIN IMMEDIATE')\n"
            "db.execute(\"UPDATE sections SET body = hex(randomblob(200000))\")\n"
            "db.execute(\"INSERT INTO cards (id, section_id, position, front, back) \"\n"
            "           \"VALUES ('lost', 'x', 99, 'Lost', 'l')\")\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    killed = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert path.with_name(path.name + "-journal").exists()

    with api.open_library(home) as library:
        assert guide in [g.id for g in library.guides()]
        assert [h.item_id for h in library.search("kept question")] == card
        assert library.search("lost") == []
        assert library.add_card(guide, section, "After the kill?", "Fine") == ["after-the-kill"]
