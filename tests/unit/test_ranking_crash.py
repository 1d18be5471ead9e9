"""A process killed before its edits' ranking commit loses nothing (``store.ranking_commit``).

SQLite is the source of truth: the edit is in the guide and its ``search_changes`` log, and
the index's stamp moves only after a commit. Here the committing thread never commits, the
process is killed (SIGKILL) after searching with the edit pending, and the next library
finds the edit (the index catches up from the log).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from studyguide.authoring import Authoring
from studyguide.guides.build import build_from_source
from studyguide.library import Library
from studyguide.store.ranking import RANKING_FOLDER, STAMP

_CHILD = """
import sys, threading
from datetime import datetime, timezone
from pathlib import Path
from studyguide.authoring import Authoring
from studyguide.library import Library
from studyguide.store.ranking import RankingIndex

RankingIndex._commit_pending = lambda self: threading.Event().wait()  # the commit never happens
home, bundled, guide, section = sys.argv[1:5]
library = Library(home=Path(home), bundled_guide=Path(bundled), clock=lambda: datetime.now(timezone.utc))
authoring = Authoring(library=library)
card = authoring.add_card(guide, section, "Which zebrakill?", "That one").ids[0]
hits = library.search.search("zebrakill").hits
print(card if [h.item_id for h in hits] == [card] else "not found", flush=True)
threading.Event().wait()
"""


def test_edits_whose_commit_a_kill_prevented_are_found_by_the_next_library(tmp_path: Path) -> None:
    build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", tmp_path / "bundled.sqlite")
    home = tmp_path / "lib"
    library = Library(home=home, bundled_guide=tmp_path / "bundled.sqlite", clock=lambda: datetime.now(timezone.utc))
    authoring = Authoring(library=library)
    guide = authoring.new_guide("Killed").ids[0]
    section = authoring.add_section(guide, "Start", "Cuba").ids[0]
    assert library.search.search("cuba").hits
    authoring.close()
    library.close()
    stamp_before = (home / RANKING_FOLDER / STAMP).read_text("utf-8")

    root = str(Path(__file__).resolve().parents[2])
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(home), str(tmp_path / "bundled.sqlite"), guide,
                              section], stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": root})
    try:
        assert child.stdout is not None
        card = child.stdout.readline().strip()
        assert card and card != "not found"  # found while its commit was pending
        assert (home / RANKING_FOLDER / STAMP).read_text("utf-8") == stamp_before  # and never committed
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        if child.stdout is not None:
            child.stdout.close()

    library = Library(home=home, bundled_guide=tmp_path / "bundled.sqlite", clock=lambda: datetime.now(timezone.utc))
    try:
        assert [h.item_id for h in library.search.search("zebrakill").hits] == [card]
    finally:
        library.close()  # (which commits what that search read from the log)
    stamp = json.loads((home / RANKING_FOLDER / STAMP).read_text("utf-8"))
    assert stamp["guides"][guide][1] > json.loads(stamp_before)["guides"][guide][1]  # caught up from the log
