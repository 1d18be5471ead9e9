"""Two processes (or two windows) on one library: no answer fails as locked, none is lost or scheduled stale.

The process tests start real Python processes through ``benchmarks/reliability_two_processes.py``:
each opens the library with ``studyguide.library.Library`` and answers cards through a
``ReviewSession`` as fast as it can, on the same cards in the same order.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "reliability_two_processes.py"


def _run(*args: str) -> dict:
    done = subprocess.run([sys.executable, str(SCRIPT), "--json", *args], capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout)


def _assert_nothing_failed(figures: dict, answers: int) -> None:
    assert figures["lock_failures"] == 0, figures["failure_messages"]
    assert figures["errors"] == []
    assert figures["attempts"] == figures["acknowledged"] == figures["logged"] == answers
    assert (figures["lost"], figures["phantom"], figures["stale"], figures["wrong_states"]) == (0, 0, 0, 0)
    assert figures["exit_codes"] == [0] * len(figures["exit_codes"])


def test_two_processes_answering_300_cards_each_never_fail_as_locked() -> None:
    figures = _run("--answers", "300")
    _assert_nothing_failed(figures, 600)


@pytest.mark.slow
def test_two_processes_answering_3000_cards_each_never_fail_as_locked() -> None:
    figures = _run("--answers", "3000")
    _assert_nothing_failed(figures, 6000)


def test_a_review_beside_command_line_backups_and_rebuilds_never_fails() -> None:
    figures = _run("--answers", "1500", "--processes", "1", "--cli")
    _assert_nothing_failed(figures, 1500)
    assert figures["cli"]["runs"] > 0
    assert figures["cli"]["failed"] == 0, figures["cli"]["messages"]


def test_progress_writes_take_the_write_lock_up_front() -> None:
    # A deferred ``db.atomic()`` that reads before it writes fails at once as locked when another
    # process writes meanwhile; every progress write goes through ``store.transactions.immediate``.
    store = SCRIPT.parents[1] / "studyguide" / "store"
    for name in ("progress.py", "card_edits.py", "settings.py", "statistics.py", "backups.py"):
        assert ".atomic(" not in (store / name).read_text(), name
