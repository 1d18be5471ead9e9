"""The first start survives SIGKILL at any moment: real processes, killed while creating a library.

A "zygote" process imports the app once (and makes one library, for what is imported on first
use), then forks one child per trial; each child creates a new library (``Library(...)``,
exactly as the app's start does) and is killed with SIGKILL after a random 0-40 ms (creating a library takes about
20-45 ms here). Every killed library must then open normally, with nothing
half-made left behind. Forking from a warm process is what makes 200 trials fit
in seconds; the kills are still of real, separate processes.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide.library import Library
from studyguide.store.errors import StoreUnavailable

ROOT = Path(__file__).parent.parent.parent
TRIALS = 200

#: Reads one library folder per line; forks a child that creates it; prints the child's pid.
ZYGOTE = r"""
import os, sys
from datetime import datetime, timezone
from pathlib import Path
from studyguide.library import Library
import sqlite_utils  # a new library's migrations use it; the library itself no longer imports it up front

bundled = Path(sys.argv[1])
# Warm: the library imports some of its parts when first used (a faster window start); make one
# library first so that a child spends its 0-40 ms creating files, not importing modules.
import tempfile
with tempfile.TemporaryDirectory() as warm:
    Library(home=Path(warm) / "warm", bundled_guide=bundled, clock=lambda: datetime.now(timezone.utc)).close()
for line in sys.stdin:
    home = Path(line.strip())
    pid = os.fork()
    if pid == 0:
        try:
            Library(home=home, bundled_guide=bundled, clock=lambda: datetime.now(timezone.utc)).close()
        finally:
            os._exit(0)
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""


def _moment(home: Path) -> str:
    """Where the kill landed: before any file, during the creation, or after it was complete."""
    names = {p.name for p in home.iterdir()} if home.exists() else set()
    if "progress.sqlite" not in names:
        return "during" if names else "before"
    if any(".creating-" in name for name in names) or (home / "progress.sqlite-journal").exists():
        return "during"
    return "after"


def _open(home: Path, bundled: Path) -> Library:
    return Library(home=home, bundled_guide=bundled, clock=lambda: datetime.now(timezone.utc))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_during_the_first_start_never_bricks_the_library(tmp_path: Path, content_db: Path) -> None:
    rng = random.Random(13)
    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(content_db)], cwd=ROOT, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    bricked: list[str] = []
    leftovers: list[str] = []
    moments: Counter[str] = Counter()
    try:
        for trial in range(TRIALS):
            home = tmp_path / f"lib{trial}"
            zygote.stdin.write(f"{home}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            delay = rng.uniform(0, 0.040)
            time.sleep(delay)  # the random moment of the kill (not waiting for a result)
            with contextlib.suppress(ProcessLookupError):  # it finished first: a complete library
                os.kill(pid, signal.SIGKILL)
            assert zygote.stdout.readline().strip() == "reaped"
            moments[_moment(home)] += 1
            try:
                library = _open(home, content_db)
            except StoreUnavailable as error:
                code = getattr(error.__cause__, "sqlite_errorname", None)
                bricked.append(f"trial {trial} ({delay * 1000:.0f} ms): {error} {code} "
                               f"{sorted(p.name for p in home.iterdir())}")
                continue
            library.close()
            extra = sorted(p.name for p in home.iterdir()
                           if p.name not in {"progress.sqlite", "backups", "guides"}
                           and not p.name.startswith("progress.incomplete-"))
            if extra:
                leftovers.append(f"trial {trial}: {extra}")
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        zygote.stdout.close()
    print(f"{TRIALS} kills: {dict(moments)}")
    # The kills must really land inside the creation, not only before or after it.
    assert moments["during"] > 0, moments
    assert bricked == [], f"{len(bricked)} of {TRIALS} libraries bricked:\n" + "\n".join(bricked[:10])
    assert leftovers == [], "\n".join(leftovers[:10])
