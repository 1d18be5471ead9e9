"""Every benchmark that has a small mode runs in it and prints its figures, so one that stops running shows.

``benchmarks/operations.py`` stopped before its first figure for a while (the Flashcards session
had moved off the UI thread) and nobody noticed: a 20x slower answer hid behind it. These runs
check that each script still runs to its end at a tiny size, not its figures. The review
benchmark's library (also browser.py's and operations.py's) is made at 5,000 cards
(``STUDYGUIDE_BENCH_CARDS``; over the 2,000 from which the window starts a session off the UI
thread) in the test's own folder. Not here: ``scale.py`` and ``reliability.py`` (tests of their
own), ``anki_import.py`` and ``window_import.py`` (Anki itself makes their package),
``startup.py`` / ``scale_review.py`` (a 100,000-card corpus) and ``frozen_startup.py`` (a
PyInstaller build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
REVIEW_LIBRARY = "review"  # marks the runs that need the review benchmark's small library

RUNS = [
    pytest.param(["authoring.py", "--cards", "2000", "--runs", "3"], "target", "", id="authoring"),
    pytest.param(["import_tsv.py", "--cards", "2000", "--runs", "1"], "peak memory", "", id="import_tsv"),
    pytest.param(["import_vault.py", "--notes", "100", "--images", "10", "--runs", "1"], "peak RSS", "",
                 id="import_vault"),
    pytest.param(["media.py", "--runs", "2"], "render without an image", "", id="media"),
    pytest.param(["timeline.py", "--events", "500", "--steps", "4"], "ratios to baseline", "", id="timeline"),
    pytest.param(["sync.py", "--runs", "1", "--answers", "2000"], "a sync with nothing new", "", id="sync"),
    pytest.param(["search_gui.py", "--sections", "2000", "--cards", "2000", "--events", "100"],
                 "Longest the UI thread was busy", "", id="search_gui"),
    pytest.param(["review.py"], "open Stats view", REVIEW_LIBRARY, id="review"),
    pytest.param(["browser.py"], "jump to a random page", REVIEW_LIBRARY, id="browser"),
    pytest.param(["operations.py", "--runs", "3"], "undo answer", REVIEW_LIBRARY, id="operations"),
    pytest.param(["sync_compaction.py", "--runs", "1", "--segments", "30"], "one compacted segment", "",
                 marks=pytest.mark.slow, id="sync_compaction"),
    pytest.param(["optimizer.py", "1"], "optimize()", "", marks=pytest.mark.slow, id="optimizer"),
]


def _run(args: list[str], tmp_path: Path, review_library: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    if review_library:
        env |= {"STUDYGUIDE_BENCH_CARDS": "5000", "STUDYGUIDE_BENCH_DATA": str(tmp_path / "review")}
    if args[0] == "search_gui.py":
        args = [*args, "--keep", str(tmp_path / "search.sqlite")]
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:]], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize(("args", "last_figure", "library"), RUNS)
def test_the_benchmark_runs_at_a_small_size(args: list[str], last_figure: str, library: str, tmp_path: Path) -> None:
    done = _run(args, tmp_path, review_library=library == REVIEW_LIBRARY)

    assert done.returncode == 0, done.stderr[-3000:]
    assert last_figure in done.stdout, done.stdout[-3000:]


def test_the_search_benchmark_section_filter_has_a_baseline_to_match(tmp_path: Path) -> None:
    """The bare FTS5 baseline's section column holds the section's title, so ``section:blockade naval``
    matches there what the app finds (it held the section's id since the ranking index's layout 5:
    0 matches, the row compared the app with an empty query)."""
    done = _run(["search.py", "--sections", "20000", "--cards", "20000", "--events", "1000", "--runs", "1"],
                tmp_path)

    assert done.returncode == 0, done.stderr[-3000:]
    row = next(line for line in done.stdout.splitlines() if line.startswith("| filter section:"))
    cells = [cell.strip() for cell in row.split("|")]
    matches, hits = int(cells[3].replace(",", "")), int(cells[4])
    assert matches > 0 and matches == hits, row
