"""``studyguide import PACKAGE.apkg`` loads only what an Anki package needs: the plain notes' and
the Obsidian vault's readers (5 ms of imports) wait for a file of theirs, and no sqlite-utils
database looks for plugins (``importlib.metadata``, 10 ms: tests/unit/test_sqlite_plugins.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NOT_NEEDED = ("studyguide.guides.notes", "studyguide.guides.vault", "studyguide.guides.obsidian", "importlib.metadata")


def test_importing_an_anki_package_loads_no_other_reader(tmp_path: Path) -> None:
    script = ("import sys\nfrom studyguide import cli\n"
              f"assert cli.main(['import', {str(ROOT / 'tests' / 'data' / 'anki' / 'current.apkg')!r}]) == 0\n"
              f"print(sorted(set({NOT_NEEDED!r}) & set(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "STUDYGUIDE_HOME": str(tmp_path / "home")})
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_command_lines_parser_loads_no_domain_module() -> None:
    """Every command's arguments are declared at each start: their modules wait for their command (the
    sync report's counts, the card browser's rows: 3 ms of a ``studyguide import``, 21 ms of parsing alone)."""
    script = ("import sys\nfrom studyguide import cli\ncli._parser()\n"
              "print(sorted(m for m in sys.modules if m.startswith('studyguide.domain.') "
              "and m != 'studyguide.domain.card_columns'))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
